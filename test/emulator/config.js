'use strict';
/** Emulator configuration: defaults, validation and merging. */

/**
 * @typedef {object} FaultConfig
 * @property {number} rate429 probability a CRM/Desk request is answered 429
 * @property {number} rate500 probability it is answered 500
 * @property {number} rateReset probability its socket is destroyed without an answer
 * @property {number|null} retryAfterSec when a number, every 429 carries `Retry-After`
 * @property {number} hangMs how long a "hanging" request is held before being processed
 * @property {number} hangRate probability a request hangs
 * @property {string|null} paths regex source limiting which paths faults apply to
 * @property {RewriteRule[]} rewrites scripted gateway answers (see faults.js)
 */

/**
 * A scripted gateway fault: matching requests (`path` regex, optional `method`), from the
 * `from`-th one (1-based, counted per rule) for `count` of them, get `body` instead of Zoho's
 * answer: `html` (an nginx error page), `echo` (the request sent back as text, headers and
 * secrets included), `empty`, `truncated` (the real answer cut in half) or `reorder` (the real
 * answer with its `data`/`watch` list reversed). `applied` processes the request first (Zoho did
 * the work, the gateway lost the answer); `truncated` and `reorder` always do. `status` defaults
 * to the real status (truncated, reorder) or 502.
 * @typedef {object} RewriteRule
 * @property {string} path
 * @property {string} [method]
 * @property {number} [from]
 * @property {number} [count]
 * @property {'html'|'echo'|'empty'|'truncated'|'reorder'} body
 * @property {number} [status]
 * @property {boolean} [applied]
 */

/**
 * @typedef {object} TokenLimits
 * @property {number} accessTokensPerRefreshToken active access tokens per refresh token (Zoho CRM: 15); the oldest is invalidated
 * @property {number} refreshesPerWindow refreshes allowed per refresh token per window (Zoho: 10 per 10 min)
 * @property {number} windowSec
 */

/**
 * @typedef {object} EmulatorConfig
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {number} latencyMs
 * @property {number} tokenLifetimeSec
 * @property {number} codeLifetimeSec
 * @property {number} maxConcurrency per app (crm, desk)
 * @property {number} dailyCredits per app (crm, desk)
 * @property {FaultConfig} faults
 * @property {string|null} tokenError forced error answered by the token endpoint
 * @property {TokenLimits} tokenLimits
 * @property {number} seed
 * @property {string} crmWebUrl
 * @property {string} deskWebUrl
 * @property {boolean} omitDeskWebUrl
 * @property {number|null} deskMaxFrom when a number, Desk list `from` beyond it → 422 (off by default)
 * @property {number} clockOffsetMs Zoho's clock minus the machine's: shifts the CRM timestamps writes stamp (clock skew tests)
 * @property {number} deskWebhookLimit webhooks a Desk portal may hold (Professional edition: 5)
 */

/** @returns {EmulatorConfig} */
function defaultConfig() {
	return {
		clientId: 'beam-client-id',
		clientSecret: 'beam-client-secret',
		latencyMs: 0,
		tokenLifetimeSec: 3600,
		codeLifetimeSec: 120,
		maxConcurrency: Infinity,
		dailyCredits: Infinity,
		faults: {
			rate429: 0,
			rate500: 0,
			rateReset: 0,
			retryAfterSec: null,
			hangMs: 0,
			hangRate: 0,
			paths: null,
			rewrites: [],
		},
		tokenError: null,
		tokenLimits: { accessTokensPerRefreshToken: 15, refreshesPerWindow: 10, windowSec: 600 },
		seed: 42,
		crmWebUrl: 'https://crm.zoho.com',
		deskWebUrl: 'https://desk.zoho.com',
		omitDeskWebUrl: false,
		deskMaxFrom: null,
		clockOffsetMs: 0,
		deskWebhookLimit: 5,
	};
}

/** @param {unknown} v @returns {v is number} */
const isNum = (v) => typeof v === 'number' && !Number.isNaN(v);
/** @param {unknown} v */
const nonNeg = (v) => isNum(v) && v >= 0;
/** @param {unknown} v */
const prob = (v) => isNum(v) && v >= 0 && v <= 1;
/** @param {unknown} v */
const positive = (v) => isNum(v) && v > 0;
/** @param {unknown} v @returns {v is string} */
const str = (v) => typeof v === 'string' && v.length > 0;
/** @param {unknown} v @returns {v is number} */
const isInt = (v) => typeof v === 'number' && Number.isInteger(v);

/** @type {Record<string, (v: unknown) => boolean>} */
const TOP_LEVEL = {
	clientId: str,
	clientSecret: str,
	latencyMs: (v) => isNum(v) && v >= 0 && Number.isFinite(v),
	tokenLifetimeSec: positive,
	codeLifetimeSec: positive,
	maxConcurrency: (v) => isNum(v) && v >= 1,
	dailyCredits: nonNeg,
	tokenError: (v) => v === null || str(v),
	seed: isInt,
	crmWebUrl: (v) => str(v) && /^https?:\/\//.test(v),
	deskWebUrl: (v) => str(v) && /^https?:\/\//.test(v),
	omitDeskWebUrl: (v) => typeof v === 'boolean',
	deskMaxFrom: (v) => v === null || (isInt(v) && v >= 0),
	clockOffsetMs: (v) => isInt(v),
	deskWebhookLimit: (v) => isInt(v) && v >= 0,
};

