'use strict';
/** CRM record reads and deletes: list (page / page_token), get one, delete. */

const { CRM, crmError, crmItemError } = require('../errors');
const { CUSTOM_VIEWS } = require('../data/crm-schema');
const {
	fieldsParam,
	perPageParam,
	intParam,
	project,
	sortRecords,
	sortParams,
	ID_RE,
	moduleOf,
	currentUserRef,
} = require('./common');
const { recordName } = require('../data/crm-seed');
const { crmDateTime, zohoNow } = require('../time');

const PAGE_LIMIT = 2000; // records reachable with `page`
const TOKEN_LIMIT = 100000; // records reachable with `page_token`
const MAX_IDS = 100;

/**
 * Custom view of a module from `cvid`.
 * @param {URLSearchParams} q @param {import('../data/crm-schema').ModuleDef} mod
 */
function cvidParam(q, mod) {
	const cvid = q.get('cvid');
	if (cvid === null) return null;
	const cv = CUSTOM_VIEWS.find((v) => v.id === cvid && v.module === mod.api_name);
	if (!cv) throw CRM.invalidParam('cvid');
	return cv;
}

/** @param {string|null} raw @returns {string[]|null} */
function idsParam(raw) {
	if (raw === null) return null;
	const ids = raw.split(',').map((s) => s.trim());
	if (ids.length > MAX_IDS) throw CRM.limit({ param_name: 'ids', limit: MAX_IDS });
	for (const id of ids) if (!ID_RE.test(id)) throw CRM.invalidParam('ids', { id });
	return ids;
}

/** @param {string|undefined} header @returns {number|null} */
function ifModifiedSince(header) {
	if (header === undefined) return null;
	const t = Date.parse(header);
	if (!Number.isFinite(t))
		throw crmError(400, 'INVALID_DATA', 'invalid data', { header_name: 'If-Modified-Since' });
	return t;
}

/**
 * Records of a module after cvid / ids / If-Modified-Since filtering, sorted.
 * @param {import('../server').Ctx} ctx @param {import('../data/crm-schema').ModuleDef} mod
 * @param {{sortBy: string, sortOrder: 'asc'|'desc', cvid: string|null, ids: string[]|null, ims: number|null}} p
 */
function selectRecords(ctx, mod, p) {
	const map = ctx.data.crm.records[mod.api_name];
	let rows;
	if (p.ids) {
		rows = [];
		for (const id of new Set(p.ids)) {
			const r = map.get(id);
			if (r) rows.push(r);
		}
	} else {
		rows = Array.from(map.values());
	}
	const cv = p.cvid ? CUSTOM_VIEWS.find((v) => v.id === p.cvid) : null;
	if (cv && cv.filter) rows = rows.filter(cv.filter);
	if (p.ims !== null) {
		const ims = /** @type {number} */ (p.ims);
		rows = rows.filter((r) => Date.parse(r.Modified_Time) > ims);
	}
	return sortRecords(rows, p.sortBy, p.sortOrder);
}

/** GET /crm/v8/{module} @param {import('../server').Ctx} ctx */
function list(ctx) {
	const mod = moduleOf(ctx);
	const q = ctx.query;
	const fields = fieldsParam(q, mod, ctx.version === 8);
	const pageRaw = q.get('page');
	const tokenRaw = q.get('page_token');
	if (pageRaw !== null && tokenRaw !== null) {
		throw crmError(400, 'INVALID_DATA', 'page and page_token cannot be used together', {
			param_name: 'page_token',
			conflicts_with: 'page',
		});
	}
	let perPage = perPageParam(q);
	let offset;
	/** @type {{sortBy: string, sortOrder: 'asc'|'desc', cvid: string|null, ids: string[]|null, ims: number|null}} */
	let params;
	if (tokenRaw !== null) {
		const state = ctx.core.pageTokens.get(tokenRaw);
		if (!state || state.kind !== 'records' || state.scope !== mod.api_name)
			throw CRM.invalidParam('page_token', {}, 'invalid or expired page_token');
		offset = state.offset;
		if (q.get('per_page') === null) perPage = state.perPage;
		params = /** @type {any} */ (state.params);
		if (offset + perPage > TOKEN_LIMIT)
			throw CRM.limit(
				{ param_name: 'page_token', limit: TOKEN_LIMIT },
				`only ${TOKEN_LIMIT} records can be fetched with page_token`,
			);
	} else {
		const page = intParam(q, 'page', { min: 1, def: 1 });
		if (page * perPage > PAGE_LIMIT) {
			throw crmError(
				400,
				'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
				`only the first ${PAGE_LIMIT} records can be fetched with the page parameter; use page_token to fetch more`,
				{ limit: PAGE_LIMIT },
			);
		}
		offset = (page - 1) * perPage;
		const { sortBy, sortOrder } = sortParams(q);
		const cv = cvidParam(q, mod);
		params = {
			sortBy,
			sortOrder,
			cvid: cv ? cv.id : null,
			ids: idsParam(q.get('ids')),
			ims: ifModifiedSince(/** @type {string|undefined} */ (ctx.headers['if-modified-since'])),
		};
	}
	const rows = selectRecords(ctx, mod, params);
	if (params.ims !== null && rows.length === 0) return { status: 304 };
	const slice = rows.slice(offset, offset + perPage);
	if (slice.length === 0) return { status: 204 };
	const more = offset + slice.length < rows.length;
	const tokens = ctx.core.pageTokens;
	const next = more
		? tokens.issue({
				kind: 'records',
				scope: mod.api_name,
				offset: offset + perPage,
				perPage,
				params,
			})
		: null;
	const prev =
		offset > 0
			? tokens.issue({
					kind: 'records',
					scope: mod.api_name,
					offset: Math.max(0, offset - perPage),
					perPage,
					params,
				})
			: null;
	ctx.entry.records = slice.length;
	return {
		status: 200,
		body: {
			data: slice.map((r) => project(r, fields)),
			info: {
				per_page: perPage,
				count: slice.length,
				page: Math.floor(offset / perPage) + 1,
				sort_by: params.sortBy,
				sort_order: params.sortOrder,
				more_records: more,
				next_page_token: next ? next.token : null,
				previous_page_token: prev ? prev.token : null,
				page_token_expiry: next
					? new Date(next.expiry).toISOString().replace(/\.\d{3}Z$/, '+00:00')
					: null,
			},
		},
	};
}

