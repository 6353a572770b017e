import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readOptions } from '../../helpers/params';
import { inputError } from '../../helpers/validation';
import type { SafePath } from '../../transport/paths';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	concurrencyOption,
	deskTicketField,
	optionsCollection,
	requestOptions,
	returnAllAndLimit,
} from '../common.descriptions';
import {
	assigneeFilter,
	departmentFilter,
	deskOrgLocator,
	filtersCollection,
	includeOption,
	readAgent,
	readInclude,
	readOptionalLocatorId,
	readPicklists,
	sortDescendingOption,
	timeRangeFilters,
} from './shared';
import { listTickets, readSort, readTimeRange, searchAssignee } from './ticketList';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	filtersCollection([
		assigneeFilter('assignee'),
		deskTicketField(
			'channel',
			'e.g. Email',
			'Only tickets that came in through this channel (Email, Phone, Web, Chat, Twitter, Facebook, Forums …)',
		),
		...timeRangeFilters,
		departmentFilter,
		deskTicketField(
			'priority',
			'e.g. High',
			'Only tickets with one of these priorities, separated by commas',
		),
		deskTicketField(
			'status',
			'e.g. Open,On Hold',
			'Only tickets with one of these statuses, separated by commas (Open, On Hold, Escalated, Closed, or a custom status)',
		),
	]),
	optionsCollection([
		concurrencyOption,
		deskOrgLocator,
		{
			...includeOption,
			description:
				'Related details Zoho adds to each ticket (not available together with a time filter)',
		},
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			default: 'createdTime',
			options: [
				{ name: 'Created Time', value: 'createdTime' },
				{ name: 'Due Date', value: 'dueDate' },
				{ name: 'Modified Time', value: 'modifiedTime' },
				{ name: 'Recent Thread', value: 'recentThread' },
				{ name: 'Ticket Number', value: 'ticketNumber' },
			],
			description: 'Order of the tickets',
		},
		sortDescendingOption('Whether to return the newest (or highest) first'),
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['getAll'] } },
	properties,
);

const SORT_FIELDS = ['createdTime', 'dueDate', 'modifiedTime', 'recentThread', 'ticketNumber'];
/** What `/tickets/search` can sort by; the others need the plain list. */
const SEARCH_SORT_FIELDS = ['createdTime', 'modifiedTime'];

export interface TicketQuery {
	path: SafePath;
	qs: IDataObject;
}

/**
 * Filters and sort in the form Zoho expects: the plain list (`/tickets`) when it can answer,
 * else `/tickets/search`, which alone filters by time range.
 */
export function buildTicketQuery(
	fn: IExecuteFunctions,
	itemIndex: number,
	filters: IDataObject,
	options: IDataObject,
): TicketQuery {
	const node = fn.getNode();
	const picklists = readPicklists(
		node,
		itemIndex,
		filters,
		['status', 'priority', 'channel'],
		true,
	);
	const departmentId = readOptionalLocatorId(fn, itemIndex, filters.departmentId, 'departmentId');
	const assignee = readAgent(fn, itemIndex, filters.assignee, 'assignee');
	const createdTimeRange = readTimeRange(fn, itemIndex, filters, 'created');
	const modifiedTimeRange = readTimeRange(fn, itemIndex, filters, 'modified');
	const sort = readSort(node, itemIndex, options, SORT_FIELDS, 'createdTime');
	const include = readInclude(fn, itemIndex, options.include);

	const useSearch = Boolean(createdTimeRange || modifiedTimeRange);
	if (useSearch && sort.field && !SEARCH_SORT_FIELDS.includes(sort.field)) {
		throw inputError(
			node,
			itemIndex,
			`Tickets filtered by time can only be sorted by created or modified time, not "${sort.field}"`,
			'Zoho Desk filters by time only through its ticket search, which sorts by createdTime or modifiedTime.',
		);
	}
	if (useSearch && include) {
		throw inputError(
			node,
			itemIndex,
			'"include" cannot be combined with a time filter',
			"Zoho Desk's ticket search does not add related details; use Get for the tickets you need them for.",
		);
	}
	const qs: IDataObject = {};
	if (departmentId) qs.departmentId = departmentId;
	if (assignee) {
		// The list filters by `assignee`; the search by `assigneeId`, with its own word for nobody.
		if (useSearch) qs.assigneeId = searchAssignee(assignee);
		else qs.assignee = assignee;
	}
	Object.assign(qs, picklists);
	if (createdTimeRange) qs.createdTimeRange = createdTimeRange;
	if (modifiedTimeRange) qs.modifiedTimeRange = modifiedTimeRange;
	if (sort.sortBy) qs.sortBy = sort.sortBy;
	if (include) qs.include = include;
	return { path: useSearch ? deskPath('tickets', 'search') : deskPath('tickets'), qs };
}

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const filters = (this.getNodeParameter('filters', itemIndex, {}) as IDataObject) ?? {};
		const query = buildTicketQuery(this, itemIndex, filters, readOptions(this, itemIndex));
		return await listTickets(this, session, itemIndex, query.path, query.qs);
	});
}
