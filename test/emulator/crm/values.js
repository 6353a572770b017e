'use strict';
/**
 * Validation of CRM field values on writes, per Zoho data type.
 * Returns the value to store (lookups become `{name, id}`, datetimes are normalised).
 */

const { parseCrmDate, parseCrmDateTime, crmDateTime } = require('../time');

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^[0-9+()\-.\s]{1,30}$/;
const WEBSITE_RE = /^(https?:\/\/)?[^\s./]+(\.[^\s./]+)+(\/\S*)?$/i;
const ID_RE = /^\d{1,19}$/;
const INT_MAX = 2147483647;

/**
 * @typedef {{ok: true, value: unknown} | {ok: false, code: 'INVALID_DATA'|'MANDATORY_NOT_FOUND', message: string, details: Record<string, unknown>}} ValueResult
 */

/**
 * @param {import('../data/crm-schema').FieldDef} field
 * @param {unknown} value
 * @param {(moduleOrUsers: string, id: string) => {name: string, id: string}|null} resolveLookup
 * @returns {ValueResult}
 */
function checkValue(field, value, resolveLookup) {
	/** @param {string} [message] @returns {ValueResult} */
	const bad = (message = 'invalid data') => ({
		ok: false,
		code: 'INVALID_DATA',
		message,
		details: { api_name: field.api_name, expected_data_type: field.data_type },
	});
	/** @param {unknown} v @returns {ValueResult} */
	const good = (v) => ({ ok: true, value: v });
	if (value === null || value === '') {
		if (field.mandatory)
			return {
				ok: false,
				code: 'MANDATORY_NOT_FOUND',
				message: 'required field not found',
				details: { api_name: field.api_name },
			};
		return good(null);
	}
	switch (field.data_type) {
		case 'text':
		case 'textarea':
			if (typeof value !== 'string') return bad();
			if (value.length > field.length)
				return {
					ok: false,
					code: 'INVALID_DATA',
					message: 'invalid data',
					details: {
						api_name: field.api_name,
						expected_data_type: field.data_type,
						maximum_length: field.length,
					},
				};
			return good(value);
		case 'email':
			return typeof value === 'string' && value.length <= field.length && EMAIL_RE.test(value)
				? good(value)
				: bad();
		case 'phone':
			return typeof value === 'string' && PHONE_RE.test(value) && /\d/.test(value)
				? good(value)
				: bad();
		case 'website':
			return typeof value === 'string' && value.length <= field.length && WEBSITE_RE.test(value)
				? good(value)
				: bad();
		case 'picklist':
			return typeof value === 'string' && (field.pick_list ?? []).includes(value)
				? good(value)
				: bad();
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= INT_MAX
				? good(value)
				: bad();
		case 'double':
		case 'currency':
			return typeof value === 'number' && Number.isFinite(value) ? good(value) : bad();
		case 'boolean':
			return typeof value === 'boolean' ? good(value) : bad();
		case 'date':
			return parseCrmDate(value) !== null ? good(value) : bad();
		case 'datetime': {
			const t = parseCrmDateTime(value);
			return t !== null ? good(crmDateTime(t)) : bad();
		}
		case 'lookup':
		case 'ownerlookup': {
			let id = null;
			if (typeof value === 'string') id = value;
			else if (
				value !== null &&
				typeof value === 'object' &&
				!Array.isArray(value) &&
				typeof (/** @type {any} */ (value).id) === 'string'
			)
				id = /** @type {any} */ (value).id;
			if (id === null || !ID_RE.test(id)) return bad();
			const target = resolveLookup(String(field.lookup_module), id);
			if (!target) return bad('the related id given seems to be invalid');
			return good(target);
		}
		default:
			return bad();
	}
}

module.exports = { checkValue, ID_RE, EMAIL_RE };
