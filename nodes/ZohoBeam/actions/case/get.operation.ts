import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readOptions } from '../../helpers/params';
import { deskPath } from '../../transport/paths';
import { answerError } from '../../transport/errors';
import type { ZohoSession } from '../../transport/session';
import { optionsCollection, requestOptions } from '../common.descriptions';
import {
	deskOrgLocator,
	includeOption,
	orgFor,
	readInclude,
	readTicketId,
	ticketIdLocator,
	withDeepLinks,
} from './shared';

const properties: INodeProperties[] = [
	ticketIdLocator,
	optionsCollection([deskOrgLocator, includeOption, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const ticketId = readTicketId(this, itemIndex);
		const include = readInclude(this, itemIndex, readOptions(this, itemIndex).include);
		const orgId = await orgFor(this, session, itemIndex);
		const response = await session.request<IDataObject>({
			app: 'desk',
			method: 'GET',
			path: deskPath('tickets', ticketId),
			qs: include ? { include } : undefined,
			itemIndex,
			deskOrgId: orgId,
		});
		if (!response.body) {
			throw answerError(this.getNode(), itemIndex, {
				code: 'NOT_FOUND',
				message: `No Desk ticket with ID ${ticketId}`,
				description:
					'Zoho answered without a ticket: it does not exist in this organization, or it was deleted.',
			});
		}
		return await withDeepLinks(session, orgId, [response.body]);
	});
}
