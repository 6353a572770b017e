'use strict';
/**
 * Notification (watch) API `/crm/v8/actions/watch` (also v2): enable (POST), list (GET),
 * update specific details (PATCH — omitted `events`/`token` become null, as on Zoho),
 * replace (PUT), disable (DELETE ?channel_ids=).
 */

const { CRM, crmError, crmItemError } = require('../errors');
const { MODULE_MAP } = require('../data/crm-schema');
const { crmDateTime, CRM_DATETIME_RE, parseCrmDateTime } = require('../time');
const { intParam, perPageParam, isPlainObject } = require('./common');

const OPERATIONS = ['create', 'edit', 'delete', 'all'];
const MAX_EXPIRY_MS = 7 * 24 * 3600 * 1000;
const DEFAULT_EXPIRY_MS = 3600 * 1000;
const MAX_TOKEN = 50;
const ITEM_KEYS = new Set([
	'channel_id',
	'events',
	'notify_url',
	'token',
	'channel_expiry',
	'return_affected_field_values',
	'notify_on_related_action',
	'notification_condition',
	'_delete_events',
]);

/**
 * @typedef {object} Channel
 * @property {string} channel_id
 * @property {string[]|null} events e.g. ['Leads.create', 'Deals.all']
 * @property {string} notify_url
 * @property {string|null} token
 * @property {number} expiresAt epoch ms
 * @property {boolean} return_affected_field_values
 * @property {boolean} notify_on_related_action
 * @property {unknown[]|null} notification_condition
 */

/** @param {string} api_name @param {string} message @param {number} i @param {string} [code] */
const itemError = (api_name, message, i, code = 'INVALID_DATA') => ({
	error: crmItemError(code, message, { api_name, json_path: `$.watch[${i}].${api_name}` }),
});

/** Channel IDs are longs; JSON numbers (safe integers) are required. @param {unknown} v */
const channelIdOf = (v) =>
	typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? String(v) : null;

/** @param {unknown} events @param {number} i */
function checkEvents(events, i) {
	if (!Array.isArray(events) || events.length === 0 || events.length > 50)
		return itemError('events', 'invalid data', i);
	for (const e of events) {
		if (typeof e !== 'string') return itemError('events', 'invalid data', i);
		const m = /^([A-Za-z0-9_]+)\.([a-z]+)$/.exec(e);
		if (!m) return itemError('events', `invalid event ${e}`, i);
		const mod = MODULE_MAP.get(m[1]);
		if (!mod) return itemError('events', `invalid module in event ${e}`, i);
		if (!mod.watchable)
			return itemError('events', `the module ${m[1]} is not supported for notifications`, i);
		if (!OPERATIONS.includes(m[2]))
			return itemError('events', `invalid operation in event ${e}`, i);
	}
	return null;
}

/** @param {unknown} v @param {number} i @returns {{error: object} | {expiresAt: number}} */
function checkExpiry(v, i) {
	if (typeof v !== 'string' || !CRM_DATETIME_RE.test(v))
		return itemError(
			'channel_expiry',
			'channel_expiry must be yyyy-MM-ddTHH:mm:ss±HH:mm (no milliseconds)',
			i,
		);
	const t = parseCrmDateTime(v);
	if (t === null) return itemError('channel_expiry', 'invalid channel_expiry', i);
	const now = Date.now();
	if (t <= now) return itemError('channel_expiry', 'channel_expiry is in the past', i);
	if (t > now + MAX_EXPIRY_MS)
		return itemError('channel_expiry', 'channel_expiry can be at most one week ahead', i);
	return { expiresAt: t };
}

/** @param {unknown} v @param {number} i */
function checkUrl(v, i) {
	if (typeof v !== 'string' || v.length > 2000)
		return itemError('notify_url', 'invalid notify_url', i);
	try {
		const u = new URL(v);
		if (u.protocol !== 'http:' && u.protocol !== 'https:')
			return itemError('notify_url', 'notify_url must be an http(s) URL', i);
	} catch {
		return itemError('notify_url', 'notify_url must be an http(s) URL', i);
	}
	return null;
}

