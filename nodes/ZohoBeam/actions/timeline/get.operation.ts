import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { prefetchCrmLinker, deskLinker } from '../../helpers/links';
import {
	readDeskOrgOption,
	readId,
	readModule,
	readOptions,
	toApiModule,
} from '../../helpers/params';
import {
	inputError,
	sanitizeJsonValue,
	someOf,
	toCleanText,
	toOptionalZohoId,
} from '../../helpers/validation';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import { crmList, deskList } from '../../transport/paging';
import { crmPath, deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	concurrencyOption,
	crmModuleLocator,
	crmOnly,
	deskOnly,
	deskOrgOption,
	optionsCollection,
	readConcurrency,
	readLimit,
	requestOptions,
	returnAllAndLimit,
} from '../common.descriptions';

/** The timeline serves page numbers for its first 200 entries only, then page tokens. */
const TIMELINE_PAGE_LIMIT = 200;
/** Ticket history answers at most 50 events a request. */
const HISTORY_PAGE_SIZE = 50;

const INNER_DETAILS = [
	{ name: 'Colour Codes', value: 'field_history.enable_colour_code' },
	{ name: 'Data Types', value: 'field_history.data_type' },
	{ name: 'Field Labels', value: 'field_history.field_label' },
	{ name: 'Picklist Values', value: 'field_history.pick_list_values' },
];
const TIMELINE_TYPES = [
	{
		name: 'Signals',
		value: 'signals',
		description: 'Custom and built-in signals raised on the record',
	},
];
const HISTORY_EVENTS = [
	{ name: 'Approval', value: 'ApprovalHistory' },
	{ name: 'Assignment Rule', value: 'AssignmentRuleHistory' },
	{ name: 'Blueprint', value: 'BlueprintHistory' },
	{ name: 'Comment', value: 'CommentHistory' },
	{ name: 'SLA', value: 'SLAHistory' },
	{ name: 'Task', value: 'TaskHistory' },
	{ name: 'Ticket', value: 'TicketHistory' },
	{ name: 'Time Entry', value: 'TimeEntryHistory' },
	{ name: 'Workflow', value: 'WorkflowHistory' },
];

const properties: INodeProperties[] = [
	appSelector(['crm', 'desk']),
	crmModuleLocator('The CRM module of the record'),
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5725767000000412001',
		description: 'ID of the CRM record whose timeline to get',
		displayOptions: { show: { app: ['crm'] } },
	},
	{
		displayName: 'Ticket ID',
		name: 'ticketId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1892000000093012',
		description: 'ID of the Desk ticket whose history to get',
		displayOptions: { show: { app: ['desk'] } },
	},
	...returnAllAndLimit,
	optionsCollection([
		{
			displayName: 'Agent ID',
			name: 'agentId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1892000000056007',
			description: 'Only events performed by this agent',
			displayOptions: deskOnly,
		},
		deskOrgOption,
		{
			displayName: 'Event Types',
			name: 'eventFilter',
			type: 'multiOptions',
			default: [],
			options: HISTORY_EVENTS,
			description: 'Only these kinds of ticket events. Empty: every event.',
			displayOptions: deskOnly,
		},
		{
			displayName: 'Field History Details',
			name: 'includeInnerDetails',
			type: 'multiOptions',
			default: [],
			options: INNER_DETAILS,
			description: 'Extra details to include in the field_history of each entry',
			displayOptions: crmOnly,
		},
		{
			displayName: 'Field Name',
			name: 'fieldName',
			type: 'string',
			default: '',
			placeholder: 'e.g. status',
			description: 'Only events that changed this ticket field (its API name)',
			displayOptions: deskOnly,
		},
		{
			displayName: 'Filters (JSON)',
			name: 'filters',
			type: 'json',
			default: '',
			placeholder: '{"comparator":"equal","field":{"api_name":"action"},"value":"updated"}',
			description:
				'Only entries matching this Zoho filter: one condition {comparator, field: {api_name}, value} on action, source, done_by, audited_time or type, or {group_operator, group: [...]} to combine several',
			displayOptions: crmOnly,
		},
		{
			displayName: 'Include Timeline Types',
			name: 'timelineTypes',
			type: 'multiOptions',
			default: [],
			options: TIMELINE_TYPES,
			description: 'Entry types that Zoho leaves out unless asked for',
			displayOptions: crmOnly,
		},
		{
			displayName: 'Sort Order',
			name: 'sortOrder',
			type: 'options',
			default: 'desc',
			options: [
				{ name: 'Newest First', value: 'desc' },
				{ name: 'Oldest First', value: 'asc' },
			],
			description: 'Order of the entries by the time they happened',
			displayOptions: crmOnly,
		},
		concurrencyOption,
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['timeline'], operation: ['get'] } },
	properties,
);

