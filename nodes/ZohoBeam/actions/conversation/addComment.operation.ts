import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { optionsCollection, requestOptions } from '../common.descriptions';
import { deskOrgLocator, orgFor, readTicketId, ticketIdLocator } from '../case/shared';
import {
	contentParameter,
	contentTypeParameter,
	conversationItem,
	readContent,
	readContentType,
	ticketLink,
} from './shared';

const properties: INodeProperties[] = [
	ticketIdLocator,
	contentParameter('Text of the comment'),
	{
		displayName: 'Public',
		name: 'isPublic',
		type: 'boolean',
		default: false,
		description:
			'Whether the customer can see the comment in the help center. Zoho fixes this when the comment is made.',
	},
	contentTypeParameter('Whether the content is HTML or plain text'),
	optionsCollection([deskOrgLocator, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['addComment'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const ticketId = readTicketId(this, itemIndex);
		const content = readContent(this, itemIndex);
		const contentType = readContentType(this, itemIndex);
		const isPublic = this.getNodeParameter('isPublic', itemIndex, false) === true;
		const orgId = await orgFor(this, session, itemIndex);
		const response = await session.request<IDataObject>({
			app: 'desk',
			method: 'POST',
			path: deskPath('tickets', ticketId, 'comments'),
			body: { content, contentType, isPublic },
			itemIndex,
			deskOrgId: orgId,
		});
		return [
			conversationItem(
				response.body ?? {},
				ticketId,
				await ticketLink(session, orgId, ticketId),
				'comment',
			),
		];
	});
}
