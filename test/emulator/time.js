'use strict';
/** Date/time formatting and parsing in the shapes Zoho uses. */

// Captured once: global lookups are slow inside a vm context (jest).
const NativeDate = Date;
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** CRM datetime: `2024-03-05T10:11:12+00:00` (org time zone is GMT). @param {number|Date} t */
function crmDateTime(t) {
	return `${new NativeDate(t).toISOString().slice(0, 19)}+00:00`;
}

/** CRM date: `2024-03-05`. @param {number|Date} t */
function crmDate(t) {
	return new NativeDate(t).toISOString().slice(0, 10);
}

/** Desk datetime: `2024-03-05T10:11:12.000Z`. @param {number|Date} t */
function deskDateTime(t) {
	return new NativeDate(t).toISOString();
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Zoho CRM datetime input: seconds precision, explicit ±HH:mm offset (no `Z`, no milliseconds). */
const CRM_DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;
/** Generic ISO-8601 accepted by Desk: optional milliseconds, `Z` or offset. */
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** @param {number} y @param {number} m @param {number} d */
function validCalendarDate(y, m, d) {
	if (m < 1 || m > 12 || d < 1) return false;
	const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return d <= days;
}

/** @param {unknown} value @returns {number|null} epoch ms of a valid `YYYY-MM-DD`, else null */
function parseCrmDate(value) {
	if (typeof value !== 'string') return null;
	const m = DATE_RE.exec(value);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (!validCalendarDate(y, mo, d)) return null;
	return Date.UTC(y, mo - 1, d);
}

/** @param {unknown} value @returns {number|null} epoch ms of a valid CRM datetime, else null */
function parseCrmDateTime(value) {
	if (typeof value !== 'string') return null;
	const m = CRM_DATETIME_RE.exec(value);
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
	const oh = Number(m[8]);
	const om = Number(m[9]);
	if (!validCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59 || oh > 14 || om > 59)
		return null;
	const sign = m[7] === '+' ? 1 : -1;
	return Date.UTC(y, mo - 1, d, h, mi, s) - sign * (oh * 60 + om) * 60000;
}

/** @param {unknown} value @returns {number|null} epoch ms of a valid ISO-8601 datetime, else null */
function parseIso(value) {
	if (typeof value !== 'string') return null;
	const m = ISO_RE.exec(value);
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
	if (!validCalendarDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
	const t = Date.parse(value);
	return Number.isFinite(t) ? t : null;
}

/** Zoho's "now": the machine's clock shifted by `clockOffsetMs` (0 unless a test sets it). @param {{clockOffsetMs?: number}} config */
function zohoNow(config) {
	return NativeDate.now() + (config.clockOffsetMs ?? 0);
}

module.exports = {
	zohoNow,
	crmDateTime,
	crmDate,
	deskDateTime,
	parseCrmDate,
	parseCrmDateTime,
	parseIso,
	CRM_DATETIME_RE,
};
