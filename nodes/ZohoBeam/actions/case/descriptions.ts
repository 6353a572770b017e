import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { DESK_ORG_ID_SOURCE, wholeValue, ZOHO_ID_SOURCE } from '../../config/ids';
import { byDisplayName } from '../common.descriptions';

/** Parameters the case (Desk ticket) operations share: declarations only. */

/** Ticket links pasted from the browser: the classic `#Cases/dv/<id>` form and the agent-console form. */
export const TICKET_URL_REGEX = `^https?://[^\\s]+?(?:#Cases/dv/|/tickets/details/)(${ZOHO_ID_SOURCE})(?![0-9])`;

/**
 * The modes every Desk picker offers: "From List" (a searchable list served by one of the
 * node's listSearch methods) and "By ID" (what is typed is checked against `id.regex`).
 * Returned as `{ modes }` to spread into a locator: n8n's lint tells modes from parameters
 * only by that key.
 */
function pickerModes(
	list: { searchListMethod: string; placeholder: string },
	id: { placeholder: string; regex: string; errorMessage: string },
): { modes: INodePropertyMode[] } {
	return {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: list.placeholder,
				typeOptions: { searchListMethod: list.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: id.placeholder,
				validation: [
					{ type: 'regex', properties: { regex: id.regex, errorMessage: id.errorMessage } },
				],
			},
		],
	};
}

/** The Desk Organization option: the ticket, department and agent lists reload when it changes. */
const ORG_OPTION = 'options.deskOrgId.value';

export const ticketIdLocator: INodeProperties = {
	displayName: 'Ticket',
	name: 'ticketId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Desk ticket to work on',
	typeOptions: { loadOptionsDependsOn: [ORG_OPTION] },
	modes: [
		...pickerModes(
			{ searchListMethod: 'searchTickets', placeholder: 'Select a ticket...' },
			{
				placeholder: 'e.g. 189200000100001000',
				regex: wholeValue(ZOHO_ID_SOURCE),
				errorMessage: 'A ticket ID has only digits',
			},
		).modes,
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder:
				'e.g. https://desk.zoho.com/support/yourportal/ShowHomePage.do#Cases/dv/189200000100001000',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: TICKET_URL_REGEX,
						errorMessage: 'Paste the address of a ticket opened in Zoho Desk',
					},
				},
			],
			extractValue: { type: 'regex', regex: TICKET_URL_REGEX },
		},
	],
};

export const departmentLocator: INodeProperties = {
	displayName: 'Department',
	name: 'departmentId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'The Desk department',
	typeOptions: { loadOptionsDependsOn: [ORG_OPTION] },
	...pickerModes(
		{ searchListMethod: 'searchDepartments', placeholder: 'Select a department...' },
		{
			placeholder: 'e.g. 189200000500001000',
			regex: wholeValue(ZOHO_ID_SOURCE),
			errorMessage: 'A department ID has only digits',
		},
	),
};

/** The agent a ticket is (or should be) assigned to; the list also offers "Unassigned". */
export const agentLocator = (
	name: string,
	displayName: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description,
	typeOptions: { loadOptionsDependsOn: [ORG_OPTION] },
	...pickerModes(
		{ searchListMethod: 'searchAgents', placeholder: 'Select an agent...' },
		{
			placeholder: 'e.g. 189200000600001000',
			regex: wholeValue(`(${ZOHO_ID_SOURCE}|Unassigned)`),
			errorMessage: 'An agent ID has only digits (or enter Unassigned)',
		},
	),
});

/** The assignee filter of Get Many and Search, which name it differently (`assignee`, `assigneeId`). */
export const assigneeFilter = (name: 'assignee' | 'assigneeId'): INodeProperties =>
	agentLocator(
		name,
		'Assignee',
		'Only tickets assigned to this agent. Choose "Unassigned" for tickets nobody owns.',
	);

export const departmentFilter: INodeProperties = {
	...departmentLocator,
	description: 'Only tickets of this department',
};

/** `deskOrgId` in the Options collection: same name as the credential field. */
export const deskOrgLocator: INodeProperties = {
	displayName: 'Desk Organization',
	name: 'deskOrgId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		"The Zoho Desk organization to work in. Leave empty to use the credential's organization, else the one the node finds (your default organization).",
	...pickerModes(
		{ searchListMethod: 'searchDeskOrganizations', placeholder: 'Select an organization...' },
		{
			placeholder: 'e.g. 60001234567',
			regex: wholeValue(DESK_ORG_ID_SOURCE),
			errorMessage: 'An organization ID has only digits',
		},
	),
};

export const includeOption: INodeProperties = {
	displayName: 'Include',
	name: 'include',
	type: 'multiOptions',
	default: [],
	description: 'Related details Zoho adds to each ticket',
	options: [
		{ name: 'Assignee', value: 'assignee' },
		{ name: 'Contact', value: 'contacts' },
		{ name: 'Department', value: 'departments' },
		{ name: 'Team', value: 'team' },
	],
};

/** Created / modified time filters of Get Many and Search (sent as Zoho's time ranges). */
export const timeRangeFilters: INodeProperties[] = [
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		description: 'Only tickets created at or after this time',
	},
	{
		displayName: 'Created Before',
		name: 'createdBefore',
		type: 'dateTime',
		default: '',
		description: 'Only tickets created at or before this time',
	},
	{
		displayName: 'Modified After',
		name: 'modifiedAfter',
		type: 'dateTime',
		default: '',
		description: 'Only tickets changed at or after this time',
	},
	{
		displayName: 'Modified Before',
		name: 'modifiedBefore',
		type: 'dateTime',
		default: '',
		description: 'Only tickets changed at or before this time',
	},
];

/** The Filters collection of Get Many and Search. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: byDisplayName(options),
	};
}

export const sortDescendingOption = (description: string): INodeProperties => ({
	displayName: 'Sort Descending',
	name: 'sortDescending',
	type: 'boolean',
	default: false,
	description,
});

export const dueDateField: INodeProperties = {
	displayName: 'Due Date',
	name: 'dueDate',
	type: 'dateTime',
	default: '',
	description: 'When the ticket is due',
};

export const customFieldsParameter: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	placeholder: 'Add Custom Field',
	default: {},
	typeOptions: { multipleValues: true },
	description: "Values of the ticket's custom fields (sent to Zoho as cf)",
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Field API Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. cf_order_id',
					description:
						'API name of the custom field, as shown in Zoho Desk under Setup > Customization > Layouts and Fields',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'Value to set. Leave empty to clear the field.',
				},
			],
		},
	],
};

export const dataModeSelector = (defineDescription: string): INodeProperties => ({
	displayName: 'Data Mode',
	name: 'dataMode',
	type: 'options',
	noDataExpression: true,
	default: 'define',
	options: [
		{
			name: 'Auto-Map Input Data',
			value: 'autoMap',
			description:
				"Send the input item's fields as they are (their names must be Zoho Desk API field names)",
		},
		{
			name: 'Define Below',
			value: 'define',
			description: defineDescription,
		},
		{
			name: 'JSON',
			value: 'json',
			description: 'Write the ticket fields as a JSON object',
		},
	],
});

export const fieldsJsonParameter = (example: string): INodeProperties => ({
	displayName: 'Fields (JSON)',
	name: 'fieldsJson',
	type: 'json',
	default: '{}',
	required: true,
	placeholder: example,
	description: 'A JSON object of Zoho Desk API field names and values; custom fields go in "cf"',
	displayOptions: { show: { dataMode: ['json'] } },
});
