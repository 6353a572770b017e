import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkOptionalCriteria } from '../../helpers/criteria';
import { runPerItem } from '../../helpers/items';
import { readDeskOrgOption, readModule, readOptions, toApiModule } from '../../helpers/params';
import { inputError, oneOf, toOptionalText, toOptionalZohoId } from '../../helpers/validation';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import { crmPath, deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	concurrencyOption,
	crmModuleLocator,
	crmOnly,
	deskOnly,
	deskOrgOption,
	deskTicketField,
	optionsCollection,
	readConcurrency,
	requestOptions,
} from '../common.descriptions';
import {
	compactQuery,
	optionalEmail,
	ticketAssigneeOption,
	ticketDepartmentOption,
	toCount,
} from './shared';

const VIEW_TYPES = [
	'allTickets',
	'closedTickets',
	'escalatedTickets',
	'onholdTickets',
	'openTickets',
	'overdueTickets',
	'spamTickets',
	'unassignedTickets',
] as const;

const properties: INodeProperties[] = [
	appSelector(['crm', 'desk']),
	crmModuleLocator('The CRM module whose records to count'),
	{
		displayName: 'Criteria',
		name: 'criteria',
		type: 'string',
		default: '',
		placeholder: 'e.g. ((Lead_Source:equals:Web)and(Lead_Status:equals:Contacted))',
		description:
			'Count only the records matching these search criteria (Field_API_Name:operator:value). Leave empty to count every record, or use a custom view from the options instead — not both.',
		hint: 'Operators: equals, not_equal, starts_with, in, greater_than, less_than, between … Escape ( ) and , inside values with a backslash.',
		displayOptions: { show: { app: ['crm'] } },
	},
	optionsCollection([
		{ ...ticketAssigneeOption, displayOptions: deskOnly },
		{
			...deskTicketField(
				'channel',
				'e.g. Email',
				'Count only tickets that came in through this channel (Email, Phone, Web, Chat, Forums …)',
			),
			displayOptions: deskOnly,
		},
		{
			displayName: 'Custom View ID',
			name: 'cvid',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5725767000000087501',
			description:
				'Count the records of this CRM custom view. Cannot be combined with criteria, email, phone or word.',
			displayOptions: crmOnly,
		},
		{ ...ticketDepartmentOption, displayOptions: deskOnly },
		deskOrgOption,
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description:
				'Count the records with this email address (a search on every email field of the module)',
			displayOptions: crmOnly,
		},
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			default: '',
			placeholder: 'e.g. +1 555 0100',
			description:
				'Count the records with this phone number (a search on every phone field of the module)',
			displayOptions: crmOnly,
		},
		{
			...deskTicketField('priority', 'e.g. High', 'Count only tickets of this priority'),
			displayOptions: deskOnly,
		},
		{
			...deskTicketField(
				'status',
				'e.g. Open,On Hold',
				'Count only tickets with these statuses (comma-separated)',
			),
			displayOptions: deskOnly,
		},
		{
			displayName: 'View Type',
			name: 'viewType',
			type: 'options',
			default: 'allTickets',
			options: [
				{ name: 'All Tickets', value: 'allTickets' },
				{ name: 'Closed Tickets', value: 'closedTickets' },
				{ name: 'Escalated Tickets', value: 'escalatedTickets' },
				{ name: 'On Hold Tickets', value: 'onholdTickets' },
				{ name: 'Open Tickets', value: 'openTickets' },
				{ name: 'Overdue Tickets', value: 'overdueTickets' },
				{ name: 'Spam Tickets', value: 'spamTickets' },
				{ name: 'Unassigned Tickets', value: 'unassignedTickets' },
			],
			description: 'Count only the tickets of this built-in view',
			displayOptions: deskOnly,
		},
		{
			displayName: 'Word',
			name: 'word',
			type: 'string',
			default: '',
			placeholder: 'e.g. Acme',
			description:
				'Count the records containing this word in any text field (at least 2 characters)',
			displayOptions: crmOnly,
		},
		concurrencyOption,
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['signal'], operation: ['count'] } },
	properties,
);

async function countCrm(
	fn: IExecuteFunctions,
	session: ZohoSession,
	itemIndex: number,
): Promise<IDataObject> {
	const node = fn.getNode();
	let module = readModule(fn, itemIndex);
	const options = readOptions(fn, itemIndex);
	const search = {
		criteria: checkOptionalCriteria(
			node,
			itemIndex,
			fn.getNodeParameter('criteria', itemIndex, ''),
		),
		email: optionalEmail(node, itemIndex, options.email, 'email'),
		phone: toOptionalText(node, itemIndex, options.phone, 'phone', 100),
		word: toOptionalText(node, itemIndex, options.word, 'word', 255),
	};
	const used = Object.entries(search)
		.filter(([, value]) => value !== undefined)
		.map(([key]) => key);
	const cvid = toOptionalZohoId(node, itemIndex, options.cvid, 'cvid');
	if (cvid && used.length) {
		throw inputError(
			node,
			itemIndex,
			`"${used.join('", "')}" and a custom view ("cvid") cannot be used together: Zoho counts either a custom view or search results`,
			'Remove the custom view ID to count the records matching the search, or clear the search to count the records of the custom view.',
		);
	}
	if (used.length > 1) {
		throw inputError(
			node,
			itemIndex,
			`Use only one of "${used.join('", "')}": Zoho would apply the first and silently ignore the rest`,
			'Combine several conditions inside "criteria" instead, like ((Email:equals:jane@example.com)and(Lead_Status:equals:Contacted)).',
		);
	}
	if (search.word !== undefined && search.word.length < 2) {
		throw inputError(node, itemIndex, '"word" needs at least 2 characters');
	}
	module = await toApiModule(fn, session, module, itemIndex);
	const response = await session.request<IDataObject>({
		app: 'crm',
		method: 'GET',
		path: crmPath('v8', module, 'actions', 'count'),
		qs: compactQuery({ ...search, cvid }),
		itemIndex,
	});
	return { app: 'crm', module, count: toCount(response.body?.count) };
}

async function countDesk(
	fn: IExecuteFunctions,
	session: ZohoSession,
	itemIndex: number,
): Promise<IDataObject> {
	const node = fn.getNode();
	const options = readOptions(fn, itemIndex);
	const qs = compactQuery({
		departmentId: toOptionalZohoId(node, itemIndex, options.departmentId, 'departmentId'),
		assigneeId: toOptionalZohoId(node, itemIndex, options.assigneeId, 'assigneeId'),
		status: toOptionalText(node, itemIndex, options.status, 'status', 500),
		channel: toOptionalText(node, itemIndex, options.channel, 'channel', 100),
		priority: toOptionalText(node, itemIndex, options.priority, 'priority', 100),
		viewType:
			options.viewType === undefined || options.viewType === ''
				? undefined
				: oneOf(node, itemIndex, options.viewType, 'viewType', VIEW_TYPES),
	});
	const orgId = await resolveDeskOrgId(session, readDeskOrgOption(fn, itemIndex), itemIndex);
	const response = await session.request<IDataObject>({
		app: 'desk',
		method: 'GET',
		path: deskPath('ticketsCount'),
		qs,
		itemIndex,
		deskOrgId: orgId,
	});
	return { app: 'desk', module: 'tickets', count: toCount(response.body?.count) };
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
			return [
				app === 'desk'
					? await countDesk(this, session, itemIndex)
					: await countCrm(this, session, itemIndex),
			];
		},
		readConcurrency(this),
	);
}
