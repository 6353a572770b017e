'use strict';
/**
 * Seeded fault injection: 429s, 500s, socket resets and hangs, reproducible per seed; and
 * scripted gateway rewrites (`faults.rewrites`): what proxies, gateways and WAFs in front of
 * Zoho do to answers — HTML pages and cut-off bodies with any status, before or after the
 * request was applied, results in another order, and pages that echo the request back.
 */

const { createRng } = require('./prng');

/**
 * @typedef {{hang: boolean, kind: 'reset'|'429'|'500'|null}} FaultDecision
 */

/** @param {() => import('./config').EmulatorConfig} getConfig */
function createFaults(getConfig) {
	let rng = createRng(getConfig().seed, 'faults');
	/** @type {{source: string|null, re: RegExp|null}} */
	let pathCache = { source: null, re: null };

	/** Restarts the fault sequence from the configured seed. */
	function reseed() {
		rng = createRng(getConfig().seed, 'faults');
	}

	/**
	 * Decides the faults for one request. The token endpoint and other accounts paths are
	 * only eligible when `faults.paths` is set and matches them.
	 * @param {string} path @param {'accounts'|'crm'|'desk'|'admin'} app
	 * @returns {FaultDecision}
	 */
	function decide(path, app) {
		const f = getConfig().faults;
		const none = { hang: false, kind: null };
		if (app === 'admin') return none;
		if (!(f.rate429 > 0 || f.rate500 > 0 || f.rateReset > 0 || (f.hangRate > 0 && f.hangMs > 0)))
			return none;
		if (f.paths !== null) {
			if (pathCache.source !== f.paths) pathCache = { source: f.paths, re: new RegExp(f.paths) };
			if (!pathCache.re || !pathCache.re.test(path)) return none;
		} else if (app === 'accounts') {
			return none;
		}
		// Always draw four numbers so the sequence does not depend on which faults are on.
		const rHang = rng.next();
		const rReset = rng.next();
		const r429 = rng.next();
		const r500 = rng.next();
		/** @type {FaultDecision['kind']} */
		let kind = null;
		if (rReset < f.rateReset) kind = 'reset';
		else if (r429 < f.rate429) kind = '429';
		else if (r500 < f.rate500) kind = '500';
		return { hang: f.hangMs > 0 && rHang < f.hangRate, kind };
	}

	/** How many requests each rewrite rule has matched so far (restarts with reseed). */
	let rewriteSeen = new Map();

	/**
	 * The rewrite rule for this request, if one applies (every matching request is counted,
	 * whether or not its turn has come).
	 * @param {string} method @param {string} path @param {'accounts'|'crm'|'desk'|'admin'} app
	 * @returns {import('./config').RewriteRule|null}
	 */
	function rewriteFor(method, path, app) {
		if (app === 'admin') return null;
		for (const rule of getConfig().faults.rewrites) {
			if (rule.method && rule.method !== method) continue;
			if (!new RegExp(rule.path).test(path)) continue;
			const seen = (rewriteSeen.get(rule) ?? 0) + 1;
			rewriteSeen.set(rule, seen);
			const from = rule.from ?? 1;
			if (seen >= from && seen < from + (rule.count ?? Infinity)) return rule;
		}
		return null;
	}

	const baseReseed = reseed;
	return {
		decide,
		rewriteFor,
		reseed() {
			baseReseed();
			rewriteSeen = new Map();
		},
	};
}

/** Whether a rule needs the real answer (the request is processed first). @param {import('./config').RewriteRule} rule */
const rewritesAfterApplying = (rule) =>
	rule.applied === true || rule.body === 'truncated' || rule.body === 'reorder';

const STATUS_TEXT = {
	200: 'OK',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/**
 * The answer a gateway gives instead of (or made from) the real one.
 * @param {import('./config').RewriteRule} rule
 * @param {{status: number, body?: unknown, raw?: string, headers?: Record<string, string>}|null} real the processed answer (null when not processed)
 * @param {{method: string, url: string, headers: import('node:http').IncomingHttpHeaders, body: string}} request
 * @returns {{status: number, raw: string, headers: Record<string, string>}}
 */
function rewriteAnswer(rule, real, request) {
	const realText = real
		? (real.raw ?? (real.body === undefined || real.body === null ? '' : JSON.stringify(real.body)))
		: '';
	switch (rule.body) {
		case 'truncated':
			return {
				status: rule.status ?? real?.status ?? 200,
				raw: realText.slice(0, Math.floor(realText.length / 2)),
				headers: { 'content-type': 'application/json;charset=UTF-8' },
			};
		case 'reorder': {
			const body = /** @type {Record<string, unknown>} */ (
				real?.body && typeof real.body === 'object' ? { ...real.body } : {}
			);
			for (const key of ['data', 'watch', 'signals'])
				if (Array.isArray(body[key])) body[key] = [...body[key]].reverse();
			return {
				status: rule.status ?? real?.status ?? 200,
				raw: JSON.stringify(body),
				headers: { ...(real?.headers ?? {}), 'content-type': 'application/json;charset=UTF-8' },
			};
		}
		case 'empty':
			return { status: rule.status ?? 502, raw: '', headers: {} };
		case 'echo': {
			// What some proxies and debug pages do: the request, secrets and all, sent back as text.
			const headers = Object.entries(request.headers)
				.map(([name, value]) => `${name}: ${value}`)
				.join('\n');
			return {
				status: rule.status ?? 502,
				raw: `You sent: ${request.method} ${request.url} ${request.body}\n${headers}\n`,
				headers: { 'content-type': 'text/plain' },
			};
		}
		default: {
			const status = rule.status ?? 502;
			const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
			return {
				status,
				raw: `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`,
				headers: { 'content-type': 'text/html' },
			};
		}
	}
}

module.exports = { createFaults, rewriteAnswer, rewritesAfterApplying };
