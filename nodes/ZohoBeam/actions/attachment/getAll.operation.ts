import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { crmList, deskList } from '../../transport/paging';
import type { ZohoSession } from '../../transport/session';
import {
	deskOnly,
	optionsCollection,
	readLimit,
	requestOptions,
	returnAllAndLimit,
} from '../common.descriptions';
import { deskOrgLocator } from '../case/shared';
import {
	attachmentItem,
	CRM_ATTACHMENT_FIELDS,
	readTarget,
	resolveTarget,
	targetParameters,
} from './shared';

const properties: INodeProperties[] = [
	...targetParameters(),
	...returnAllAndLimit,
	optionsCollection([{ ...deskOrgLocator, displayOptions: deskOnly }, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attachment'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const target = readTarget(this, itemIndex);
		const limit = readLimit(this, itemIndex);
		const resolved = await resolveTarget(this, session, itemIndex, target);
		const entries =
			resolved.app === 'desk'
				? await deskList(session, {
						path: resolved.base,
						limit,
						itemIndex,
						deskOrgId: resolved.orgId,
					})
				: await crmList(session, {
						path: resolved.base,
						qs: { fields: CRM_ATTACHMENT_FIELDS },
						limit,
						itemIndex,
					});
		return entries.map((entry) => attachmentItem(resolved, entry));
	});
}