/**
 * Validates optional fields shared by enable / patch / put.
 * @param {Record<string, unknown>} item @param {number} i
 */
function checkOptional(item, i) {
	for (const k of Object.keys(item)) if (!ITEM_KEYS.has(k)) return itemError(k, 'invalid field', i);
	if (
		'token' in item &&
		item.token !== null &&
		(typeof item.token !== 'string' || item.token.length > MAX_TOKEN)
	)
		return itemError('token', `token must be a string of at most ${MAX_TOKEN} characters`, i);
	for (const k of ['return_affected_field_values', 'notify_on_related_action', '_delete_events']) {
		if (k in item && typeof item[k] !== 'boolean') return itemError(k, `${k} must be a boolean`, i);
	}
	if ('notification_condition' in item && item.notification_condition !== null) {
		const nc = item.notification_condition;
		if (!Array.isArray(nc) || nc.some((c) => !isPlainObject(c)))
			return itemError(
				'notification_condition',
				'notification_condition must be an array of objects',
				i,
			);
	}
	return null;
}

/** @param {string} baseUrl @param {Channel} ch */
function eventDetails(baseUrl, ch) {
	const modules = Array.from(new Set((ch.events ?? []).map((e) => e.split('.')[0])));
	return modules.map((m) => {
		const mod = /** @type {any} */ (MODULE_MAP.get(m));
		return {
			channel_expiry: crmDateTime(ch.expiresAt),
			resource_uri: `${baseUrl}/crm/v8/${m}`,
			resource_id: mod.id,
			resource_name: m,
			channel_id: ch.channel_id,
			events: (ch.events ?? []).filter((e) => e.startsWith(`${m}.`)),
		};
	});
}

/** Live (non-expired) channels; expired ones are dropped like Zoho does. @param {import('../server').Ctx} ctx */
function live(ctx) {
	const map = /** @type {Map<string, Channel>} */ (ctx.data.crm.watch);
	const now = Date.now();
	for (const [id, ch] of map) if (ch.expiresAt <= now) map.delete(id);
	return map;
}

/** @param {import('../server').Ctx} ctx @returns {Record<string, unknown>[]} */
function watchItems(ctx) {
	if (ctx.bodyKind === 'invalid') throw CRM.invalidBody();
	const body = /** @type {any} */ (ctx.body);
	if (!isPlainObject(body) || !('watch' in body))
		throw crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'watch' });
	if (!Array.isArray(body.watch) || body.watch.length === 0)
		throw crmError(400, 'INVALID_DATA', 'invalid data', { api_name: 'watch' });
	if (body.watch.length > 100) throw CRM.limit({ api_name: 'watch', limit: 100 });
	return body.watch;
}

/** @param {number} ok @param {number} total @param {number} allOk */
const statusOf = (ok, total, allOk) => (ok === total ? allOk : ok === 0 ? 400 : 207);

