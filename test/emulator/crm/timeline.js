'use strict';
/**
 * Record timeline `GET /crm/v8/{module}/{id}/__timeline`, plus helpers the write
 * handlers use to append entries. Timelines of ordinary records are generated on first use.
 */

const { CRM, crmError } = require('../errors');
const { generateTimeline, defaultTimelineLength, recordName } = require('../data/crm-seed');
const { crmDateTime } = require('../time');
const { intParam, perPageParam, ID_RE, currentUserRef, moduleOf } = require('./common');

const PAGE_LIMIT = 200; // entries reachable with `page`; beyond that `page_token` is required
const INCLUDE_VALUES = ['extension', 'type'];
const INNER_DETAILS = [
	'field_history.data_type',
	'field_history.enable_colour_code',
	'field_history.field_label',
	'field_history.pick_list_values',
];
const TIMELINE_TYPES = ['signals'];
const FILTER_FIELDS = ['action', 'source', 'done_by', 'audited_time', 'type'];
const FILTER_COMPARATORS = [
	'equal',
	'not_equal',
	'in',
	'not_in',
	'between',
	'greater_than',
	'less_than',
];

let appendSeq = 0;

/**
 * The record's timeline (oldest first), generated on first use.
 * @param {import('../server').Ctx} ctx @param {import('../data/crm-schema').ModuleDef} mod @param {Record<string, any>} record
 * @returns {Record<string, any>[]}
 */
function ensureTimeline(ctx, mod, record) {
	const key = `${mod.api_name}:${record.id}`;
	let list = ctx.data.crm.timeline.get(key);
	if (!list) {
		list = generateTimeline(ctx.data.seed, mod, record, defaultTimelineLength(record.id));
		ctx.data.crm.timeline.set(key, list);
	}
	return list;
}

/**
 * Appends an entry written "now" by the API user.
 * @param {import('../server').Ctx} ctx @param {import('../data/crm-schema').ModuleDef} mod @param {Record<string, any>} record
 * @param {Record<string, any>} partial
 */
function appendEntry(ctx, mod, record, partial) {
	const list = ensureTimeline(ctx, mod, record);
	const user = currentUserRef();
	appendSeq = (appendSeq + 1) % 1e9;
	list.push({
		id: `5725767089${String(Date.now() % 1e6).padStart(6, '0')}${String(appendSeq % 1000).padStart(3, '0')}`,
		audited_time: crmDateTime(Date.now()),
		action: 'updated',
		source: 'crm_api',
		extension: null,
		type: 'audit',
		done_by: { name: user.name, id: user.id },
		record: {
			name: recordName(mod, record),
			id: record.id,
			module: { api_name: mod.api_name, id: mod.id },
		},
		related_record: null,
		automation_details: null,
		field_history: null,
		...partial,
	});
}

/**
 * Compiles the `filters` JSON into a predicate. Accepts a single condition
 * `{comparator, field: {api_name}, value}` or a group `{group_operator: 'and'|'or', group: [...]}`.
 * @param {string} raw
 */
function filterPredicate(raw) {
	let parsed;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw CRM.invalidParam('filters', {}, 'filters is not a valid JSON');
	}
	/** @param {any} node @param {number} depth @returns {(e: Record<string, any>) => boolean} */
	const build = (node, depth) => {
		const bad = (why) => CRM.invalidParam('filters', { reason: why });
		if (depth > 5 || node === null || typeof node !== 'object' || Array.isArray(node))
			throw bad('invalid filter node');
		if ('group' in node || 'group_operator' in node) {
			const op = String(node.group_operator).toLowerCase();
			if (op !== 'and' && op !== 'or') throw bad('group_operator must be and/or');
			if (!Array.isArray(node.group) || node.group.length < 1 || node.group.length > 10)
				throw bad('group must have 1–10 conditions');
			const parts = node.group.map((/** @type {any} */ n) => build(n, depth + 1));
			return op === 'and' ? (e) => parts.every((p) => p(e)) : (e) => parts.some((p) => p(e));
		}
		const api = node.field && typeof node.field === 'object' ? node.field.api_name : undefined;
		if (!FILTER_FIELDS.includes(api)) throw bad(`unsupported field ${api}`);
		if (!FILTER_COMPARATORS.includes(node.comparator))
			throw bad(`unsupported comparator ${node.comparator}`);
		const value = node.value;
		/** @param {Record<string, any>} e */
		const get = (e) => (api === 'done_by' ? e.done_by?.id : e[api]);
		const asTime = (v) => {
			const t = Date.parse(String(v));
			if (!Number.isFinite(t)) throw bad(`invalid time ${v}`);
			return t;
		};
		switch (node.comparator) {
			case 'equal':
				return (e) => get(e) === value;
			case 'not_equal':
				return (e) => get(e) !== value;
			case 'in':
			case 'not_in': {
				if (!Array.isArray(value)) throw bad('in needs an array value');
				const neg = node.comparator === 'not_in';
				return (e) => value.includes(get(e)) !== neg;
			}
			case 'between': {
				if (api !== 'audited_time' || !Array.isArray(value) || value.length !== 2)
					throw bad('between needs audited_time and two values');
				const [a, b] = value.map(asTime);
				return (e) => {
					const t = Date.parse(e.audited_time);
					return t >= a && t <= b;
				};
			}
			default: {
				if (api !== 'audited_time') throw bad(`${node.comparator} only applies to audited_time`);
				const t0 = asTime(value);
				return node.comparator === 'greater_than'
					? (e) => Date.parse(e.audited_time) > t0
					: (e) => Date.parse(e.audited_time) < t0;
			}
		}
	};
	return build(parsed, 0);
}

