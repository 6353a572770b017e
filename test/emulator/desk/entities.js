'use strict';
/** Desk contacts, accounts and tasks: list, get, create, update (+ DELETE for tasks). */

const { deskError } = require('../errors');
const { deskDateTime, parseIso } = require('../time');
const D = require('../data/desk-seed');
const { allowParams, paging, sortParam, sortRows, findInOrg, present } = require('./common');
const { validateBody } = require('./validate');

/**
 * @typedef {'contacts'|'accounts'|'tasks'} Entity
 * @typedef {{sort: string[], defSort: string, extraParams: string[], defaults: () => Record<string, unknown>, unique?: string}} EntityDef
 */

/** @type {Record<Entity, EntityDef>} */
const DEFS = {
	contacts: {
		sort: ['createdTime', 'modifiedTime', 'lastName', 'firstName', 'email'],
		defSort: 'createdTime',
		extraParams: [],
		unique: 'email',
		defaults: () => ({
			firstName: null,
			email: null,
			secondaryEmail: null,
			phone: null,
			mobile: null,
			title: null,
			type: null,
			description: null,
			city: null,
			country: null,
			accountId: null,
			ownerId: null,
			isAnonymous: false,
			cf: { cf_tier: null },
		}),
	},
	accounts: {
		sort: ['accountName', 'createdTime', 'modifiedTime'],
		defSort: 'accountName',
		extraParams: [],
		unique: 'accountName',
		defaults: () => ({
			email: null,
			website: null,
			phone: null,
			industry: null,
			description: null,
			city: null,
			country: null,
			ownerId: null,
			cf: { cf_segment: null },
		}),
	},
	tasks: {
		sort: ['dueDate', 'createdTime', 'modifiedTime', 'subject'],
		defSort: '-createdTime',
		extraParams: ['departmentId'],
		defaults: () => ({
			ticketId: null,
			contactId: null,
			dueDate: null,
			status: 'Not Started',
			priority: 'Normal',
			category: null,
			ownerId: null,
			creatorId: null,
			description: null,
			isCompleted: false,
			completedTime: null,
		}),
	},
};

/** @param {Entity} entity */
function list(entity) {
	const def = DEFS[entity];
	/** @param {import('../server').Ctx} ctx */
	return (ctx) => {
		allowParams(ctx, ['from', 'limit', 'sortBy', ...def.extraParams]);
		const { from, limit } = paging(ctx, { maxLimit: 100 });
		const sort = sortParam(ctx, def.sort, def.defSort);
		let rows = Array.from(ctx.data.desk[entity].values()).filter(
			(/** @type {any} */ r) => r.orgId === ctx.orgId,
		);
		const dept = ctx.query.get('departmentId');
		if (dept !== null) {
			const d = ctx.data.desk.departments.get(dept);
			if (!d || d.orgId !== ctx.orgId)
				throw deskError(
					422,
					'UNPROCESSABLE_ENTITY',
					"The value passed for 'departmentId' is not a department of this organization.",
					[
						{
							fieldName: 'departmentId',
							errorType: 'invalid',
							errorMessage: 'Unknown department.',
						},
					],
				);
			rows = rows.filter((/** @type {any} */ r) => r.departmentId === dept);
		}
		rows = sortRows(rows, sort);
		const slice = rows.slice(from, from + limit);
		if (slice.length === 0) return { status: 204 };
		ctx.entry.records = slice.length;
		return { status: 200, body: { data: slice.map((r) => present(ctx, entity, r)) } };
	};
}

/** @param {Entity} entity */
function getOne(entity) {
	/** @param {import('../server').Ctx} ctx */
	return (ctx) => {
		allowParams(ctx, []);
		const r = findInOrg(ctx, ctx.data.desk[entity], ctx.params.id);
		ctx.entry.records = 1;
		return { status: 200, body: present(ctx, entity, r) };
	};
}

/**
 * Duplicate check of a unique field within the org (contacts: email, accounts: accountName).
 * @param {import('../server').Ctx} ctx @param {Entity} entity @param {Record<string, unknown>} v @param {string|null} selfId
 */
function checkUnique(ctx, entity, v, selfId) {
	const key = DEFS[entity].unique;
	if (!key || typeof v[key] !== 'string') return;
	const value = String(v[key]).toLowerCase();
	for (const r of ctx.data.desk[entity].values()) {
		if (
			r.orgId === ctx.orgId &&
			r.id !== selfId &&
			typeof r[key] === 'string' &&
			r[key].toLowerCase() === value
		) {
			throw deskError(422, 'INVALID_DATA', 'An invalid value is passed in the request body.', [
				{
					fieldName: `/${key}`,
					errorType: 'duplicate',
					errorMessage: `A record with this ${key} already exists.`,
				},
			]);
		}
	}
}

/** Normalises values of a validated body. @param {Record<string, unknown>} v */
function normalise(v) {
	const out = { ...v };
	if (typeof out.dueDate === 'string')
		out.dueDate = deskDateTime(/** @type {number} */ (parseIso(out.dueDate)));
	return out;
}

/** @param {Record<string, any>} r @param {number} now */
function deriveTask(r, now) {
	r.isCompleted = r.status === 'Completed';
	r.completedTime = r.isCompleted ? (r.completedTime ?? deskDateTime(now)) : null;
}

