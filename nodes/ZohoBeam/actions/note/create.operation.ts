import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmLinker } from '../../helpers/links';
import { readId, readModule, toApiModule } from '../../helpers/params';
import type { ModuleName } from '../../helpers/validation';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { moduleLocator, optionsCollection, recordIdLocator, requestOptions } from '../common.descriptions';
import { batchOptions, readBatchSettings, runCrmWrite } from '../record/crmWrite';
import { contentParameter, noteItem, readNoteContent, readTitle, titleParameter } from './shared';

const properties: INodeProperties[] = [
	{ ...moduleLocator, description: 'The CRM module of the record the note belongs to' },
	recordIdLocator('The CRM record the note belongs to'),
	titleParameter('Title of the note (optional)'),
	contentParameter('Text of the note', true),
	optionsCollection([...batchOptions, ...requestOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['note'], operation: ['create'] } }, properties);

const NOTES = 'Notes' as ModuleName;

/**
 * Notes are created through Zoho's Notes module, up to 100 a request
 * (https://www.zoho.com/crm/developer/docs/api/v8/create-notes.html), each naming its parent
 * record in `Parent_Id`. Every item links to its parent record.
 */
export async function execute(this: IExecuteFunctions, session: ZohoSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const parents: Array<{ module: ModuleName; recordId: string }> = [];
	const output = await runCrmWrite(this, session, items, {
		...readBatchSettings(this),
		prepare: async (itemIndex) => {
			const parentModule = readModule(this, itemIndex);
			const recordId = readId(this, itemIndex, 'recordId');
			const title = readTitle(this, itemIndex);
			const content = readNoteContent(this, itemIndex, true);
			const module = await toApiModule(this, session, parentModule, itemIndex);
			parents[itemIndex] = { module, recordId };
			const record: IDataObject = { Note_Content: content, Parent_Id: { module: { api_name: module }, id: recordId } };
			if (title) record.Note_Title = title;
			return { module: NOTES, record };
		},
		request: (_module, records) => ({ app: 'crm', method: 'POST', path: crmPath('v8', NOTES), body: { data: records } }),
	});
	const linkers = new Map<string, ReturnType<typeof crmLinker>>();
	for (const [itemIndex, item] of output.entries()) {
		const parent = parents[itemIndex];
		if (item.json.error !== undefined || !parent) continue;
		let linker = linkers.get(parent.module);
		if (!linker) {
			linker = crmLinker(session, parent.module);
			linkers.set(parent.module, linker);
		}
		const { deepLink: _noteLink, ...json } = item.json;
		item.json = noteItem({ ...json, parentModule: parent.module, parentId: parent.recordId }, (await linker)(parent.recordId));
	}
	return output;
}
