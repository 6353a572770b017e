import type { IDataObject } from 'n8n-workflow';

import type { SafePath } from './paths';
import type { ZohoSession } from './session';

/** Zoho CRM serves page numbers only for the first 2,000 records; past that, page tokens. */
export const CRM_PAGE_LIMIT = 2000;
export const CRM_MAX_PER_PAGE = 200;
export const DESK_MAX_LIMIT = 100;

export interface CrmListRequest {
	path: SafePath;
	qs?: IDataObject;
	/** Where the records are in the answer: `data` for records, `__timeline`, `watch` … */
	dataKey?: string;
	/** Stop after this many records; undefined means all. */
	limit?: number;
	itemIndex?: number;
	/** Timeline refuses `per_page` together with `page_token`. */
	dropPerPageWithToken?: boolean;
	/**
	 * How many records page numbers reach before `page_token` takes over: 2,000 for records
	 * (the default), 200 for the timeline, which wants a token from its second page on.
	 */
	pageLimit?: number;
	headers?: Record<string, string>;
}

/**
 * The one CRM paging loop: `page`/`per_page` (200, or less when the limit is smaller) for the
 * first 2,000 records (`pageLimit`), then `page_token`. Stops as soon as the limit is reached, so a limit
 * never fetches a page it does not need.
 */
export async function crmList(session: ZohoSession, request: CrmListRequest): Promise<IDataObject[]> {
	const dataKey = request.dataKey ?? 'data';
	const limit = request.limit;
	const perPage = Math.min(CRM_MAX_PER_PAGE, limit ?? CRM_MAX_PER_PAGE);
	const pageLimit = request.pageLimit ?? CRM_PAGE_LIMIT;
	const records: IDataObject[] = [];
	let page = 1;
	let pageToken: string | undefined;
	for (;;) {
		const qs: IDataObject = { ...(request.qs ?? {}) };
		if (pageToken) {
			qs.page_token = pageToken;
			if (!request.dropPerPageWithToken) qs.per_page = perPage;
		} else {
			qs.page = page;
			qs.per_page = perPage;
		}
		const response = await session.request<IDataObject>({
			app: 'crm',
			method: 'GET',
			path: request.path,
			qs,
			headers: request.headers,
			itemIndex: request.itemIndex,
			// A page without these is a garbled answer (retried), never an empty last page.
			shape: { [dataKey]: 'array', info: 'object' },
		});
		const batch = (response.body?.[dataKey] as IDataObject[] | undefined) ?? [];
		for (const record of batch) {
			records.push(record);
			if (limit !== undefined && records.length >= limit) return records;
		}
		const info = (response.body?.info ?? {}) as IDataObject;
		if (batch.length === 0 || info.more_records !== true) return records;
		const nextOffset = page * perPage;
		if (pageToken || nextOffset + perPage > pageLimit) {
			const token = info.next_page_token;
			if (typeof token !== 'string' || token === '') return records;
			pageToken = token;
		}
		page++;
	}
}

export interface DeskListRequest {
	path: SafePath;
	qs?: IDataObject;
	limit?: number;
	itemIndex?: number;
	deskOrgId: string;
	/** Page size: 100 for lists, 50 for ticket history. */
	pageSize?: number;
}

/**
 * The one Desk paging loop: `from`/`limit` (0-based `from`, up to 100 a page) until Zoho
 * answers 204 or a short page, or the limit is reached.
 */
export async function deskList(session: ZohoSession, request: DeskListRequest): Promise<IDataObject[]> {
	const pageSize = request.pageSize ?? DESK_MAX_LIMIT;
	const records: IDataObject[] = [];
	for (let from = 0; ; from += pageSize) {
		const remaining = request.limit === undefined ? pageSize : request.limit - records.length;
		const size = Math.min(pageSize, remaining);
		const response = await session.request<IDataObject>({
			app: 'desk',
			method: 'GET',
			path: request.path,
			qs: { ...(request.qs ?? {}), from, limit: size },
			itemIndex: request.itemIndex,
			deskOrgId: request.deskOrgId,
			shape: { data: 'array' },
		});
		const batch = (response.body?.data as IDataObject[] | undefined) ?? [];
		records.push(...batch);
		if (request.limit !== undefined && records.length >= request.limit) return records.slice(0, request.limit);
		if (response.statusCode === 204 || batch.length < size) return records;
	}
}
