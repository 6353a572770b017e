'use strict';
/**
 * Zoho Accounts emulation: authorization codes, access/refresh tokens, revocation,
 * and validation of API tokens. Token-endpoint errors are HTTP 200 with `{"error": …}`
 * like the real server.
 */

const crypto = require('node:crypto');
const { ALL_SCOPES, parseScopeList } = require('./scopes');
const { ORG_A, ORG_B } = require('./data/desk-seed');
const { ApiError } = require('./errors');

const DEFAULT_DESK_ORGS = [ORG_A, ORG_B];
/** Refresh tokens minted through the code flow, per client: Zoho keeps 20 and silently drops the oldest. */
const MAX_REFRESH_TOKENS_PER_CLIENT = 20;

const randomToken = () =>
	`1000.${crypto.randomBytes(16).toString('hex')}.${crypto.randomBytes(16).toString('hex')}`;

/**
 * @typedef {object} AccessRecord
 * @property {string[]} scopes
 * @property {number} expiresAt epoch ms
 * @property {string|null} refreshToken
 * @property {string[]} deskOrgIds
 */

/**
 * @typedef {object} RefreshRecord
 * @property {string[]} scopes
 * @property {string[]} deskOrgIds
 * @property {string[]} accessTokens active access tokens, oldest first
 * @property {number[]} refreshTimes epoch ms of recent refreshes
 * @property {string|null} clientId set for code-flow tokens
 */

/**
 * @param {{config: import('./config').EmulatorConfig, stats: Record<string, any>, baseUrl: () => string}} env
 */
