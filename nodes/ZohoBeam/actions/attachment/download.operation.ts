import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fileNameFromDisposition, mimeTypeFromHeader, readBinaryPropertyName } from '../../helpers/binary';
import { runPerItem, WithBinary } from '../../helpers/items';
import { readId } from '../../helpers/params';
import { inputError } from '../../helpers/validation';
import { crmPath, deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { deskOnly, optionsCollection, requestOptions } from '../common.descriptions';
import { deskOrgLocator } from '../case/shared';
import { attachmentIdParameter, attachmentItem, binaryPropertyParameter, readTarget, resolveTarget, targetParameters } from './shared';

const properties: INodeProperties[] = [
	...targetParameters(),
	attachmentIdParameter,
	binaryPropertyParameter('Put Output File in Field', 'Name of the binary property the downloaded file is put in'),
	optionsCollection([{ ...deskOrgLocator, displayOptions: deskOnly }, ...requestOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['attachment'], operation: ['download'] } }, properties);

export async function execute(this: IExecuteFunctions, session: ZohoSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const target = readTarget(this, itemIndex);
		const attachmentId = readId(this, itemIndex, 'attachmentId');
		const property = readBinaryPropertyName(this, itemIndex);
		const resolved = await resolveTarget(this, session, itemIndex, target);
		const response = await session.request<Buffer>({
			app: resolved.app,
			method: 'GET',
			path:
				resolved.app === 'desk'
					? deskPath('tickets', resolved.ticketId, 'attachments', attachmentId, 'content')
					: crmPath('v8', resolved.module, resolved.recordId, 'Attachments', attachmentId),
			binaryResponse: true,
			itemIndex,
			deskOrgId: resolved.app === 'desk' ? resolved.orgId : undefined,
		});
		const data = response.body;
		// Zoho CRM answers 204 for an attachment ID it does not know.
		if (response.statusCode === 204 || !Buffer.isBuffer(data)) {
			throw inputError(this.getNode(), itemIndex, `No attachment with ID ${attachmentId} on this ${resolved.app === 'desk' ? 'ticket' : 'record'}`);
		}
		const fileName = fileNameFromDisposition(response.headers['content-disposition']) ?? `attachment-${attachmentId}`;
		const mimeType = mimeTypeFromHeader(response.headers['content-type']) ?? 'application/octet-stream';
		const binary = await this.helpers.prepareBinaryData(data, fileName, mimeType);
		return [new WithBinary(attachmentItem(resolved, { id: attachmentId, fileName, mimeType, size: data.length, binaryProperty: property }), { [property]: binary })];
	});
}
