import type { IDataObject } from 'n8n-workflow';

import { fetchExtraFields } from '../../actions/record/getAll.operation';
import { fieldGroups } from '../../actions/record/shared';
import { crmLinker } from '../../helpers/links';
import type { ModuleName } from '../../helpers/validation';
import { getCrmFields } from '../../transport/metadata';
import { CRM_MAX_PER_PAGE, crmList } from '../../transport/paging';
import type { SafePath } from '../../transport/paths';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import type { Change, TriggerEvent } from './changes';
import { ChangeWalker, onePerRecord, sampleChange } from './changes';
import type { PollCursor } from './cursor';
import { byTimeThenId, cursorAtNewest, ifModifiedSince, isBeyond, timeOf } from './cursor';
import type { PollSource } from './source';
import { toItem } from './source';

/**
 * CRM records, read in ascending `Modified_Time` with `If-Modified-Since` one second before
 * the cursor (https://www.zoho.com/crm/developer/docs/api/v3/get-records.html: `sort_by`
 * Modified_Time / Created_Time, `sort_order`, header `If-Modified-Since`, 304 when nothing
 * changed). A quiet poll is one request.
 *
 * Pages are walked by ChangeWalker.walk (asking again from the cursor after every page that
 * moved it); a run of records sharing one second is followed page by page, with `page_token`
 * past 2,000 in the one paging loop.
 */
const KEYS = { modified: 'Modified_Time', created: 'Created_Time' };
const TIMES = [KEYS.modified, KEYS.created];
const SAMPLE_FIELDS = 'Modified_Time';

export function crmRecords(
	session: ZohoSession,
	module: ModuleName,
	event: TriggerEvent,
	requested: string[],
): PollSource {
	const path = crmPath('v8', module);
	let groups: Promise<string[][]> | undefined;
	/** The first group always carries the two timestamps the cursor reads. */
	const fieldList = async () =>
		(groups ??= (async () => {
			const names = requested.length
				? requested
				: (await getCrmFields(session, module)).map((field) => field.api_name);
			return await fieldGroups(session, module, [...new Set([...TIMES, ...names])], 0);
		})());
	const sortKey = event === 'created' ? 'Created_Time' : 'Modified_Time';

	return {
		// created / updated / createdOrUpdated walk the same Modified_Time order, and the field list
		// does not change it: switching between them keeps the cursor.
		key: `crm|${module}|changes`,

		async start() {
			const newest = await crmList(session, {
				path,
				qs: { fields: SAMPLE_FIELDS, sort_by: 'Modified_Time', sort_order: 'desc' },
				limit: 20,
			});
			return cursorAtNewest(newest, 'Modified_Time');
		},

		async sample(size) {
			const [first] = await fieldList();
			const records = await crmList(session, {
				path,
				qs: { fields: first.join(','), sort_by: sortKey, sort_order: 'desc' },
				limit: size,
			});
			return records.map((record) => sampleChange(record, event, KEYS));
		},

		async changes(cursor, cap) {
			if (!requested.length && (await nothingNew(session, path, cursor)))
				return { changes: [], cursor };
			const [first] = await fieldList();
			const walker = new ChangeWalker(cursor, event, cap, KEYS);
			await walker.walk(
				async (from, visit) =>
					await crmList(session, {
						path,
						qs: { fields: first.join(','), sort_by: 'Modified_Time', sort_order: 'asc' },
						headers: { 'If-Modified-Since': ifModifiedSince(from) },
						onPage: (batch, response) =>
							visit(batch, (response.body?.info as IDataObject | undefined)?.more_records === true),
					}),
			);
			return { changes: onePerRecord(walker.changes), cursor: walker.cursor };
		},

		async items(changes) {
			const records = changes.map((change) => change.record);
			const [linker, [, ...extra]] = await Promise.all([crmLinker(session, module), fieldList()]);
			if (extra.length && records.length)
				await fetchExtraFields(session, module, records, extra, 0);
			return changes.map((change) => toItem(change, linker(change.record.id)));
		},
	};
}

/**
 * Whether nothing changed past the cursor, asked with the timestamps only: a quiet poll then
 * costs this one request and no field metadata. (The records that share the cursor's second
 * come back too; one more than those fills the page only if something is new.)
 */
async function nothingNew(
	session: ZohoSession,
	path: SafePath,
	cursor: PollCursor,
): Promise<boolean> {
	let quiet = true;
	await crmList(session, {
		path,
		qs: { fields: KEYS.modified, sort_by: 'Modified_Time', sort_order: 'asc' },
		headers: { 'If-Modified-Since': ifModifiedSince(cursor) },
		limit: Math.min(CRM_MAX_PER_PAGE, cursor.ids.length + 1),
		onPage: (batch, response) => {
			const beyond = batch.some((record) => {
				const ms = timeOf(record[KEYS.modified]);
				return ms !== undefined && isBeyond(cursor, ms, String(record.id));
			});
			quiet = !beyond && (response.body?.info as IDataObject | undefined)?.more_records !== true;
			return false;
		},
	});
	return quiet;
}

/**
 * CRM deletions from Zoho's deleted records list (`GET /crm/v8/{module}/deleted?type=all`,
 * `If-Modified-Since`; https://www.zoho.com/crm/developer/docs/api/v7/get-deleted-records.html),
 * by `deleted_time`. The list is read whole and walked oldest first.
 */
export function crmDeletions(session: ZohoSession, module: ModuleName): PollSource {
	const path = crmPath('v8', module, 'deleted');
	const list = async (cursor?: PollCursor) =>
		await crmList(session, {
			path,
			qs: { type: 'all' },
			headers: cursor ? { 'If-Modified-Since': ifModifiedSince(cursor) } : undefined,
		});

	return {
		key: `crm|${module}|deleted`,

		async start() {
			return cursorAtNewest(
				await crmList(session, { path, qs: { type: 'all' }, limit: 200 }),
				'deleted_time',
			);
		},

		async sample(size) {
			const records = await crmList(session, { path, qs: { type: 'all' }, limit: 200 });
			return records
				.sort(byTimeThenId('deleted_time'))
				.slice(-size)
				.reverse()
				.map((record) => sampleChange(record, 'deleted', KEYS));
		},

		async changes(cursor, cap) {
			const fresh = (await list(cursor)).filter((record) => {
				const ms = timeOf(record.deleted_time);
				return ms !== undefined && isBeyond(cursor, ms, String(record.id));
			});
			const walker = new ChangeWalker(cursor, 'deleted', cap, {
				modified: 'deleted_time',
				created: 'deleted_time',
			});
			walker.take(fresh.sort(byTimeThenId('deleted_time')));
			return { changes: walker.changes, cursor: walker.cursor };
		},

		async items(changes: Change[]) {
			const linker = await crmLinker(session, module);
			return changes.map((change) => toItem(change, linker(change.record.id)));
		},
	};
}
