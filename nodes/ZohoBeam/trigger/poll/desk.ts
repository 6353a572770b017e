import type { IDataObject } from 'n8n-workflow';

import { deskLinker } from '../../helpers/links';
import type { ZohoId } from '../../helpers/validation';
import { deskList } from '../../transport/paging';
import type { DeskEntity } from '../../transport/paths';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import type { TriggerEvent } from './changes';
import { ChangeWalker, onePerRecord, sampleChange } from './changes';
import type { PollCursor } from './cursor';
import { cursorAtNewest, EMPTY_CURSOR } from './cursor';
import type { PollSource } from './source';
import { toItem } from './source';

export type PolledDeskEntity = Exclude<DeskEntity, 'tasks'>;

/** Ticket filters (Zoho's ticket search takes them; contacts and accounts have none). */
export interface DeskFilters {
	departmentId?: ZohoId;
	status?: string;
}

const KEYS = { modified: 'modifiedTime', created: 'createdTime' };
const PAGE = 100;

/**
 * The upper end of a time range. Zoho wants both ends; it is set a year past n8n's clock so
 * that a clock difference between n8n and Zoho never hides a change. The lower end, the one
 * that matters, is always a timestamp Zoho gave.
 */
const openEnd = () => new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

/**
 * Desk tickets, contacts and accounts through Zoho's search, which filters and sorts by
 * modification time (`modifiedTimeRange`, `sortBy=modifiedTime`; for tickets also
 * `departmentId` and `status`): https://desk.zoho.com/DeskAPIDocument (Search: tickets,
 * contacts, accounts). The lists do not sort by modification time. Read oldest first from the
 * cursor, walked by ChangeWalker.walk.
 */
export function deskRecords(
	session: ZohoSession,
	orgId: string,
	entity: PolledDeskEntity,
	event: TriggerEvent,
	filters: DeskFilters,
): PollSource {
	const path = deskPath(entity, 'search');
	const filterQs: IDataObject = {};
	if (filters.departmentId) filterQs.departmentId = filters.departmentId;
	if (filters.status) filterQs.status = filters.status;
	const since = (cursor: PollCursor) => `${new Date(cursor.ms).toISOString()},${openEnd()}`;
	const newest = async (size: number, sortBy: string) =>
		await deskList(session, {
			path,
			deskOrgId: orgId,
			qs: { ...filterQs, modifiedTimeRange: since(EMPTY_CURSOR), sortBy },
			limit: size,
		});

	return {
		key: `desk|${orgId}|${entity}|${event}|${filters.departmentId ?? ''}|${filters.status ?? ''}`,
		start: async () => cursorAtNewest(await newest(20, '-modifiedTime'), 'modifiedTime'),
		sample: async (size) =>
			(await newest(size, event === 'created' ? '-createdTime' : '-modifiedTime')).map((record) =>
				sampleChange(record, event, KEYS),
			),

		async changes(cursor, cap) {
			const walker = new ChangeWalker(cursor, event, cap, KEYS);
			await walker.walk(
				async (from, visit) =>
					await deskList(session, {
						path,
						deskOrgId: orgId,
						pageSize: PAGE,
						qs: { ...filterQs, modifiedTimeRange: since(from), sortBy: 'modifiedTime' },
						onPage: (batch) => visit(batch, batch.length === PAGE),
					}),
			);
			return { changes: onePerRecord(walker.changes), cursor: walker.cursor };
		},

		async items(changes) {
			const link = deskLinker(session, orgId, entity);
			return await Promise.all(
				changes.map(async (change) => toItem(change, await link(change.record))),
			);
		},
	};
}
