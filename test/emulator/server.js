'use strict';
/**
 * The emulator: one HTTP server on 127.0.0.1 serving Zoho Accounts (`/oauth/v2/*`),
 * Zoho CRM (`/crm/v2|v8/*`), Zoho Desk (`/api/v1/*`) and the admin API (`/__emulator/*`).
 *
 * Pipeline of a CRM/Desk request: read body → concurrency check (429 at once) →
 * in-flight window { latency → faults (hang/reset/429/500) → gateway rewrite before applying →
 * route → auth → scope → (Desk: orgId) → daily credits → handler → gateway rewrite after
 * applying } → log entry.
 */

const http = require('node:http');
const { defaultConfig, mergeConfig, cloneConfig } = require('./config');
const { createAccounts } = require('./accounts');
const { createFaults, rewriteAnswer, rewritesAfterApplying } = require('./faults');
const { createStore, validateSizes } = require('./data/seed');
const { createPageTokens } = require('./crm/paging');
const { readBody, parseBody, send, queryObject, MAX_UPLOAD_BYTES } = require('./http');
const { redact } = require('./log');
const { ApiError } = require('./errors');
const crmRouter = require('./crm/router');
const deskRouter = require('./desk/router');
const admin = require('./admin');
const { notifyChannels } = require('./push/crm-notify');
const { snapshot, notifyWebhooks } = require('./push/desk-events');
const { settle, state: pushState } = require('./push/deliver');
const { MODULE_MAP } = require('./data/crm-schema');
const { ORG_A, ORG_B, FOREIGN_ORG } = require('./data/desk-seed');

/**
 * @typedef {object} Ctx
 * @property {Core} core
 * @property {ReturnType<typeof createStore>} data
 * @property {import('./config').EmulatorConfig} config
 * @property {string} method
 * @property {string} path
 * @property {URLSearchParams} query
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {unknown} body parsed JSON / form (undefined when there is none)
 * @property {import('./http').ParsedBody['kind']} bodyKind
 * @property {string|undefined} bodyError
 * @property {LogEntry} entry
 * @property {import('./accounts').AccessRecord|null} token
 * @property {2|8} version CRM API version of the path
 * @property {import('./data/crm-schema').ModuleDef} [mod] CRM module of a module route
 * @property {string|null} orgId Desk organization of the call
 * @property {string} baseUrl
 * @property {Record<string, string>} params route parameters
 * @property {Buffer} [rawBody] the request body's bytes (multipart uploads)
 */

/**
 * @typedef {object} LogEntry
 * @property {number} seq
 * @property {'accounts'|'crm'|'desk'|'admin'} app
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string|string[]>} query
 * @property {unknown} body
 * @property {number} status 0 while in flight; 0 also when the socket was reset
 * @property {string} startedAt ISO time
 * @property {number} durationMs
 * @property {number} [records]
 * @property {unknown} [trigger]
 * @property {string} [fault] injected fault, if any
 */

/**
 * @typedef {object} Stats
 * @property {number} refreshes
 * @property {number} codeExchanges
 * @property {number} tokenErrors
 * @property {number} rejected429 every 429 answered (concurrency, credits, injected)
 * @property {number} injectedFaults
 * @property {Record<string, Record<string, number>>} writesByRecord
 * @property {{crm: number, desk: number}} creditsUsed
 */

/** @returns {Stats} */
const freshStats = () => ({
	refreshes: 0,
	codeExchanges: 0,
	tokenErrors: 0,
	rejected429: 0,
	injectedFaults: 0,
	writesByRecord: {},
	creditsUsed: { crm: 0, desk: 0 },
});

/** @param {string} path @returns {LogEntry['app']} */
function classify(path) {
	if (path.startsWith('/oauth/')) return 'accounts';
	if (path === '/crm' || path.startsWith('/crm/')) return 'crm';
	if (path === '/api' || path.startsWith('/api/')) return 'desk';
	return 'admin';
}

/**
 * @typedef {ReturnType<typeof createCore>} Core
 */

