import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readId, readModule, toApiModule } from '../../helpers/params';
import type { ModuleName } from '../../helpers/validation';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	moduleLocator,
	optionsCollection,
	recordIdLocator,
	requestOptions,
} from '../common.descriptions';
import { batchOptions, readBatchSettings, runCrmWrite } from '../record/crmWrite';
import {
	contentParameter,
	noteItem,
	parentLinks,
	readNoteContent,
	readTitle,
	titleParameter,
} from './shared';

const properties: INodeProperties[] = [
	{ ...moduleLocator, description: 'The CRM module of the record the note belongs to' },
	recordIdLocator('The CRM record the note belongs to'),
	titleParameter('Title of the note (optional)'),
	contentParameter('Text of the note', true),
	optionsCollection([...batchOptions, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['create'] } },
	properties,
);

const NOTES = 'Notes' as ModuleName;

/**
 * Notes are created through Zoho's Notes module, up to 100 a request
 * (https://www.zoho.com/crm/developer/docs/api/v8/create-notes.html), each naming its parent
 * record in `Parent_Id`. Every item links to its parent record.
 */
export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
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
			const record: IDataObject = {
				Note_Content: content,
				Parent_Id: { module: { api_name: module }, id: recordId },
			};
			if (title) record.Note_Title = title;
			return { module: NOTES, record };
		},
		request: (_module, records) => ({
			app: 'crm',
			method: 'POST',
			path: crmPath('v8', NOTES),
			body: { data: records },
		}),
	});
	const link = parentLinks(session);
	for (const [itemIndex, item] of output.entries()) {
		const parent = parents[itemIndex];
		if (item.json.error !== undefined || !parent) continue;
		const { deepLink: _noteLink, ...json } = item.json;
		const deepLink = await link({
			Parent_Id: { module: { api_name: parent.module }, id: parent.recordId },
		});
		item.json = noteItem(
			{ ...json, parentModule: parent.module, parentId: parent.recordId },
			deepLink,
		);
	}
	return output;
}
