'use strict';
/** Shared helpers of the CRM handlers. */

const { CRM, crmError } = require('../errors');
const { findModule, isNonApiModule, CURRENT_USER, USERS } = require('../data/crm-schema');
const { recordName } = require('../data/crm-seed');

const MAX_PER_PAGE = 200;
const MAX_FIELDS = 50;
const ID_RE = /^\d{1,19}$/;

/**
 * Resolves a module from a path segment or parameter (case-insensitive on v2 paths).
 * @param {import('../server').Ctx} ctx @param {string} name
 * @returns {import('../data/crm-schema').ModuleDef}
 */
function resolveModule(ctx, name) {
	const loose = ctx.version === 2;
	const mod = findModule(name, loose);
	if (mod) return mod;
	if (isNonApiModule(name, loose)) throw CRM.apiNotSupported();
	throw CRM.invalidModule();
}

/**
 * The module of a module route (set by the router before the handler runs).
 * @param {import('../server').Ctx} ctx
 * @returns {import('../data/crm-schema').ModuleDef}
 */
function moduleOf(ctx) {
	if (!ctx.mod) throw new Error('route has no module');
	return ctx.mod;
}

/**
 * Optional integer query parameter.
 * @param {URLSearchParams} q @param {string} name
 * @param {{min?: number, max?: number, def: number, maxCode?: 'INVALID_DATA'|'LIMIT_EXCEEDED'}} o
 */
function intParam(q, name, o) {
	const raw = q.get(name);
	if (raw === null) return o.def;
	if (!/^-?\d+$/.test(raw)) throw CRM.invalidParam(name, { expected_data_type: 'integer' });
	const n = Number(raw);
	if (o.min !== undefined && n < o.min) throw CRM.invalidParam(name, { minimum_length: o.min });
	if (o.max !== undefined && n > o.max) {
		if (o.maxCode === 'LIMIT_EXCEEDED')
			throw CRM.limit({ param_name: name, maximum_length: o.max });
		throw CRM.invalidParam(name, { maximum_length: o.max });
	}
	return n;
}

/** `per_page`: 1–200. @param {URLSearchParams} q */
const perPageParam = (q) =>
	intParam(q, 'per_page', { min: 1, max: MAX_PER_PAGE, def: MAX_PER_PAGE });

/**
 * Parses `fields` (comma list of API names, ≤ 50).
 * @param {URLSearchParams} q @param {import('../data/crm-schema').ModuleDef} mod @param {boolean} required
 * @returns {string[]|null} null = all fields
 */
function fieldsParam(q, mod, required) {
	const raw = q.get('fields');
	if (raw === null || raw.trim() === '') {
		if (required) throw CRM.requiredParam('fields');
		return null;
	}
	const names = raw.split(',').map((s) => s.trim());
	if (names.some((n) => n === '')) throw CRM.invalidParam('fields');
	const unique = Array.from(new Set(names));
	if (unique.length > MAX_FIELDS)
		throw CRM.limit(
			{ param_name: 'fields', maximum_length: MAX_FIELDS },
			`the number of fields exceeds the limit of ${MAX_FIELDS}`,
		);
	for (const n of unique)
		if (n !== 'id' && !mod.fieldMap.has(n))
			throw crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'fields', api_name: n });
	return unique;
}

/**
 * Output copy of a record limited to `fields` (+ id).
 * @param {Record<string, any>} r @param {string[]|null} fields
 */
function project(r, fields) {
	if (!fields) return { ...r };
	/** @type {Record<string, unknown>} */
	const out = { id: r.id };
	for (const f of fields) out[f] = r[f] === undefined ? null : r[f];
	return out;
}

const SORT_FIELDS = ['id', 'Created_Time', 'Modified_Time'];

/**
 * Sorted copy of records by id / Created_Time / Modified_Time (ties broken by id).
 * Zoho datetimes here are all `+00:00`, so string order is time order.
 * @param {Record<string, any>[]} list @param {string} sortBy @param {'asc'|'desc'} order
 */
function sortRecords(list, sortBy, order) {
	const dir = order === 'asc' ? 1 : -1;
	return list.sort((a, b) => {
		const av = sortBy === 'id' ? a.id : (a[sortBy] ?? '');
		const bv = sortBy === 'id' ? b.id : (b[sortBy] ?? '');
		if (av < bv) return -dir;
		if (av > bv) return dir;
		return a.id < b.id ? -dir : a.id > b.id ? dir : 0;
	});
}

/** @param {URLSearchParams} q */
function sortParams(q) {
	const sortBy = q.get('sort_by') ?? 'id';
	if (!SORT_FIELDS.includes(sortBy))
		throw CRM.invalidParam('sort_by', { supported_values: SORT_FIELDS });
	const order = q.get('sort_order') ?? 'desc';
	if (order !== 'asc' && order !== 'desc')
		throw CRM.invalidParam('sort_order', { supported_values: ['asc', 'desc'] });
	return { sortBy, sortOrder: /** @type {'asc'|'desc'} */ (order) };
}

/** @param {{id: string, full_name: string, email: string}} u */
const userRef = (u) => ({ name: u.full_name, id: u.id, email: u.email });
const currentUserRef = () => userRef(CURRENT_USER);

/**
 * Resolves a lookup target to `{name, id}`; `users` for owner lookups.
 * @param {import('../server').Ctx} ctx
 */
function lookupResolver(ctx) {
	return (/** @type {string} */ target, /** @type {string} */ id) => {
		if (target === 'users') {
			const u = USERS.find((x) => x.id === id && x.status === 'active');
			return u ? userRef(u) : null;
		}
		const map = ctx.data.crm.records[target];
		const mod = findModule(target);
		const r = map && map.get(id);
		return r && mod
			? {
					name: recordName(mod, /** @type {import('../data/crm-seed').CrmRecord} */ (r)),
					id: String(r.id),
				}
			: null;
	};
}

/** @param {unknown} v */
const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

module.exports = {
	resolveModule,
	moduleOf,
	intParam,
	perPageParam,
	fieldsParam,
	project,
	sortRecords,
	sortParams,
	currentUserRef,
	userRef,
	lookupResolver,
	isPlainObject,
	MAX_PER_PAGE,
	MAX_FIELDS,
	ID_RE,
	SORT_FIELDS,
};
