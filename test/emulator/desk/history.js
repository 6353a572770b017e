'use strict';
/** Desk ticket history `GET /api/v1/tickets/{id}/History` (newest first), and appending events. */

const { deskParamError } = require('../errors');
const { deskDateTime } = require('../time');
const { generateHistory, defaultHistoryLength, EVENT_CATEGORIES } = require('../data/desk-seed');
const { allowParams, paging, findInOrg, ID_RE } = require('./common');

/**
 * The ticket's events, oldest first, generated on first use.
 * @param {import('../server').Ctx} ctx @param {Record<string, any>} ticket
 */
function ensureHistory(ctx, ticket) {
	let list = ctx.data.desk.history.get(ticket.id);
	if (!list) {
		list = generateHistory(
			ctx.data.seed,
			ticket,
			defaultHistoryLength(ticket.id),
			ctx.data.desk.agents,
		);
		ctx.data.desk.history.set(ticket.id, list);
	}
	return list;
}

/**
 * Appends an event happening now.
 * @param {import('../server').Ctx} ctx @param {string} ticketId @param {Record<string, any>} event
 */
function appendHistory(ctx, ticketId, event) {
	const ticket = ctx.data.desk.tickets.get(ticketId);
	if (!ticket) return;
	ensureHistory(ctx, ticket).push({ eventTime: deskDateTime(Date.now()), ...event });
}

/** @param {Record<string, any>} e */
function present(e) {
	const { _category: _c, _fields: _f, ...out } = e;
	return out;
}

/** GET /api/v1/tickets/{id}/History @param {import('../server').Ctx} ctx */
function get(ctx) {
	allowParams(ctx, ['from', 'limit', 'eventFilter', 'agentId', 'fieldName']);
	const ticket = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	const { from, limit } = paging(ctx, { maxLimit: 50 });
	const filterRaw = ctx.query.get('eventFilter');
	let categories = null;
	if (filterRaw !== null) {
		categories = filterRaw.split(',').map((s) => s.trim());
		for (const c of categories)
			if (!EVENT_CATEGORIES.includes(c))
				throw deskParamError(
					'eventFilter',
					`The value '${c}' passed for 'eventFilter' is invalid.`,
				);
	}
	const agentId = ctx.query.get('agentId');
	if (agentId !== null && !ID_RE.test(agentId)) throw deskParamError('agentId');
	const fieldName = ctx.query.get('fieldName');
	if (fieldName !== null && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(fieldName))
		throw deskParamError('fieldName');
	const fieldLower = fieldName ? fieldName.toLowerCase() : null;
	const rows = ensureHistory(ctx, ticket)
		.filter(
			(e) =>
				(!categories || categories.includes(e._category)) &&
				(!agentId || (e.actor && e.actor.id === agentId)) &&
				(!fieldLower ||
					(e._fields ?? []).some((/** @type {string} */ f) => f.toLowerCase() === fieldLower) ||
					(e.eventInfo ?? []).some(
						(/** @type {any} */ i) => String(i.propertyName).toLowerCase() === fieldLower,
					)),
		)
		.slice()
		.reverse();
	const slice = rows.slice(from, from + limit);
	if (slice.length === 0) return { status: 204 };
	ctx.entry.records = slice.length;
	return { status: 200, body: { data: slice.map(present) } };
}

module.exports = { get, appendHistory, ensureHistory };
