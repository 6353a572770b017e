'use strict';
/**
 * Desk webhook events: a ticket, contact or account created or updated through the API is sent
 * to every webhook of its organization subscribed to the event, as Zoho does: a POST whose body
 * is an array of `{ eventType, orgId, eventTime, payload, prevState? }`. A write made with the
 * `sourceId` header equal to a webhook's `ignoreSourceId` is not sent to that webhook.
 */

const { send } = require('./deliver');
const { store } = require('../desk/webhooks');

const ENTITY_EVENTS = { tickets: 'Ticket', contacts: 'Contact', accounts: 'Account' };

/**
 * Before the handler runs: the record an update is about to change (for prevState).
 * @param {import('../server').Ctx} ctx
 */
function snapshot(ctx) {
	const m = /^\/api\/v1\/(tickets|contacts|accounts)\/([0-9]+)$/.exec(ctx.path);
	if (!m || ctx.method !== 'PATCH') return null;
	const record = /** @type {any} */ (ctx.data.desk)[m[1]].get(m[2]);
	return record ? JSON.parse(JSON.stringify(record)) : null;
}

/**
 * After a successful write: the events for the webhooks.
 * @param {import('../server').Ctx} ctx @param {{status: number, body?: any}} out @param {any} before
 */
function notifyWebhooks(ctx, out, before) {
	if (out.status !== 200 || !ctx.orgId || !out.body) return;
	const m = /^\/api\/v1\/(tickets|contacts|accounts)(?:\/([0-9]+))?$/.exec(ctx.path);
	if (!m) return;
	const entity = /** @type {'tickets'|'contacts'|'accounts'} */ (m[1]);
	const action =
		ctx.method === 'POST' && !m[2] ? 'Add' : ctx.method === 'PATCH' && m[2] ? 'Update' : null;
	if (!action) return;
	const eventType = `${ENTITY_EVENTS[entity]}_${action}`;
	const sourceHeader = ctx.headers.sourceid;
	const sourceId = typeof sourceHeader === 'string' ? sourceHeader : null;
	const changed =
		action === 'Update' && ctx.body && typeof ctx.body === 'object'
			? Object.keys(/** @type {object} */ (ctx.body))
			: [];
	for (const webhook of store(ctx).values()) {
		if (webhook.orgId !== ctx.orgId || !(eventType in webhook.subscriptions)) continue;
		if (sourceId && webhook.ignoreSourceId && sourceId === webhook.ignoreSourceId) continue;
		const options = webhook.subscriptions[eventType] ?? {};
		if (
			Array.isArray(options.fields) &&
			options.fields.length &&
			!changed.some((f) => options.fields.includes(f))
		)
			continue;
		if (
			Array.isArray(options.departmentIds) &&
			options.departmentIds.length &&
			!options.departmentIds.includes(out.body.departmentId)
		)
			continue;
		/** @type {Record<string, unknown>} */
		const event = { eventType, orgId: ctx.orgId, eventTime: String(Date.now()), payload: out.body };
		if (action === 'Update' && options.includePrevState && before) {
			event.prevState = Object.fromEntries(changed.map((f) => [f, before[f] ?? null]));
		}
		send(ctx.core, {
			app: 'desk',
			kind: 'callback',
			method: 'POST',
			url: webhook.url,
			body: [event],
		});
	}
}

module.exports = { snapshot, notifyWebhooks };
