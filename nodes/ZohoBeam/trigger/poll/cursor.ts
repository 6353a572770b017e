import type { IDataObject } from 'n8n-workflow';

/**
 * Where the trigger stopped: Zoho's own timestamp of the last record it looked at, and the IDs
 * of every record it looked at with exactly that timestamp. Zoho stamps records to the second
 * (CRM) or millisecond (Desk), so several records can share the newest time; keeping their IDs
 * lets the next poll ask again from that time and skip only what it has already seen. Only
 * Zoho's timestamps ever go into a cursor, never n8n's clock, so a clock difference between
 * n8n and Zoho cannot hide a change.
 */
export interface PollCursor {
	/** Epoch milliseconds of `time`; 0 before anything was seen (an empty module). */
	ms: number;
	/** Zoho's timestamp text, kept for people reading the static data. */
	time: string;
	/** IDs already looked at whose timestamp is exactly `ms`. */
	ids: string[];
}

export const EMPTY_CURSOR: PollCursor = { ms: 0, time: '', ids: [] };

/** Epoch milliseconds of a Zoho timestamp (`2024-03-05T10:11:12+05:30`, `…12.000Z`), or undefined. */
export function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

/** Whether a record with this timestamp and ID lies beyond the cursor (not looked at yet). */
export function isBeyond(cursor: PollCursor, ms: number, id: string): boolean {
	return ms > cursor.ms || (ms === cursor.ms && !cursor.ids.includes(id));
}

/** The cursor after looking at one more record (records come in ascending time order). */
export function advance(cursor: PollCursor, ms: number, time: string, id: string): PollCursor {
	if (ms > cursor.ms) return { ms, time, ids: [id] };
	if (ms === cursor.ms && !cursor.ids.includes(id)) return { ...cursor, ids: [...cursor.ids, id] };
	return cursor;
}

/** The cursor at the newest of these records (first activation: "now" in Zoho's own time). */
export function cursorAtNewest(records: IDataObject[], timeKey: string): PollCursor {
	let cursor = EMPTY_CURSOR;
	for (const record of records) {
		const ms = timeOf(record[timeKey]);
		if (ms === undefined || record.id === undefined || record.id === null || ms < cursor.ms)
			continue;
		cursor = advance(
			ms > cursor.ms ? { ms, time: String(record[timeKey]), ids: [] } : cursor,
			ms,
			String(record[timeKey]),
			String(record.id),
		);
	}
	return cursor;
}

/** `If-Modified-Since` one second before the cursor: Zoho compares to the second, and records sharing the cursor's second must come back. */
export function ifModifiedSince(cursor: PollCursor): string {
	const since = Math.max(0, Math.floor(cursor.ms / 1000) * 1000 - 1000);
	return new Date(since).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Sorts records by (timestamp, ID) ascending, the order the cursor walks in. */
export function byTimeThenId(timeKey: string): (a: IDataObject, b: IDataObject) => number {
	return (a, b) =>
		(timeOf(a[timeKey]) ?? 0) - (timeOf(b[timeKey]) ?? 0) ||
		String(a.id).localeCompare(String(b.id));
}

/**
 * The trigger's memory in the workflow's static data. `key` names what the cursor belongs to
 * (app, module, event, filters): change any of them and the trigger starts afresh instead of
 * reading another module from a foreign cursor.
 */
export interface PollState {
	key: string;
	cursor: PollCursor;
}

const STATE_KEY = 'zohoBeamPoll';

export function readState(staticData: IDataObject, key: string): PollCursor | undefined {
	const state = staticData[STATE_KEY] as PollState | undefined;
	if (
		!state ||
		state.key !== key ||
		typeof state.cursor?.ms !== 'number' ||
		!Array.isArray(state.cursor.ids)
	)
		return undefined;
	return state.cursor;
}

/** Stores the cursor; called only once a poll has everything it will emit (a failed poll leaves the old cursor). */
export function writeState(staticData: IDataObject, key: string, cursor: PollCursor): void {
	staticData[STATE_KEY] = {
		key,
		cursor: { ms: cursor.ms, time: cursor.time, ids: [...cursor.ids] },
	} as unknown as IDataObject;
}
