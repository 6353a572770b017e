import { ChangeWalker, onePerRecord } from '../../nodes/ZohoBeam/trigger/poll/changes';
import {
	cursorAtNewest,
	EMPTY_CURSOR,
	ifModifiedSince,
	readState,
	writeState,
} from '../../nodes/ZohoBeam/trigger/poll/cursor';

const KEYS = { modified: 'Modified_Time', created: 'Created_Time' };
const rec = (id: string, modified: string, created = modified) => ({
	id,
	Modified_Time: modified,
	Created_Time: created,
});
const T1 = '2026-01-01T10:00:01+00:00';
const T2 = '2026-01-01T10:00:02+00:00';
const T0 = '2026-01-01T10:00:00+00:00';

describe('ChangeWalker', () => {
	it('labels created and updated against the cursor and moves the cursor over every record it looks at', () => {
		const walker = new ChangeWalker(
			cursorAtNewest([rec('1', T0)], 'Modified_Time'),
			'createdOrUpdated',
			10,
			KEYS,
		);
		// 2 existed before the cursor (created an hour earlier); 3 and 4 were created after it.
		walker.take([
			rec('1', T0),
			rec('2', T1, '2026-01-01T09:00:00+00:00'),
			rec('3', T1),
			rec('4', T2, T1),
		]);
		expect(walker.changes.map((c) => [c.record.id, c.event])).toEqual([
			['2', 'updated'],
			['3', 'created'],
			['4', 'created'],
		]);
		expect(walker.cursor).toEqual({ ms: Date.parse(T2), time: T2, ids: ['4'] });
	});

	it('created / updated events keep only their kind, but the cursor passes the others too', () => {
		const created = new ChangeWalker(EMPTY_CURSOR, 'created', 10, KEYS);
		const updated = new ChangeWalker(EMPTY_CURSOR, 'updated', 10, KEYS);
		const batch = [rec('1', T1, T0), rec('2', T1)];
		created.take(batch);
		updated.take(batch);
		expect(created.changes.map((c) => c.record.id)).toEqual(['1', '2']); // both new since an empty cursor
		expect(updated.changes.map((c) => c.record.id)).toEqual(['1']); // only the one changed after creation
		expect(updated.cursor.ids).toEqual(['1', '2']);
	});

	it('stops at the cap before the next record, so the cursor stays before what it did not emit', () => {
		const walker = new ChangeWalker(EMPTY_CURSOR, 'createdOrUpdated', 2, KEYS);
		walker.take([rec('1', T1), rec('2', T1), rec('3', T1)]);
		expect(walker.full).toBe(true);
		expect(walker.cursor.ids).toEqual(['1', '2']);
		const next = new ChangeWalker(walker.cursor, 'createdOrUpdated', 2, KEYS);
		next.take([rec('1', T1), rec('2', T1), rec('3', T1)]);
		expect(next.changes.map((c) => c.record.id)).toEqual(['3']);
	});

	it('walk asks again from the cursor after a page that moved it, and follows pages of one second', async () => {
		const pages = [[rec('1', T1), rec('2', T1)], [rec('3', T1), rec('4', T1)], [rec('5', T2)]];
		const queries: string[] = [];
		const walker = new ChangeWalker(EMPTY_CURSOR, 'createdOrUpdated', 100, KEYS);
		await walker.walk(async (from, visit) => {
			queries.push(`${from.time}|${from.ids.join(',')}`);
			// Zoho from this cursor: everything not older than its second, in order.
			const rows = pages.flat().filter((r) => Date.parse(r.Modified_Time) >= from.ms);
			for (let i = 0; i < rows.length; i += 2)
				if (!visit(rows.slice(i, i + 2), i + 2 < rows.length)) return;
		});
		expect(walker.changes.map((c) => c.record.id)).toEqual(['1', '2', '3', '4', '5']);
		expect(queries).toEqual(['|', `${T1}|1,2`]);
	});
});

describe('cursor helpers', () => {
	it('If-Modified-Since is one second before the cursor second, in Zoho’s format', () => {
		expect(ifModifiedSince({ ms: Date.parse('2026-01-01T10:00:05.900Z'), time: '', ids: [] })).toBe(
			'2026-01-01T10:00:04+00:00',
		);
	});

	it('one item per record: the first label, the newest data', () => {
		const out = onePerRecord([
			{ record: { id: '1', v: 1 }, event: 'created' },
			{ record: { id: '2', v: 1 }, event: 'updated' },
			{ record: { id: '1', v: 2 }, event: 'updated' },
		]);
		expect(out).toEqual([
			{ record: { id: '1', v: 2 }, event: 'created' },
			{ record: { id: '2', v: 1 }, event: 'updated' },
		]);
	});

	it('state belongs to its key: another module or event starts afresh', () => {
		const data = {};
		writeState(data, 'crm|Leads|created|', { ms: 1, time: 't', ids: ['9'] });
		expect(readState(data, 'crm|Leads|created|')).toEqual({ ms: 1, time: 't', ids: ['9'] });
		expect(readState(data, 'crm|Deals|created|')).toBeUndefined();
	});

	it('the newest records give the activation cursor, with every ID of that time', () => {
		expect(
			cursorAtNewest([rec('1', T1), rec('2', T2), rec('3', T2), rec('4', T0)], 'Modified_Time'),
		).toEqual({ ms: Date.parse(T2), time: T2, ids: ['2', '3'] });
		expect(cursorAtNewest([], 'Modified_Time')).toEqual(EMPTY_CURSOR);
	});
});
