'use strict';
/**
 * CRM Notes (v8): `POST/GET /Notes`, `GET/PUT/DELETE /Notes/{id}`, `GET /{module}/{id}/Notes`.
 * Shapes from Zoho's CRM v8 OpenAPI files notes.json and related_notes.json
 * (github.com/zoho/crm-oas) and https://www.zoho.com/crm/developer/docs/api/v8/create-notes.html.
 */

const { CRM, crmError, crmItemError } = require('../errors');
const { findModule, CURRENT_USER } = require('../data/crm-schema');
const { crmDateTime } = require('../time');
const { intParam, perPageParam, currentUserRef, isPlainObject, ID_RE } = require('./common');

const MAX_NOTES = 100;
const NOTE_FIELDS = [
	'id',
	'Note_Title',
	'Note_Content',
	'Parent_Id',
	'Owner',
	'Created_By',
	'Created_Time',
	'Modified_By',
	'Modified_Time',
	'$se_module',
];
let seq = 0;
const newId = () => `5725767${String(810000000000 + ++seq)}`;

/** @param {import('../server').Ctx} ctx @returns {Map<string, Record<string, any>>} */
const store = (ctx) => (ctx.data.crm.notes ??= new Map());

/** @param {import('../server').Ctx} ctx */
function fieldsParam(ctx) {
	const raw = ctx.query.get('fields');
	if (raw === null || raw.trim() === '') throw CRM.requiredParam('fields');
	const names = raw.split(',').map((s) => s.trim());
	for (const n of names)
		if (!NOTE_FIELDS.includes(n))
			throw crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'fields', api_name: n });
	return names;
}

/** @param {Record<string, any>} note @param {string[]} fields */
const project = (note, fields) =>
	Object.fromEntries(['id', ...fields.filter((f) => f !== 'id')].map((f) => [f, note[f] ?? null]));

/** Lists with page / per_page, newest first; 204 when there is nothing. @param {import('../server').Ctx} ctx @param {Record<string, any>[]} notes */
function page(ctx, notes) {
	const fields = fieldsParam(ctx);
	const perPage = perPageParam(ctx.query);
	const pageNo = intParam(ctx.query, 'page', { min: 1, def: 1 });
	const sorted = notes
		.slice()
		.sort((a, b) =>
			a.Created_Time < b.Created_Time
				? 1
				: a.Created_Time > b.Created_Time
					? -1
					: a.id < b.id
						? 1
						: -1,
		);
	const slice = sorted.slice((pageNo - 1) * perPage, pageNo * perPage);
	if (slice.length === 0) return { status: 204 };
	ctx.entry.records = slice.length;
	return {
		status: 200,
		body: {
			data: slice.map((n) => project(n, fields)),
			info: {
				per_page: perPage,
				count: slice.length,
				page: pageNo,
				more_records: pageNo * perPage < sorted.length,
			},
		},
	};
}

/** GET /Notes @param {import('../server').Ctx} ctx */
const list = (ctx) => page(ctx, Array.from(store(ctx).values()));

/** GET /{module}/{id}/Notes @param {import('../server').Ctx} ctx */
function listOfRecord(ctx) {
	const mod = /** @type {any} */ (ctx.mod);
	if (!ctx.data.crm.records[mod.api_name]?.has(ctx.params.id))
		throw crmError(400, 'INVALID_DATA', 'the related id given seems to be invalid', {
			resource_path_index: 1,
		});
	return page(
		ctx,
		Array.from(store(ctx).values()).filter(
			(n) => n.Parent_Id.id === ctx.params.id && n.Parent_Id.module.api_name === mod.api_name,
		),
	);
}

/** @param {import('../server').Ctx} ctx */
function dataArray(ctx) {
	if (!isPlainObject(ctx.body) || !Array.isArray(/** @type {any} */ (ctx.body).data))
		throw CRM.requiredParam('data');
	const data = /** @type {any[]} */ (/** @type {any} */ (ctx.body).data);
	if (data.length === 0) throw CRM.requiredParam('data');
	if (data.length > MAX_NOTES)
		throw CRM.limit(
			{ limit: MAX_NOTES },
			`the number of records exceeds the limit of ${MAX_NOTES}`,
		);
	return data;
}

/** Checks one note's text fields; returns a per-record error or null. @param {any} r */
function textError(r, requireContent) {
	if (r.Note_Content !== undefined && typeof r.Note_Content !== 'string')
		return crmItemError('INVALID_DATA', 'invalid data', {
			api_name: 'Note_Content',
			expected_data_type: 'textarea',
		});
	if (requireContent && (typeof r.Note_Content !== 'string' || r.Note_Content.trim() === ''))
		return crmItemError('MANDATORY_NOT_FOUND', 'required field not found', {
			api_name: 'Note_Content',
		});
	if (
		r.Note_Title !== undefined &&
		r.Note_Title !== null &&
		(typeof r.Note_Title !== 'string' || r.Note_Title.length > 120)
	)
		return crmItemError('INVALID_DATA', 'invalid data', {
			api_name: 'Note_Title',
			maximum_length: 120,
		});
	return null;
}

