'use strict';
/**
 * CRM record attachments (v8): `POST/GET /{module}/{id}/Attachments` (multipart field `file`),
 * `GET/DELETE /{module}/{id}/Attachments/{attachment_id}`. Shapes from Zoho's CRM v8 OpenAPI
 * file attachments.json (github.com/zoho/crm-oas) and
 * https://www.zoho.com/crm/developer/docs/api/v8/upload-attachment.html.
 */

const { CRM, crmError } = require('../errors');
const { crmDateTime } = require('../time');
const { parseParts, contentDisposition } = require('../multipart');
const { intParam, perPageParam, currentUserRef, moduleOf, ID_RE } = require('./common');

/** "Maximum request body size: 100MB" (attachments.json, Upload an attachment). */
const MAX_BYTES = 100 * 1024 * 1024;
const FIELDS = [
	'id',
	'File_Name',
	'Size',
	'Created_Time',
	'Modified_Time',
	'Owner',
	'Created_By',
	'Modified_By',
	'Parent_Id',
	'$file_id',
	'$type',
	'$link_url',
	'$se_module',
	'$editable',
];
let seq = 0;
const newId = () => `5725767${String(820000000000 + ++seq)}`;

/** @param {import('../server').Ctx} ctx @returns {Map<string, Record<string, any>>} */
const store = (ctx) => (ctx.data.crm.attachments ??= new Map());

/** The record of the path, which must exist. @param {import('../server').Ctx} ctx */
function parent(ctx) {
	const mod = moduleOf(ctx);
	if (!ID_RE.test(ctx.params.id) || !ctx.data.crm.records[mod.api_name]?.has(ctx.params.id)) {
		throw crmError(400, 'INVALID_DATA', 'the related id given seems to be invalid', {
			resource_path_index: 1,
		});
	}
	return { mod, recordId: ctx.params.id };
}

/** POST: one file in the multipart field `file`. @param {import('../server').Ctx} ctx */
function upload(ctx) {
	const { mod, recordId } = parent(ctx);
	const parts = parseParts(
		/** @type {Buffer} */ (ctx.rawBody),
		/** @type {string|undefined} */ (ctx.headers['content-type']),
	);
	if (!parts)
		throw crmError(400, 'INVALID_DATA', 'the content type should be multipart/form-data', {
			expected_content_type: 'multipart/form-data',
		});
	const file = parts.find((p) => p.name === 'file' && p.fileName !== null);
	if (!file) throw CRM.requiredParam('file');
	if (file.data.length > MAX_BYTES)
		throw crmError(
			413,
			'FILE_SIZE_MORE_THAN_ALLOWED',
			'Request entity too large - file size exceeds 100MB limit',
			{ maximum_size: '100MB' },
		);
	if (/\.exe$/i.test(file.fileName ?? ''))
		throw crmError(400, 'INVALID_DATA', 'the file type is not supported', { param_name: 'file' });
	const now = crmDateTime(Date.now());
	const user = currentUserRef();
	const entry = {
		id: newId(),
		File_Name: file.fileName,
		Size: String(file.data.length),
		Created_Time: now,
		Modified_Time: now,
		Owner: user,
		Created_By: user,
		Modified_By: user,
		Parent_Id: { name: null, id: recordId },
		$se_module: mod.api_name,
		$file_id: `fid${seq}`,
		$type: 'Attachment',
		$link_url: null,
		$editable: true,
		_module: mod.api_name,
		_mime: file.contentType ?? 'application/octet-stream',
		_data: Buffer.from(file.data),
	};
	store(ctx).set(entry.id, entry);
	ctx.core.countWrite('Attachments', entry.id);
	return {
		status: 200,
		body: {
			data: [
				{
					code: 'SUCCESS',
					details: {
						Modified_Time: now,
						Modified_By: user,
						Created_Time: now,
						id: entry.id,
						Created_By: user,
						$file_id: entry.$file_id,
					},
					message: 'attachment uploaded successfully',
					status: 'success',
				},
			],
		},
	};
}

/** GET list (page / per_page); 204 when the record has none. @param {import('../server').Ctx} ctx */
function list(ctx) {
	const { mod, recordId } = parent(ctx);
	const raw = ctx.query.get('fields');
	const fields = raw ? raw.split(',').map((s) => s.trim()) : FIELDS;
	for (const f of fields)
		if (!FIELDS.includes(f))
			throw crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'fields', api_name: f });
	const perPage = perPageParam(ctx.query);
	const pageNo = intParam(ctx.query, 'page', { min: 1, def: 1 });
	const all = Array.from(store(ctx).values()).filter(
		(a) => a._module === mod.api_name && a.Parent_Id.id === recordId,
	);
	const slice = all.slice((pageNo - 1) * perPage, pageNo * perPage);
	if (slice.length === 0) return { status: 204 };
	ctx.entry.records = slice.length;
	const data = slice.map((a) =>
		Object.fromEntries(['id', ...fields.filter((f) => f !== 'id')].map((f) => [f, a[f] ?? null])),
	);
	return {
		status: 200,
		body: {
			data,
			info: {
				per_page: perPage,
				count: slice.length,
				page: pageNo,
				more_records: pageNo * perPage < all.length,
			},
		},
	};
}

/** @param {import('../server').Ctx} ctx */
function find(ctx) {
	const { mod, recordId } = parent(ctx);
	if (!ID_RE.test(ctx.params.attachmentId))
		throw crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', {
			resource_path_index: 3,
		});
	const entry = store(ctx).get(ctx.params.attachmentId);
	return entry && entry._module === mod.api_name && entry.Parent_Id.id === recordId ? entry : null;
}

/** GET one: the file's bytes with Content-Type and Content-Disposition; 204 for an unknown ID. @param {import('../server').Ctx} ctx */
function download(ctx) {
	const entry = find(ctx);
	if (!entry) return { status: 204 };
	return {
		status: 200,
		raw: entry._data,
		headers: {
			'content-type': entry._mime,
			'content-disposition': contentDisposition(entry.File_Name),
		},
	};
}

/** DELETE one. @param {import('../server').Ctx} ctx */
function remove(ctx) {
	const entry = find(ctx);
	if (!entry)
		throw crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', {
			id: ctx.params.attachmentId,
		});
	store(ctx).delete(entry.id);
	return {
		status: 200,
		body: {
			data: [
				{
					code: 'SUCCESS',
					details: { id: entry.id },
					message: 'record deleted',
					status: 'success',
				},
			],
		},
	};
}

module.exports = { upload, list, download, remove, MAX_BYTES };
