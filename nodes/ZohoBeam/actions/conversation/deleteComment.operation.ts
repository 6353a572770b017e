import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readId } from '../../helpers/params';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { optionsCollection, requestOptions } from '../common.descriptions';
import { deskOrgLocator, orgFor, readTicketId, ticketIdLocator } from '../case/shared';
import { commentIdParameter, ticketLink } from './shared';

const properties: INodeProperties[] = [
	ticketIdLocator,
	commentIdParameter,
	optionsCollection([deskOrgLocator, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['deleteComment'] } },
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
		const orgId = await orgFor(this, session, itemIndex);
		await session.request({
			app: 'desk',
			method: 'DELETE',
			path: deskPath('tickets', ticketId, 'comments', commentId),
			itemIndex,
			deskOrgId: orgId,
		});
		return [
			{
				id: commentId,
				deepLink: await ticketLink(session, orgId, ticketId),
				ticketId,
				type: 'comment',
				deleted: true,
			},
		];
	});
}
