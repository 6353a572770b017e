import type { IDataObject } from 'n8n-workflow';

import { fieldGroups, mergeById } from '../../actions/record/shared';
import { crmLinker } from '../../helpers/links';
import type { ModuleName } from '../../helpers/validation';
import { chunk, mapWithConcurrency } from '../../transport/batching';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import type { ChannelState } from './crmChannel';
import { sameSecret } from './secret';

/**
 * A CRM notification callback (https://www.zoho.com/crm/developer/docs/api/v8/notifications/overview.html):
 * `{ server_time, query_params, module, resource_uri, ids, affected_fields, operation, channel_id, token }`.
 */

const OPERATION_EVENT: Record<string, string> = {
	insert: 'create',
	update: 'edit',
	delete: 'delete',
};
const MODULE = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
const RECORD_ID = /^[0-9]{1,25}$/;
/** Zoho's `ids` parameter takes at most 100 record IDs per request. */
export const FETCH_BATCH = 100;

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** True only for a callback of the stored channel carrying its token (constant-time compare). */
export function isOurCallback(body: unknown, state: ChannelState): boolean {
	if (!isObject(body) || !state.channelId || !state.token) return false;
	const channelMatches = String(body.channel_id ?? '') === state.channelId;
	const tokenMatches = sameSecret(body.token, state.token);
	return channelMatches && tokenMatches;
}

export interface CrmNotice {
	module: ModuleName;
	event: string;
	ids: string[];
	/** Changed field names per record id (Zoho: `[{ "<id>": ["Field", …] }]`, or a plain list for all). */
	fields: Map<string, string[]>;
	/** New values per record id, when the channel asks for them. */
	values: Map<string, IDataObject>;
	serverTime?: string;
}

/** The verified callback in a shape easy to turn into items; undefined when it names no module. */
export function readNotice(body: IDataObject): CrmNotice | undefined {
	const module =
		typeof body.module === 'string' && MODULE.test(body.module)
			? (body.module as ModuleName)
			: undefined;
	if (!module) return undefined;
	const operation = String(body.operation ?? '');
	const ids = [
		...new Set(
			(Array.isArray(body.ids) ? body.ids : [])
				.map((id) => String(id))
				.filter((id) => RECORD_ID.test(id)),
		),
	];
	const fields = new Map<string, string[]>();
	const shared: string[] = [];
	for (const entry of Array.isArray(body.affected_fields) ? body.affected_fields : []) {
		if (typeof entry === 'string') shared.push(entry);
		else if (isObject(entry)) {
			for (const [id, list] of Object.entries(entry))
				if (Array.isArray(list))
					fields.set(
						id,
						list.filter((name): name is string => typeof name === 'string'),
					);
		}
	}
	if (shared.length) for (const id of ids) fields.set(id, [...(fields.get(id) ?? []), ...shared]);
	const values = new Map<string, IDataObject>();
	for (const entry of Array.isArray(body.affected_values) ? body.affected_values : []) {
		if (isObject(entry) && entry.record_id !== undefined && isObject(entry.values))
			values.set(String(entry.record_id), entry.values);
	}
	const ms = typeof body.server_time === 'number' ? body.server_time : Number(body.server_time);
	return {
		module,
		event: OPERATION_EVENT[operation] ?? operation,
		ids,
		fields,
		values,
		serverTime: Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined,
	};
}

/** Reads the records in batches of up to 100 ids (fields in groups of 50, merged). */
async function fetchRecords(
	session: ZohoSession,
	module: ModuleName,
	ids: string[],
): Promise<Map<string, IDataObject>> {
	const groups = await fieldGroups(session, module, [], 0);
	const found = new Map<string, IDataObject>();
	await mapWithConcurrency(chunk(ids, FETCH_BATCH), 2, async (batch) => {
		let records: IDataObject[] = [];
		for (const [index, fields] of groups.entries()) {
			const response = await session.request<{ data?: IDataObject[] }>({
				app: 'crm',
				method: 'GET',
				path: crmPath('v8', module),
				qs: { ids: batch.join(','), fields: fields.join(',') },
			});
			const rows = response.body?.data ?? [];
			if (index === 0) records = rows;
			else mergeById(records, rows);
		}
		for (const record of records) found.set(String(record.id), record);
	});
	return found;
}

/**
 * One item per affected record: `id`, `deepLink`, `event`, `module`, then the record's fields
 * (fetched, or the new values Zoho sent), `affectedFields` and `serverTime`. A failed fetch
 * still emits every record, with `fetchError`, so no notification is lost.
 */
export async function crmNoticeItems(
	session: ZohoSession | undefined,
	notice: CrmNotice,
	fetch: boolean,
): Promise<IDataObject[]> {
	let records = new Map<string, IDataObject>();
	let fetchError: string | undefined;
	if (fetch && notice.event !== 'delete' && notice.ids.length) {
		try {
			if (!session)
				throw new Error('The Zoho Beam credential could not be used to read the records');
			records = await fetchRecords(session, notice.module, notice.ids);
		} catch (error) {
			fetchError = error instanceof Error ? error.message : String(error);
		}
	}
	const link = session ? await crmLinker(session, notice.module).catch(() => undefined) : undefined;
	return notice.ids.map((id) => {
		const item: IDataObject = {
			id,
			deepLink: link?.(id) ?? null,
			event: notice.event,
			module: notice.module,
		};
		const fields = { ...(notice.values.get(id) ?? {}), ...(records.get(id) ?? {}) };
		for (const [key, value] of Object.entries(fields)) if (!(key in item)) item[key] = value;
		const affected = notice.fields.get(id);
		if (affected?.length) item.affectedFields = affected;
		if (notice.serverTime) item.serverTime = notice.serverTime;
		if (fetch && notice.event !== 'delete' && !fetchError && !records.has(id))
			item.fetchError = 'Zoho returned no record with this ID (deleted since the notification?)';
		if (fetchError) item.fetchError = fetchError;
		return item;
	});
}
