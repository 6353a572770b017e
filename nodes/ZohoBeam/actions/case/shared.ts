import type { IDataObject, IExecuteFunctions, INode, INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { DESK_ORG_ID_SOURCE, wholeValue, ZOHO_ID_SOURCE } from '../../config/ids';
import { deskLinker } from '../../helpers/links';
import { locatorValue, readDeskOrgOption } from '../../helpers/params';
import type { ZohoId } from '../../helpers/validation';
import {
	inputError,
	isSafeKey,
	sanitizeJsonValue,
	someOf,
	toCleanText,
	toOptionalText,
	toOptionalZohoId,
	toZohoId,
	toZohoIdFromUrl,
} from '../../helpers/validation';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import { deskList } from '../../transport/paging';
import { deskPath } from '../../transport/paths';
import { byDisplayName } from '../common.descriptions';
import type { ZohoSession } from '../../transport/session';

/** Parameters and readers the case (Desk ticket) operations share. */

/** Ticket links pasted from the browser: the classic `#Cases/dv/<id>` form and the agent-console form. */
export const TICKET_URL_REGEX = `^https?://[^\\s]+?(?:#Cases/dv/|/tickets/details/)(${ZOHO_ID_SOURCE})(?![0-9])`;
const TICKET_URL = new RegExp(TICKET_URL_REGEX);

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
				validation: [{ type: 'regex', properties: { regex: id.regex, errorMessage: id.errorMessage } }],
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
			{ placeholder: 'e.g. 189200000100001000', regex: wholeValue(ZOHO_ID_SOURCE), errorMessage: 'A ticket ID has only digits' },
		).modes,
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://desk.zoho.com/support/yourportal/ShowHomePage.do#Cases/dv/189200000100001000',
			validation: [
				{
					type: 'regex',
					properties: { regex: TICKET_URL_REGEX, errorMessage: 'Paste the address of a ticket opened in Zoho Desk' },
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
		{ placeholder: 'e.g. 189200000500001000', regex: wholeValue(ZOHO_ID_SOURCE), errorMessage: 'A department ID has only digits' },
	),
};

/** The agent a ticket is (or should be) assigned to; the list also offers "Unassigned". */
export const agentLocator = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description,
	typeOptions: { loadOptionsDependsOn: [ORG_OPTION] },
	...pickerModes(
		{ searchListMethod: 'searchAgents', placeholder: 'Select an agent...' },
		{ placeholder: 'e.g. 189200000600001000', regex: wholeValue(`(${ZOHO_ID_SOURCE}|Unassigned)`), errorMessage: 'An agent ID has only digits (or enter Unassigned)' },
	),
});

/** The assignee filter of Get Many and Search, which name it differently (`assignee`, `assigneeId`). */
export const assigneeFilter = (name: 'assignee' | 'assigneeId'): INodeProperties =>
	agentLocator(name, 'Assignee', 'Only tickets assigned to this agent. Choose "Unassigned" for tickets nobody owns.');

export const departmentFilter: INodeProperties = { ...departmentLocator, description: 'Only tickets of this department' };

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
		{ placeholder: 'e.g. 60001234567', regex: wholeValue(DESK_ORG_ID_SOURCE), errorMessage: 'An organization ID has only digits' },
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

const INCLUDE_VALUES = ['assignee', 'contacts', 'departments', 'team'] as const;

/** The `include` option as Zoho's comma-separated list, refusing values Zoho does not know. */
export function readInclude(fn: IExecuteFunctions, itemIndex: number, value: unknown): string | undefined {
	const names = someOf(fn.getNode(), itemIndex, value, 'include', INCLUDE_VALUES);
	return names.length ? names.join(',') : undefined;
}

/** Created / modified time filters of Get Many and Search (sent as Zoho's time ranges). */
export const timeRangeFilters: INodeProperties[] = [
	{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '', description: 'Only tickets created at or after this time' },
	{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '', description: 'Only tickets created at or before this time' },
	{ displayName: 'Modified After', name: 'modifiedAfter', type: 'dateTime', default: '', description: 'Only tickets changed at or after this time' },
	{ displayName: 'Modified Before', name: 'modifiedBefore', type: 'dateTime', default: '', description: 'Only tickets changed at or before this time' },
];

/** The Filters collection of Get Many and Search. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: byDisplayName(options) };
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
					description: 'API name of the custom field, as shown in Zoho Desk under Setup > Customization > Layouts and Fields',
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

/** The Desk organization for an item: the one shared resolver, with the node's option. */
export async function orgFor(fn: IExecuteFunctions, session: ZohoSession, itemIndex: number): Promise<string> {
	return await resolveDeskOrgId(session, readDeskOrgOption(fn, itemIndex), itemIndex);
}

/**
 * A department must belong to the organization the node works in. A value picked before the
 * Desk Organization option changed still names the old organization's department; Zoho would
 * answer with someone else's error or an empty list, so the node says what to fix instead.
 * The organization's departments are read once per execution.
 */
export async function assertDepartmentInOrg(fn: IExecuteFunctions, session: ZohoSession, orgId: string, departmentId: unknown, itemIndex: number): Promise<void> {
	if (departmentId === undefined || departmentId === null || departmentId === '') return;
	const known = await session.once(`desk-department-ids:${orgId}`, async () => {
		const departments = await deskList(session, { path: deskPath('departments'), limit: 1000, deskOrgId: orgId, itemIndex });
		return new Set(departments.map((department) => String(department.id)));
	});
	if (!known.has(String(departmentId))) {
		throw inputError(
			fn.getNode(),
			itemIndex,
			`Department ${String(departmentId)} is not in the Desk organization ${orgId}`,
			'The department was picked for another organization: pick it again from the list after choosing the organization.',
		);
	}
}