/** POST — enable. @param {import('../server').Ctx} ctx */
function enable(ctx) {
	const items = watchItems(ctx);
	const map = live(ctx);
	let ok = 0;
	const out = items.map((raw, i) => {
		if (!isPlainObject(raw))
			return crmItemError('INVALID_DATA', 'invalid data', { json_path: `$.watch[${i}]` });
		const item = /** @type {Record<string, unknown>} */ (raw);
		if (!('channel_id' in item))
			return itemError('channel_id', 'required field not found', i, 'MANDATORY_NOT_FOUND').error;
		const id = channelIdOf(item.channel_id);
		if (!id) return itemError('channel_id', 'channel_id must be a number', i).error;
		if (!('events' in item))
			return itemError('events', 'required field not found', i, 'MANDATORY_NOT_FOUND').error;
		const ev = checkEvents(item.events, i);
		if (ev) return ev.error;
		if (!('notify_url' in item))
			return itemError('notify_url', 'required field not found', i, 'MANDATORY_NOT_FOUND').error;
		const url = checkUrl(item.notify_url, i);
		if (url) return url.error;
		const opt = checkOptional(item, i);
		if (opt) return opt.error;
		let expiresAt = Date.now() + DEFAULT_EXPIRY_MS;
		if ('channel_expiry' in item && item.channel_expiry !== null) {
			const ex = checkExpiry(item.channel_expiry, i);
			if ('error' in ex) return ex.error;
			expiresAt = ex.expiresAt;
		}
		if (map.has(id))
			return itemError('channel_id', 'the channel_id already exists', i, 'DUPLICATE_DATA').error;
		/** @type {Channel} */
		const ch = {
			channel_id: id,
			events: Array.from(new Set(/** @type {string[]} */ (item.events))),
			notify_url: /** @type {string} */ (item.notify_url),
			token: typeof item.token === 'string' ? item.token : null,
			expiresAt,
			return_affected_field_values: item.return_affected_field_values === true,
			notify_on_related_action: item.notify_on_related_action === true,
			notification_condition: Array.isArray(item.notification_condition)
				? item.notification_condition
				: null,
		};
		map.set(id, ch);
		ok++;
		return {
			code: 'SUCCESS',
			details: { events: eventDetails(ctx.baseUrl, ch) },
			message: 'Successfully subscribed for actions-watch of the given module',
			status: 'success',
		};
	});
	return { status: statusOf(ok, items.length, 201), body: { watch: out } };
}

/**
 * PATCH (partial; omitted events/token become null) and PUT (replace).
 * @param {import('../server').Ctx} ctx @param {'patch'|'put'} mode
 */
function modify(ctx, mode) {
	const items = watchItems(ctx);
	const map = live(ctx);
	let ok = 0;
	const out = items.map((raw, i) => {
		if (!isPlainObject(raw))
			return crmItemError('INVALID_DATA', 'invalid data', { json_path: `$.watch[${i}]` });
		const item = /** @type {Record<string, unknown>} */ (raw);
		if (!('channel_id' in item))
			return itemError('channel_id', 'required field not found', i, 'MANDATORY_NOT_FOUND').error;
		const id = channelIdOf(item.channel_id);
		if (!id) return itemError('channel_id', 'channel_id must be a number', i).error;
		const existing = map.get(id);
		if (!existing) return itemError('channel_id', 'the given channel_id does not exist', i).error;
		const opt = checkOptional(item, i);
		if (opt) return opt.error;
		if (mode === 'put') {
			for (const k of ['events', 'notify_url'])
				if (!(k in item))
					return itemError(k, 'required field not found', i, 'MANDATORY_NOT_FOUND').error;
		}
		if ('events' in item) {
			const ev = checkEvents(item.events, i);
			if (ev) return ev.error;
		}
		if ('notify_url' in item) {
			const url = checkUrl(item.notify_url, i);
			if (url) return url.error;
		}
		let expiresAt = mode === 'put' ? Date.now() + DEFAULT_EXPIRY_MS : existing.expiresAt;
		if ('channel_expiry' in item && item.channel_expiry !== null) {
			const ex = checkExpiry(item.channel_expiry, i);
			if ('error' in ex) return ex.error;
			expiresAt = ex.expiresAt;
		}
		/** @type {Channel} */
		const next =
			mode === 'put'
				? {
						channel_id: id,
						events: null,
						notify_url: existing.notify_url,
						token: null,
						expiresAt,
						return_affected_field_values: false,
						notify_on_related_action: false,
						notification_condition: null,
					}
				: { ...existing, expiresAt, events: null, token: null };
		if ('events' in item) {
			const given = /** @type {string[]} */ (item.events);
			if (item._delete_events === true)
				next.events = (existing.events ?? []).filter((e) => !given.includes(e));
			else next.events = Array.from(new Set(given));
		}
		if ('token' in item) next.token = typeof item.token === 'string' ? item.token : null;
		if ('notify_url' in item) next.notify_url = /** @type {string} */ (item.notify_url);
		if ('return_affected_field_values' in item)
			next.return_affected_field_values = item.return_affected_field_values === true;
		if ('notify_on_related_action' in item)
			next.notify_on_related_action = item.notify_on_related_action === true;
		if ('notification_condition' in item)
			next.notification_condition = Array.isArray(item.notification_condition)
				? item.notification_condition
				: null;
		map.set(id, next);
		ok++;
		return {
			code: 'SUCCESS',
			details: { events: eventDetails(ctx.baseUrl, next) },
			message: 'Successfully updated the subscribe details',
			status: 'success',
		};
	});
	return { status: statusOf(ok, items.length, 200), body: { watch: out } };
}

