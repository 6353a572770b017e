'use strict';
/** Helpers shared by the emulator's own tests (not a test file itself). */

const { startEmulator } = require('./index');

/**
 * @typedef {{status: number, headers: Headers, text: string, body: any}} Res
 */

/**
 * Sends a request and parses a JSON answer when there is one.
 * @param {string} url
 * @param {{method?: string, headers?: Record<string, string>, body?: unknown, form?: Record<string, string>, redirect?: RequestRedirect}} [o]
 * @returns {Promise<Res>}
 */
async function request(url, o = {}) {
	/** @type {Record<string, string>} */
	const headers = { ...(o.headers ?? {}) };
	let body;
	if (o.form) {
		body = new URLSearchParams(o.form).toString();
		headers['content-type'] = 'application/x-www-form-urlencoded';
	} else if (o.body !== undefined) {
		body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
		headers['content-type'] ??= 'application/json';
	}
	const res = await fetch(url, {
		method: o.method ?? 'GET',
		headers,
		body,
		redirect: o.redirect ?? 'follow',
	});
	const text = await res.text();
	let parsed = null;
	if (text) {
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = null;
		}
	}
	return { status: res.status, headers: res.headers, text, body: parsed };
}

/** @param {Record<string, string|number|boolean|undefined>} [query] */
function qs(query) {
	if (!query) return '';
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(query)) if (v !== undefined) p.set(k, String(v));
	const s = p.toString();
	return s ? `?${s}` : '';
}

/**
 * Starts an emulator for a test file and returns accessors.
 * Call inside a describe/module scope: registers beforeAll/afterAll.
 * @param {Record<string, unknown>} [options]
 */
function useEmulator(options = {}) {
	/** @type {any} */
	const ctx = { emu: null, token: null };
	beforeAll(async () => {
		ctx.emu = await startEmulator(options);
		ctx.token = ctx.emu.issueToken();
	});
	afterAll(async () => {
		if (ctx.emu) await ctx.emu.close();
	});

	const auth = (token) => ({ Authorization: `Zoho-oauthtoken ${token ?? ctx.token.access_token}` });
	return {
		get emu() {
			return ctx.emu;
		},
		get token() {
			return ctx.token;
		},
		auth,
		/**
		 * CRM call (`/crm/v8` unless `version` is given).
		 * @param {string} method @param {string} path
		 * @param {{query?: Record<string, any>, body?: unknown, token?: string|null, headers?: Record<string, string>, version?: number}} [o]
		 */
		crm(method, path, o = {}) {
			const headers = { ...(o.token === null ? {} : auth(o.token)), ...(o.headers ?? {}) };
			return request(`${ctx.emu.url}/crm/v${o.version ?? 8}${path}${qs(o.query)}`, {
				method,
				headers,
				body: o.body,
			});
		},
		/**
		 * Desk call under `/api/v1` with the orgId header (org A unless given; null → none).
		 * @param {string} method @param {string} path
		 * @param {{query?: Record<string, any>, body?: unknown, token?: string|null, orgId?: string|null, headers?: Record<string, string>}} [o]
		 */
		desk(method, path, o = {}) {
			const org = o.orgId === undefined ? ctx.emu.deskOrgIds.A : o.orgId;
			const headers = {
				...(o.token === null ? {} : auth(o.token)),
				...(org === null ? {} : { orgId: org }),
				...(o.headers ?? {}),
			};
			return request(`${ctx.emu.url}/api/v1${path}${qs(o.query)}`, {
				method,
				headers,
				body: o.body,
			});
		},
		/** Raw call to any emulator path. @param {string} method @param {string} path @param {Parameters<typeof request>[1]} [o] */
		raw(method, path, o = {}) {
			return request(`${ctx.emu.url}${path}`, { ...o, method });
		},
	};
}

module.exports = { request, qs, useEmulator, startEmulator };
