'use strict';
/**
 * Opaque page tokens (list records, timeline). A token remembers where the next page starts
 * and everything needed to rebuild the same result set; it is valid for 24 hours.
 */

const crypto = require('node:crypto');

const TOKEN_TTL_MS = 24 * 3600 * 1000;

/**
 * @typedef {object} PageState
 * @property {'records'|'timeline'} kind
 * @property {string} scope module, or `module:id` for a timeline
 * @property {number} offset index of the first item of the page
 * @property {number} perPage
 * @property {Record<string, unknown>} params sort/filter parameters to reapply
 * @property {number} expiresAt
 */

function createPageTokens() {
	/** @type {Map<string, PageState>} */
	const tokens = new Map();

	/** @param {Omit<PageState, 'expiresAt'>} state @returns {{token: string, expiry: number}} */
	function issue(state) {
		const token = crypto.randomBytes(20).toString('hex');
		const expiresAt = Date.now() + TOKEN_TTL_MS;
		tokens.set(token, { ...state, expiresAt });
		if (tokens.size > 50000) {
			const now = Date.now();
			for (const [k, v] of tokens) if (v.expiresAt <= now) tokens.delete(k);
		}
		return { token, expiry: expiresAt };
	}

	/** @param {string} token @returns {PageState|null} */
	function get(token) {
		const s = tokens.get(token);
		if (!s) return null;
		if (s.expiresAt <= Date.now()) {
			tokens.delete(token);
			return null;
		}
		return s;
	}

	return { issue, get, clear: () => tokens.clear() };
}

module.exports = { createPageTokens, TOKEN_TTL_MS };
