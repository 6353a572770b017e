'use strict';
/**
 * Desk webhooks `/api/v1/webhooks` (create, list, get, delete). Creating one first validates the
 * URL with a real GET (anything but 200 refuses the webhook), and counts against the portal's
 * webhook allowance (`config.deskWebhookLimit`, Professional edition: 5).
 */

const { deskError } = require('../errors');
const { send } = require('../push/deliver');

/** Event names Zoho Desk documents for webhook subscriptions (the families this emulator emits are marked in RULES.md). */
const EVENTS = new Set([
	'Ticket_Add',
	'Ticket_Update',
	'Ticket_Delete',
	'Ticket_Approval_Add',
	'Ticket_Approval_Update',
	'Ticket_Thread_Add',
	'Ticket_Comment_Add',
	'Ticket_Comment_Update',
	'Ticket_Attachment_Add',
	'Ticket_Attachment_Update',
	'Ticket_Attachment_Delete',
	'Contact_Add',
	'Contact_Update',
	'Contact_Delete',
	'Account_Add',
	'Account_Update',
	'Account_Delete',
	'Task_Add',
	'Task_Update',
	'Task_Delete',
	'Agent_Add',
	'Agent_Update',
	'Agent_Delete',
	'Department_Add',
	'Department_Update',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEYS = new Set([
	'name',
	'url',
	'description',
	'subscriptions',
	'ignoreSourceId',
	'includeEventsFrom',
	'type',
]);

/** @param {import('../server').Ctx} ctx @returns {Map<string, any>} */
function store(ctx) {
	const desk = /** @type {any} */ (ctx.data.desk);
	if (!desk.webhooks) desk.webhooks = new Map();
	return desk.webhooks;
}

/** @param {string} field @param {string} message */
const invalid = (field, message) =>
	deskError(422, 'INVALID_DATA', message, [
		{ fieldName: field, errorType: 'invalid', errorMessage: message },
	]);

/** @param {unknown} v */
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** @param {Record<string, unknown>} subs */
function checkSubscriptions(subs) {
	if (!isObject(subs) || Object.keys(subs).length === 0)
		throw invalid('subscriptions', 'subscriptions must name at least one event');
	for (const [event, options] of Object.entries(subs)) {
		if (!EVENTS.has(event)) throw invalid('subscriptions', `${event} is not a webhook event`);
		if (options === null) continue;
		if (!isObject(options))
			throw invalid('subscriptions', `the options of ${event} must be an object or null`);
		const o = /** @type {Record<string, unknown>} */ (options);
		if ('fields' in o && (!Array.isArray(o.fields) || o.fields.length > 5))
			throw invalid('subscriptions', `${event}.fields takes at most 5 fields`);
		if ('includePrevState' in o && typeof o.includePrevState !== 'boolean')
			throw invalid('subscriptions', `${event}.includePrevState must be a boolean`);
		if ('direction' in o && o.direction !== 'in' && o.direction !== 'out')
			throw invalid('subscriptions', `${event}.direction must be in or out`);
		if ('departmentIds' in o && !Array.isArray(o.departmentIds))
			throw invalid('subscriptions', `${event}.departmentIds must be an array`);
	}
}

/** @param {any} w */
const present = (w) => {
	const { orgId: _o, ...rest } = w;
	return rest;
};

/** POST /api/v1/webhooks @param {import('../server').Ctx} ctx */
async function create(ctx) {
	const body = /** @type {any} */ (ctx.body);
	if (!isObject(body))
		throw deskError(422, 'INVALID_DATA', 'The request body must be a JSON object.');
	for (const key of Object.keys(body))
		if (!KEYS.has(key)) throw invalid(key, `${key} is not a webhook field`);
	if (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 100)
		throw invalid('name', 'name is required (at most 100 characters)');
	let url;
	try {
		url = new URL(body.url);
	} catch {
		throw invalid('url', 'url must be an http(s) URL');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw invalid('url', 'url must be an http(s) URL');
	checkSubscriptions(body.subscriptions);
	if (
		'ignoreSourceId' in body &&
		body.ignoreSourceId !== null &&
		!(typeof body.ignoreSourceId === 'string' && UUID.test(body.ignoreSourceId))
	) {
		throw invalid('ignoreSourceId', 'ignoreSourceId must be a UUID');
	}
	if (
		'includeEventsFrom' in body &&
		!(
			Array.isArray(body.includeEventsFrom) &&
			body.includeEventsFrom.every((v) => v === 'AUTOMATION')
		)
	) {
		throw invalid('includeEventsFrom', 'includeEventsFrom takes ["AUTOMATION"]');
	}
	const hooks = store(ctx);
	const mine = Array.from(hooks.values()).filter((w) => w.orgId === ctx.orgId);
	if (mine.length >= ctx.config.deskWebhookLimit) {
		throw deskError(
			422,
			'LIMIT_EXCEEDED',
			`The maximum number of webhooks (${ctx.config.deskWebhookLimit}) for this portal has been reached.`,
		);
	}
	const check = await send(ctx.core, {
		app: 'desk',
		kind: 'validation',
		method: 'GET',
		url: body.url,
		body: null,
	});
	if (check.status !== 200)
		throw invalid(
			'url',
			`The url could not be validated: it answered ${check.status || check.error} to a GET request instead of 200.`,
		);
	const id = `4000000${String(200000 + (ctx.core.deskWebhookSeq = (ctx.core.deskWebhookSeq ?? 0) + 1)).padStart(9, '0')}`;
	const webhook = {
		id,
		orgId: ctx.orgId,
		name: body.name,
		url: body.url,
		description: body.description ?? null,
		subscriptions: body.subscriptions,
		ignoreSourceId: body.ignoreSourceId ?? null,
		includeEventsFrom: body.includeEventsFrom ?? [],
		isEnabled: true,
		createdTime: new Date().toISOString().replace(/\.\d{3}Z$/, '.000Z'),
	};
	hooks.set(id, webhook);
	ctx.entry.records = 1;
	return { status: 200, body: present(webhook) };
}

/** GET /api/v1/webhooks @param {import('../server').Ctx} ctx */
function list(ctx) {
	const data = Array.from(store(ctx).values())
		.filter((w) => w.orgId === ctx.orgId)
		.map(present);
	if (!data.length) return { status: 204 };
	return { status: 200, body: { data } };
}

/** @param {import('../server').Ctx} ctx */
function find(ctx) {
	const w = store(ctx).get(ctx.params.id);
	if (!w || w.orgId !== ctx.orgId)
		throw deskError(404, 'RESOURCE_NOT_FOUND', 'The requested resource does not exist.');
	return w;
}

/** GET /api/v1/webhooks/{id} @param {import('../server').Ctx} ctx */
const getOne = (ctx) => ({ status: 200, body: present(find(ctx)) });

/** DELETE /api/v1/webhooks/{id} @param {import('../server').Ctx} ctx */
function remove(ctx) {
	store(ctx).delete(find(ctx).id);
	return { status: 204 };
}

module.exports = { create, list, getOne, remove, store, EVENTS };
