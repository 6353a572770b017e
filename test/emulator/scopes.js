'use strict';
/**
 * Zoho OAuth scope parsing and matching.
 * A scope is `Service.family[.sub].OPERATION`, e.g. `ZohoCRM.modules.ALL`,
 * `ZohoCRM.modules.leads.READ`, `ZohoCRM.settings.fields.READ`, `Desk.tickets.UPDATE`.
 */

const OPERATIONS = ['ALL', 'READ', 'CREATE', 'UPDATE', 'DELETE', 'WRITE'];
const SCOPE_RE =
	/^([A-Za-z]+)\.([A-Za-z_]+)(?:\.([A-Za-z0-9_]+))?\.(ALL|READ|CREATE|UPDATE|DELETE|WRITE)$/;

/** Every scope a token gets by default ("all scopes"). */
const ALL_SCOPES = [
	'ZohoCRM.modules.ALL',
	'ZohoCRM.settings.ALL',
	'ZohoCRM.coql.READ',
	'ZohoCRM.org.ALL',
	'ZohoCRM.users.ALL',
	'ZohoCRM.notifications.ALL',
	'ZohoCRM.signals.ALL',
	'Desk.tickets.ALL',
	'Desk.contacts.ALL',
	'Desk.tasks.ALL',
	'Desk.basic.ALL',
	'Desk.settings.ALL',
	'Desk.search.READ',
	'Desk.events.ALL',
];

/**
 * @typedef {{service: string, family: string, sub: string|null, op: string, raw: string}} ParsedScope
 */

/** @param {string} scope @returns {ParsedScope|null} */
function parseScope(scope) {
	const m = SCOPE_RE.exec(scope);
	if (!m) return null;
	return {
		service: m[1].toLowerCase(),
		family: m[2].toLowerCase(),
		sub: m[3] ? m[3].toLowerCase() : null,
		op: m[4],
		raw: scope,
	};
}

/**
 * Parses a comma-separated scope string (Zoho's format). Returns null when any scope is malformed
 * (one bad scope fails the whole consent, as on Zoho).
 * @param {string} text
 * @returns {string[]|null}
 */
function parseScopeList(text) {
	if (typeof text !== 'string' || !text.trim()) return null;
	const parts = text.split(',').map((s) => s.trim());
	if (parts.some((p) => !p || !parseScope(p))) return null;
	return Array.from(new Set(parts));
}

/** HTTP method → scope operation. @param {string} method */
function opForMethod(method) {
	switch (method) {
		case 'GET':
			return 'READ';
		case 'POST':
			return 'CREATE';
		case 'PUT':
		case 'PATCH':
			return 'UPDATE';
		case 'DELETE':
			return 'DELETE';
		default:
			return 'ALL';
	}
}

/** @param {string} granted @param {string} needed */
function opCovers(granted, needed) {
	if (granted === 'ALL' || granted === needed) return true;
	return granted === 'WRITE' && ['CREATE', 'UPDATE', 'DELETE'].includes(needed);
}

/**
 * True when one of `scopes` grants `op` on `service.family` (optionally narrowed to `sub`).
 * A granted scope with a sub-resource (e.g. `modules.leads`) only matches that sub-resource;
 * `customSub` lets `ZohoCRM.modules.custom.*` match custom modules.
 * @param {Iterable<string>} scopes
 * @param {{service: string, family: string, sub?: string|null, op: string, customSub?: boolean}} need
 */
function hasScope(scopes, need) {
	const service = need.service.toLowerCase();
	const family = need.family.toLowerCase();
	const sub = need.sub ? need.sub.toLowerCase() : null;
	for (const raw of scopes) {
		const s = parseScope(raw);
		if (!s || s.service !== service || s.family !== family) continue;
		if (s.sub !== null && s.sub !== sub && !(need.customSub && s.sub === 'custom')) continue;
		if (opCovers(s.op, need.op)) return true;
	}
	return false;
}

module.exports = { ALL_SCOPES, OPERATIONS, parseScope, parseScopeList, hasScope, opForMethod };