/** @param {import('../server').Ctx} ctx */
const patch = (ctx) => modify(ctx, 'patch');
/** @param {import('../server').Ctx} ctx */
const replace = (ctx) => modify(ctx, 'put');

/** Output shape of a channel (GET). @param {string} baseUrl @param {Channel} ch */
function present(baseUrl, ch) {
	return {
		channel_id: ch.channel_id,
		events:
			ch.events === null ? null : eventDetails(baseUrl, ch).map(({ channel_id: _c, ...e }) => e),
		notify_url: ch.notify_url,
		token: ch.token,
		channel_expiry: crmDateTime(ch.expiresAt),
		return_affected_field_values: ch.return_affected_field_values,
		notify_on_related_action: ch.notify_on_related_action,
		notification_condition: ch.notification_condition,
	};
}

/** GET — list channels. @param {import('../server').Ctx} ctx */
function list(ctx) {
	const q = ctx.query;
	const perPage = perPageParam(q);
	const page = intParam(q, 'page', { min: 1, def: 1 });
	const channelId = q.get('channel_id');
	if (channelId !== null && !/^\d{1,19}$/.test(channelId)) throw CRM.invalidParam('channel_id');
	const module = q.get('module');
	if (module !== null && !MODULE_MAP.has(module)) throw CRM.invalidModule();
	let channels = Array.from(live(ctx).values()).sort((a, b) =>
		BigInt(a.channel_id) < BigInt(b.channel_id) ? -1 : 1,
	);
	if (channelId !== null) channels = channels.filter((c) => c.channel_id === channelId);
	if (module !== null)
		channels = channels.filter((c) => (c.events ?? []).some((e) => e.startsWith(`${module}.`)));
	const slice = channels.slice((page - 1) * perPage, page * perPage);
	if (slice.length === 0) return { status: 204 };
	ctx.entry.records = slice.length;
	return {
		status: 200,
		body: {
			watch: slice.map((c) => present(ctx.baseUrl, c)),
			info: {
				per_page: perPage,
				count: slice.length,
				page,
				more_records: page * perPage < channels.length,
			},
		},
	};
}

/** DELETE ?channel_ids=1,2 @param {import('../server').Ctx} ctx */
function disable(ctx) {
	const raw = ctx.query.get('channel_ids');
	if (raw === null || raw.trim() === '') throw CRM.requiredParam('channel_ids');
	const ids = raw.split(',').map((s) => s.trim());
	if (ids.length > 100) throw CRM.limit({ param_name: 'channel_ids', limit: 100 });
	const map = live(ctx);
	let ok = 0;
	const out = ids.map((id) => {
		const ch = /^\d{1,19}$/.test(id) ? map.get(id) : undefined;
		if (!ch)
			return crmItemError('INVALID_DATA', 'the given channel_id does not exist', {
				channel_id: id,
			});
		map.delete(id);
		ok++;
		return {
			code: 'SUCCESS',
			status: 'success',
			message: 'Successfully un-subscribed from actions-watch',
			details: {
				channel_id: id,
				events: eventDetails(ctx.baseUrl, ch).map(
					({ resource_name, resource_id, resource_uri }) => ({
						resource_name,
						resource_id,
						resource_uri,
					}),
				),
			},
		};
	});
	return { status: statusOf(ok, ids.length, 200), body: { watch: out } };
}

module.exports = { enable, patch, replace, list, disable, MAX_EXPIRY_MS };
