import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readOptions } from '../../helpers/params';
import { inputError, toCleanText } from '../../helpers/validation';
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
	readAgent,
	readOptionalLocatorId,
	readPicklists,
	sortDescendingOption,
	timeRangeFilters,
} from './shared';
import { listTickets, readSort, readTimeRange, searchAssignee } from './ticketList';

const properties: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'searchTerm',
		type: 'string',
		default: '',
		placeholder: 'e.g. refund',
		description:
			'Words to look for in every field of the ticket. Use * as a wildcard, like print*.',
	},
	...returnAllAndLimit,
	filtersCollection([
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 189200000300001000',
			description: 'Only tickets of this Desk account',
		},
		assigneeFilter('assigneeId'),
		deskTicketField('channel', 'e.g. Email', 'Only tickets that came in through this channel'),
		{
			displayName: 'Contact ID',
			name: 'contactId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 189200000200001000',
			description: 'Only tickets of this Desk contact',
		},
		...timeRangeFilters,
		departmentFilter,
		deskTicketField('priority', 'e.g. High', 'Only tickets with this priority'),
		deskTicketField('status', 'e.g. Open', 'Only tickets with this status'),
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
	]),
	optionsCollection([
		concurrencyOption,
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
		sortDescendingOption('Whether to return the newest first'),
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['search'] } },
	properties,
);

const SORT_FIELDS = ['createdTime', 'modifiedTime'];

/** The query string of `/tickets/search` for one item. */
export function buildSearchQuery(
	fn: IExecuteFunctions,
	itemIndex: number,
	searchTerm: unknown,
	filters: IDataObject,
	options: IDataObject,
): IDataObject {
	const node = fn.getNode();
	const qs: IDataObject = {};
	const text = toCleanText(node, itemIndex, searchTerm, 'searchTerm', {
		maxLength: 500,
		required: false,
	});
	if (text) qs._all = text;
	const subject = toCleanText(node, itemIndex, filters.subject, 'subject', {
		maxLength: 500,
		required: false,
	});
	if (subject) qs.subject = subject;
	const ticketNumber = toCleanText(node, itemIndex, filters.ticketNumber, 'ticketNumber', {
		maxLength: 20,
		required: false,
	});
	if (ticketNumber) {
		if (!/^[0-9]+$/.test(ticketNumber))
			throw inputError(
				node,
				itemIndex,
				`"ticketNumber" must be digits only, got ${JSON.stringify(ticketNumber)}`,
			);
		qs.ticketNumber = ticketNumber;
	}
	Object.assign(qs, readPicklists(node, itemIndex, filters, ['status', 'priority', 'channel']));
	const departmentId = readOptionalLocatorId(fn, itemIndex, filters.departmentId, 'departmentId');
	if (departmentId) qs.departmentId = departmentId;
	const assignee = readAgent(fn, itemIndex, filters.assigneeId, 'assigneeId');
	if (assignee) qs.assigneeId = searchAssignee(assignee);
	const contactId = readOptionalLocatorId(fn, itemIndex, filters.contactId, 'contactId');
	if (contactId) qs.contactId = contactId;
	const accountId = readOptionalLocatorId(fn, itemIndex, filters.accountId, 'accountId');
	if (accountId) qs.accountId = accountId;
	for (const field of ['created', 'modified'] as const) {
		const range = readTimeRange(fn, itemIndex, filters, field);
		if (range) qs[`${field}TimeRange`] = range;
	}
	if (Object.keys(qs).length === 0) {
		throw inputError(
			node,
			itemIndex,
			'Enter search text or at least one filter',
			'Zoho Desk searches need something to look for. To list every ticket, use Get Many.',
		);
	}
	const { sortBy } = readSort(node, itemIndex, options, SORT_FIELDS, 'modifiedTime');
	if (sortBy) qs.sortBy = sortBy;
	return qs;
}

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const filters = (this.getNodeParameter('filters', itemIndex, {}) as IDataObject) ?? {};
		const qs = buildSearchQuery(
			this,
			itemIndex,
			this.getNodeParameter('searchTerm', itemIndex, ''),
			filters,
			readOptions(this, itemIndex),
		);
		return await listTickets(this, session, itemIndex, deskPath('tickets', 'search'), qs);
	});
}
