import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	fileNameFromDisposition,
	mimeTypeFromHeader,
	readBinaryPropertyName,
} from '../../helpers/binary';
import { runPerItem, WithBinary } from '../../helpers/items';
import { readId } from '../../helpers/params';
import { inputError } from '../../helpers/validation';
import { crmPath, deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { deskOnly, optionsCollection, requestOptions } from '../common.descriptions';
import { deskOrgLocator } from '../case/shared';
import {
	attachmentIdParameter,
	attachmentItem,
	binaryPropertyParameter,
	readTarget,
	resolveTarget,
	targetParameters,
} from './shared';

/** The body of a download: the stream n8n's HTTP helper returns, which prepareBinaryData accepts. */
type FileStream = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0] & {
	destroy?: () => void;
};

const properties: INodeProperties[] = [
	...targetParameters(),
	attachmentIdParameter,
	binaryPropertyParameter(
		'Put Output File in Field',
		'Name of the binary property the downloaded file is put in',
	),
	optionsCollection([{ ...deskOrgLocator, displayOptions: deskOnly }, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attachment'], operation: ['download'] } },
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
		const property = readBinaryPropertyName(this, itemIndex);
		const resolved = await resolveTarget(this, session, itemIndex, target);
		const response = await session.request<FileStream>({
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
		if (response.statusCode === 204 || data === undefined) {
			data?.destroy?.();
			throw inputError(
				this.getNode(),
				itemIndex,
				`No attachment with ID ${attachmentId} on this ${resolved.app === 'desk' ? 'ticket' : 'record'}`,
			);
		}
		const fileName =
			fileNameFromDisposition(response.headers['content-disposition']) ??
			`attachment-${attachmentId}`;
		const mimeType =
			mimeTypeFromHeader(response.headers['content-type']) ?? 'application/octet-stream';
		// The stream goes straight to n8n: in filesystem mode the file is written as it arrives.
		const binary = await this.helpers.prepareBinaryData(data, fileName, mimeType);
		const size =
			binary.bytes ??
			(typeof binary.data === 'string' && !binary.id
				? Buffer.byteLength(binary.data, 'base64')
				: undefined);
		return [
			new WithBinary(
				attachmentItem(resolved, {
					id: attachmentId,
					fileName,
					mimeType,
					size,
					binaryProperty: property,
				}),
				{ [property]: binary },
			),
		];
	});
}