/** @param {Record<string, any>} options */
function createCore(options) {
	const { sizes, ...configPartial } = options;
	/** @type {import('./config').EmulatorConfig} */
	const baseConfig = mergeConfig(defaultConfig(), configPartial);
	validateSizes(sizes);
	const config = cloneConfig(baseConfig);
	const stats = freshStats();
	/** @type {LogEntry[]} */
	const requests = [];
	const core = {
		config,
		baseConfig,
		stats,
		requests,
		/** @type {any} */
		data: { seed: config.seed, crm: null, desk: null },
		sizes: sizes ?? {},
		baseUrl: '',
		seq: 0,
		inflight: { crm: 0, desk: 0 },
		closed: false,
		/** @type {((entry: LogEntry) => void)|null} */
		onRequest: null,
		/** @type {Set<{timer: NodeJS.Timeout, resolve: () => void}>} */
		sleepers: new Set(),
		/** @type {object|null} public emulator object */
		emu: null,
		pageTokens: createPageTokens(),
		faults: /** @type {ReturnType<typeof createFaults>} */ (/** @type {unknown} */ (null)),
		accounts: /** @type {ReturnType<typeof createAccounts>} */ (/** @type {unknown} */ (null)),
		/** Counts a successful write of one record. @param {string} entity @param {string} id */
		countWrite(entity, id) {
			const m = (stats.writesByRecord[entity] ??= {});
			m[id] = (m[id] ?? 0) + 1;
		},
		/** Sleep that close() cuts short. @param {number} ms */
		sleep(ms) {
			return new Promise((resolve) => {
				if (core.closed || ms <= 0) return resolve(undefined);
				const s = {
					timer: setTimeout(() => {
						core.sleepers.delete(s);
						resolve(undefined);
					}, ms),
					resolve: () => resolve(undefined),
				};
				core.sleepers.add(s);
			});
		},
	};
	core.faults = createFaults(() => core.config);
	core.accounts = createAccounts({ config, stats, baseUrl: () => core.baseUrl });
	const store = createStore(config.seed, core.sizes);
	core.data.crm = store.crm;
	core.data.desk = store.desk;
	return core;
}

/**
 * Restores seeded data, clears log/stats/counters, restores the start-up config.
 * Issued tokens stay valid.
 * @param {Core} core @param {{seed?: number, sizes?: import('./data/seed').SeedSizes}} [seedOptions]
 */
function resetCore(core, seedOptions = {}) {
	if (seedOptions === null || typeof seedOptions !== 'object' || Array.isArray(seedOptions))
		throw new TypeError('reset options must be an object');
	for (const k of Object.keys(seedOptions))
		if (k !== 'seed' && k !== 'sizes') throw new TypeError(`unknown reset option ${k}`);
	if (seedOptions.seed !== undefined && !Number.isInteger(seedOptions.seed))
		throw new TypeError('seed must be an integer');
	if (seedOptions.sizes !== undefined) validateSizes(seedOptions.sizes);
	const seed = seedOptions.seed ?? core.baseConfig.seed;
	const sizes = seedOptions.sizes ?? core.sizes;
	const store = createStore(seed, sizes);
	for (const k of Object.keys(core.config)) delete (/** @type {any} */ (core.config)[k]);
	Object.assign(core.config, cloneConfig(core.baseConfig));
	core.config.seed = seed;
	core.sizes = sizes;
	core.data.seed = seed;
	core.data.crm = store.crm;
	core.data.desk = store.desk;
	core.requests.length = 0;
	const fresh = freshStats();
	for (const k of Object.keys(core.stats)) delete (/** @type {any} */ (core.stats)[k]);
	Object.assign(core.stats, fresh);
	core.seq = 0;
	core.pageTokens.clear();
	core.accounts.resetCounters();
	core.faults.reseed();
	pushState(core).list.length = 0;
}

