'use strict';
/**
 * Admin API for the standalone mode and demos (no authentication; dev only):
 * POST /__emulator/reset, POST /__emulator/config, GET /__emulator/requests,
 * GET /__emulator/stats, POST /__emulator/token, POST /__emulator/expire.
 */

const { ApiError } = require('./errors');
const { configForJson, configFromJson } = require('./config');

/** @param {string} message */
const bad = (message) => new ApiError(400, { error: 'invalid_request', message });

/** @param {import('./server').Ctx} ctx */
function jsonBody(ctx) {
	if (ctx.bodyKind === 'invalid') throw bad(ctx.bodyError ?? 'invalid body');
	if (ctx.body === undefined) return {};
	if (ctx.body === null || typeof ctx.body !== 'object' || Array.isArray(ctx.body))
		throw bad('body must be a JSON object');
	return /** @type {Record<string, unknown>} */ (ctx.body);
}

/** Runs fn, turning TypeErrors (validation) into 400s. @template T @param {() => T} fn */
function validated(fn) {
	try {
		return fn();
	} catch (err) {
		if (err instanceof TypeError) throw bad(err.message);
		throw err;
	}
}

/**
 * @param {import('./server').Ctx} ctx
 * @returns {Promise<{status: number, body?: unknown}>}
 */
async function dispatch(ctx) {
	const emu = /** @type {any} */ (ctx.core.emu);
	const route = `${ctx.method} ${ctx.path}`;
	switch (route) {
		case 'GET /':
		case 'GET /__emulator':
			return {
				status: 200,
				body: {
					name: 'zoho-beam emulator',
					accounts: `${ctx.baseUrl}/oauth/v2`,
					crm: `${ctx.baseUrl}/crm/v8`,
					desk: `${ctx.baseUrl}/api/v1`,
					admin: [
						'POST /__emulator/reset',
						'POST /__emulator/config',
						'GET /__emulator/config',
						'GET /__emulator/requests',
						'GET /__emulator/stats',
						'POST /__emulator/token',
						'POST /__emulator/expire',
					],
				},
			};
		case 'POST /__emulator/reset': {
			const body = jsonBody(ctx);
			validated(() => emu.reset(body));
			return { status: 200, body: { ok: true } };
		}
		case 'GET /__emulator/config':
			return { status: 200, body: configForJson(ctx.core.config) };
		case 'POST /__emulator/config': {
			const body = jsonBody(ctx);
			validated(() => emu.configure(configFromJson(body)));
			return { status: 200, body: configForJson(ctx.core.config) };
		}
		case 'GET /__emulator/requests': {
			const since = ctx.query.get('since');
			if (since !== null && !/^\d+$/.test(since)) throw bad('since must be a sequence number');
			const list =
				since === null ? ctx.core.requests : ctx.core.requests.filter((r) => r.seq > Number(since));
			return { status: 200, body: { requests: list } };
		}
		case 'GET /__emulator/deliveries':
			return { status: 200, body: { deliveries: emu.deliveries } };
		case 'GET /__emulator/stats':
			return { status: 200, body: ctx.core.stats };
		case 'POST /__emulator/token': {
			const body = jsonBody(ctx);
			return { status: 200, body: validated(() => emu.issueToken(body)) };
		}
		case 'POST /__emulator/expire':
			return { status: 200, body: { ok: true, expired: emu.expireAccessTokens() } };
		default:
			throw new ApiError(404, { error: 'not_found', message: `no emulator route ${route}` });
	}
}

module.exports = { dispatch };
