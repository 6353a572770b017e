import { randomBytes } from 'crypto';

/**
 * A multipart/form-data body with one file part, built as a single Buffer: the n8n 1.x and 2.x
 * HTTP helpers both send a Buffer as it is, and a Buffer (unlike a stream or FormData) can be
 * sent again when a retry or a token refresh needs it. Peak memory is the file plus this body.
 */
export interface MultipartFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** Quotes in a file name would end the header value; line breaks would start a new header. */
function headerSafe(text: string): string {
	return text.replace(/[\r\n]+/g, ' ').replace(/"/g, '%22');
}

export function multipartBody(field: string, file: MultipartFile): { body: Buffer; contentType: string } {
	const boundary = `----ZohoBeam${randomBytes(12).toString('hex')}`;
	const head =
		`--${boundary}\r\n` +
		`Content-Disposition: form-data; name="${field}"; filename="${headerSafe(file.fileName)}"\r\n` +
		`Content-Type: ${headerSafe(file.mimeType)}\r\n\r\n`;
	const tail = `\r\n--${boundary}--\r\n`;
	return {
		body: Buffer.concat([Buffer.from(head, 'utf8'), file.data, Buffer.from(tail, 'utf8')]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}
