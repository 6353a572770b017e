import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readOptions } from '../../helpers/params';
import { inputError, toCleanText } from '../../helpers/validation';
import { deskList } from '../../transport/paging';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { readLimit, requestOptions, returnAllAndLimit } from '../common.descriptions';
import { agentLocator, departmentLocator, deskOrgLocator, orgFor, readAgent, readDate, readOptionalLocatorId, readPicklist, withDeepLinks, timeRangeFilters } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'searchTerm',
		type: 'string',
		default: '',
		placeholder: 'e.g. refund',
		description: 'Words to look for in every field of the ticket. Use * as a wildcard, like print*.',
	},
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Account ID',
				name: 'accountId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 189200000300001000',
				description: 'Only tickets of this Desk account',
			},
			agentLocator('assigneeId', 'Assignee', 'Only tickets assigned to this agent. Choose "Unassigned" for tickets nobody owns.'),
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'string',
				default: '',
				placeholder: 'e.g. Email',
				description: 'Only tickets that came in through this channel',
			},
			{
				displayName: 'Contact ID',
				name: 'contactId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 189200000200001000',
				description: 'Only tickets of this Desk contact',
			},
			...timeRangeFilters,
			{ ...departmentLocator, description: 'Only tickets of this department' },
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'string',
				default: '',
				placeholder: 'e.g. High',
				description: 'Only tickets with this priority',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'e.g. Open',
				description: 'Only tickets with this status',
			},
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				placeholder: 'e.g. Login*',
				description: 'Only tickets whose subject matches. Use * as a wildcard.',
			},
			{
				displayName: 'Ticket Number',
				name: 'ticketNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1024',
				description: 'The number the ticket shows in Zoho Desk (not its ID)',
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
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				default: 'modifiedTime',
				options: [
					{ name: 'Created Time', value: 'createdTime' },
					{ name: 'Modified Time', value: 'modifiedTime' },
				],
				description: 'Order of the tickets (Zoho orders by relevance when none is chosen)',
			},
			{
				displayName: 'Sort Descending',
				name: 'sortDescending',
				type: 'boolean',
				default: false,
				description: 'Whether to return the newest first',
			},
			...requestOptions,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['case'], operation: ['search'] } }, properties);

const SORT_FIELDS = ['createdTime', 'modifiedTime'];
const EPOCH = '1970-01-01T00:00:00.000Z';

/** The query string of `/tickets/search` for one item. */
export function buildSearchQuery(fn: IExecuteFunctions, itemIndex: number, searchTerm: unknown, filters: IDataObject, options: IDataObject): IDataObject {
	const node = fn.getNode();
	const qs: IDataObject = {};
	const text = toCleanText(node, itemIndex, searchTerm, 'searchTerm', { maxLength: 500, required: false });
	if (text) qs._all = text;
	const subject = toCleanText(node, itemIndex, filters.subject, 'subject', { maxLength: 500, required: false });
	if (subject) qs.subject = subject;
	const ticketNumber = toCleanText(node, itemIndex, filters.ticketNumber, 'ticketNumber', { maxLength: 20, required: false });
	if (ticketNumber) {
		if (!/^[0-9]+$/.test(ticketNumber)) throw inputError(node, itemIndex, `"ticketNumber" must be digits only, got ${JSON.stringify(ticketNumber)}`);
		qs.ticketNumber = ticketNumber;
	}
	const status = readPicklist(node, itemIndex, filters.status, 'status');
	if (status) qs.status = status;
	const priority = readPicklist(node, itemIndex, filters.priority, 'priority');
	if (priority) qs.priority = priority;
	const channel = readPicklist(node, itemIndex, filters.channel, 'channel');
	if (channel) qs.channel = channel;
	const departmentId = readOptionalLocatorId(fn, itemIndex, filters.departmentId, 'departmentId');
	if (departmentId) qs.departmentId = departmentId;
	const assignee = readAgent(fn, itemIndex, filters.assigneeId, 'assigneeId');
	if (assignee) qs.assigneeId = assignee === 'Unassigned' ? '${empty}' : assignee;
	const contactId = readOptionalLocatorId(fn, itemIndex, filters.contactId, 'contactId');
	if (contactId) qs.contactId = contactId;
	const accountId = readOptionalLocatorId(fn, itemIndex, filters.accountId, 'accountId');
	if (accountId) qs.accountId = accountId;
	for (const field of ['created', 'modified'] as const) {
		const after = readDate(node, itemIndex, filters[`${field}After`], `${field}After`);
		const before = readDate(node, itemIndex, filters[`${field}Before`], `${field}Before`);
		if (after && before && after > before) {
			throw inputError(node, itemIndex, `"${field}After" is later than "${field}Before"`, 'No ticket can match this time range; swap the two dates.');
		}
		if (after || before) qs[`${field}TimeRange`] = `${after ?? EPOCH},${before ?? new Date().toISOString()}`;
	}
	if (Object.keys(qs).length === 0) {
		throw inputError(node, itemIndex, 'Enter search text or at least one filter', 'Zoho Desk searches need something to look for. To list every ticket, use Get Many.');
	}
	const sortField = options.sortBy === undefined || options.sortBy === '' ? undefined : String(options.sortBy);
	if (sortField !== undefined && !SORT_FIELDS.includes(sortField)) {
		throw inputError(node, itemIndex, `"sortBy" must be one of ${SORT_FIELDS.join(', ')}, got ${JSON.stringify(sortField.slice(0, 40))}`);
	}
	const descending = options.sortDescending === true;
	if (sortField || descending) qs.sortBy = `${descending ? '-' : ''}${sortField ?? 'modifiedTime'}`;
	return qs;
}

export async function execute(this: IExecuteFunctions, session: ZohoSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const limit = readLimit(this, itemIndex);
		const filters = (this.getNodeParameter('filters', itemIndex, {}) as IDataObject) ?? {};
		const qs = buildSearchQuery(this, itemIndex, this.getNodeParameter('searchTerm', itemIndex, ''), filters, readOptions(this, itemIndex));
		const orgId = await orgFor(this, session, itemIndex);
		const tickets = await deskList(session, { path: deskPath('tickets', 'search'), qs, limit, itemIndex, deskOrgId: orgId });
		return await withDeepLinks(session, orgId, tickets);
	});
}
