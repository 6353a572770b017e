'use strict';
/**
 * Desk routing under `/api/v1`. Order per request: route → token → scope →
 * orgId (header `orgId`, or query `orgId`) → daily credit → handler.
 *
 * orgId rules: missing → 400 INVALID_DATA; not numeric → 422 UNPROCESSABLE_ENTITY;
 * an org the token does not belong to → 403 OAUTH_ORG_MISMATCH (see RULES.md).
 */

const { deskError, DESK } = require('../errors');
const { hasScope, opForMethod } = require('../scopes');
const tickets = require('./tickets');
const counts = require('./counts');
const history = require('./history');
const entities = require('./entities');
const settings = require('./settings');
const conversations = require('./conversations');
const webhooks = require('./webhooks');

/**
 * @typedef {{service: string, family: string, op: string}} Need
 * @typedef {(ctx: import('../server').Ctx) => {status: number, body?: unknown, headers?: Record<string, string>}} Handler
 * @typedef {{handler: Handler, needs: (method: string) => Need[]}} Method
 * @typedef {{pattern: string[], org: boolean, methods: Record<string, Method>}} Route
 */

/** All of these scope families, op from the HTTP method unless given. @param {...(string|[string, string])} families */
const scopes =
	(...families) =>
	(/** @type {string} */ method) =>
		families.map((f) =>
			Array.isArray(f)
				? { service: 'Desk', family: f[0], op: f[1] }
				: { service: 'Desk', family: f, op: opForMethod(method) },
		);

/** @param {Handler} handler @param {(method: string) => Need[]} needs @returns {Method} */
const m = (handler, needs) => ({ handler, needs });

/**
 * Routes of contacts / accounts / tasks. Contacts and accounts share `Desk.contacts.*` (see RULES.md).
 * @param {'contacts'|'accounts'|'tasks'} entity @param {string} family @param {string} trashKey
 * @returns {Route[]}
 */
const entityRoutes = (entity, family, trashKey) => [
	{
		pattern: [entity, 'moveToTrash'],
		org: true,
		methods: { POST: m(tickets.moveToTrash(entity, trashKey), scopes([family, 'DELETE'])) },
	},
	...(entity === 'tasks'
		? []
		: [
				{
					pattern: [entity, 'search'],
					org: true,
					methods: { GET: m(entities.search(entity), scopes(family, ['search', 'READ'])) },
				},
			]),
	{
		pattern: [entity, '{id}'],
		org: true,
		methods: /** @type {Record<string, Method>} */ ({
			GET: m(entities.getOne(entity), scopes(family)),
			PATCH: m(entities.update(entity), scopes(family)),
			...(entity === 'tasks' ? { DELETE: m(entities.deleteTask, scopes(family)) } : {}),
		}),
	},
	{
		pattern: [entity],
		org: true,
		methods: {
			GET: m(entities.list(entity), scopes(family)),
			POST: m(entities.create(entity), scopes(family)),
		},
	},
];

