import type { IDataObject } from 'n8n-workflow';

import type { SafePath } from './paths';
import { crmPath } from './paths';
import type { ZohoSession } from './session';
import type { ZohoResponse } from './types';

/**
 * Called with each page as it arrives (a trigger reads pages one by one); returning false
 * ends the listing after this page.
 */
export type PageVisitor = (batch: IDataObject[], response: ZohoResponse<IDataObject>) => boolean;

/** Zoho CRM serves page numbers only for the first 2,000 records; past that, page tokens. */
export const CRM_PAGE_LIMIT = 2000;
export const CRM_MAX_PER_PAGE = 200;
export const DESK_MAX_LIMIT = 100;
/** Zoho returns at most 2,000 rows per COQL query and pages by OFFSET up to 100,000 rows. */
export const COQL_MAX_LIMIT = 2000;
export const COQL_MAX_ROWS = 100_000;

/** One page as the pager sees it: its rows, whether Zoho says more follow, and a token if any. */
interface Page {
	rows: IDataObject[];
	more: boolean;
	token?: string;
	/** The answer itself, for a page visitor. */
	response?: ZohoResponse<IDataObject>;
}

interface OffsetPaging {
	pageSize: number;
	/** Offsets reachable this way (the end of page numbers, COQL's offset ceiling); rows wanted. */
	end: number;
	/** Page-number APIs need the same page size on every page; offset APIs can ask for less. */
	fixedPageSize: boolean;
	/** Pages fetched at once after the first (which always goes alone). */
	concurrency: number;
	fetch: (offset: number, size: number) => Promise<Page>;
	onPage?: PageVisitor;
}

interface OffsetResult {
	rows: IDataObject[];
	/** The answer of the last page read, for a page token to continue with. */
	last?: Page;
	/** Zoho said there is nothing more (a short or empty page, or `more_records: false`). */
	exhausted: boolean;
}

/**
 * Fetches one window of pages at once and waits for every one of them, so no request is
 * still running when a failure is thrown; the pages come back in offset order.
 */
async function fetchWindow(
	offsets: number[],
	fetchPage: (offset: number) => Promise<Page>,
): Promise<Page[]> {
	const settled = await Promise.allSettled(offsets.map(fetchPage));
	const failed = settled.find(
		(result): result is PromiseRejectedResult => result.status === 'rejected',
	);
	if (failed) throw failed.reason;
	return settled.map((result) => (result as PromiseFulfilledResult<Page>).value);
}

/** Shows a page to the visitor, if any: false ends the listing before the page's rows. */
function visit(onPage: PageVisitor | undefined, page: Page): boolean {
	return !onPage || !page.response || onPage(page.rows, page.response);
}

/**
 * The one offset pager. Page offsets are known in advance (Desk `from`, CRM page numbers, COQL
 * OFFSET), so after the first page, which goes alone (it tells whether there is more, and a
 * token refresh then happens once, before any fan-out), the pages are fetched a window of
 * `concurrency` at a time. It stops at the first short or empty page (later pages of that
 * window are dropped, so at most one window is fetched in vain) and never asks past `end`.
 */
async function offsetPages(paging: OffsetPaging): Promise<OffsetResult> {
	const rows: IDataObject[] = [];
	let last: Page | undefined;
	let offset = 0;
	let width = 1;
	const sizeAt = (at: number) =>
		paging.fixedPageSize ? paging.pageSize : Math.min(paging.pageSize, paging.end - at);
	while (offset < paging.end) {
		const offsets: number[] = [];
		for (let at = offset; at < paging.end && offsets.length < width; at += paging.pageSize)
			offsets.push(at);
		const pages = await fetchWindow(offsets, async (at) => await paging.fetch(at, sizeAt(at)));
		for (const [index, page] of pages.entries()) {
			if (!visit(paging.onPage, page)) return { rows, last, exhausted: true };
			rows.push(...page.rows);
			last = page;
			if (page.rows.length < sizeAt(offsets[index]) || !page.more)
				return { rows, last, exhausted: true };
		}
		offset = offsets[offsets.length - 1] + paging.pageSize;
		width = Math.max(1, paging.concurrency);
	}
	return { rows, last, exhausted: false };
}

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
	/** Page-number pages fetched at once after the first (default 1: one after another). */
	concurrency?: number;
	/** Called with each page in order; returning false ends the listing before that page's rows. */
	onPage?: PageVisitor;
}

/**
 * The one CRM paging loop: `page`/`per_page` (200, or less when the limit is smaller) for the
 * first 2,000 records (`pageLimit`), overlapping `concurrency` pages at a time, then
 * `page_token` from the last of them, one page after another (each token comes with the page
 * before). Stops as soon as the limit is reached, so a limit never fetches a page it does not need.
 */