/** The filters option: a JSON object or array (text or already parsed), sent as compact JSON text. */
function readFilters(fn: IExecuteFunctions, itemIndex: number, value: unknown): string | undefined {
	const node = fn.getNode();
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw inputError(
				node,
				itemIndex,
				`"filters" is not valid JSON: ${(error as Error).message}`,
				'Write the filter as JSON, for example {"comparator":"equal","field":{"api_name":"action"},"value":"updated"}.',
			);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw inputError(
			node,
			itemIndex,
			'"filters" must be a JSON object: one condition, or a group of conditions',
			'For example {"comparator":"equal","field":{"api_name":"action"},"value":"updated"}, or {"group_operator":"and","group":[…]} to combine conditions.',
		);
	}
	const text = JSON.stringify(sanitizeJsonValue(node, itemIndex, parsed, 'filters'));
	if (text.length > 5000)
		throw inputError(
			node,
			itemIndex,
			`"filters" is ${text.length} characters long as JSON; the limit is 5000`,
		);
	return text;
}

async function crmTimeline(
	fn: IExecuteFunctions,
	session: ZohoSession,
	itemIndex: number,
	limit: number | undefined,
): Promise<IDataObject[]> {
	const node = fn.getNode();
	let module = readModule(fn, itemIndex);
	const recordId = readId(fn, itemIndex, 'recordId');
	const options = readOptions(fn, itemIndex);
	const qs: IDataObject = {};
	if (options.sortOrder !== undefined) {
		const [order] = someOf(node, itemIndex, options.sortOrder, 'sortOrder', [
			'asc',
			'desc',
		] as const);
		if (order) {
			qs.sort_by = 'audited_time';
			qs.sort_order = order;
		}
	}
	const inner = someOf(
		node,
		itemIndex,
		options.includeInnerDetails,
		'includeInnerDetails',
		INNER_DETAILS.map((entry) => entry.value),
	);
	if (inner.length) qs.include_inner_details = inner.join(',');
	const types = someOf(
		node,
		itemIndex,
		options.timelineTypes,
		'timelineTypes',
		TIMELINE_TYPES.map((entry) => entry.value),
	);
	if (types.length) {
		qs.include_timeline_type = types.join(',');
		// Zoho requires `include` whenever `include_timeline_type` is set.
		qs.include = 'extension,type';
	}
	const filters = readFilters(fn, itemIndex, options.filters);
	if (filters) qs.filters = filters;

	module = await toApiModule(fn, session, module, itemIndex);
	const linker = prefetchCrmLinker(session, module);
	const entries = await crmList(session, {
		path: crmPath('v8', module, recordId, '__timeline'),
		qs,
		dataKey: '__timeline',
		limit,
		itemIndex,
		dropPerPageWithToken: true,
		pageLimit: TIMELINE_PAGE_LIMIT,
	});
	const deepLink = (await linker)(recordId);
	return entries.map((entry) => ({ ...entry, deepLink }));
}

async function deskHistory(
	fn: IExecuteFunctions,
	session: ZohoSession,
	itemIndex: number,
	limit: number | undefined,
): Promise<IDataObject[]> {
	const node = fn.getNode();
	const ticketId = readId(fn, itemIndex, 'ticketId');
	const options = readOptions(fn, itemIndex);
	const qs: IDataObject = {};
	const events = someOf(
		node,
		itemIndex,
		options.eventFilter,
		'eventFilter',
		HISTORY_EVENTS.map((entry) => entry.value),
	);
	if (events.length) qs.eventFilter = events.join(',');
	const agentId = toOptionalZohoId(node, itemIndex, options.agentId, 'agentId');
	if (agentId) qs.agentId = agentId;
	const fieldName = toCleanText(node, itemIndex, options.fieldName, 'fieldName', {
		maxLength: 100,
		required: false,
	});
	if (fieldName) {
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(fieldName)) {
			throw inputError(
				node,
				itemIndex,
				`"fieldName" must be a ticket field API name like status or priority, got ${JSON.stringify(fieldName.slice(0, 40))}`,
			);
		}
		qs.fieldName = fieldName;
	}
	const orgId = await resolveDeskOrgId(session, readDeskOrgOption(fn, itemIndex), itemIndex);
	const history = await deskList(session, {
		path: deskPath('tickets', ticketId, 'History'),
		qs,
		limit,
		itemIndex,
		deskOrgId: orgId,
		pageSize: HISTORY_PAGE_SIZE,
	});
	const deepLink = await deskLinker(session, orgId, 'tickets')({ id: ticketId });
	return history.map((event) => ({ ticketId, ...event, deepLink }));
}

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		items,
		async (itemIndex) => {
			const app = this.getNodeParameter('app', itemIndex) as string;
			const limit = readLimit(this, itemIndex);
			return app === 'desk'
				? await deskHistory(this, session, itemIndex, limit)
				: await crmTimeline(this, session, itemIndex, limit);
		},
		readConcurrency(this),
	);
}
