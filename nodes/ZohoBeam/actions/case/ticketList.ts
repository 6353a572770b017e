import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { readConcurrency, readLimit } from '../../helpers/params';
import { readDeskDateTime } from '../../helpers/dates';
import type { ZohoId } from '../../helpers/validation';
import { inputError, oneOf } from '../../helpers/validation';
import { deskList } from '../../transport/paging';
import type { SafePath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { assertDepartmentInOrg, orgFor, withDeepLinks } from './shared';

/** What Get Many and Search share to turn filters into Zoho's query and list the tickets. */

const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * Zoho's `createdTimeRange` / `modifiedTimeRange` (`from,to`) from the `…After` / `…Before`
 * filters. Zoho needs both ends, so an open end becomes the epoch or now.
 */
export function readTimeRange(
	fn: IExecuteFunctions,
	itemIndex: number,
	filters: IDataObject,
	field: 'created' | 'modified',
): string | undefined {
	const node = fn.getNode();
	const after = readDeskDateTime(fn, itemIndex, filters[`${field}After`], `${field}After`);
	const before = readDeskDateTime(fn, itemIndex, filters[`${field}Before`], `${field}Before`);
	if (after && before && after > before) {
		throw inputError(
			node,
			itemIndex,
			`"${field}After" is later than "${field}Before"`,
			'No ticket can match this time range; swap the two dates.',
		);
	}
	if (!after && !before) return undefined;
	return `${after ?? EPOCH},${before ?? new Date().toISOString()}`;
}

/**
 * The `sortBy` and `sortDescending` options: the field (checked against what the endpoint sorts
 * by) and Zoho's `sortBy` (`-` first for descending; descending alone sorts by `fallbackField`).
 */
export function readSort(
	node: INode,
	itemIndex: number,
	options: IDataObject,
	allowed: readonly string[],
	fallbackField: string,
): { field?: string; sortBy?: string } {
	const field =
		options.sortBy === undefined || options.sortBy === ''
			? undefined
			: oneOf(node, itemIndex, options.sortBy, 'sortBy', allowed);
	const descending = options.sortDescending === true;
	return {
		field,
		sortBy: field || descending ? `${descending ? '-' : ''}${field ?? fallbackField}` : undefined,
	};
}

/** An assignee as Zoho's ticket search takes it: `${empty}` finds the tickets nobody owns. */
export function searchAssignee(assignee: ZohoId | 'Unassigned'): string {
	return assignee === 'Unassigned' ? '${empty}' : assignee;
}

/** The tickets a list or search query finds for an item, up to its limit, with deep links. */
export async function listTickets(
	fn: IExecuteFunctions,
	session: ZohoSession,
	itemIndex: number,
	path: SafePath,
	qs: IDataObject,
): Promise<IDataObject[]> {
	const limit = readLimit(fn, itemIndex);
	const orgId = await orgFor(fn, session, itemIndex);
	await assertDepartmentInOrg(fn, session, orgId, qs.departmentId, itemIndex);
	const tickets = await deskList(session, {
		path,
		qs,
		limit,
		itemIndex,
		deskOrgId: orgId,
		concurrency: readConcurrency(fn),
	});
	return await withDeepLinks(session, orgId, tickets);
}