/** @param {Core} core @param {'crm'|'desk'} app @param {'concurrency'|'credits'|'fault'} why */
function tooMany(core, app, why) {
	core.stats.rejected429++;
	/** @type {Record<string, string>} */
	const headers = {};
	if (typeof core.config.faults.retryAfterSec === 'number')
		headers['retry-after'] = String(Math.ceil(core.config.faults.retryAfterSec));
	if (app === 'crm') {
		const message =
			why === 'credits'
				? 'You have reached the daily API credit limit of your organization. Please try again after the credits reset.'
				: why === 'concurrency'
					? 'The concurrency limit of your organization has been exceeded. Too many requests are in progress at the same time.'
					: 'Too many requests. Please try again after some time.';
		return {
			status: 429,
			headers,
			body: {
				code: 'TOO_MANY_REQUESTS',
				details: why === 'credits' ? { limit_type: 'daily_credits' } : {},
				message,
				status: 'error',
			},
		};
	}
	if (why === 'credits')
		return {
			status: 429,
			headers,
			body: {
				errorCode: 'THRESHOLD_EXCEEDED',
				message: 'The daily API credit limit of your organization has been reached.',
			},
		};
	return {
		status: 429,
		headers,
		body: {
			errorCode: 'TOO_MANY_REQUESTS',
			message:
				why === 'concurrency'
					? 'Too many concurrent requests. The concurrency limit of your organization has been exceeded.'
					: 'Too many requests. Please try again after some time.',
		},
	};
}

/**
 * Consumes one daily credit of `app`; returns a 429 answer when none is left.
 * @param {Core} core @param {'crm'|'desk'} app
 */
function takeCredit(core, app) {
	if (core.stats.creditsUsed[app] >= core.config.dailyCredits) return tooMany(core, app, 'credits');
	core.stats.creditsUsed[app]++;
	return null;
}