/** @param {Entity} entity */
function create(entity) {
	/** @param {import('../server').Ctx} ctx */
	return (ctx) => {
		allowParams(ctx, []);
		const v = normalise(validateBody(ctx, entity, 'create'));
		checkUnique(ctx, entity, v, null);
		const seq = ctx.data.desk.sequences[/** @type {string} */ (ctx.orgId)];
		const prefix = ctx.orgId === D.ORG_A ? '1892' : '1893';
		const now = Date.now();
		const defaults = DEFS[entity].defaults();
		/** @type {Record<string, any>} */
		const r = {
			id: D.deskId(prefix, entity, seq[entity]++),
			orgId: ctx.orgId,
			...defaults,
			...v,
			createdTime: deskDateTime(now),
			modifiedTime: deskDateTime(now),
		};
		if (v.cf)
			r.cf = { .../** @type {object} */ (defaults.cf ?? {}), .../** @type {object} */ (v.cf) };
		if (entity === 'tasks') deriveTask(r, now);
		ctx.data.desk[entity].set(r.id, r);
		ctx.core.countWrite(entity, r.id);
		ctx.entry.records = 1;
		return { status: 200, body: present(ctx, entity, r) };
	};
}

/** @param {Entity} entity */
function update(entity) {
	/** @param {import('../server').Ctx} ctx */
	return (ctx) => {
		allowParams(ctx, []);
		const existing = findInOrg(ctx, ctx.data.desk[entity], ctx.params.id);
		const v = normalise(validateBody(ctx, entity, 'update'));
		checkUnique(ctx, entity, v, existing.id);
		const now = Date.now();
		/** @type {Record<string, any>} */
		const r = { ...existing, ...v, modifiedTime: deskDateTime(now) };
		if (v.cf) r.cf = { ...existing.cf, .../** @type {object} */ (v.cf) };
		if (entity === 'tasks') deriveTask(r, now);
		ctx.data.desk[entity].set(r.id, r);
		ctx.core.countWrite(entity, r.id);
		ctx.entry.records = 1;
		return { status: 200, body: present(ctx, entity, r) };
	};
}

/** DELETE /api/v1/tasks/{id} → 204 (⚠ see RULES.md; POST /tasks/moveToTrash is the documented form). @param {import('../server').Ctx} ctx */
function deleteTask(ctx) {
	allowParams(ctx, []);
	const r = findInOrg(ctx, ctx.data.desk.tasks, ctx.params.id);
	ctx.data.desk.tasks.delete(r.id);
	ctx.entry.records = 1;
	return { status: 204 };
}

const SEARCH_SORT = ['relevance', 'modifiedTime', 'createdTime'];

/**
 * GET /api/v1/contacts/search and /accounts/search: `_all`, `id`, `createdTimeRange` /
 * `modifiedTimeRange` (`<iso>,<iso>`, inclusive), `sortBy` (relevance = newest change first),
 * `from`/`limit` ≤ 100; `{data, count}`; 204 when nothing matches; at least one search parameter.
 * @param {'contacts'|'accounts'} entity
 */
function search(entity) {
	/** @param {import('../server').Ctx} ctx */
	return (ctx) => {
		const { rangeParam } = require('./tickets');
		allowParams(ctx, [
			'_all',
			'id',
			'createdTimeRange',
			'modifiedTimeRange',
			'sortBy',
			'from',
			'limit',
		]);
		const { from, limit } = paging(ctx, { maxLimit: 100 });
		const sort = sortParam(ctx, SEARCH_SORT, 'relevance');
		/** @type {((r: Record<string, any>) => boolean)[]} */
		const preds = [];
		const all = ctx.query.get('_all');
		if (all !== null) {
			const needle = all.replace(/\*$/, '').toLowerCase();
			preds.push((r) =>
				Object.values(r).some((v) => typeof v === 'string' && v.toLowerCase().includes(needle)),
			);
		}
		const id = ctx.query.get('id');
		if (id !== null) preds.push((r) => r.id === id);
		for (const [param, field] of [
			['createdTimeRange', 'createdTime'],
			['modifiedTimeRange', 'modifiedTime'],
		]) {
			const range = rangeParam(ctx, param);
			if (range)
				preds.push((r) => Date.parse(r[field]) >= range[0] && Date.parse(r[field]) <= range[1]);
		}
		if (preds.length === 0)
			throw deskError(422, 'UNPROCESSABLE_ENTITY', 'At least one search parameter is required.', [
				{
					fieldName: '_all',
					errorType: 'missing',
					errorMessage: 'At least one search parameter is required.',
				},
			]);
		let rows = Array.from(ctx.data.desk[entity].values()).filter(
			(/** @type {any} */ r) => r.orgId === ctx.orgId && preds.every((p) => p(r)),
		);
		rows = sortRows(
			rows,
			sort.field === 'relevance' ? { field: 'modifiedTime', desc: true } : sort,
		);
		const slice = rows.slice(from, from + limit);
		if (slice.length === 0) return { status: 204 };
		ctx.entry.records = slice.length;
		return {
			status: 200,
			body: { data: slice.map((r) => present(ctx, entity, r)), count: rows.length },
		};
	};
}

module.exports = { list, getOne, create, update, deleteTask, search };
