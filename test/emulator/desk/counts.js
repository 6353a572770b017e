'use strict';
/** Desk ticket counts: `/ticketsCount` → `{count}` and `/ticketsCountByFieldValues` (counts as strings). */

const { deskError, deskParamError } = require('../errors');
const D = require('../data/desk-seed');
const { allowParams, enumListParam, ID_RE } = require('./common');
const { orgTickets } = require('./tickets');

const VIEW_TYPES = {
	allTickets: () => true,
	openTickets: (t) => t.statusType === 'Open',
	onholdTickets: (t) => t.statusType === 'On Hold',
	closedTickets: (t) => t.statusType === 'Closed',
	overdueTickets: (t) => t.isOverDue,
	unassignedTickets: (t) => t.assigneeId === null,
	spamTickets: (t) => t.isSpam,
	escalatedTickets: (t) => t.isEscalated,
};
const COUNT_FIELDS = [
	'statusType',
	'status',
	'priority',
	'channel',
	'spam',
	'overDue',
	'escalated',
];

/** Common filters (departmentId, assigneeId). @param {import('../server').Ctx} ctx */
function baseFilters(ctx) {
	/** @type {((t: Record<string, any>) => boolean)[]} */
	const preds = [];
	const dept = ctx.query.get('departmentId');
	if (dept !== null && dept !== 'allDepartment') {
		const d = ID_RE.test(dept) ? ctx.data.desk.departments.get(dept) : null;
		if (!d || d.orgId !== ctx.orgId)
			throw deskParamError(
				'departmentId',
				"The value passed for 'departmentId' is not a department of this organization.",
			);
		preds.push((t) => t.departmentId === dept);
	}
	const assignee = ctx.query.get('assigneeId');
	if (assignee !== null) {
		if (assignee === 'Unassigned') preds.push((t) => t.assigneeId === null);
		else {
			const a = ID_RE.test(assignee) ? ctx.data.desk.agents.get(assignee) : null;
			if (!a || a.orgId !== ctx.orgId)
				throw deskParamError(
					'assigneeId',
					"The value passed for 'assigneeId' is not an agent of this organization.",
				);
			preds.push((t) => t.assigneeId === assignee);
		}
	}
	return preds;
}

/** GET /api/v1/ticketsCount @param {import('../server').Ctx} ctx */
function count(ctx) {
	allowParams(ctx, ['departmentId', 'status', 'assigneeId', 'channel', 'priority', 'viewType']);
	const preds = baseFilters(ctx);
	const status = enumListParam(ctx, 'status', D.TICKET_STATUSES);
	if (status) preds.push((t) => status.includes(t.status));
	const channel = enumListParam(ctx, 'channel', D.CHANNELS);
	if (channel) preds.push((t) => channel.includes(t.channel));
	const priority = enumListParam(ctx, 'priority', D.PRIORITIES);
	if (priority) preds.push((t) => priority.includes(t.priority));
	const viewType = ctx.query.get('viewType');
	if (viewType !== null) {
		const f = VIEW_TYPES[/** @type {keyof typeof VIEW_TYPES} */ (viewType)];
		if (!f)
			throw deskParamError(
				'viewType',
				`The value passed for 'viewType' must be one of ${Object.keys(VIEW_TYPES).join(', ')}.`,
			);
		preds.push(f);
	}
	const n = orgTickets(ctx).filter((t) => preds.every((p) => p(t))).length;
	return { status: 200, body: { count: n } };
}

/** Statuses grouped by statusType, upper-cased like the counts API (`OPEN`, `ON_HOLD`, `CLOSED`). @param {string} s */
const statusTypeValue = (s) => s.toUpperCase().replace(/\s+/g, '_');

/** GET /api/v1/ticketsCountByFieldValues?field=… @param {import('../server').Ctx} ctx */
function countByField(ctx) {
	allowParams(ctx, ['field', 'departmentId', 'assigneeId']);
	const raw = ctx.query.get('field');
	if (raw === null || raw.trim() === '')
		throw deskError(422, 'UNPROCESSABLE_ENTITY', "The parameter 'field' is required.", [
			{ fieldName: 'field', errorType: 'missing', errorMessage: "'field' is required." },
		]);
	const fields = raw.split(',').map((s) => s.trim());
	for (const f of fields)
		if (!COUNT_FIELDS.includes(f))
			throw deskParamError(
				'field',
				`The value '${f}' passed for 'field' must be one of ${COUNT_FIELDS.join(', ')}.`,
			);
	const preds = baseFilters(ctx);
	const rows = orgTickets(ctx).filter((t) => preds.every((p) => p(t)));
	/** @type {Record<string, {value: string, count: string}[]>} */
	const out = {};
	/** @param {string[]} values @param {(t: Record<string, any>) => string} key */
	const tally = (values, key) => {
		/** @type {Map<string, number>} */
		const m = new Map(values.map((v) => [v, 0]));
		for (const t of rows) {
			const k = key(t);
			m.set(k, (m.get(k) ?? 0) + 1);
		}
		return Array.from(m, ([value, n]) => ({ value, count: String(n) }));
	};
	for (const f of new Set(fields)) {
		switch (f) {
			case 'statusType':
				out.statusType = tally(['OPEN', 'ON_HOLD', 'CLOSED'], (t) => statusTypeValue(t.statusType));
				break;
			case 'status':
				out.status = tally([...D.TICKET_STATUSES], (t) => t.status);
				break;
			case 'priority':
				out.priority = tally([...D.PRIORITIES, 'None'], (t) => t.priority ?? 'None');
				break;
			case 'channel':
				out.channel = tally([...D.CHANNELS], (t) => t.channel);
				break;
			case 'spam':
				out.spam = tally(['true', 'false'], (t) => String(Boolean(t.isSpam)));
				break;
			case 'overDue':
				out.overDue = tally(['true', 'false'], (t) => String(Boolean(t.isOverDue)));
				break;
			case 'escalated':
				out.escalated = tally(['true', 'false'], (t) => String(Boolean(t.isEscalated)));
				break;
			default:
				break;
		}
	}
	return { status: 200, body: out };
}

module.exports = { count, countByField, VIEW_TYPES, COUNT_FIELDS };
