import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readId } from '../../helpers/params';
import { singleCrmResult } from '../../transport/errors';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { optionsCollection, requestOptions } from '../common.descriptions';
import { noteIdParameter, noteItem } from './shared';

const properties: INodeProperties[] = [noteIdParameter, optionsCollection([...requestOptions])];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const noteId = readId(this, itemIndex, 'noteId');
		const response = await session.request<IDataObject>({
			app: 'crm',
			method: 'DELETE',
			path: crmPath('v8', 'Notes', noteId),
			itemIndex,
			perRecordKey: 'data',
		});
		const result = singleCrmResult(this.getNode(), response.body, itemIndex, {
			subject: `note ${noteId}`,
			hint: 'Check the note ID.',
		});
		// A deleted note has no parent page left to open.
		return [
			noteItem(
				{
					id: noteId,
					deleted: true,
					code: result.code,
					status: result.status,
					message: result.message,
				},
				undefined,
			),
		];
	});
}
