import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readId } from '../../helpers/params';
import { inputError } from '../../helpers/validation';
import { singleCrmResult } from '../../transport/errors';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { optionsCollection, requestOptions } from '../common.descriptions';
import {
	contentParameter,
	noteIdParameter,
	noteItem,
	parentLinks,
	readNoteContent,
	readTitle,
	titleParameter,
} from './shared';

const properties: INodeProperties[] = [
	noteIdParameter,
	titleParameter('New title (empty: unchanged)'),
	contentParameter('New text (empty: unchanged)', false),
	optionsCollection([...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const link = parentLinks(session);
	return await runPerItem(this, items, async (itemIndex) => {
		const noteId = readId(this, itemIndex, 'noteId');
		const title = readTitle(this, itemIndex);
		const content = readNoteContent(this, itemIndex, false);
		if (!title && !content) {
			throw inputError(
				this.getNode(),
				itemIndex,
				`Nothing to update for note ${noteId} (item ${itemIndex}): title and content are both empty`,
			);
		}
		const change: IDataObject = {};
		if (title) change.Note_Title = title;
		if (content) change.Note_Content = content;
		const response = await session.request<IDataObject>({
			app: 'crm',
			method: 'PUT',
			path: crmPath('v8', 'Notes', noteId),
			body: { data: [change] },
			itemIndex,
			perRecordKey: 'data',
		});
		const result = singleCrmResult(this.getNode(), response.body, itemIndex, {
			subject: `note ${noteId}`,
			hint: 'Check the note ID and the values.',
		});
		const details = (result.details ?? {}) as IDataObject;
		// The answer does not name the parent: read the note back for its link.
		const note = await session.request<{ data?: IDataObject[] }>({
			app: 'crm',
			method: 'GET',
			path: crmPath('v8', 'Notes', noteId),
			itemIndex,
		});
		const current = note.body?.data?.[0] ?? {};
		return [
			noteItem(
				{
					id: noteId,
					...current,
					code: result.code,
					status: result.status,
					message: result.message,
					details,
				},
				await link(current),
			),
		];
	});
}
