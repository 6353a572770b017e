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
import { crmPath, deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { deskOnly, optionsCollection, requestOptions } from '../common.descriptions';
import { deskOrgLocator } from '../case/shared';
import {
	attachmentIdParameter,
	attachmentItem,
	readTarget,
	resolveTarget,
	targetParameters,
} from './shared';

const properties: INodeProperties[] = [
	...targetParameters(),
	attachmentIdParameter,
	optionsCollection([{ ...deskOrgLocator, displayOptions: deskOnly }, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attachment'], operation: ['delete'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const target = readTarget(this, itemIndex);
		const attachmentId = readId(this, itemIndex, 'attachmentId');
		const resolved = await resolveTarget(this, session, itemIndex, target);
		const response = await session.request<IDataObject>({
			app: resolved.app,
			method: 'DELETE',
			path:
				resolved.app === 'desk'
					? deskPath('tickets', resolved.ticketId, 'attachments', attachmentId)
					: crmPath('v8', resolved.module, resolved.recordId, 'Attachments', attachmentId),
			itemIndex,
			deskOrgId: resolved.app === 'desk' ? resolved.orgId : undefined,
		});
		if (resolved.app === 'crm') {
			const result = singleCrmResult(this.getNode(), response.body, itemIndex, {
				subject: `attachment ${attachmentId}`,
			});
			return [
				attachmentItem(resolved, {
					id: attachmentId,
					deleted: true,
					code: result.code,
					status: result.status,
					message: result.message,
				}),
			];
		}
		return [attachmentItem(resolved, { id: attachmentId, deleted: true })];
	});
}