/** @param {unknown} v a valid regular expression source */
const regexSource = (v) => {
	if (typeof v !== 'string') return false;
	try {
		new RegExp(v);
		return true;
	} catch {
		return false;
	}
};

/** @type {Record<string, (v: unknown) => boolean>} */
const REWRITE_RULE = {
	path: regexSource,
	method: (v) => typeof v === 'string' && /^[A-Z]+$/.test(v),
	from: (v) => isInt(v) && v >= 1,
	count: (v) => v === Infinity || (isInt(v) && v >= 1),
	body: (v) =>
		typeof v === 'string' && ['html', 'echo', 'empty', 'truncated', 'reorder'].includes(v),
	status: (v) => isInt(v) && v >= 100 && v <= 599,
	applied: (v) => typeof v === 'boolean',
};

/** @param {unknown} v */
const rewriteRules = (v) =>
	Array.isArray(v) &&
	v.every(
		(rule) =>
			rule !== null &&
			typeof rule === 'object' &&
			!Array.isArray(rule) &&
			'path' in rule &&
			'body' in rule &&
			Object.entries(rule).every(([key, value]) => key in REWRITE_RULE && REWRITE_RULE[key](value)),
	);

/** @type {Record<string, (v: unknown) => boolean>} */
const FAULTS = {
	rate429: prob,
	rate500: prob,
	rateReset: prob,
	retryAfterSec: (v) => v === null || nonNeg(v),
	hangMs: (v) => isNum(v) && v >= 0 && Number.isFinite(v),
	hangRate: prob,
	paths: (v) => v === null || regexSource(v),
	rewrites: rewriteRules,
};

/** @type {Record<string, (v: unknown) => boolean>} */
const TOKEN_LIMITS = {
	accessTokensPerRefreshToken: (v) => isNum(v) && v >= 1,
	refreshesPerWindow: (v) => isNum(v) && v >= 1,
	windowSec: positive,
};

/** @param {unknown} v @returns {v is Record<string, unknown>} */
const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Validates a partial config and merges it into `target` (deep for `faults` and `tokenLimits`).
 * Throws a TypeError naming the offending key; nothing is changed when it throws.
 * @param {EmulatorConfig} target
 * @param {unknown} partial
 */
function mergeConfig(target, partial) {
	if (partial === undefined || partial === null) return target;
	if (!isPlainObject(partial)) throw new TypeError('config must be an object');
	/** @type {[string, unknown][]} */
	const updates = [];
	for (const [key, value] of Object.entries(partial)) {
		if (key === 'faults' || key === 'tokenLimits') {
			if (!isPlainObject(value)) throw new TypeError(`config.${key} must be an object`);
			const rules = key === 'faults' ? FAULTS : TOKEN_LIMITS;
			for (const [sub, subValue] of Object.entries(value)) {
				if (!(sub in rules)) throw new TypeError(`unknown config key ${key}.${sub}`);
				if (!rules[sub](subValue))
					throw new TypeError(
						`invalid value for config.${key}.${sub}: ${JSON.stringify(subValue)}`,
					);
			}
			updates.push([key, value]);
			continue;
		}
		if (!(key in TOP_LEVEL)) throw new TypeError(`unknown config key ${key}`);
		if (!TOP_LEVEL[key](value))
			throw new TypeError(`invalid value for config.${key}: ${JSON.stringify(value)}`);
		updates.push([key, value]);
	}
	for (const [key, value] of updates) {
		if (key === 'faults' || key === 'tokenLimits') Object.assign(target[key], value);
		else target[key] = value;
	}
	return target;
}

/** JSON-safe copy (Infinity → "Infinity"). @param {EmulatorConfig} config */
function configForJson(config) {
	return JSON.parse(JSON.stringify(config, (_k, v) => (v === Infinity ? 'Infinity' : v)));
}

/** Turns "Infinity" strings (from JSON) back into Infinity. @param {unknown} partial */
function configFromJson(partial) {
	if (!isPlainObject(partial)) return partial;
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const [k, v] of Object.entries(partial)) {
		if (isPlainObject(v)) out[k] = configFromJson(v);
		else if (Array.isArray(v)) out[k] = v.map((entry) => configFromJson(entry));
		else out[k] = v === 'Infinity' ? Infinity : v;
	}
	return out;
}

/** Deep copy of a config. @param {EmulatorConfig} config @returns {EmulatorConfig} */
function cloneConfig(config) {
	return {
		...config,
		faults: { ...config.faults, rewrites: config.faults.rewrites.map((rule) => ({ ...rule })) },
		tokenLimits: { ...config.tokenLimits },
	};
}

module.exports = { defaultConfig, mergeConfig, cloneConfig, configForJson, configFromJson };
