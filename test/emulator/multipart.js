'use strict';
/**
 * Binary-safe multipart/form-data parsing for uploads (CRM record attachments, Desk ticket
 * attachments and uploads): the bytes of a file part are kept exactly as sent.
 */

/**
 * @typedef {{name: string, fileName: string|null, contentType: string|null, data: Buffer}} Part
 */

/**
 * @param {Buffer} buf @param {string|undefined} contentType
 * @returns {Part[]|null} null when the body is not multipart or has no boundary
 */
function parseParts(buf, contentType) {
	const m = /^multipart\/form-data\s*;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
	if (!m) return null;
	const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
	/** @type {Part[]} */
	const parts = [];
	let start = buf.indexOf(delimiter);
	while (start !== -1) {
		const afterDelimiter = start + delimiter.length;
		if (buf.slice(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
		const next = buf.indexOf(delimiter, afterDelimiter);
		if (next === -1) break;
		// A part: CRLF, headers, CRLF CRLF, data, CRLF before the next delimiter.
		const part = buf.subarray(afterDelimiter + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const head = part.subarray(0, headerEnd).toString('utf8');
			const name = /name="([^"]*)"/i.exec(head);
			const fileName = /filename="([^"]*)"/i.exec(head);
			const type = /^content-type:\s*(.+)$/im.exec(head);
			if (name)
				parts.push({
					name: name[1],
					fileName: fileName ? fileName[1] : null,
					contentType: type ? type[1].trim() : null,
					data: part.subarray(headerEnd + 4),
				});
		}
		start = next;
	}
	return parts;
}

/** Content-Disposition for a download, with an RFC 5987 name for non-ASCII file names. @param {string} fileName */
function contentDisposition(fileName) {
	const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

module.exports = { parseParts, contentDisposition };