/**
 * @param {Core} core
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function handleRequest(core, req, res) {
	const started = Date.now();
	const method = (req.method ?? 'GET').toUpperCase();
	let url;
	try {
		url = new URL(req.url ?? '/', 'http://127.0.0.1');
	} catch {
		send(res, 400, { body: { error: 'bad request line' } });
		return;
	}
	const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
	const app = classify(path);
	/** @type {LogEntry} */
	const entry = {
		seq: ++core.seq,
		app,
		method,
		path,
		query: /** @type {any} */ (redact(queryObject(url.searchParams), app)),
		body: null,
		status: 0,
		startedAt: new Date(started).toISOString(),
		durationMs: 0,
	};
	core.requests.push(entry);
	let acquired = /** @type {'crm'|'desk'|null} */ (null);
	/** Sends the processed answer (through a gateway rewrite once one applies). @type {(out: {status: number, body?: unknown, raw?: string, headers?: Record<string, string>}) => void} */
	let finish = (out) => answer(out.status, out);
	/** @param {number} status @param {{body?: unknown, raw?: string, headers?: Record<string, string>}} out */
	const answer = (status, out) => {
		entry.status = status;
		entry.durationMs = Date.now() - started;
		send(res, status, out);
	};
	try {
		const multipart = /^multipart\/form-data/i.test(String(req.headers['content-type'] ?? ''));
		const buf = await readBody(req, multipart ? MAX_UPLOAD_BYTES : undefined);
		if (buf === null) {
			answer(413, {
				body:
					app === 'desk'
						? { errorCode: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' }
						: {
								code: 'INVALID_DATA',
								details: {},
								message: 'the request body is too large',
								status: 'error',
							},
			});
			return;
		}
		// Uploads are read from the raw bytes (test/emulator/multipart.js), not as text fields.
		const parsed =
			multipart && app !== 'accounts'
				? { kind: /** @type {const} */ ('none') }
				: parseBody(buf, req.headers['content-type']);
		const body = parsed.kind === 'json' || parsed.kind === 'form' ? parsed.value : undefined;
		entry.body = body === undefined ? null : redact(body, app);

		if (app === 'crm' || app === 'desk') {
			if (core.inflight[app] >= core.config.maxConcurrency) {
				const out = tooMany(core, app, 'concurrency');
				answer(out.status, out);
				return;
			}
			core.inflight[app]++;
			acquired = app;
			if (core.config.latencyMs > 0) await core.sleep(core.config.latencyMs);
		}
		// Tests may change data or configuration between two requests of one operation (e.g. mid-paging).
		if (core.onRequest) core.onRequest(entry);
		const fault = core.faults.decide(path, app);
		if (fault.hang) await core.sleep(core.config.faults.hangMs);
		if (core.closed) {
			res.destroy();
			return;
		}
		if (fault.kind) {
			core.stats.injectedFaults++;
			entry.fault = fault.kind;
			if (fault.kind === 'reset') {
				entry.durationMs = Date.now() - started;
				req.socket.destroy();
				return;
			}
			if (fault.kind === '429') {
				const out = tooMany(core, app === 'desk' ? 'desk' : 'crm', 'fault');
				answer(
					429,
					app === 'accounts'
						? {
								headers: out.headers,
								body: {
									error: 'Access Denied',
									error_description: 'Too many requests',
									status: 'failure',
								},
							}
						: out,
				);
				return;
			}
			const body500 =
				app === 'desk'
					? {
							errorCode: 'INTERNAL_SERVER_ERROR',
							message: 'An internal server error occurred while processing this request.',
						}
					: app === 'crm'
						? {
								code: 'INTERNAL_ERROR',
								details: {},
								message: 'Internal Server Error',
								status: 'error',
							}
						: { error: 'internal_error' };
			answer(500, { body: body500 });
			return;
		}

		const rewrite = core.faults.rewriteFor(method, path, app);
		const echo = { method, url: req.url ?? path, headers: req.headers, body: buf.toString('utf8') };
		if (rewrite) {
			core.stats.injectedFaults++;
			entry.fault = `rewrite:${rewrite.body}`;
			if (!rewritesAfterApplying(rewrite)) {
				const out = rewriteAnswer(rewrite, null, echo);
				answer(out.status, out);
				return;
			}
		}
		/** @param {{status: number, body?: unknown, raw?: string, headers?: Record<string, string>}} out */
		finish = (out) => {
			const sent = rewrite ? rewriteAnswer(rewrite, out, echo) : out;
			answer(sent.status, sent);
		};

		/** @type {Ctx} */
		const ctx = {
			core,
			data: core.data,
			config: core.config,
			method,
			path,
			query: url.searchParams,
			headers: req.headers,
			body,
			bodyKind: parsed.kind,
			bodyError: parsed.kind === 'invalid' ? parsed.reason : undefined,
			entry,
			token: null,
			version: 8,
			orgId: null,
			baseUrl: core.baseUrl,
			params: {},
			rawBody: buf,
		};
		let out;
		const before = app === 'desk' ? snapshot(ctx) : null;
		if (app === 'accounts') {
			const form =
				parsed.kind === 'form' ? /** @type {Record<string, string>} */ (parsed.value) : null;
			out = core.accounts.handle(method, path, url.searchParams, form);
		} else if (app === 'crm') {
			out = await crmRouter.dispatch(ctx, () => takeCredit(core, 'crm'));
		} else if (app === 'desk') {
			out = await deskRouter.dispatch(ctx, () => takeCredit(core, 'desk'));
		} else {
			out = await admin.dispatch(ctx);
		}
		finish(out);
		// Push notifications go out after the API answer, as on Zoho.
		if (app === 'crm') notifyChannels(ctx, out);
		else if (app === 'desk') notifyWebhooks(ctx, out, before);
	} catch (err) {
		if (err instanceof ApiError) {
			finish({ status: err.status, body: err.body ?? undefined, headers: err.headers });
		} else {
			const message = err instanceof Error ? err.message : String(err);
			answer(500, {
				body:
					app === 'desk'
						? { errorCode: 'INTERNAL_SERVER_ERROR', message }
						: {
								code: 'INTERNAL_ERROR',
								details: { emulator_error: message },
								message: 'Internal Server Error',
								status: 'error',
							},
			});
		}
	} finally {
		if (acquired) core.inflight[acquired]--;
		if (entry.durationMs === 0) entry.durationMs = Date.now() - started;
	}
}

/**
 * Starts an emulator.
 * @param {Partial<import('./config').EmulatorConfig> & {port?: number, sizes?: import('./data/seed').SeedSizes}} [options]
 */
