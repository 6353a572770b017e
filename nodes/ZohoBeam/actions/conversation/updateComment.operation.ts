import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readId } from '../../helpers/params';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { optionsCollection, requestOptions } from '../common.descriptions';
import { deskOrgLocator, orgFor, readTicketId, ticketIdLocator } from '../case/shared';
import {
	commentIdParameter,
	contentParameter,
	contentTypeParameter,
	conversationItem,
	readContent,
	readContentType,
	ticketLink,
} from './shared';

const properties: INodeProperties[] = [
	ticketIdLocator,
	commentIdParameter,
	contentParameter('New text of the comment'),
	contentTypeParameter('Whether the content is HTML or plain text'),
	optionsCollection([deskOrgLocator, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['updateComment'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const ticketId = readTicketId(this, itemIndex);
		const commentId = readId(this, itemIndex, 'commentId');
		const content = readContent(this, itemIndex);
		const contentType = readContentType(this, itemIndex);
		const orgId = await orgFor(this, session, itemIndex);
		const response = await session.request<IDataObject>({
			app: 'desk',
			method: 'PATCH',
			path: deskPath('tickets', ticketId, 'comments', commentId),
			body: { content, contentType },
			itemIndex,
			deskOrgId: orgId,
		});
		return [
			conversationItem(
				response.body ?? { id: commentId },
				ticketId,
				await ticketLink(session, orgId, ticketId),
				'comment',
			),
		];
	});
}