/** Adds `deepLink` to every ticket (its own `webUrl`, else one built from the portal). */
export async function withDeepLinks(session: ZohoSession, orgId: string, tickets: IDataObject[]): Promise<IDataObject[]> {
	const link = deskLinker(session, orgId, 'tickets');
	return await Promise.all(tickets.map(async (ticket) => ({ ...ticket, deepLink: await link(ticket) })));
}

interface LocatorValue {
	mode?: string;
	value?: unknown;
}

/** A resource locator parameter as `{ mode, value }` (plain strings from expressions included). */
export function readLocator(fn: IExecuteFunctions, itemIndex: number, parameter: string, fallback: unknown = ''): LocatorValue {
	const raw = fn.getNodeParameter(parameter, itemIndex, fallback, { extractValue: false }) as unknown;
	if (raw && typeof raw === 'object' && 'value' in raw) {
		const locator = raw as IDataObject;
		return { mode: typeof locator.mode === 'string' ? locator.mode : undefined, value: locator.value };
	}
	return { value: raw };
}

/** Locator values may be pasted addresses, so they are read as text up to this length. */
const LOCATOR_TEXT_MAX = 2048;

const TICKET_EXAMPLE = 'https://desk.zoho.com/support/yourportal/ShowHomePage.do#Cases/dv/189200000100001000';

/**
 * Reads `ticketId` (list / ID / URL) and validates it. URLs are taken apart here rather than
 * by n8n, so a wrong paste gets a message that names the item and the parameter.
 */
export function readTicketId(fn: IExecuteFunctions, itemIndex: number): ZohoId {
	const node = fn.getNode();
	const { mode, value } = readLocator(fn, itemIndex, 'ticketId');
	const text = toOptionalText(node, itemIndex, value, 'ticketId', LOCATOR_TEXT_MAX);
	if (text === undefined) throw inputError(node, itemIndex, '"ticketId" is required', 'Pick a ticket from the list, or enter its ID or URL.');
	if (mode === 'url' || /^https?:\/\//i.test(text)) {
		return toZohoIdFromUrl(node, itemIndex, text, 'ticketId', { pattern: TICKET_URL, example: TICKET_EXAMPLE, what: 'a Desk ticket' });
	}
	return toZohoId(node, itemIndex, text, 'ticketId');
}

/** An optional ID held in a resource locator (department, contact …). */
export function readOptionalLocatorId(fn: IExecuteFunctions, itemIndex: number, value: unknown, parameter: string): ZohoId | undefined {
	return toOptionalZohoId(fn.getNode(), itemIndex, locatorValue(value), parameter, LOCATOR_TEXT_MAX);
}

/** An agent from a locator: an agent ID, or "Unassigned" (the list offers it first). */
export function readAgent(
	fn: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	parameter: string,
): ZohoId | 'Unassigned' | undefined {
	const node = fn.getNode();
	const text = toOptionalText(node, itemIndex, locatorValue(value), parameter, LOCATOR_TEXT_MAX);
	if (text === undefined) return undefined;
	if (text.toLowerCase() === 'unassigned') return 'Unassigned';
	return toZohoId(node, itemIndex, text, parameter);
}

/** Short picklist-like text (status, priority, channel …): no control characters, no commas. */
function readPicklist(node: INode, itemIndex: number, value: unknown, parameter: string, allowList = false): string | undefined {
	const text = toCleanText(node, itemIndex, value, parameter, { maxLength: 200, required: false });
	if (!text) return undefined;
	const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
	if (!allowList && parts.length > 1) {
		throw inputError(node, itemIndex, `"${parameter}" takes one value, got ${JSON.stringify(text)}`);
	}
	if (/[\t\n\r]/.test(text)) throw inputError(node, itemIndex, `"${parameter}" must be on one line`);
	return parts.join(',');
}

/** The picklist-like fields among `names` that `source` sets, checked and in the order of `names`. */
export function readPicklists(node: INode, itemIndex: number, source: IDataObject, names: string[], allowList = false): IDataObject {
	const picked: IDataObject = {};
	for (const name of names) {
		const value = readPicklist(node, itemIndex, source[name], name, allowList);
		if (value) picked[name] = value;
	}
	return picked;
}

const CUSTOM_FIELD = /^cf_[A-Za-z0-9_]{1,100}$/;

/** The `customFields` fixedCollection as Zoho's `cf` object (empty values clear the field). */
export function readCustomFields(fn: IExecuteFunctions, itemIndex: number, collection: IDataObject | undefined): IDataObject | undefined {
	const node = fn.getNode();
	const rows = (collection?.field as IDataObject[] | undefined) ?? [];
	if (rows.length === 0) return undefined;
	const cf: IDataObject = {};
	for (const row of rows) {
		const name = toCleanText(node, itemIndex, row.name, 'customFields', { maxLength: 120 });
		if (!CUSTOM_FIELD.test(name) || !isSafeKey(name)) {
			throw inputError(
				node,
				itemIndex,
				`"customFields" has an invalid field API name ${JSON.stringify(name.slice(0, 40))}`,
				'Desk custom field API names start with cf_, like cf_order_id.',
			);
		}
		const value = row.value;
		cf[name] = value === '' || value === undefined || value === null ? null : (sanitizeJsonValue(node, itemIndex, value, 'customFields') as IDataObject[string]);
		if (typeof cf[name] === 'string') cf[name] = toCleanText(node, itemIndex, cf[name], 'customFields', { maxLength: 32000 });
	}
	return cf;
}

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
			description: "Send the input item's fields as they are (their names must be Zoho Desk API field names)",
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
