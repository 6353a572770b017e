'use strict';
/**
 * Custom signals: `GET /crm/v2/settings/signals` and `POST /crm/v2/signals/notifications`.
 * A raised signal is stored in `data.crm.signals` and added to the record's timeline
 * as a `signals` entry.
 */

const { crmError, crmItemError, CRM } = require('../errors');
const { SIGNAL_DEFS, MODULES } = require('../data/crm-schema');
const { appendEntry } = require('./timeline');
const { isPlainObject, ID_RE } = require('./common');
const { EMAIL_RE } = require('./values');

const MAX_SUBJECT = 100;
const MAX_MESSAGE = 1000;
const ITEM_KEYS = new Set(['signal_namespace', 'subject', 'message', 'id', 'email', 'actions']);

/** GET /crm/v2/settings/signals @param {import('../server').Ctx} _ctx */
function list(_ctx) {
	return {
		status: 200,
		body: {
			signals: SIGNAL_DEFS.map((s) => ({ ...s, chat_enabled: false, feature_availability: true })),
		},
	};
}

/** Finds a record by id in any module. @param {import('../server').Ctx} ctx @param {string} id */
function findById(ctx, id) {
	for (const mod of MODULES) {
		const r = ctx.data.crm.records[mod.api_name].get(id);
		if (r) return { mod, r };
	}
	return null;
}

/** Finds the first Lead/Contact with this email. @param {import('../server').Ctx} ctx @param {string} email */
function findByEmail(ctx, email) {
	const e = email.toLowerCase();
	for (const mod of MODULES.filter((m) => m.api_name === 'Leads' || m.api_name === 'Contacts')) {
		for (const r of ctx.data.crm.records[mod.api_name].values())
			if (typeof r.Email === 'string' && r.Email.toLowerCase() === e) return { mod, r };
	}
	return null;
}

/** @param {unknown} actions @returns {string|null} error reason */
function checkActions(actions) {
	if (!Array.isArray(actions) || actions.length > 5)
		return 'actions must be an array of at most 5 items';
	for (const a of actions) {
		if (!isPlainObject(a)) return 'invalid action';
		if (a.type !== 'link') return 'action type must be link';
		if (a.open_in !== 'tab' && a.open_in !== 'popup') return 'open_in must be tab or popup';
		if (typeof a.display_name !== 'string' || !a.display_name || a.display_name.length > 50)
			return 'invalid display_name';
		if (typeof a.url !== 'string' || !/^https?:\/\/\S+$/.test(a.url)) return 'invalid url';
		for (const k of Object.keys(a))
			if (!['type', 'open_in', 'display_name', 'url'].includes(k)) return `invalid key ${k}`;
	}
	return null;
}

/** POST /crm/v2/signals/notifications @param {import('../server').Ctx} ctx */
function raise(ctx) {
	if (ctx.bodyKind === 'invalid') throw CRM.invalidBody();
	const body = /** @type {any} */ (ctx.body);
	if (!isPlainObject(body) || !('signals' in body))
		throw crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'signals' });
	if (!Array.isArray(body.signals) || body.signals.length === 0)
		throw crmError(400, 'INVALID_DATA', 'invalid data', { api_name: 'signals' });
	if (body.signals.length > 100) throw CRM.limit({ api_name: 'signals', limit: 100 });
	let ok = 0;
	const out = body.signals.map((/** @type {unknown} */ raw, /** @type {number} */ i) => {
		const err = (code, api_name, message) =>
			crmItemError(code, message, { api_name, json_path: `$.signals[${i}].${api_name}` });
		if (!isPlainObject(raw))
			return crmItemError('INVALID_DATA', 'invalid data', { json_path: `$.signals[${i}]` });
		const s = /** @type {Record<string, any>} */ (raw);
		for (const k of Object.keys(s))
			if (!ITEM_KEYS.has(k)) return err('INVALID_DATA', k, 'invalid field');
		if (!('signal_namespace' in s))
			return err('MANDATORY_NOT_FOUND', 'signal_namespace', 'required field not found');
		const def = SIGNAL_DEFS.find((d) => d.namespace === s.signal_namespace);
		if (!def || !def.enabled)
			return err('INVALID_DATA', 'signal_namespace', 'the signal namespace is not defined');
		if (!('subject' in s)) return err('MANDATORY_NOT_FOUND', 'subject', 'required field not found');
		if (typeof s.subject !== 'string' || !s.subject.trim() || s.subject.length > MAX_SUBJECT)
			return err('INVALID_DATA', 'subject', `subject must be 1–${MAX_SUBJECT} characters`);
		if (!('message' in s)) return err('MANDATORY_NOT_FOUND', 'message', 'required field not found');
		if (typeof s.message !== 'string' || !s.message.trim() || s.message.length > MAX_MESSAGE)
			return err('INVALID_DATA', 'message', `message must be 1–${MAX_MESSAGE} characters`);
		if ('actions' in s) {
			const reason = checkActions(s.actions);
			if (reason) return err('INVALID_DATA', 'actions', reason);
		}
		let target = null;
		if (s.id !== undefined && s.id !== null) {
			if (typeof s.id !== 'string' || !ID_RE.test(s.id))
				return err('INVALID_DATA', 'id', 'invalid data');
			target = findById(ctx, s.id);
			if (!target) return err('INVALID_DATA', 'id', 'the related id given seems to be invalid');
		} else if (s.email !== undefined && s.email !== null) {
			if (typeof s.email !== 'string' || !EMAIL_RE.test(s.email))
				return err('INVALID_DATA', 'email', 'invalid email');
			target = findByEmail(ctx, s.email);
			if (!target) return err('INVALID_DATA', 'email', 'no record matches the given email');
		} else {
			return err('MANDATORY_NOT_FOUND', 'id', 'either id or email is required');
		}
		const signal = {
			signal_namespace: def.namespace,
			subject: s.subject,
			message: s.message,
			actions: s.actions ?? [],
			email: s.email ?? null,
			record: { module: target.mod.api_name, id: target.r.id },
			raisedAt: new Date().toISOString(),
		};
		ctx.data.crm.signals.push(signal);
		appendEntry(ctx, target.mod, target.r, {
			action: 'added',
			source: 'signals',
			type: 'signals',
			extension: { name: 'Beam', namespace: def.namespace },
			signal_details: {
				namespace: def.namespace,
				subject: s.subject,
				message: s.message,
				actions: signal.actions,
			},
		});
		ok++;
		return {
			code: 'SUCCESS',
			status: 'success',
			message: 'signal raised',
			details: { id: target.r.id, module: target.mod.api_name },
		};
	});
	return { status: ok === out.length ? 200 : ok === 0 ? 400 : 207, body: { signals: out } };
}

module.exports = { list, raise, MAX_SUBJECT, MAX_MESSAGE };
