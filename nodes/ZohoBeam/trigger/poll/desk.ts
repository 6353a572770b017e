import type { IDataObject } from 'n8n-workflow';

import { deskLinker } from '../../helpers/links';
import type { ZohoId } from '../../helpers/validation';
import { deskList } from '../../transport/paging';
import type { DeskEntity } from '../../transport/paths';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import type { Change, TriggerEvent } from './changes';
import { ChangeWalker, onePerRecord, sampleChange } from './changes';
import type { PollCursor } from './cursor';
import { byTimeThenId, cursorAtNewest, isBeyond, timeOf } from './cursor';
import type { PollSource } from './source';
import { toItem } from './source';

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
 * Desk tickets through the ticket search, which filters and sorts by modification time
 * (`modifiedTimeRange`, `sortBy=modifiedTime`, `departmentId`, `status`;
 * https://desk.zoho.com/DeskAPIDocument#Search_TicketsSearch). Read oldest first from the
 * cursor; after every full page the search starts again from the new cursor, so tickets
 * changed while the poll reads cannot shift a page past one.
 */
export function deskTickets(session: ZohoSession, orgId: string, event: TriggerEvent, filters: DeskFilters): PollSource {
	const path = deskPath('tickets', 'search');
	const filterQs: IDataObject = {};
	if (filters.departmentId) filterQs.departmentId = filters.departmentId;
	if (filters.status) filterQs.status = filters.status;
	const since = (cursor: PollCursor) => `${new Date(cursor.ms).toISOString()},${openEnd()}`;
	const newest = async (size: number, sortBy: string) =>
		await deskList(session, { path, deskOrgId: orgId, qs: { ...filterQs, modifiedTimeRange: since({ ms: 0, time: '', ids: [] }), sortBy }, limit: size });

	return {
		key: `desk|${orgId}|tickets|${event}|${filters.departmentId ?? ''}|${filters.status ?? ''}`,
		start: async () => cursorAtNewest(await newest(20, '-modifiedTime'), 'modifiedTime'),
		sample: async (size) => labelSample(await newest(size, event === 'created' ? '-createdTime' : '-modifiedTime'), event),

		async changes(cursor, cap) {
			const walker = new ChangeWalker(cursor, event, cap, KEYS);
			for (let again = true; again && !walker.full; ) {
				again = false;
				const startMs = walker.cursor.ms;
				await deskList(session, {
					path,
					deskOrgId: orgId,
					pageSize: PAGE,
					qs: { ...filterQs, modifiedTimeRange: since(walker.cursor), sortBy: 'modifiedTime' },
					onPage: (batch) => {
						walker.take(batch);
						if (walker.full || batch.length < PAGE) return false;
						if (walker.cursor.ms > startMs) {
							again = true;
							return false;
						}
						return true;
					},
				});
			}
			return { changes: onePerRecord(walker.changes), cursor: walker.cursor };
		},

		items: async (changes) => await withLinks(session, orgId, 'tickets', changes),
	};
}

/**
 * Desk contacts and accounts through their lists, newest change first (`sortBy=-modifiedTime`;
 * https://desk.zoho.com/DeskAPIDocument#Contacts_Listcontacts), read until the cursor is
 * reached and then walked oldest first.
 */
export function deskEntities(session: ZohoSession, orgId: string, entity: Exclude<DeskEntity, 'tickets' | 'tasks'>, event: TriggerEvent): PollSource {
	const path = deskPath(entity);
	const newest = async (size: number, sortBy: string) => await deskList(session, { path, deskOrgId: orgId, qs: { sortBy }, limit: size });

	return {
		key: `desk|${orgId}|${entity}|${event}`,
		start: async () => cursorAtNewest(await newest(20, '-modifiedTime'), 'modifiedTime'),
		sample: async (size) => labelSample(await newest(size, event === 'created' ? '-createdTime' : '-modifiedTime'), event),

		async changes(cursor, cap) {
			const fresh: IDataObject[] = [];
			await deskList(session, {
				path,
				deskOrgId: orgId,
				pageSize: PAGE,
				qs: { sortBy: '-modifiedTime' },
				onPage: (batch) => {
					let reached = false;
					for (const record of batch) {
						const ms = timeOf(record.modifiedTime);
						if (ms === undefined) continue;
						if (isBeyond(cursor, ms, String(record.id))) fresh.push(record);
						else if (ms < cursor.ms) reached = true;
					}
					return !reached && batch.length === PAGE;
				},
			});
			const walker = new ChangeWalker(cursor, event, cap, KEYS);
			walker.take(onePerRecord(fresh.map((record) => ({ record, event: 'updated' as const }))).map((change) => change.record).sort(byTimeThenId('modifiedTime')));
			return { changes: walker.changes, cursor: walker.cursor };
		},

		items: async (changes) => await withLinks(session, orgId, entity, changes),
	};
}

function labelSample(records: IDataObject[], event: TriggerEvent) {
	return records.map((record) => sampleChange(record, event, KEYS));
}

async function withLinks(session: ZohoSession, orgId: string, entity: DeskEntity, changes: Change[]) {
	const link = deskLinker(session, orgId, entity);
	return await Promise.all(changes.map(async (change) => toItem(change, await link(change.record))));
}
