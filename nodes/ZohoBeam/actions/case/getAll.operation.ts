import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readOptions } from '../../helpers/params';
import { inputError } from '../../helpers/validation';
import { deskList } from '../../transport/paging';
import type { SafePath } from '../../transport/paths';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { readLimit, requestOptions, returnAllAndLimit } from '../common.descriptions';
import {
	agentLocator,
	departmentLocator,
	deskOrgLocator,
	includeOption,
	orgFor,
	readAgent,
	readDate,
	readInclude,
	readOptionalLocatorId,
	readPicklist,
	withDeepLinks,
	timeRangeFilters,
} from './shared';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			agentLocator('assignee', 'Assignee', 'Only tickets assigned to this agent. Choose "Unassigned" for tickets nobody owns.'),
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'string',
				default: '',
				placeholder: 'e.g. Email',
				description: 'Only tickets that came in through this channel (Email, Phone, Web, Chat, Twitter, Facebook, Forums …)',
			},
			...timeRangeFilters,
			{ ...departmentLocator, description: 'Only tickets of this department' },
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'string',
				default: '',
				placeholder: 'e.g. High',
				description: 'Only tickets with one of these priorities, separated by commas',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'e.g. Open,On Hold',
				description: 'Only tickets with one of these statuses, separated by commas (Open, On Hold, Escalated, Closed, or a custom status)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			deskOrgLocator,
			{ ...includeOption, description: 'Related details Zoho adds to each ticket (not available together with a time filter)' },
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
			{
				displayName: 'Sort Descending',
				name: 'sortDescending',
				type: 'boolean',
				default: false,
				description: 'Whether to return the newest (or highest) first',
			},
			...requestOptions,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['case'], operation: ['getAll'] } }, properties);

const SORT_FIELDS = ['createdTime', 'dueDate', 'modifiedTime', 'recentThread', 'ticketNumber'];
/** What `/tickets/search` can sort by; the others need the plain list. */
const SEARCH_SORT_FIELDS = ['createdTime', 'modifiedTime'];
const EPOCH = '1970-01-01T00:00:00.000Z';

export interface TicketQuery {
	path: SafePath;
	qs: IDataObject;
}

/** `from,to` for Zoho's `…TimeRange` parameters; an open end becomes the epoch or now. */
function timeRange(after: string | undefined, before: string | undefined): string | undefined {
	if (!after && !before) return undefined;
	return `${after ?? EPOCH},${before ?? new Date().toISOString()}`;
}

/**
 * Filters and sort in the form Zoho expects: the plain list (`/tickets`) when it can answer,
 * else `/tickets/search`, which alone filters by time range.
 */
export function buildTicketQuery(fn: IExecuteFunctions, itemIndex: number, filters: IDataObject, options: IDataObject): TicketQuery {
	const node = fn.getNode();
	const status = readPicklist(node, itemIndex, filters.status, 'status', true);
	const priority = readPicklist(node, itemIndex, filters.priority, 'priority', true);
	const channel = readPicklist(node, itemIndex, filters.channel, 'channel', true);
	const departmentId = readOptionalLocatorId(fn, itemIndex, filters.departmentId, 'departmentId');
	const assignee = readAgent(fn, itemIndex, filters.assignee, 'assignee');
	const createdAfter = readDate(node, itemIndex, filters.createdAfter, 'createdAfter');
	const createdBefore = readDate(node, itemIndex, filters.createdBefore, 'createdBefore');
	const modifiedAfter = readDate(node, itemIndex, filters.modifiedAfter, 'modifiedAfter');
	const modifiedBefore = readDate(node, itemIndex, filters.modifiedBefore, 'modifiedBefore');
	for (const [after, before, name] of [
		[createdAfter, createdBefore, 'created'],
		[modifiedAfter, modifiedBefore, 'modified'],
	] as const) {
		if (after && before && after > before) {
			throw inputError(node, itemIndex, `"${name}After" is later than "${name}Before"`, 'No ticket can match this time range; swap the two dates.');
		}
	}
	const createdTimeRange = timeRange(createdAfter, createdBefore);
	const modifiedTimeRange = timeRange(modifiedAfter, modifiedBefore);

	const sortField = options.sortBy === undefined || options.sortBy === '' ? undefined : String(options.sortBy);
	if (sortField !== undefined && !SORT_FIELDS.includes(sortField)) {
		throw inputError(node, itemIndex, `"sortBy" must be one of ${SORT_FIELDS.join(', ')}, got ${JSON.stringify(sortField.slice(0, 40))}`);
	}
	const descending = options.sortDescending === true;
	const sortBy = sortField ? `${descending ? '-' : ''}${sortField}` : descending ? '-createdTime' : undefined;
	const include = readInclude(fn, itemIndex, options.include);

	const useSearch = Boolean(createdTimeRange || modifiedTimeRange);
	if (!useSearch) {
		const qs: IDataObject = {};
		if (departmentId) qs.departmentId = departmentId;
		if (assignee) qs.assignee = assignee;
		if (status) qs.status = status;
		if (channel) qs.channel = channel;
		if (priority) qs.priority = priority;
		if (sortBy) qs.sortBy = sortBy;
		if (include) qs.include = include;
		return { path: deskPath('tickets'), qs };
	}
	if (sortField && !SEARCH_SORT_FIELDS.includes(sortField)) {
		throw inputError(
			node,
			itemIndex,
			`Tickets filtered by time can only be sorted by created or modified time, not "${sortField}"`,
			'Zoho Desk filters by time only through its ticket search, which sorts by createdTime or modifiedTime.',
		);
	}
	if (include) {
		throw inputError(node, itemIndex, '"include" cannot be combined with a time filter', "Zoho Desk's ticket search does not add related details; use Get for the tickets you need them for.");
	}
	const qs: IDataObject = {};
	if (departmentId) qs.departmentId = departmentId;
	if (assignee) qs.assigneeId = assignee === 'Unassigned' ? '${empty}' : assignee;
	if (status) qs.status = status;
	if (channel) qs.channel = channel;
	if (priority) qs.priority = priority;
	if (createdTimeRange) qs.createdTimeRange = createdTimeRange;
	if (modifiedTimeRange) qs.modifiedTimeRange = modifiedTimeRange;
	if (sortBy) qs.sortBy = sortBy;
	return { path: deskPath('tickets', 'search'), qs };
}

export async function execute(this: IExecuteFunctions, session: ZohoSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const limit = readLimit(this, itemIndex);
		const filters = (this.getNodeParameter('filters', itemIndex, {}) as IDataObject) ?? {};
		const query = buildTicketQuery(this, itemIndex, filters, readOptions(this, itemIndex));
		const orgId = await orgFor(this, session, itemIndex);
		const tickets = await deskList(session, { path: query.path, qs: query.qs, limit, itemIndex, deskOrgId: orgId });
		return await withDeepLinks(session, orgId, tickets);
	});
}
