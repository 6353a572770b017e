'use strict';
/**
 * Outgoing HTTP calls of the emulator: CRM notification callbacks and Desk webhook events are
 * real POSTs (and the Desk validation a real GET) to the URL the client registered, sent after
 * the API answer, like Zoho does. Every attempt is recorded in `core.deliveries`.
 */

/**
 * @typedef {object} Delivery
 * @property {'crm'|'desk'} app
 * @property {'callback'|'validation'} kind
 * @property {string} method
 * @property {string} url
 * @property {unknown} body what was sent
 * @property {number} status HTTP status of the receiver (0: no answer)
 * @property {string} [error]
 * @property {number} durationMs
 */

/** Zoho Desk counts a delivery as failed after 5 s; CRM gets the same bound here (⚠). */
const TIMEOUT_MS = 5000;

/** @param {any} core @returns {{list: Delivery[], pending: Set<Promise<unknown>>}} */
function state(core) {
	if (!core.push) core.push = { list: [], pending: new Set() };
	return core.push;
}

/**
 * Sends one request and records it.
 * @param {any} core @param {Omit<Delivery, 'status'|'durationMs'|'error'>} call
 * @returns {Promise<Delivery>}
 */
function send(core, call) {
	const { list, pending } = state(core);
	const started = Date.now();
	/** @type {Delivery} */
	const entry = { ...call, status: 0, durationMs: 0 };
	list.push(entry);
	const run = (async () => {
		try {
			const res = await fetch(call.url, {
				method: call.method,
				headers: call.method === 'POST' ? { 'content-type': 'application/json' } : {},
				body: call.method === 'POST' ? JSON.stringify(call.body) : undefined,
				signal: AbortSignal.timeout(TIMEOUT_MS),
			});
			entry.status = res.status;
			await res.arrayBuffer().catch(() => undefined);
		} catch (err) {
			entry.error = err instanceof Error ? err.message : String(err);
		}
		entry.durationMs = Date.now() - started;
		return entry;
	})();
	pending.add(run);
	run.finally(() => pending.delete(run));
	return run;
}

/** Resolves when every delivery started so far (and any they triggered) has finished. @param {any} core */
async function settle(core) {
	const { pending } = state(core);
	while (pending.size) await Promise.all(Array.from(pending));
	return state(core).list;
}

module.exports = { send, settle, state, TIMEOUT_MS };
