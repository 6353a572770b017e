import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { inputError } from './validation';

/**
 * The one date reader. n8n's date picker stores a wall-clock time without offset
 * (`2025-01-31T09:30:00`) meant in the workflow's time zone (Workflow settings → Timezone),
 * so such a value is read in that zone, never in the server's. An ISO string with an offset
 * (`…Z`, `…+05:30`) is taken as it is; a Luxon DateTime (`{{ $now }}`), a JS Date or epoch
 * milliseconds from an expression name their instant already.
 */

const LOCAL_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const ZONED_DATE_TIME =
	/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** Milliseconds between UTC and the wall clock of `timeZone` at the instant `utcMs`. */
function zoneOffsetMs(timeZone: string, utcMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
	const wall = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	);
	return wall - Math.floor(utcMs / 1000) * 1000;
}

const isDate = (value: unknown): value is Date =>
	Object.prototype.toString.call(value) === '[object Date]';

/** A date value (see above) → epoch milliseconds; undefined when empty. */
export function parseDateTime(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
	timeZone: string,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const invalid = () =>
		inputError(
			node,
			itemIndex,
			`"${parameter}" is not a valid date and time: ${JSON.stringify(String(typeof value === 'object' ? typeof value : value).slice(0, 40))}`,
			'Pick a date, or map an ISO 8601 value like 2026-05-01T10:00:00+02:00 (or {{ $now.plus(6, "days") }}).',
		);
	if (isDate(value)) {
		if (Number.isNaN(value.getTime())) throw invalid();
		return value.getTime();
	}
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw invalid();
		return value;
	}
	if (
		typeof value === 'object' &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
		const ms = (value as { toMillis: () => number }).toMillis();
		if (!Number.isFinite(ms)) throw invalid();
		return ms;
	}
	if (typeof value !== 'string') throw invalid();
	const text = value.trim();
	if (ZONED_DATE_TIME.test(text)) {
		const ms = Date.parse(text.replace(' ', 'T'));
		if (!Number.isFinite(ms)) throw invalid();
		return ms;
	}
	const match = LOCAL_DATE_TIME.exec(text);
	if (!match) throw invalid();
	const [year, month, day, hour, minute, second] = match
		.slice(1, 7)
		.map((part) => Number(part ?? 0));
	const millis = Number(((match[7] ?? '') + '000').slice(0, 3));
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
	const check = new Date(wall);
	if (
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		hour > 23 ||
		minute > 59 ||
		second > 59
	)
		throw invalid();
	const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
	// The offset at the wall-clock time, corrected once for a change of offset (DST) in between.
	const first = wall - zoneOffsetMs(zone, wall);
	return wall - zoneOffsetMs(zone, first);
}

/** A date parameter of an execution, read in the workflow's time zone. */
export function readDateTime(
	fn: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	parameter: string,
): number | undefined {
	return parseDateTime(fn.getNode(), itemIndex, value, parameter, fn.getTimezone());
}

/** Zoho CRM's form (`If-Modified-Since`, channel expiry): `2025-01-01T10:00:00+00:00`, no milliseconds. */
export function formatCrmDateTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Zoho Desk's form (due dates, time ranges): `2025-01-31T09:30:00.000Z`. */
export function formatDeskDateTime(ms: number): string {
	return new Date(ms).toISOString();
}

/** A Desk date parameter, read in the workflow's time zone, as Desk's ISO text; undefined when empty. */
export function readDeskDateTime(
	fn: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	parameter: string,
): string | undefined {
	const ms = readDateTime(fn, itemIndex, value, parameter);
	return ms === undefined ? undefined : formatDeskDateTime(ms);
}
