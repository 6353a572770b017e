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
import { conversationItem, ticketLink } from './shared';

const properties: INodeProperties[] = [
	ticketIdLocator,
	{
		displayName: 'Thread ID',
		name: 'threadId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 189200000100301000',
		description: 'ID of the thread (from Get Many)',
	},
	optionsCollection([deskOrgLocator, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const ticketId = readTicketId(this, itemIndex);
		const threadId = readId(this, itemIndex, 'threadId');
		const orgId = await orgFor(this, session, itemIndex);
		const response = await session.request<IDataObject>({
			app: 'desk',
			method: 'GET',
			path: deskPath('tickets', ticketId, 'threads', threadId),
			itemIndex,
			deskOrgId: orgId,
		});
		return [
			conversationItem(
				response.body ?? { id: threadId },
				ticketId,
				await ticketLink(session, orgId, ticketId),
				'thread',
			),
		];
	});
}
