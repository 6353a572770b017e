'use strict';
/** Request-log helpers: secrets never reach the log. */

const ALWAYS_SECRET = new Set(['access_token', 'refresh_token', 'client_secret', 'clientSecret']);
const ACCOUNTS_SECRET = new Set(['code', 'token']);

/**
 * Deep copy of a body/query with secret values replaced by "[redacted]".
 * @param {unknown} value @param {'accounts'|'crm'|'desk'|'admin'} app @param {number} [depth]
 * @returns {unknown}
 */
function redact(value, app, depth = 0) {
	if (depth > 20) return '[too deep]';
	if (Array.isArray(value)) return value.map((v) => redact(v, app, depth + 1));
	if (value !== null && typeof value === 'object') {
		/** @type {Record<string, unknown>} */
		const out = {};
		for (const [k, v] of Object.entries(value)) {
			const secret =
				ALWAYS_SECRET.has(k) ||
				(app === 'accounts' && ACCOUNTS_SECRET.has(k)) ||
				(app === 'admin' && k === 'refresh_token');
			out[k] = secret ? '[redacted]' : redact(v, app, depth + 1);
		}
		return out;
	}
	return value;
}

module.exports = { redact };
