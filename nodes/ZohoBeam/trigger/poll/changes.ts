import type { IDataObject } from 'n8n-workflow';

import type { PollCursor } from './cursor';
import { timeOf } from './cursor';

export type TriggerEvent = 'created' | 'updated' | 'createdOrUpdated' | 'deleted';
export type ChangeKind = 'created' | 'updated' | 'deleted';

export interface Change {
	record: IDataObject;
	event: ChangeKind;
}

/**
 * Walks records in ascending order of their modification time, moves the cursor over every
 * record it looks at, and keeps the ones the event asks for, up to the cap. What is over the
 * cap is not looked at, so the cursor stays before it and the next poll starts there.
 */
export class ChangeWalker {
	readonly changes: Change[] = [];
	full = false;
	/** The cursor, kept mutable while walking (a mass update puts thousands of IDs in one second). */
	private ms: number;
	private time: string;
	private readonly ids: Set<string>;

	constructor(
		cursor: PollCursor,
		private readonly event: TriggerEvent,
		private readonly cap: number,
		private readonly keys: { modified: string; created: string },
	) {
		this.ms = cursor.ms;
		this.time = cursor.time;
		this.ids = new Set(cursor.ids);
	}

	/** Epoch milliseconds of the cursor's time. */
	get cursorMs(): number {
		return this.ms;
	}

	get cursor(): PollCursor {
		return { ms: this.ms, time: this.time, ids: [...this.ids] };
	}

	private beyond(ms: number, id: string): boolean {
		return ms > this.ms || (ms === this.ms && !this.ids.has(id));
	}

	/**
	 * Runs `query` from the cursor and takes its pages in turn. After a page that moved the
	 * cursor, the query starts again from the new cursor instead of going on to the next page:
	 * a record changed while the poll reads moves to the end of Zoho's order and would shift the
	 * pages behind it, hiding one record. Pages that share the cursor's time (a mass update) are
	 * followed as they come. Ends at the last page or when the cap is reached.
	 */
	async walk(
		query: (
			cursor: PollCursor,
			visit: (batch: IDataObject[], more: boolean) => boolean,
		) => Promise<unknown>,
	): Promise<void> {
		for (let again = true; again && !this.full; ) {
			again = false;
			const startMs = this.ms;
			await query(this.cursor, (batch, more) => {
				this.take(batch);
				if (this.full || !more) return false;
				if (this.ms > startMs) {
					again = true;
					return false;
				}
				return true;
			});
		}
	}

	take(batch: IDataObject[]): void {
		for (const record of batch) {
			if (this.changes.length >= this.cap) {
				this.full = true;
				return;
			}
			const id = String(record.id);
			const ms = timeOf(record[this.keys.modified]);
			if (ms === undefined || record.id === undefined || !this.beyond(ms, id)) continue;
			const kind = this.classify(record, id, ms);
			if (ms > this.ms) {
				this.ms = ms;
				this.time = String(record[this.keys.modified]);
				this.ids.clear();
			}
			this.ids.add(id);
			if (kind) this.changes.push({ record, event: kind });
		}
	}

	/**
	 * `created`: the record did not exist at the cursor (created after it). `updated`: changed
	 * after its creation (modified later than created). `createdOrUpdated`: every change,
	 * labelled `created` for records new since the cursor and `updated` for the rest.
	 */
	private classify(record: IDataObject, id: string, modifiedMs: number): ChangeKind | undefined {
		if (this.event === 'deleted') return 'deleted';
		const createdMs = timeOf(record[this.keys.created]);
		const isNew = createdMs !== undefined && this.beyond(createdMs, id);
		if (this.event === 'created') return isNew ? 'created' : undefined;
		if (this.event === 'updated')
			return createdMs === undefined || modifiedMs > createdMs ? 'updated' : undefined;
		return isNew ? 'created' : 'updated';
	}
}

/**
 * One item per record: a record changed again while the poll was reading shows up twice; the
 * item keeps its first place and label and carries the newest data.
 */
export function onePerRecord(changes: Change[]): Change[] {
	const byId = new Map<string, Change>();
	for (const change of changes) {
		const id = String(change.record.id);
		const first = byId.get(id);
		if (first) first.record = change.record;
		else byId.set(id, { ...change });
	}
	return [...byId.values()];
}

/** A manual test's label for one of the newest records: `created` unless it changed after its creation (or the event is `updated`). */
export function sampleChange(
	record: IDataObject,
	event: TriggerEvent,
	keys: { modified: string; created: string },
): Change {
	if (event === 'deleted') return { record, event: 'deleted' };
	const changed = timeOf(record[keys.modified]) !== timeOf(record[keys.created]);
	return {
		record,
		event: event === 'updated' || (event === 'createdOrUpdated' && changed) ? 'updated' : 'created',
	};
}
