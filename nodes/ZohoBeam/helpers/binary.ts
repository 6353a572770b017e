import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { MultipartUpload } from '../transport/multipart';
import { multipartFrame } from '../transport/multipart';
import { inputError, toCleanText } from './validation';

/**
 * n8n binary data in and out. Reading goes through n8n's helpers (`assertBinaryData`,
 * `getBinaryDataBuffer`) and writing through `prepareBinaryData`, so n8n's filesystem and
 * database binary modes work as well as the in-memory one.
 */

export const BINARY_PROPERTY_PATTERN = /^[A-Za-z0-9_\-.]{1,100}$/;

/** The name of a binary property parameter (`binaryPropertyName` and the like). */
export function readBinaryPropertyName(
	fn: IExecuteFunctions,
	itemIndex: number,
	parameter = 'binaryPropertyName',
): string {
	const node = fn.getNode();
	const name = toCleanText(
		node,
		itemIndex,
		fn.getNodeParameter(parameter, itemIndex, 'data'),
		parameter,
		{ maxLength: 100 },
	);
	if (!BINARY_PROPERTY_PATTERN.test(name)) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must be the name of a binary property like data or attachment_0, got ${JSON.stringify(name.slice(0, 40))}`,
		);
	}
	return name;
}

export interface LimitCheck {
	maxBytes: number;
	/** Where the limit comes from, for the error message ("Zoho CRM attachments"). */
	what: string;
}

function describeSize(bytes: number): string {
	const exact = `${bytes.toLocaleString('en-US')} bytes`;
	return bytes >= 1024 * 1024
		? `${exact} (${Number((bytes / (1024 * 1024)).toFixed(2))} MB)`
		: exact;
}

/**
 * The file in a binary property of an input item as a multipart upload body (field `field`),
 * refused before any request when the property is missing or the file is empty or over
 * `limit`. The file is written straight into the body: from n8n's base64 text (in-memory
 * binary mode) or from n8n's file stream (filesystem and other modes), so only the body is
 * held, never a second copy of the file.
 */
export async function readUpload(
	fn: IExecuteFunctions,
	items: INodeExecutionData[],
	itemIndex: number,
	property: string,
	limit: LimitCheck,
	field = 'file',
): Promise<MultipartUpload> {
	const node = fn.getNode();
	if (!items[itemIndex]?.binary?.[property]) {
		const present = Object.keys(items[itemIndex]?.binary ?? {});
		throw inputError(
			node,
			itemIndex,
			`Item ${itemIndex} has no binary property "${property}"`,
			present.length
				? `Its binary properties are: ${present.join(', ')}. Set "Input Binary Field" to one of them.`
				: 'The item carries no file at all. Read or download the file in an earlier node (e.g. Read/Write Files from Disk, HTTP Request) and name its binary property here.',
		);
	}
	const meta: IBinaryData = fn.helpers.assertBinaryData(itemIndex, property);
	const fileName =
		meta.fileName && meta.fileName.trim() !== ''
			? meta.fileName
			: `${property}${meta.fileExtension ? `.${meta.fileExtension}` : ''}`;
	const mimeType =
		meta.mimeType && meta.mimeType.trim() !== '' ? meta.mimeType : 'application/octet-stream';
	const size = meta.id
		? (await fn.helpers.getBinaryMetadata(meta.id)).fileSize
		: Buffer.byteLength(meta.data, 'base64');
	if (size > limit.maxBytes) throw tooLarge(fn, itemIndex, property, size, limit);
	if (size === 0)
		throw inputError(
			node,
			itemIndex,
			`The file in binary property "${property}" of item ${itemIndex} is empty; Zoho does not accept empty attachments`,
		);
	const { body, offset, contentType } = multipartFrame(field, fileName, mimeType, size);
	let written = 0;
	if (meta.id) {
		for await (const chunk of await fn.helpers.getBinaryStream(meta.id)) {
			const bytes: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			if (written + bytes.length > size) break;
			bytes.copy(body, offset + written);
			written += bytes.length;
		}
	} else {
		written = body.write(meta.data, offset, size, 'base64');
	}
	if (written !== size) {
		throw inputError(
			node,
			itemIndex,
			`The file in binary property "${property}" of item ${itemIndex} could not be read whole (${written} of ${size} bytes)`,
		);
	}
	return { body, contentType, fileName, mimeType, size };
}

function tooLarge(
	fn: IExecuteFunctions,
	itemIndex: number,
	property: string,
	bytes: number,
	limit: LimitCheck,
) {
	return inputError(
		fn.getNode(),
		itemIndex,
		`The file in binary property "${property}" of item ${itemIndex} is ${describeSize(bytes)}; ${limit.what} may be at most ${describeSize(limit.maxBytes)}`,
		'Zoho refuses larger files. Compress or split the file, or store it elsewhere and attach a link.',
	);
}

/** The file name of a download, from Content-Disposition (RFC 6266 `filename*` first). */
export function fileNameFromDisposition(header: unknown): string | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return undefined;
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(value);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// A malformed encoding falls through to the plain parameter.
		}
	}
	const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(value);
	const name = (plain?.[1] ?? plain?.[2])?.trim();
	return name ? name : undefined;
}

/** The MIME type of a download, from Content-Type without parameters. */
export function mimeTypeFromHeader(header: unknown): string | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	return value.split(';')[0].trim();
}
