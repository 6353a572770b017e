import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readBinaryPropertyName, readUpload } from '../../helpers/binary';
import { runPerItem } from '../../helpers/items';
import { readOptions } from '../../helpers/params';
import { singleCrmResult } from '../../transport/errors';
import type { ZohoSession } from '../../transport/session';
import { deskOnly, optionsCollection, requestOptions } from '../common.descriptions';
import { deskOrgLocator } from '../case/shared';
import {
	attachmentItem,
	binaryPropertyParameter,
	CRM_ATTACHMENT_LIMIT,
	DESK_ATTACHMENT_LIMIT,
	readTarget,
	resolveTarget,
	targetParameters,
} from './shared';

const properties: INodeProperties[] = [
	...targetParameters(),
	binaryPropertyParameter(
		'Input Binary Field',
		'Name of the binary property of the input item that holds the file',
	),
	optionsCollection([
		{ ...deskOrgLocator, displayOptions: deskOnly },
		{
			displayName: 'Public',
			name: 'isPublic',
			type: 'boolean',
			default: false,
			description: 'Whether the customer can see the file in the help center',
			displayOptions: deskOnly,
		},
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attachment'], operation: ['upload'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const target = readTarget(this, itemIndex);
		const property = readBinaryPropertyName(this, itemIndex);
		const file = await readUpload(
			this,
			items,
			itemIndex,
			property,
			target.app === 'crm' ? CRM_ATTACHMENT_LIMIT : DESK_ATTACHMENT_LIMIT,
		);
		const isPublic = readOptions(this, itemIndex).isPublic === true;
		const resolved = await resolveTarget(this, session, itemIndex, target);
		const response = await session.request<IDataObject>({
			app: target.app,
			method: 'POST',
			path: resolved.base,
			qs: resolved.app === 'desk' ? { isPublic } : undefined,
			rawBody: file.body,
			headers: { 'Content-Type': file.contentType },
			itemIndex,
			deskOrgId: resolved.app === 'desk' ? resolved.orgId : undefined,
		});
		if (resolved.app === 'desk') return [attachmentItem(resolved, response.body ?? {})];
		// CRM answers like a write: one result with code, status and details (the new ID).
		const result = singleCrmResult(this.getNode(), response.body, itemIndex, {
			subject: `the file of item ${itemIndex}`,
			hint: 'Check the file and the record.',
		});
		const details = (result.details ?? {}) as IDataObject;
		return [
			attachmentItem(resolved, {
				id: details.id,
				File_Name: file.fileName,
				Size: file.size,
				code: result.code,
				status: result.status,
				message: result.message,
				details,
			}),
		];
	});
}
