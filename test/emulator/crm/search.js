'use strict';
/** CRM search (`/{module}/search`) and record count (`/{module}/actions/count`). */

const { CRM, crmError } = require('../errors');
const { CUSTOM_VIEWS } = require('../data/crm-schema');
const { criteriaPredicate } = require('./criteria');
const {
	fieldsParam,
	perPageParam,
	intParam,
	project,
	sortRecords,
	SORT_FIELDS,
	moduleOf,
} = require('./common');
const { cvidParam } = require('./records');
const { EMAIL_RE } = require('./values');

const SEARCH_CAP = 2000;
const SEARCH_PARAMS = ['criteria', 'email', 'phone', 'word'];
const TEXT_TYPES = new Set(['text', 'textarea', 'email', 'phone', 'website', 'picklist']);

/** @param {string} s */
const digits = (s) => s.replace(/\D/g, '');

/**
 * Builds the predicate for exactly one of criteria | email | phone | word.
 * @param {URLSearchParams} q @param {import('../data/crm-schema').ModuleDef} mod
 * @returns {{name: string, pred: (r: Record<string, any>) => boolean} | null}
 */
function searchPredicate(q, mod) {
	const present = SEARCH_PARAMS.filter((p) => q.get(p) !== null);
	if (present.length === 0) return null;
	if (present.length > 1)
		throw crmError(400, 'AMBIGUITY_DURING_PROCESSING', 'ambiguity while processing the request', {
			ambiguity_due_to: present,
		});
	const name = present[0];
	const value = /** @type {string} */ (q.get(name));
	if (value.trim() === '') throw CRM.invalidParam(name);
	if (name === 'criteria') return { name, pred: criteriaPredicate(value, mod) };
	if (name === 'email') {
		if (!EMAIL_RE.test(value)) throw CRM.invalidParam('email', { expected_data_type: 'email' });
		const fields = mod.fields.filter((f) => f.data_type === 'email').map((f) => f.api_name);
		const v = value.toLowerCase();
		return {
			name,
			pred: (r) => fields.some((f) => typeof r[f] === 'string' && r[f].toLowerCase() === v),
		};
	}
	if (name === 'phone') {
		const d = digits(value);
		if (d.length < 3) throw CRM.invalidParam('phone', { expected_data_type: 'phone' });
		const fields = mod.fields.filter((f) => f.data_type === 'phone').map((f) => f.api_name);
		return {
			name,
			pred: (r) => fields.some((f) => typeof r[f] === 'string' && digits(r[f]).endsWith(d)),
		};
	}
	const w = value.toLowerCase();
	const fields = mod.fields.filter((f) => TEXT_TYPES.has(f.data_type)).map((f) => f.api_name);
	return {
		name,
		pred: (r) => fields.some((f) => typeof r[f] === 'string' && r[f].toLowerCase().includes(w)),
	};
}

/** GET /crm/v8/{module}/search @param {import('../server').Ctx} ctx */
function search(ctx) {
	const mod = moduleOf(ctx);
	const q = ctx.query;
	const sp = searchPredicate(q, mod);
	if (!sp)
		throw crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', {
			param_name: 'criteria',
			alternatives: SEARCH_PARAMS,
		});
	const fields = fieldsParam(q, mod, false);
	const perPage = perPageParam(q);
	const page = intParam(q, 'page', { min: 1, def: 1 });
	if (page * perPage > SEARCH_CAP)
		throw CRM.limit(
			{ param_name: 'page', limit: SEARCH_CAP },
			`search returns at most ${SEARCH_CAP} records`,
		);
	const sortBy = q.get('sort_by') ?? 'id';
	if (!SORT_FIELDS.includes(sortBy))
		throw CRM.invalidParam('sort_by', { supported_values: SORT_FIELDS });
	const sortOrder = q.get('sort_order') ?? 'asc';
	if (sortOrder !== 'asc' && sortOrder !== 'desc') throw CRM.invalidParam('sort_order');
	const cv = cvidParam(q, mod);
	let rows = Array.from(ctx.data.crm.records[mod.api_name].values()).filter(sp.pred);
	if (cv && cv.filter) rows = rows.filter(cv.filter);
	rows = sortRecords(rows, sortBy, sortOrder).slice(0, SEARCH_CAP);
	const offset = (page - 1) * perPage;
	const slice = rows.slice(offset, offset + perPage);
	if (slice.length === 0) return { status: 204 };
	ctx.entry.records = slice.length;
	return {
		status: 200,
		body: {
			data: slice.map((r) => project(r, fields)),
			info: {
				per_page: perPage,
				count: slice.length,
				page,
				sort_by: sortBy,
				sort_order: sortOrder,
				more_records: offset + slice.length < rows.length,
			},
		},
	};
}

/** GET /crm/v8/{module}/actions/count @param {import('../server').Ctx} ctx */
function count(ctx) {
	const mod = moduleOf(ctx);
	const q = ctx.query;
	const searchGiven = SEARCH_PARAMS.filter((p) => q.get(p) !== null);
	if (q.get('cvid') !== null && searchGiven.length) {
		throw crmError(400, 'AMBIGUITY_DURING_PROCESSING', 'ambiguity while processing the request', {
			ambiguity_due_to: ['cvid', ...searchGiven],
		});
	}
	const cv = cvidParam(q, mod);
	const sp = searchPredicate(q, mod);
	let n = 0;
	for (const r of ctx.data.crm.records[mod.api_name].values()) {
		if (cv && cv.filter && !cv.filter(r)) continue;
		if (sp && !sp.pred(r)) continue;
		n++;
	}
	return { status: 200, body: { count: n } };
}

module.exports = { search, count, SEARCH_CAP, CUSTOM_VIEWS };
