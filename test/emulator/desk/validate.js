'use strict';
/**
 * Validation of Desk request bodies (create / partial update). Errors are collected and
 * answered together: 422 `{errorCode: 'INVALID_DATA', message, errors: [{fieldName: '/x', errorType, errorMessage}]}`.
 */

const { deskError } = require('../errors');
const { parseIso } = require('../time');
const D = require('../data/desk-seed');

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ID_RE = /^\d{1,19}$/;

/**
 * @typedef {{type: 'string', max: number, required?: boolean, nullable?: boolean}
 *   | {type: 'email', required?: boolean, nullable?: boolean}
 *   | {type: 'enum', values: readonly string[], required?: boolean, nullable?: boolean}
 *   | {type: 'ref', ref: 'departments'|'contacts'|'accounts'|'agents'|'tickets', required?: boolean, nullable?: boolean, active?: boolean}
 *   | {type: 'datetime', nullable?: boolean, required?: boolean}
 *   | {type: 'cf', keys: string[], required?: boolean, nullable?: boolean}
 *   | {type: 'contact', required?: boolean, nullable?: boolean, createOnly: true}} FieldSpec
 */

/** @type {Record<string, Record<string, FieldSpec>>} */
const SPECS = {
	tickets: {
		subject: { type: 'string', max: 255, required: true },
		departmentId: { type: 'ref', ref: 'departments', required: true },
		contactId: { type: 'ref', ref: 'contacts' },
		contact: { type: 'contact', createOnly: true },
		email: { type: 'email', nullable: true },
		phone: { type: 'string', max: 120, nullable: true },
		description: { type: 'string', max: 65535, nullable: true },
		status: { type: 'enum', values: D.TICKET_STATUSES },
		priority: { type: 'enum', values: D.PRIORITIES, nullable: true },
		channel: { type: 'enum', values: D.CHANNELS },
		classification: { type: 'enum', values: D.CLASSIFICATIONS, nullable: true },
		category: { type: 'string', max: 120, nullable: true },
		language: { type: 'string', max: 60, nullable: true },
		assigneeId: { type: 'ref', ref: 'agents', nullable: true, active: true },
		accountId: { type: 'ref', ref: 'accounts', nullable: true },
		dueDate: { type: 'datetime', nullable: true },
		cf: { type: 'cf', keys: ['cf_region', 'cf_order_id'] },
	},
	contacts: {
		lastName: { type: 'string', max: 80, required: true },
		firstName: { type: 'string', max: 40, nullable: true },
		email: { type: 'email', nullable: true },
		secondaryEmail: { type: 'email', nullable: true },
		phone: { type: 'string', max: 50, nullable: true },
		mobile: { type: 'string', max: 50, nullable: true },
		title: { type: 'string', max: 100, nullable: true },
		type: { type: 'string', max: 60, nullable: true },
		description: { type: 'string', max: 65535, nullable: true },
		city: { type: 'string', max: 60, nullable: true },
		country: { type: 'string', max: 60, nullable: true },
		accountId: { type: 'ref', ref: 'accounts', nullable: true },
		ownerId: { type: 'ref', ref: 'agents', nullable: true, active: true },
		cf: { type: 'cf', keys: ['cf_tier'] },
	},
	accounts: {
		accountName: { type: 'string', max: 200, required: true },
		email: { type: 'email', nullable: true },
		website: { type: 'string', max: 255, nullable: true },
		phone: { type: 'string', max: 50, nullable: true },
		industry: { type: 'string', max: 120, nullable: true },
		description: { type: 'string', max: 65535, nullable: true },
		city: { type: 'string', max: 60, nullable: true },
		country: { type: 'string', max: 60, nullable: true },
		ownerId: { type: 'ref', ref: 'agents', nullable: true, active: true },
		cf: { type: 'cf', keys: ['cf_segment'] },
	},
	tasks: {
		subject: { type: 'string', max: 255, required: true },
		departmentId: { type: 'ref', ref: 'departments', required: true },
		ticketId: { type: 'ref', ref: 'tickets', nullable: true },
		contactId: { type: 'ref', ref: 'contacts', nullable: true },
		dueDate: { type: 'datetime', nullable: true },
		status: { type: 'enum', values: D.TASK_STATUSES },
		priority: { type: 'enum', values: D.TASK_PRIORITIES, nullable: true },
		category: { type: 'string', max: 120, nullable: true },
		ownerId: { type: 'ref', ref: 'agents', nullable: true, active: true },
		description: { type: 'string', max: 65535, nullable: true },
	},
};

/**
 * Validates a body against an entity spec.
 * @param {import('../server').Ctx} ctx
 * @param {'tickets'|'contacts'|'accounts'|'tasks'} entity
 * @param {'create'|'update'} mode
 * @returns {Record<string, unknown>} the validated fields
 */
