'use strict';
/**
 * CRM routing: `/crm/v8/...` and `/crm/v2/...` (v2: module names case-insensitive,
 * `fields` optional; signals endpoints exist only on v2).
 * Order per request: route → token → module → scope → daily credit → handler.
 */

const { CRM } = require('../errors');
const { hasScope, opForMethod } = require('../scopes');
const { resolveModule, moduleOf } = require('./common');
const records = require('./records');
const writes = require('./writes');
const search = require('./search');
const coql = require('./coql');
const timeline = require('./timeline');
const watch = require('./watch');
const signals = require('./signals');
const meta = require('./meta');
const related = require('./related');
const notes = require('./notes');
const attachments = require('./attachments');

/** First path segments that are never module names. */
const RESERVED = new Set(['org', 'users', 'settings', 'coql', 'actions', 'signals', '__emulator']);

/**
 * @typedef {{service: string, family: string, sub?: string|null, op: string, customSub?: boolean}} ScopeNeed
 * @typedef {(ctx: import('../server').Ctx) => Promise<{status: number, body?: unknown, headers?: Record<string, string>}> | {status: number, body?: unknown, headers?: Record<string, string>}} Handler
 * @typedef {{handler: Handler, scope: (ctx: import('../server').Ctx) => ScopeNeed[], module?: boolean}} Method
 * @typedef {{pattern: string[], v2only?: boolean, methods: Record<string, Method>}} Route
 */

/** @param {string} family @param {string|null} [sub] @param {string} [op] @returns {(ctx: import('../server').Ctx) => ScopeNeed[]} */
const crmScope =
	(family, sub = null, op) =>
	(ctx) => [{ service: 'ZohoCRM', family, sub, op: op ?? opForMethod(ctx.method) }];
/** Modules scope for the route's module. @param {string} [op] */
const moduleScope = (op) => (/** @type {import('../server').Ctx} */ ctx) => {
	const mod = moduleOf(ctx);
	return [
		{
			service: 'ZohoCRM',
			family: 'modules',
			sub: mod.api_name,
			customSub: mod.generated_type === 'custom',
			op: op ?? opForMethod(ctx.method),
		},
	];
};
/** /settings/X accepts ZohoCRM.settings.* (or ZohoCRM.settings.X.*); extra alternatives may be given. */
const settingsScope =
	(sub, ...alternatives) =>
	(/** @type {import('../server').Ctx} */ ctx) => [
		{ service: 'ZohoCRM', family: 'settings', sub, op: 'READ' },
		...alternatives.map((family) => ({
			service: 'ZohoCRM',
			family,
			sub: null,
			op: opForMethod(ctx.method),
		})),
	];

/** Notes and attachments: `ZohoCRM.modules.ALL` or the `notes` / `attachments` sub-scope. @param {string} sub */
const subScope = (sub) => (/** @type {import('../server').Ctx} */ ctx) => [
	{ service: 'ZohoCRM', family: 'modules', sub, op: opForMethod(ctx.method) },
];