function createAccounts(env) {
	/** @type {Map<string, AccessRecord>} */
	const access = new Map();
	/** @type {Map<string, RefreshRecord>} */
	const refresh = new Map();
	/** @type {Map<string, {clientId: string, scopes: string[], redirectUri: string, offline: boolean, expiresAt: number, used: boolean}>} */
	const codes = new Map();
	/** code-flow refresh tokens per client, oldest first */
	/** @type {Map<string, string[]>} */
	const clientRefreshTokens = new Map();
	/** clients whose user already granted offline access (a new refresh token then needs prompt=consent) */
	const offlineConsented = new Set();

	/** @param {string} refreshToken */
	function dropRefresh(refreshToken) {
		const rec = refresh.get(refreshToken);
		if (!rec) return false;
		for (const t of rec.accessTokens) access.delete(t);
		refresh.delete(refreshToken);
		return true;
	}

	/** @param {string} refreshToken @param {RefreshRecord} rec @param {number} lifetimeSec */
	function mintAccess(refreshToken, rec, lifetimeSec) {
		const token = randomToken();
		access.set(token, {
			scopes: rec.scopes,
			expiresAt: Date.now() + lifetimeSec * 1000,
			refreshToken,
			deskOrgIds: rec.deskOrgIds,
		});
		rec.accessTokens.push(token);
		const max = env.config.tokenLimits.accessTokensPerRefreshToken;
		while (rec.accessTokens.length > max) {
			const oldest = rec.accessTokens.shift();
			if (oldest) access.delete(oldest);
		}
		return token;
	}

	/**
	 * Issues a refresh + access token pair directly (test helper).
	 * @param {{scopes?: string[]|'all', lifetimeSec?: number, deskOrgIds?: string[]}} [opts]
	 */
	function issueToken(opts = {}) {
		if (opts === null || typeof opts !== 'object' || Array.isArray(opts))
			throw new TypeError('issueToken options must be an object');
		const known = ['scopes', 'lifetimeSec', 'deskOrgIds'];
		for (const k of Object.keys(opts))
			if (!known.includes(k)) throw new TypeError(`unknown issueToken option ${k}`);
		let scopes = ALL_SCOPES.slice();
		if (opts.scopes !== undefined && opts.scopes !== 'all') {
			if (!Array.isArray(opts.scopes) || opts.scopes.some((s) => typeof s !== 'string'))
				throw new TypeError('scopes must be an array of strings or "all"');
			const parsed = opts.scopes.length ? parseScopeList(opts.scopes.join(',')) : [];
			if (!parsed) throw new TypeError(`invalid scope in ${JSON.stringify(opts.scopes)}`);
			scopes = parsed;
		}
		const lifetimeSec = opts.lifetimeSec ?? env.config.tokenLifetimeSec;
		if (typeof lifetimeSec !== 'number' || !(lifetimeSec > 0))
			throw new TypeError('lifetimeSec must be a positive number');
		let deskOrgIds = DEFAULT_DESK_ORGS.slice();
		if (opts.deskOrgIds !== undefined) {
			if (
				!Array.isArray(opts.deskOrgIds) ||
				opts.deskOrgIds.some((o) => typeof o !== 'string' || !/^\d+$/.test(o))
			)
				throw new TypeError('deskOrgIds must be an array of numeric strings');
			deskOrgIds = opts.deskOrgIds.slice();
		}
		const refreshToken = randomToken();
		/** @type {RefreshRecord} */
		const rec = { scopes, deskOrgIds, accessTokens: [], refreshTimes: [], clientId: null };
		refresh.set(refreshToken, rec);
		const accessToken = mintAccess(refreshToken, rec, lifetimeSec);
		return {
			access_token: accessToken,
			refresh_token: refreshToken,
			api_domain: env.baseUrl(),
			token_type: 'Bearer',
			expires_in: lifetimeSec,
			scope: scopes.join(','),
		};
	}

	/** Makes every issued access token expired. @returns {number} how many */
	function expireAccessTokens() {
		const past = Date.now() - 1000;
		for (const rec of access.values()) rec.expiresAt = past;
		return access.size;
	}

	/**
	 * Resolves the Authorization header to a live access token record.
	 * @param {string|undefined} header
	 * @returns {AccessRecord|null}
	 */
	function authenticate(header) {
		if (typeof header !== 'string') return null;
		const m = /^(?:Zoho-oauthtoken|Bearer)\s+(\S+)\s*$/.exec(header);
		if (!m) return null;
		const rec = access.get(m[1]);
		if (!rec || rec.expiresAt <= Date.now()) return null;
		return rec;
	}

	/** Clears rate-limit counters and pending codes (reset); issued tokens stay valid. */
	function resetCounters() {
		for (const rec of refresh.values()) rec.refreshTimes = [];
		codes.clear();
	}

	// ------------------------------------------------------------ HTTP

	/** @param {string} error @param {object} [extra] */
	function tokenError(error, extra = {}) {
		env.stats.tokenErrors++;
		return { status: 200, body: { error, ...extra } };
	}

	/** @param {string} title @param {string} message */
	const htmlError = (title, message) => ({
		status: 200,
		headers: { 'content-type': 'text/html; charset=utf-8' },
		raw: `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${message}</p></body></html>`,
	});

	/**
	 * GET /oauth/v2/auth
	 * @param {URLSearchParams} q
	 */
	function authorize(q) {
		const clientId = q.get('client_id');
		if (clientId !== env.config.clientId)
			return htmlError('invalid_client', 'Invalid Client. The client_id passed is not registered.');
		if (q.get('response_type') !== 'code')
			return htmlError('unsupported_response_type', 'response_type must be "code".');
		const redirectUri = q.get('redirect_uri');
		let redirect;
		try {
			redirect = new URL(String(redirectUri));
			if (!/^https?:$/.test(redirect.protocol)) throw new Error('protocol');
		} catch {
			return htmlError(
				'invalid_redirect_uri',
				'The redirect_uri is missing or is not a valid http(s) URL.',
			);
		}
		const scopes = parseScopeList(q.get('scope') ?? '');
		if (!scopes)
			return htmlError(
				'invalid_scope',
				'Invalid OAuth scope. Scopes must be comma separated, e.g. ZohoCRM.modules.ALL,Desk.tickets.READ',
			);
		const accessType = q.get('access_type') ?? 'online';
		if (!['online', 'offline'].includes(accessType))
			return htmlError('invalid_request', 'access_type must be online or offline.');
		const prompt = q.get('prompt');
		if (prompt !== null && prompt !== 'consent')
			return htmlError('invalid_request', 'prompt must be consent.');
		let offline = accessType === 'offline';
		if (offline && offlineConsented.has(clientId) && prompt !== 'consent') offline = false;
		if (accessType === 'offline') offlineConsented.add(clientId);
		const code = randomToken();
		codes.set(code, {
			clientId,
			scopes,
			redirectUri: String(redirectUri),
			offline,
			expiresAt: Date.now() + env.config.codeLifetimeSec * 1000,
			used: false,
		});
		redirect.searchParams.set('code', code);
		const state = q.get('state');
		if (state !== null) redirect.searchParams.set('state', state);
		redirect.searchParams.set('location', 'us');
		redirect.searchParams.set('accounts-server', env.baseUrl());
		return { status: 302, headers: { location: redirect.toString() }, raw: '' };
	}

	/**
	 * POST /oauth/v2/token
	 * @param {Record<string, string>} p merged query + form parameters
	 */
	function token(p) {
		if (env.config.tokenError) return tokenError(env.config.tokenError);
		const grant = p.grant_type;
		if (grant !== 'authorization_code' && grant !== 'refresh_token')
			return tokenError('unsupported_grant_type');
		if (p.client_id !== env.config.clientId || p.client_secret !== env.config.clientSecret)
			return tokenError('invalid_client');
		if (grant === 'authorization_code') {
			const rec = typeof p.code === 'string' ? codes.get(p.code) : undefined;
			if (!rec || rec.used || rec.expiresAt <= Date.now() || rec.clientId !== p.client_id) {
				if (rec) rec.used = true;
				return tokenError('invalid_code');
			}
			rec.used = true;
			if (p.redirect_uri !== rec.redirectUri) return tokenError('invalid_redirect_uri');
			const refreshToken = randomToken();
			/** @type {RefreshRecord} */
			const rrec = {
				scopes: rec.scopes,
				deskOrgIds: DEFAULT_DESK_ORGS.slice(),
				accessTokens: [],
				refreshTimes: [],
				clientId: rec.clientId,
			};
			refresh.set(refreshToken, rrec);
			const accessToken = mintAccess(refreshToken, rrec, env.config.tokenLifetimeSec);
			env.stats.codeExchanges++;
			/** @type {Record<string, unknown>} */
			const body = { access_token: accessToken };
			if (rec.offline) {
				body.refresh_token = refreshToken;
				const list = clientRefreshTokens.get(rec.clientId) ?? [];
				list.push(refreshToken);
				while (list.length > MAX_REFRESH_TOKENS_PER_CLIENT) dropRefresh(String(list.shift()));
				clientRefreshTokens.set(rec.clientId, list);
			} else {
				// online access: the token cannot be refreshed
				refresh.delete(refreshToken);
				const a = access.get(accessToken);
				if (a) a.refreshToken = null;
			}
			Object.assign(body, {
				scope: rec.scopes.join(','),
				api_domain: env.baseUrl(),
				token_type: 'Bearer',
				expires_in: env.config.tokenLifetimeSec,
			});
			return { status: 200, body };
		}
		const rrec = typeof p.refresh_token === 'string' ? refresh.get(p.refresh_token) : undefined;
		if (!rrec) return tokenError('invalid_code');
		const now = Date.now();
		const windowMs = env.config.tokenLimits.windowSec * 1000;
		rrec.refreshTimes = rrec.refreshTimes.filter((t) => t > now - windowMs);
		if (rrec.refreshTimes.length >= env.config.tokenLimits.refreshesPerWindow) {
			return tokenError('Access Denied', {
				error_description:
					'You have made too many requests continuously. Please try again after some time.',
				status: 'failure',
			});
		}
		rrec.refreshTimes.push(now);
		const accessToken = mintAccess(p.refresh_token, rrec, env.config.tokenLifetimeSec);
		env.stats.refreshes++;
		return {
			status: 200,
			body: {
				access_token: accessToken,
				scope: rrec.scopes.join(','),
				api_domain: env.baseUrl(),
				token_type: 'Bearer',
				expires_in: env.config.tokenLifetimeSec,
			},
		};
	}

	/** POST /oauth/v2/token/revoke @param {Record<string, string>} p */
	function revoke(p) {
		if (typeof p.token !== 'string' || !dropRefresh(p.token)) return tokenError('invalid_token');
		return { status: 200, body: { status: 'success' } };
	}

	/**
	 * Routes an accounts request.
	 * @param {string} method @param {string} path @param {URLSearchParams} query @param {Record<string, string>|null} form
	 * @returns {{status: number, body?: object, raw?: string, headers?: Record<string, string>}}
	 */
	function handle(method, path, query, form) {
		const params = { ...Object.fromEntries(query), ...(form ?? {}) };
		if (path === '/oauth/v2/auth') {
			if (method !== 'GET') throw new ApiError(405, { error: 'method_not_allowed' });
			return authorize(query);
		}
		if (path === '/oauth/v2/token') {
			if (method !== 'POST') throw new ApiError(405, { error: 'method_not_allowed' });
			return token(params);
		}
		if (path === '/oauth/v2/token/revoke') {
			if (method !== 'POST') throw new ApiError(405, { error: 'method_not_allowed' });
			return revoke(params);
		}
		throw new ApiError(404, { error: 'not_found' });
	}

	return {
		issueToken,
		expireAccessTokens,
		authenticate,
		resetCounters,
		handle,
		_state: { access, refresh, codes },
	};
}

module.exports = { createAccounts, DEFAULT_DESK_ORGS };