export async function crmList(
	session: ZohoSession,
	request: CrmListRequest,
): Promise<IDataObject[]> {
	const dataKey = request.dataKey ?? 'data';
	const limit = request.limit;
	const perPage = Math.min(CRM_MAX_PER_PAGE, limit ?? CRM_MAX_PER_PAGE);
	const pageLimit = request.pageLimit ?? CRM_PAGE_LIMIT;
	const get = async (qs: IDataObject): Promise<Page> => {
		const response = await session.request<IDataObject>({
			app: 'crm',
			method: 'GET',
			path: request.path,
			qs: { ...(request.qs ?? {}), ...qs },
			headers: request.headers,
			itemIndex: request.itemIndex,
			// A page without these is a garbled answer (retried), never an empty last page.
			shape: { [dataKey]: 'array', info: 'object' },
		});
		const info = (response.body?.info ?? {}) as IDataObject;
		const token =
			typeof info.next_page_token === 'string' && info.next_page_token !== ''
				? info.next_page_token
				: undefined;
		return {
			rows: (response.body?.[dataKey] as IDataObject[] | undefined) ?? [],
			more: info.more_records === true,
			token,
			response,
		};
	};
	const numbered = Math.floor(pageLimit / perPage) * perPage;
	const { rows, last, exhausted } = await offsetPages({
		pageSize: perPage,
		end: Math.min(numbered, limit ?? numbered),
		fixedPageSize: true,
		concurrency: request.concurrency ?? 1,
		fetch: async (offset) => await get({ page: offset / perPage + 1, per_page: perPage }),
		onPage: request.onPage,
	});
	let token = exhausted ? undefined : last?.token;
	while (token && (limit === undefined || rows.length < limit)) {
		const page = await get(
			request.dropPerPageWithToken
				? { page_token: token }
				: { page_token: token, per_page: perPage },
		);
		if (!visit(request.onPage, page)) break;
		rows.push(...page.rows);
		token = page.rows.length > 0 && page.more ? page.token : undefined;
	}
	return limit === undefined ? rows : rows.slice(0, limit);
}

export interface DeskListRequest {
	path: SafePath;
	qs?: IDataObject;
	limit?: number;
	itemIndex?: number;
	deskOrgId: string;
	/** Page size: 100 for lists, 50 for ticket history. */
	pageSize?: number;
	/** Pages fetched at once after the first (default 1: one after another). */
	concurrency?: number;
	/** Where the records are in the answer (default `data`). */
	dataKey?: string;
	/** Called with each page in order; returning false ends the listing before that page's rows. */
	onPage?: PageVisitor;
}

/**
 * The one Desk paging loop: `from`/`limit` (0-based `from`, up to 100 a page), overlapping
 * `concurrency` pages at a time, until Zoho answers 204 or a short page, or the limit is reached.
 */
export async function deskList(
	session: ZohoSession,
	request: DeskListRequest,
): Promise<IDataObject[]> {
	const { rows } = await offsetPages({
		pageSize: request.pageSize ?? DESK_MAX_LIMIT,
		end: request.limit ?? Number.MAX_SAFE_INTEGER,
		fixedPageSize: false,
		concurrency: request.concurrency ?? 1,
		fetch: async (from, size) => {
			const response = await session.request<IDataObject>({
				app: 'desk',
				method: 'GET',
				path: request.path,
				qs: { ...(request.qs ?? {}), from, limit: size },
				itemIndex: request.itemIndex,
				deskOrgId: request.deskOrgId,
				shape: { [request.dataKey ?? 'data']: 'array' },
			});
			const rows =
				response.statusCode === 204
					? []
					: ((response.body?.[request.dataKey ?? 'data'] as IDataObject[] | undefined) ?? []);
			return { rows, more: true, response };
		},
		onPage: request.onPage,
	});
	return request.limit === undefined ? rows : rows.slice(0, request.limit);
}

export interface CoqlListRequest {
	/** A checked SELECT statement without LIMIT (the pager adds `limit offset, size`). */
	query: string;
	limit?: number;
	itemIndex?: number;
	/** Offset pages fetched at once after the first (default 1: one after another). */
	concurrency?: number;
}

/** Runs one COQL query as written (the user's own LIMIT): one request. */
export async function coqlQuery(
	session: ZohoSession,
	query: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return (await coqlPage(session, query, itemIndex)).rows;
}

async function coqlPage(
	session: ZohoSession,
	selectQuery: string,
	itemIndex?: number,
): Promise<Page> {
	const response = await session.request<{ data?: IDataObject[]; info?: IDataObject }>({
		app: 'crm',
		method: 'POST',
		path: crmPath('v8', 'coql'),
		body: { select_query: selectQuery },
		itemIndex,
		idempotent: true,
		readOnly: true,
		shape: { data: 'array', info: 'object' },
	});
	return { rows: response.body?.data ?? [], more: response.body?.info?.more_records === true };
}

/**
 * The COQL pager: `limit offset, size` pages of up to 2,000 rows up to Zoho's 100,000-row
 * offset ceiling, overlapping `concurrency` pages at a time after the first.
 */
export async function coqlList(
	session: ZohoSession,
	request: CoqlListRequest,
): Promise<IDataObject[]> {
	const { rows } = await offsetPages({
		pageSize: COQL_MAX_LIMIT,
		end: Math.min(COQL_MAX_ROWS, request.limit ?? COQL_MAX_ROWS),
		fixedPageSize: false,
		concurrency: request.concurrency ?? 1,
		fetch: async (offset, size) =>
			await coqlPage(session, `${request.query} limit ${offset}, ${size}`, request.itemIndex),
	});
	return request.limit === undefined ? rows : rows.slice(0, request.limit);
}