/** @type {Route[]} */
const ROUTES = [
	{
		pattern: ['Notes'],
		methods: {
			GET: { handler: notes.list, scope: subScope('notes') },
			POST: { handler: notes.create, scope: subScope('notes') },
		},
	},
	{
		pattern: ['Notes', '{id}'],
		methods: {
			GET: { handler: notes.getOne, scope: subScope('notes') },
			PUT: { handler: notes.updateOne, scope: subScope('notes') },
			DELETE: { handler: notes.deleteOne, scope: subScope('notes') },
		},
	},
	{
		pattern: ['{module}', '{id}', 'Notes'],
		methods: { GET: { handler: notes.listOfRecord, scope: subScope('notes'), module: true } },
	},
	{
		pattern: ['{module}', '{id}', 'Attachments'],
		methods: {
			GET: { handler: attachments.list, scope: subScope('attachments'), module: true },
			POST: { handler: attachments.upload, scope: subScope('attachments'), module: true },
		},
	},
	{
		pattern: ['{module}', '{id}', 'Attachments', '{attachmentId}'],
		methods: {
			GET: { handler: attachments.download, scope: subScope('attachments'), module: true },
			DELETE: { handler: attachments.remove, scope: subScope('attachments'), module: true },
		},
	},
	{ pattern: ['org'], methods: { GET: { handler: meta.org, scope: crmScope('org') } } },
	{ pattern: ['users'], methods: { GET: { handler: meta.users, scope: crmScope('users') } } },
	{
		pattern: ['users', 'actions', 'count'],
		methods: { GET: { handler: meta.usersCount, scope: crmScope('users') } },
	},
	{
		pattern: ['users', '{id}'],
		methods: { GET: { handler: meta.user, scope: crmScope('users') } },
	},
	{
		pattern: ['settings', 'modules'],
		methods: { GET: { handler: meta.modules, scope: settingsScope('modules') } },
	},
	{
		pattern: ['settings', 'modules', '{module}'],
		methods: { GET: { handler: meta.moduleOne, scope: settingsScope('modules') } },
	},
	{
		pattern: ['settings', 'fields'],
		methods: { GET: { handler: meta.fields, scope: settingsScope('fields') } },
	},
	{
		pattern: ['settings', 'custom_views'],
		methods: { GET: { handler: meta.customViews, scope: settingsScope('custom_views') } },
	},
	{
		pattern: ['settings', 'signals'],
		v2only: true,
		methods: { GET: { handler: signals.list, scope: settingsScope('signals', 'signals') } },
	},
	{
		pattern: ['signals', 'notifications'],
		v2only: true,
		methods: { POST: { handler: signals.raise, scope: crmScope('signals') } },
	},
	{
		pattern: ['coql'],
		methods: { POST: { handler: coql.query, scope: crmScope('coql', null, 'READ') } },
	},
	{
		pattern: ['actions', 'watch'],
		methods: {
			GET: { handler: watch.list, scope: crmScope('notifications') },
			POST: { handler: watch.enable, scope: crmScope('notifications') },
			PUT: { handler: watch.replace, scope: crmScope('notifications') },
			PATCH: { handler: watch.patch, scope: crmScope('notifications') },
			DELETE: { handler: watch.disable, scope: crmScope('notifications') },
		},
	},
	{
		pattern: ['{module}', 'actions', 'count'],
		methods: { GET: { handler: search.count, scope: moduleScope('READ'), module: true } },
	},
	{
		pattern: ['{module}', 'search'],
		methods: { GET: { handler: search.search, scope: moduleScope('READ'), module: true } },
	},
	{
		pattern: ['{module}', 'upsert'],
		methods: { POST: { handler: writes.upsert, scope: moduleScope('CREATE'), module: true } },
	},
	{
		pattern: ['{module}', 'deleted'],
		methods: { GET: { handler: records.deleted, scope: moduleScope('READ'), module: true } },
	},
	{
		pattern: ['{module}', '{id}', '__timeline'],
		methods: { GET: { handler: timeline.get, scope: moduleScope('READ'), module: true } },
	},
	// Related records, lead conversion and tags (crm/related.js).
	{
		pattern: ['settings', 'related_lists'],
		methods: { GET: { handler: related.relatedListsMeta, scope: settingsScope('related_lists') } },
	},
	{
		pattern: ['{module}', 'actions', 'add_tags'],
		methods: { POST: { handler: related.addTags, scope: moduleScope('UPDATE'), module: true } },
	},
	{
		pattern: ['{module}', 'actions', 'remove_tags'],
		methods: { POST: { handler: related.removeTags, scope: moduleScope('UPDATE'), module: true } },
	},
	{
		pattern: ['{module}', '{id}', 'actions', 'convert'],
		methods: { POST: { handler: related.convert, scope: moduleScope('CREATE'), module: true } },
	},
	{
		pattern: ['{module}', '{id}', '{related}', '{rid}'],
		methods: {
			GET: { handler: related.getRelatedOne, scope: moduleScope(), module: true },
			PUT: { handler: related.link, scope: moduleScope(), module: true },
			DELETE: { handler: related.unlink, scope: moduleScope(), module: true },
		},
	},
	{
		pattern: ['{module}', '{id}', '{related}'],
		methods: {
			GET: { handler: related.getRelated, scope: moduleScope(), module: true },
			PUT: { handler: related.link, scope: moduleScope(), module: true },
			DELETE: { handler: related.unlink, scope: moduleScope(), module: true },
		},
	},
	{
		pattern: ['{module}', '{id}'],
		methods: {
			GET: { handler: records.getOne, scope: moduleScope(), module: true },
			PUT: { handler: writes.updateOne, scope: moduleScope(), module: true },
			DELETE: { handler: records.deleteOne, scope: moduleScope(), module: true },
		},
	},
	{
		pattern: ['{module}'],
		methods: {
			GET: { handler: records.list, scope: moduleScope(), module: true },
			POST: { handler: writes.create, scope: moduleScope(), module: true },
			PUT: { handler: writes.update, scope: moduleScope(), module: true },
			DELETE: { handler: records.deleteMany, scope: moduleScope(), module: true },
		},
	},
];

/**
 * @param {string[]} pattern @param {string[]} segments
 * @returns {Record<string, string>|null}
 */
function match(pattern, segments) {
	if (pattern.length !== segments.length) return null;
	/** @type {Record<string, string>} */
	const params = {};
	for (let i = 0; i < pattern.length; i++) {
		const p = pattern[i];
		const s = segments[i];
		if (p.startsWith('{')) {
			if (p === '{module}' && i === 0 && RESERVED.has(s)) return null;
			params[p.slice(1, -1)] = s;
		} else if (p !== s) {
			return null;
		}
	}
	return params;
}

/**
 * @param {import('../server').Ctx} ctx
 * @param {() => ({status: number, body: unknown, headers: Record<string, string>}|null)} takeCredit
 */
async function dispatch(ctx, takeCredit) {
	const m = /^\/crm\/v(2|8)(?:\/(.*))?$/.exec(ctx.path);
	if (!m || !m[2]) throw CRM.invalidUrl();
	ctx.version = m[1] === '2' ? 2 : 8;
	let segments;
	try {
		segments = m[2].split('/').map((s) => decodeURIComponent(s));
	} catch {
		throw CRM.invalidUrl();
	}
	let found = null;
	for (const route of ROUTES) {
		if (route.v2only && ctx.version !== 2) continue;
		const params = match(route.pattern, segments);
		if (params) {
			found = { route, params };
			break;
		}
	}
	if (!found) throw CRM.invalidUrl();
	const method = found.route.methods[ctx.method];
	if (!method) throw CRM.invalidMethod();
	ctx.params = found.params;

	ctx.token = ctx.core.accounts.authenticate(ctx.headers.authorization);
	if (!ctx.token) throw CRM.invalidToken();
	if (method.module) ctx.mod = resolveModule(ctx, found.params.module);
	const needs = method.scope(ctx);
	if (!needs.some((need) => hasScope(/** @type {string[]} */ (ctx.token?.scopes), need)))
		throw CRM.scopeMismatch();
	const limited = takeCredit();
	if (limited) return limited;
	return method.handler(ctx);
}

module.exports = { dispatch };