/** POST /Notes (1–100 notes, each with Note_Content and Parent_Id {module:{api_name}, id}). @param {import('../server').Ctx} ctx */
function create(ctx) {
	const data = dataArray(ctx);
	let ok = 0;
	const out = data.map((r) => {
		if (!isPlainObject(r)) return crmItemError('INVALID_DATA', 'invalid data', {});
		const bad = textError(r, true);
		if (bad) return bad;
		const parent = r.Parent_Id;
		const apiName =
			isPlainObject(parent) && isPlainObject(parent.module) ? parent.module.api_name : r.se_module;
		const parentId = isPlainObject(parent) ? parent.id : parent;
		const mod = typeof apiName === 'string' ? findModule(apiName) : undefined;
		if (!mod)
			return crmItemError('INVALID_DATA', 'invalid data', {
				api_name: 'Parent_Id',
				json_path: '$.data[0].Parent_Id.module',
			});
		if (typeof parentId !== 'string' || !ctx.data.crm.records[mod.api_name]?.has(parentId))
			return crmItemError('INVALID_DATA', 'the related id given seems to be invalid', {
				api_name: 'Parent_Id',
			});
		const now = crmDateTime(Date.now());
		const user = currentUserRef();
		const note = {
			id: newId(),
			Note_Title: r.Note_Title ?? null,
			Note_Content: r.Note_Content,
			Parent_Id: { module: { api_name: mod.api_name, id: mod.id }, id: parentId },
			$se_module: mod.api_name,
			Owner: user,
			Created_By: user,
			Modified_By: user,
			Created_Time: now,
			Modified_Time: now,
		};
		store(ctx).set(note.id, note);
		ctx.core.countWrite('Notes', note.id);
		ok++;
		return {
			code: 'SUCCESS',
			details: {
				Modified_Time: now,
				Modified_By: { name: CURRENT_USER.full_name, id: CURRENT_USER.id },
				Created_Time: now,
				id: note.id,
				Created_By: { name: CURRENT_USER.full_name, id: CURRENT_USER.id },
			},
			message: 'record added',
			status: 'success',
		};
	});
	return { status: ok === data.length ? 201 : ok === 0 ? 400 : 207, body: { data: out } };
}

/** @param {import('../server').Ctx} ctx */
function findNote(ctx) {
	if (!ID_RE.test(ctx.params.id))
		throw crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', {
			resource_path_index: 1,
		});
	return store(ctx).get(ctx.params.id);
}

/** GET /Notes/{id} @param {import('../server').Ctx} ctx */
function getOne(ctx) {
	const note = findNote(ctx);
	if (!note) return { status: 204 };
	return { status: 200, body: { data: [project(note, NOTE_FIELDS)] } };
}

/** PUT /Notes/{id} @param {import('../server').Ctx} ctx */
function updateOne(ctx) {
	const data = dataArray(ctx);
	const note = findNote(ctx);
	if (!note)
		return {
			status: 400,
			body: {
				data: [
					crmItemError('INVALID_DATA', 'the id given seems to be invalid', { id: ctx.params.id }),
				],
			},
		};
	const r = data[0];
	const bad = isPlainObject(r)
		? textError(r, false)
		: crmItemError('INVALID_DATA', 'invalid data', {});
	if (bad) return { status: 400, body: { data: [bad] } };
	if (r.Note_Content !== undefined && String(r.Note_Content).trim() === '')
		return {
			status: 400,
			body: {
				data: [
					crmItemError('MANDATORY_NOT_FOUND', 'required field not found', {
						api_name: 'Note_Content',
					}),
				],
			},
		};
	if (r.Note_Title !== undefined) note.Note_Title = r.Note_Title;
	if (r.Note_Content !== undefined) note.Note_Content = r.Note_Content;
	note.Modified_Time = crmDateTime(Date.now());
	ctx.core.countWrite('Notes', note.id);
	return {
		status: 200,
		body: {
			data: [
				{
					code: 'SUCCESS',
					details: {
						Modified_Time: note.Modified_Time,
						Modified_By: note.Modified_By,
						Created_Time: note.Created_Time,
						id: note.id,
						Created_By: note.Created_By,
					},
					message: 'record updated',
					status: 'success',
				},
			],
		},
	};
}

/** DELETE /Notes/{id} @param {import('../server').Ctx} ctx */
function deleteOne(ctx) {
	const note = findNote(ctx);
	if (!note)
		return {
			status: 400,
			body: {
				data: [
					crmItemError('INVALID_DATA', 'the id given seems to be invalid', { id: ctx.params.id }),
				],
			},
		};
	store(ctx).delete(note.id);
	return {
		status: 200,
		body: {
			data: [
				{ code: 'SUCCESS', details: { id: note.id }, message: 'record deleted', status: 'success' },
			],
		},
	};
}

module.exports = { list, listOfRecord, create, getOne, updateOne, deleteOne, MAX_NOTES };
