'use strict';
/** Low-level HTTP helpers: body reading/parsing and answering. */

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Reads the whole request body (up to 10 MB, or `maxBytes`).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} [maxBytes]
 * @returns {Promise<Buffer|null>} null when the body is too large
 */
function readBody(req, maxBytes = MAX_BODY_BYTES) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > maxBytes) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * @typedef {{kind: 'none'} | {kind: 'json', value: unknown} | {kind: 'form', value: Record<string, string>} | {kind: 'invalid', reason: string}} ParsedBody
 */

/**
 * Parses a body by content type. JSON is assumed when the type is missing and the body looks like JSON.
 * @param {Buffer} buf @param {string|undefined} contentType
 * @returns {ParsedBody}
 */
function parseBody(buf, contentType) {
	if (!buf.length) return { kind: 'none' };
	const type = (contentType ?? '').toLowerCase();
	const text = buf.toString('utf8');
	if (type.startsWith('application/x-www-form-urlencoded')) {
		return { kind: 'form', value: Object.fromEntries(new URLSearchParams(text)) };
	}
	if (type.startsWith('multipart/form-data')) {
		const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
		if (!m) return { kind: 'invalid', reason: 'multipart body without boundary' };
		return { kind: 'form', value: parseMultipart(text, m[1] ?? m[2]) };
	}
	if (
		type === '' ||
		type.startsWith('application/json') ||
		type.startsWith('text/json') ||
		type.startsWith('text/plain')
	) {
		try {
			return { kind: 'json', value: JSON.parse(text) };
		} catch {
			return { kind: 'invalid', reason: 'body is not valid JSON' };
		}
	}
	return { kind: 'invalid', reason: `unsupported content type ${contentType}` };
}

/** Text fields of a multipart/form-data body. @param {string} text @param {string} boundary */
function parseMultipart(text, boundary) {
	/** @type {Record<string, string>} */
	const out = {};
	for (const part of text.split(`--${boundary}`)) {
		const idx = part.indexOf('\r\n\r\n');
		if (idx < 0) continue;
		const head = part.slice(0, idx);
		const name = /name="([^"]*)"/i.exec(head);
		if (!name) continue;
		out[name[1]] = part.slice(idx + 4).replace(/\r\n$/, '');
	}
	return out;
}

/**
 * Writes an answer unless the socket is gone.
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {{body?: unknown, raw?: string|Buffer, headers?: Record<string, string>}} out
 */
function send(res, status, out) {
	if (res.writableEnded || res.destroyed) return;
	const headers = { ...(out.headers ?? {}) };
	let payload = '';
	if (status !== 204 && status !== 304) {
		if (out.raw !== undefined) payload = out.raw;
		else if (out.body !== undefined && out.body !== null) {
			payload = JSON.stringify(out.body);
			if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
				headers['content-type'] = 'application/json;charset=UTF-8';
		}
	}
	headers['content-length'] = String(Buffer.byteLength(payload));
	res.writeHead(status, headers);
	res.end(payload);
}

/** Query parameters as a plain object (repeated keys → array). @param {URLSearchParams} q */
function queryObject(q) {
	/** @type {Record<string, string|string[]>} */
	const out = {};
	for (const [k, v] of q) {
		const prev = out[k];
		if (prev === undefined) out[k] = v;
		else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
	}
	return out;
}

/** Multipart uploads (file attachments) may be larger: CRM accepts bodies up to 100 MB. */
const MAX_UPLOAD_BYTES = 101 * 1024 * 1024;

module.exports = { readBody, parseBody, send, queryObject, MAX_BODY_BYTES, MAX_UPLOAD_BYTES };