function validateBody(ctx, entity, mode) {
	if (ctx.bodyKind === 'invalid' || ctx.bodyKind === 'form')
		throw deskError(422, 'UNPROCESSABLE_ENTITY', 'The request body is not a valid JSON object.');
	/** @type {unknown} */
	const raw = ctx.body === undefined ? {} : ctx.body;
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
		throw deskError(422, 'UNPROCESSABLE_ENTITY', 'The request body must be a JSON object.');
	const body = /** @type {Record<string, unknown>} */ (raw);
	const spec = SPECS[entity];
	/** @type {{fieldName: string, errorType: 'invalid'|'missing'|'duplicate', errorMessage: string}[]} */
	const errors = [];
	/** @type {Record<string, unknown>} */
	const out = {};
	const invalid = (name, why) =>
		errors.push({ fieldName: `/${name}`, errorType: 'invalid', errorMessage: why });
	for (const [name, value] of Object.entries(body)) {
		const s = spec[name];
		if (!s || (s.type === 'contact' && mode !== 'create')) {
			invalid(name, `'${name}' is not a valid field.`);
			continue;
		}
		const err = checkField(ctx, name, s, value, errors);
		if (err) invalid(name, err);
		else out[name] = value;
	}
	if (mode === 'create') {
		for (const [name, s] of Object.entries(spec)) {
			if (s.required && (body[name] === undefined || body[name] === null || body[name] === '')) {
				if (!errors.some((e) => e.fieldName === `/${name}`))
					errors.push({
						fieldName: `/${name}`,
						errorType: 'missing',
						errorMessage: `'${name}' is required.`,
					});
			}
		}
		if (entity === 'tickets' && body.contactId === undefined && body.contact === undefined) {
			errors.push({
				fieldName: '/contactId',
				errorType: 'missing',
				errorMessage: "Either 'contactId' or 'contact' is required.",
			});
		}
	} else {
		for (const [name, s] of Object.entries(spec)) {
			if (
				s.required &&
				name in body &&
				(body[name] === null || body[name] === '') &&
				!errors.some((e) => e.fieldName === `/${name}`)
			) {
				errors.push({
					fieldName: `/${name}`,
					errorType: 'missing',
					errorMessage: `'${name}' cannot be empty.`,
				});
			}
		}
	}
	if (errors.length)
		throw deskError(422, 'INVALID_DATA', 'An invalid value is passed in the request body.', errors);
	return out;
}

/**
 * @param {import('../server').Ctx} ctx @param {string} name @param {FieldSpec} s @param {unknown} value
 * @param {{fieldName: string, errorType: 'invalid'|'missing'|'duplicate', errorMessage: string}[]} errors
 * @returns {string|null} error message
 */
function checkField(ctx, name, s, value, errors) {
	if (value === null) return s.nullable ? null : s.required ? null : `'${name}' cannot be null.`;
	switch (s.type) {
		case 'string':
			if (typeof value !== 'string') return `'${name}' must be a string.`;
			if (value.length > s.max) return `'${name}' exceeds ${s.max} characters.`;
			return null;
		case 'email':
			return typeof value === 'string' && EMAIL_RE.test(value) && value.length <= 100
				? null
				: `'${name}' is not a valid email address.`;
		case 'enum':
			return typeof value === 'string' && s.values.includes(value)
				? null
				: `'${name}' must be one of ${s.values.join(', ')}.`;
		case 'datetime':
			return parseIso(value) !== null ? null : `'${name}' must be an ISO-8601 date-time.`;
		case 'ref': {
			if (typeof value !== 'string' || !ID_RE.test(value)) return `'${name}' must be an ID.`;
			const r = ctx.data.desk[s.ref].get(value);
			if (!r || r.orgId !== ctx.orgId) return `'${name}' does not exist.`;
			if (s.active && r.status !== 'ACTIVE') return `'${name}' refers to an inactive agent.`;
			return null;
		}
		case 'cf': {
			if (typeof value !== 'object' || Array.isArray(value)) return `'${name}' must be an object.`;
			for (const [k, v] of Object.entries(/** @type {Record<string, unknown>} */ (value))) {
				if (!s.keys.includes(k))
					errors.push({
						fieldName: `/cf/${k}`,
						errorType: 'invalid',
						errorMessage: `Custom field '${k}' does not exist.`,
					});
				else if (v !== null && (typeof v !== 'string' || v.length > 255))
					errors.push({
						fieldName: `/cf/${k}`,
						errorType: 'invalid',
						errorMessage: `'${k}' must be a string of at most 255 characters.`,
					});
			}
			return null;
		}
		case 'contact': {
			if (typeof value !== 'object' || Array.isArray(value)) return "'contact' must be an object.";
			const c = /** @type {Record<string, unknown>} */ (value);
			for (const [k, v] of Object.entries(c)) {
				if (!['lastName', 'firstName', 'email', 'phone', 'mobile'].includes(k))
					return `'contact.${k}' is not a valid field.`;
				if (v !== null && typeof v !== 'string') return `'contact.${k}' must be a string.`;
			}
			if (!c.lastName && !c.email) return "'contact' needs a lastName or an email.";
			if (c.email && !EMAIL_RE.test(String(c.email)))
				return "'contact.email' is not a valid email address.";
			return null;
		}
		default:
			return `'${name}' is invalid.`;
	}
}

module.exports = { validateBody, SPECS };