async function startEmulator(options = {}) {
	if (options === null || typeof options !== 'object' || Array.isArray(options))
		throw new TypeError('options must be an object');
	const { port: wantedPort = 0, ...rest } = options;
	if (!Number.isInteger(wantedPort) || wantedPort < 0 || wantedPort > 65535)
		throw new TypeError('port must be an integer 0–65535');
	const core = createCore(rest);
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		handleRequest(core, req, res).catch(() => res.destroy());
	});
	// Longer than clients keep idle sockets, so a client never reuses a socket the server is closing.
	server.keepAliveTimeout = 65000;
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(wantedPort, '127.0.0.1', () => resolve(undefined));
	});
	const addr = server.address();
	const port = addr && typeof addr === 'object' ? addr.port : wantedPort;
	core.baseUrl = `http://127.0.0.1:${port}`;

	/** @param {string} module */
	const moduleIds = (module) => {
		if (!MODULE_MAP.has(module)) throw new TypeError(`unknown module ${module}`);
		return Array.from(core.data.crm.records[module].keys()).sort();
	};

	const emu = {
		url: core.baseUrl,
		port,
		config: core.config,
		requests: core.requests,
		stats: core.stats,
		get data() {
			return core.data;
		},
		/** Desk organization IDs: A (default), B, and a foreign org the user does not belong to. */
		deskOrgIds: { A: ORG_A, B: ORG_B, foreign: FOREIGN_ORG },
		/** @param {Record<string, unknown>} partial */
		configure(partial) {
			mergeConfig(core.config, partial);
			if (partial && typeof partial === 'object' && ('seed' in partial || 'faults' in partial))
				core.faults.reseed();
			return core.config;
		},
		/** @param {{seed?: number, sizes?: import('./data/seed').SeedSizes}} [seedOptions] */
		reset(seedOptions) {
			resetCore(core, seedOptions);
		},
		/** @param {Parameters<typeof core.accounts.issueToken>[0]} [opts] */
		issueToken(opts) {
			return core.accounts.issueToken(opts);
		},
		expireAccessTokens() {
			return core.accounts.expireAccessTokens();
		},
		/** Lowest record ID of a CRM module. @param {string} module */
		firstId(module) {
			return moduleIds(module)[0];
		},
		/** First `n` record IDs of a CRM module (ascending). @param {string} module @param {number} n */
		ids(module, n) {
			return moduleIds(module).slice(0, n);
		},
		/**
		 * First `n` IDs (ascending) of a Desk entity in an org.
		 * @param {'tickets'|'contacts'|'accounts'|'tasks'|'departments'|'agents'} entity @param {string} [orgId] @param {number} [n]
		 */
		deskIds(entity, orgId = ORG_A, n = 1) {
			const map = core.data.desk[entity];
			if (!(map instanceof Map)) throw new TypeError(`unknown desk entity ${entity}`);
			return Array.from(map.values())
				.filter((r) => r.orgId === orgId)
				.map((r) => r.id)
				.sort()
				.slice(0, n);
		},
		/**
		 * Calls `hook(entry)` before each request is routed (null removes it): a test can change
		 * data or configuration between two requests of one operation.
		 * @param {((entry: LogEntry) => void)|null} hook
		 */
		onRequest(hook) {
			core.onRequest = hook;
		},
		/** Every notification callback, Desk webhook event and validation GET sent so far. */
		get deliveries() {
			return pushState(core).list;
		},
		/** Waits for the outgoing callbacks in flight; resolves to `deliveries`. */
		settleDeliveries() {
			return settle(core);
		},
		/** Moves a watch channel's expiry (epoch ms; default: now, which expires it). @param {string|number} channelId @param {number} [at] */
		setChannelExpiry(channelId, at = Date.now()) {
			const ch = core.data.crm.watch.get(String(channelId));
			if (!ch) throw new TypeError(`no channel ${channelId}`);
			ch.expiresAt = at;
		},
		/** In-flight CRM/Desk requests. */
		get inflight() {
			return { ...core.inflight };
		},
		close() {
			if (core.closed) return Promise.resolve();
			core.closed = true;
			for (const s of core.sleepers) {
				clearTimeout(s.timer);
				s.resolve();
			}
			core.sleepers.clear();
			return new Promise((resolve) => {
				server.close(() => resolve(undefined));
				for (const s of sockets) s.destroy();
				server.closeAllConnections();
			});
		},
	};
	core.emu = emu;
	return emu;
}

module.exports = { startEmulator, createCore, resetCore };