/** @param {string|null} raw @param {string[]} allowed @param {string} param */
function listParam(raw, allowed, param) {
	if (raw === null) return null;
	const values = raw.split(',').map((s) => s.trim());
	for (const v of values)
		if (!allowed.includes(v))
			throw CRM.invalidParam(param, { supported_values: allowed, value: v });
	return values;
}

/**
 * Output copy of an entry honouring `include` / `include_inner_details`.
 * @param {Record<string, any>} e @param {string[]|null} inner
 */
function present(e, inner) {
	const out = { ...e };
	if (Array.isArray(e.field_history)) {
		out.field_history = e.field_history.map((/** @type {any} */ h) => {
			const o = { ...h };
			if (inner && inner.includes('field_history.enable_colour_code')) o.enable_colour_code = false;
			if (inner && inner.includes('field_history.pick_list_values')) o.pick_list_values = [];
			return o;
		});
	}
	return out;
}

/** GET /crm/v8/{module}/{id}/__timeline @param {import('../server').Ctx} ctx */
function get(ctx) {
	const mod = moduleOf(ctx);
	const q = ctx.query;
	const id = ctx.params.id;
	if (!ID_RE.test(id))
		throw crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', {
			resource_path_index: 1,
		});
	const record = ctx.data.crm.records[mod.api_name].get(id);
	if (!record)
		throw crmError(400, 'INVALID_DATA', 'the related id given seems to be invalid', {
			resource_path_index: 1,
		});

	const tokenRaw = q.get('page_token');
	if (tokenRaw !== null && q.get('per_page') !== null)
		throw crmError(400, 'INVALID_DATA', 'per_page cannot be used with page_token', {
			param_name: 'per_page',
		});
	if (tokenRaw !== null && q.get('page') !== null)
		throw crmError(400, 'INVALID_DATA', 'page and page_token cannot be used together', {
			param_name: 'page_token',
		});

	let perPage;
	let offset;
	/** @type {Record<string, any>} */
	let params;
	if (tokenRaw !== null) {
		const state = ctx.core.pageTokens.get(tokenRaw);
		if (!state || state.kind !== 'timeline' || state.scope !== `${mod.api_name}:${id}`)
			throw CRM.invalidParam('page_token', {}, 'invalid or expired page_token');
		perPage = state.perPage;
		offset = state.offset;
		params = state.params;
	} else {
		perPage = perPageParam(q);
		const page = intParam(q, 'page', { min: 1, def: 1 });
		if (page * perPage > PAGE_LIMIT)
			throw crmError(
				400,
				'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
				`only the first ${PAGE_LIMIT} timeline entries can be fetched with page; use page_token`,
				{ limit: PAGE_LIMIT },
			);
		offset = (page - 1) * perPage;
		const sortBy = q.get('sort_by') ?? 'audited_time';
		if (sortBy !== 'audited_time')
			throw CRM.invalidParam('sort_by', { supported_values: ['audited_time'] });
		const sortOrder = q.get('sort_order') ?? 'desc';
		if (sortOrder !== 'asc' && sortOrder !== 'desc')
			throw CRM.invalidParam('sort_order', { supported_values: ['asc', 'desc'] });
		const types = listParam(
			q.get('include_timeline_type'),
			TIMELINE_TYPES,
			'include_timeline_type',
		);
		const include = listParam(q.get('include'), INCLUDE_VALUES, 'include');
		if (types && !include) throw CRM.requiredParam('include');
		const inner = listParam(q.get('include_inner_details'), INNER_DETAILS, 'include_inner_details');
		const filters = q.get('filters');
		if (filters !== null) filterPredicate(filters); // validate now
		params = { sortOrder, types, inner, filters };
	}

	const all = ensureTimeline(ctx, mod, record);
	const pred = params.filters ? filterPredicate(params.filters) : null;
	let rows = all.filter(
		(e) =>
			(e.type !== 'signals' || (params.types && params.types.includes('signals'))) &&
			(!pred || pred(e)),
	);
	if (params.sortOrder === 'desc') rows = rows.slice().reverse();
	const slice = rows.slice(offset, offset + perPage);
	if (slice.length === 0) return { status: 204 };
	const more = offset + slice.length < rows.length;
	const scope = `${mod.api_name}:${id}`;
	const next = more
		? ctx.core.pageTokens.issue({
				kind: 'timeline',
				scope,
				offset: offset + perPage,
				perPage,
				params,
			})
		: null;
	const prev =
		offset > 0
			? ctx.core.pageTokens.issue({
					kind: 'timeline',
					scope,
					offset: Math.max(0, offset - perPage),
					perPage,
					params,
				})
			: null;
	ctx.entry.records = slice.length;
	return {
		status: 200,
		body: {
			__timeline: slice.map((e) => present(e, params.inner)),
			info: {
				per_page: perPage,
				page: Math.floor(offset / perPage) + 1,
				count: slice.length,
				more_records: more,
				next_page_token: next ? next.token : null,
				previous_page_token: prev ? prev.token : null,
			},
		},
	};
}

module.exports = { get, ensureTimeline, appendEntry };
