'use strict';
/**
 * Seeded fault injection: 429s, 500s, socket resets and hangs, reproducible per seed.
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
		if (!(f.rate429 > 0 || f.rate500 > 0 || f.rateReset > 0 || (f.hangRate > 0 && f.hangMs > 0))) return none;
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

	return { decide, reseed };
}

module.exports = { createFaults };