/** @type {Route[]} */
const ROUTES = [
	{
		pattern: ['organizations'],
		org: false,
		methods: { GET: m(settings.organizations, scopes('basic')) },
	},
	{
		pattern: ['accessibleOrganizations'],
		org: false,
		methods: { GET: m(settings.organizations, scopes('basic')) },
	},
	{
		pattern: ['organizations', '{id}'],
		org: false,
		methods: { GET: m(settings.organization, scopes('basic')) },
	},
	{
		pattern: ['departments'],
		org: true,
		methods: { GET: m(settings.departments, scopes('settings')) },
	},
	{
		pattern: ['departments', '{id}'],
		org: true,
		methods: { GET: m(settings.department, scopes('settings')) },
	},
	{ pattern: ['agents'], org: true, methods: { GET: m(settings.agents, scopes('settings')) } },
	{
		pattern: ['agents', '{id}'],
		org: true,
		methods: { GET: m(settings.agent, scopes('settings')) },
	},
	{ pattern: ['ticketsCount'], org: true, methods: { GET: m(counts.count, scopes('tickets')) } },
	{
		pattern: ['ticketsCountByFieldValues'],
		org: true,
		methods: { GET: m(counts.countByField, scopes('tickets')) },
	},
	{
		pattern: ['tickets', 'search'],
		org: true,
		methods: { GET: m(tickets.search, scopes('tickets', ['search', 'READ'])) },
	},
	{
		pattern: ['tickets', 'moveToTrash'],
		org: true,
		methods: {
			POST: m(tickets.moveToTrash('tickets', 'ticketIds'), scopes(['tickets', 'DELETE'])),
		},
	},
	{
		pattern: ['uploads'],
		org: true,
		methods: { POST: m(conversations.upload, scopes(['basic', 'CREATE'])) },
	},
	{
		pattern: ['tickets', '{id}', 'threads'],
		org: true,
		methods: { GET: m(conversations.listThreads, scopes('tickets')) },
	},
	{
		pattern: ['tickets', '{id}', 'threads', '{threadId}'],
		org: true,
		methods: { GET: m(conversations.getThread, scopes('tickets')) },
	},
	{
		pattern: ['tickets', '{id}', 'sendReply'],
		org: true,
		methods: { POST: m(conversations.sendReply, scopes(['tickets', 'UPDATE'])) },
	},
	{
		pattern: ['tickets', '{id}', 'comments'],
		org: true,
		methods: {
			GET: m(conversations.listComments, scopes('tickets')),
			POST: m(conversations.addComment, scopes(['tickets', 'UPDATE'])),
		},
	},
	{
		pattern: ['tickets', '{id}', 'comments', '{commentId}'],
		org: true,
		methods: {
			PATCH: m(conversations.updateComment, scopes(['tickets', 'UPDATE'])),
			DELETE: m(conversations.deleteComment, scopes(['tickets', 'UPDATE'])),
		},
	},
	{
		pattern: ['tickets', '{id}', 'attachments'],
		org: true,
		methods: {
			GET: m(conversations.listAttachments, scopes('tickets')),
			POST: m(conversations.addAttachment, scopes(['tickets', 'UPDATE'])),
		},
	},
	{
		pattern: ['tickets', '{id}', 'attachments', '{attachmentId}'],
		org: true,
		methods: { DELETE: m(conversations.deleteAttachment, scopes(['tickets', 'UPDATE'])) },
	},
	{
		pattern: ['tickets', '{id}', 'attachments', '{attachmentId}', 'content'],
		org: true,
		methods: { GET: m(conversations.attachmentContent, scopes('tickets')) },
	},
	{
		pattern: ['tickets', '{id}', 'History'],
		org: true,
		methods: { GET: m(history.get, scopes('tickets')) },
	},
	{
		pattern: ['tickets', '{id}'],
		org: true,
		methods: {
			GET: m(tickets.getOne, scopes('tickets')),
			PATCH: m(tickets.update, scopes('tickets')),
		},
	},
	{
		pattern: ['tickets'],
		org: true,
		methods: {
			GET: m(tickets.list, scopes('tickets')),
			POST: m(tickets.create, scopes('tickets')),
		},
	},
	...entityRoutes('contacts', 'contacts', 'contactIds'),
	...entityRoutes('accounts', 'contacts', 'accountIds'),
	...entityRoutes('tasks', 'tasks', 'entityIds'),
	{
		pattern: ['webhooks'],
		org: true,
		methods: {
			GET: m(webhooks.list, scopes('events')),
			POST: m(webhooks.create, scopes('events')),
		},
	},
	{
		pattern: ['webhooks', '{id}'],
		org: true,
		methods: {
			GET: m(webhooks.getOne, scopes('events')),
			DELETE: m(webhooks.remove, scopes('events')),
		},
	},
];

/** @param {string[]} pattern @param {string[]} segments */
function match(pattern, segments) {
	if (pattern.length !== segments.length) return null;
	/** @type {Record<string, string>} */
	const params = {};
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i].startsWith('{')) params[pattern[i].slice(1, -1)] = segments[i];
		else if (pattern[i] !== segments[i]) return null;
	}
	return params;
}

/** orgId from the header (preferred) or the query string. @param {import('../server').Ctx} ctx */
function resolveOrg(ctx) {
	const header = ctx.headers.orgid;
	const raw =
		typeof header === 'string'
			? header.trim()
			: Array.isArray(header)
				? String(header[0]).trim()
				: ctx.query.get('orgId');
	if (raw === null || raw === undefined || raw === '') {
		throw deskError(
			400,
			'INVALID_DATA',
			'The orgId is missing. Every Desk API except /organizations needs the orgId header.',
			[{ fieldName: 'orgId', errorType: 'missing', errorMessage: 'orgId header is required.' }],
		);
	}
	if (!/^\d{1,19}$/.test(raw))
		throw deskError(
			422,
			'UNPROCESSABLE_ENTITY',
			`The value passed for 'orgId' is not a valid organization ID.`,
			[{ fieldName: 'orgId', errorType: 'invalid', errorMessage: 'orgId must be numeric.' }],
		);
	if (!ctx.token || !ctx.token.deskOrgIds.includes(raw)) throw DESK.orgMismatch();
	return raw;
}

/**
 * @param {import('../server').Ctx} ctx
 * @param {() => ({status: number, body: unknown, headers: Record<string, string>}|null)} takeCredit
 */
async function dispatch(ctx, takeCredit) {
	const mm = /^\/api\/v1\/(.+)$/.exec(ctx.path);
	if (!mm) throw DESK.notFound();
	let segments;
	try {
		segments = mm[1].split('/').map((s) => decodeURIComponent(s));
	} catch {
		throw DESK.notFound();
	}
	let found = null;
	for (const route of ROUTES) {
		const params = match(route.pattern, segments);
		if (params) {
			found = { route, params };
			break;
		}
	}
	if (!found) throw DESK.notFound();
	const method = found.route.methods[ctx.method];
	if (!method) throw DESK.methodNotAllowed();
	ctx.params = found.params;
	ctx.token = ctx.core.accounts.authenticate(ctx.headers.authorization);
	if (!ctx.token) throw DESK.invalidOauth();
	const granted = ctx.token.scopes;
	if (!method.needs(ctx.method).every((need) => hasScope(granted, need)))
		throw DESK.scopeMismatch();
	if (found.route.org) ctx.orgId = resolveOrg(ctx);
	const limited = takeCredit();
	if (limited) return limited;
	return method.handler(ctx);
}

module.exports = { dispatch };
