import { randomBytes } from 'crypto';

/**
 * A multipart/form-data body with one file part, built as a single Buffer: the n8n 1.x and 2.x
 * HTTP helpers both send a Buffer as it is, and a Buffer (unlike a stream or FormData) can be
 * sent again when a retry or a token refresh needs it.
 */
export interface MultipartUpload {
	body: Buffer;
	contentType: string;
	fileName: string;
	mimeType: string;
	size: number;
}

/** Quotes in a file name would end the header value; line breaks would start a new header. */
function headerSafe(text: string): string {
	return text.replace(/[\r\n]+/g, ' ').replace(/"/g, '%22');
}

/**
 * An empty multipart body with room for `size` bytes of file content at `offset`: the file is
 * written straight into it, so the upload never needs a second copy of the file.
 */
export function multipartFrame(
	field: string,
	fileName: string,
	mimeType: string,
	size: number,
): { body: Buffer; offset: number; contentType: string } {
	const boundary = `----ZohoBeam${randomBytes(12).toString('hex')}`;
	const head = Buffer.from(
		`--${boundary}\r\n` +
			`Content-Disposition: form-data; name="${field}"; filename="${headerSafe(fileName)}"\r\n` +
			`Content-Type: ${headerSafe(mimeType)}\r\n\r\n`,
		'utf8',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	const body = Buffer.allocUnsafe(head.length + size + tail.length);
	head.copy(body, 0);
	tail.copy(body, head.length + size);
	return { body, offset: head.length, contentType: `multipart/form-data; boundary=${boundary}` };
}