/** GET /crm/v8/{module}/{id} @param {import('../server').Ctx} ctx */
function getOne(ctx) {
	const id = ctx.params.id;
	if (!ID_RE.test(id))
		throw crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', {
			resource_path_index: 1,
		});
	const fields = fieldsParam(ctx.query, moduleOf(ctx), false);
	const r = ctx.data.crm.records[moduleOf(ctx).api_name].get(id);
	if (!r) return { status: 204 };
	ctx.entry.records = 1;
	return { status: 200, body: { data: [project(r, fields)] } };
}

/**
 * Deletes ids one by one; per-record results in request order.
 * @param {import('../server').Ctx} ctx @param {string[]} ids
 */
function deleteIds(ctx, ids) {
	const wf = ctx.query.get('wf_trigger');
	if (wf !== null && wf !== 'true' && wf !== 'false') throw CRM.invalidParam('wf_trigger');
	const map = ctx.data.crm.records[moduleOf(ctx).api_name];
	let ok = 0;
	const data = ids.map((id) => {
		if (!ID_RE.test(id) || !map.has(id))
			return crmItemError('INVALID_DATA', 'the related id given seems to be invalid', { id });
		noteDeleted(ctx, /** @type {Record<string, any>} */ (map.get(id)));
		map.delete(id);
		ok++;
		return { code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' };
	});
	ctx.entry.records = ok;
	return { status: ok === ids.length ? 200 : ok === 0 ? 400 : 207, body: { data } };
}

/** DELETE /crm/v8/{module}?ids=a,b @param {import('../server').Ctx} ctx */
function deleteMany(ctx) {
	const raw = ctx.query.get('ids');
	if (raw === null || raw.trim() === '') throw CRM.requiredParam('ids');
	const ids = raw.split(',').map((s) => s.trim());
	if (ids.length > MAX_IDS)
		throw CRM.limit(
			{ param_name: 'ids', limit: MAX_IDS },
			`only ${MAX_IDS} records can be deleted at a time`,
		);
	return deleteIds(ctx, ids);
}

/** DELETE /crm/v8/{module}/{id} @param {import('../server').Ctx} ctx */
function deleteOne(ctx) {
	return deleteIds(ctx, [ctx.params.id]);
}

/**
 * Deleted records of a module, newest first, as Zoho's deleted records list shows them:
 * `{id, display_name, type, deleted_by, deleted_time, created_by}` (records deleted through the
 * API go to the recycle bin).
 * @param {import('../server').Ctx} ctx
 */
function deletedOf(ctx) {
	const store = /** @type {any} */ (ctx.data.crm);
	store.deleted ??= {};
	return /** @type {Record<string, any>[]} */ (store.deleted[moduleOf(ctx).api_name] ??= []);
}

/** @param {import('../server').Ctx} ctx @param {Record<string, any>} r */
function noteDeleted(ctx, r) {
	deletedOf(ctx).push({
		id: r.id,
		display_name: recordName(moduleOf(ctx), /** @type {any} */ (r)),
		type: 'recycle',
		deleted_by: currentUserRef(),
		deleted_time: crmDateTime(zohoNow(ctx.config)),
		created_by: r.Created_By ?? null,
	});
}

const DELETED_TYPES = ['all', 'recycle', 'permanent'];

/**
 * GET /crm/v8/{module}/deleted?type=all|recycle|permanent&page&per_page, `If-Modified-Since`
 * (deleted after that time; 304 when none). Newest first.
 * @param {import('../server').Ctx} ctx
 */
function deleted(ctx) {
	const q = ctx.query;
	const type = q.get('type') ?? 'all';
	if (!DELETED_TYPES.includes(type))
		throw CRM.invalidParam('type', { supported_values: DELETED_TYPES });
	const perPage = perPageParam(q);
	const page = intParam(q, 'page', { min: 1, def: 1 });
	if (page * perPage > PAGE_LIMIT)
		throw crmError(
			400,
			'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
			`only the first ${PAGE_LIMIT} records can be fetched with the page parameter`,
			{ limit: PAGE_LIMIT },
		);
	const ims = ifModifiedSince(/** @type {string|undefined} */ (ctx.headers['if-modified-since']));
	let rows = deletedOf(ctx).filter((r) => type === 'all' || r.type === type);
	if (ims !== null) rows = rows.filter((r) => Date.parse(r.deleted_time) > ims);
	if (ims !== null && rows.length === 0) return { status: 304 };
	rows = [...rows].sort((a, b) =>
		a.deleted_time < b.deleted_time
			? 1
			: a.deleted_time > b.deleted_time
				? -1
				: a.id < b.id
					? 1
					: -1,
	);
	const slice = rows.slice((page - 1) * perPage, page * perPage);
	if (slice.length === 0) return { status: 204 };
	ctx.entry.records = slice.length;
	return {
		status: 200,
		body: {
			data: slice,
			info: {
				per_page: perPage,
				count: slice.length,
				page,
				more_records: page * perPage < rows.length,
			},
		},
	};
}

module.exports = { list, getOne, deleteMany, deleteOne, deleted, cvidParam, PAGE_LIMIT };
