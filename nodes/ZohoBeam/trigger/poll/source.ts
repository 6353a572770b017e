import type { IDataObject } from 'n8n-workflow';

import type { Change } from './changes';
import type { PollCursor } from './cursor';

/** What the poll needs from one kind of Zoho data (CRM records, CRM deletions, Desk records). */
export interface PollSource {
	/** Names what the cursor belongs to; a different key starts afresh. */
	key: string;
	/** First activation: the cursor at Zoho's newest record, so history is not emitted. */
	start(): Promise<PollCursor>;
	/** Manual test: the newest few records, the cursor untouched. */
	sample(size: number): Promise<Change[]>;
	/** The changes past the cursor (oldest first, at most `cap`) and the cursor after them. */
	changes(cursor: PollCursor, cap: number): Promise<{ changes: Change[]; cursor: PollCursor }>;
	/** Output items: `id`, `deepLink`, `event`, then the record's fields. */
	items(changes: Change[]): Promise<IDataObject[]>;
}

/** An output item: `id` and `deepLink` first, then `event`, then the record's fields. */
export function toItem(change: Change, deepLink: string | undefined): IDataObject {
	return { id: change.record.id, deepLink, event: change.event, ...change.record };
}
