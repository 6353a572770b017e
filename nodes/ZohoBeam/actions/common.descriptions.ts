import type { INodeProperties } from 'n8n-workflow';

import { DESK_ENTITIES, DESK_ENTITY_NAMES } from '../config/deskEntities';
import { MODULE_NAME_SOURCE, wholeValue, ZOHO_ID_SOURCE } from '../config/ids';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../helpers/params';
import { RECORD_URL_REGEX } from '../helpers/validation';

/**
 * Parameters shared by several operations; same name wherever they appear (see contract).
 * Declarations only: their readers live in helpers/params.ts (re-exported below for older
 * import paths).
 */
export {
	DEFAULT_CONCURRENCY,
	MAX_CONCURRENCY,
	policyFromOptions,
	readConcurrency,
	readLimit,
	readPolicy,
} from '../helpers/params';

export const appSelector = (
	apps: Array<'crm' | 'desk'>,
	defaultApp: 'crm' | 'desk' = apps[0],
): INodeProperties => ({
	displayName: 'App',
	name: 'app',
	type: 'options',
	noDataExpression: true,
	default: defaultApp,
	options: [
		{
			name: 'Zoho CRM',
			value: 'crm',
			description: 'Records of any CRM module, custom modules included',
		},
		{
			name: 'Zoho Desk',
			value: 'desk',
			description: 'Tickets, contacts, accounts and tasks of a Desk organization',
		},
	].filter((option) => apps.includes(option.value as 'crm' | 'desk')),
});

export const moduleLocator: INodeProperties = {
	displayName: 'Module',
	name: 'module',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The CRM module, standard or custom',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchModules', searchable: true },
		},
		{
			displayName: 'By API Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. Leads, Deals, Custom_Module1',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: wholeValue(MODULE_NAME_SOURCE),
						errorMessage: 'A module API name has only letters, digits and underscores',
					},
				},
			],
		},
		{
			// The web UI names some modules differently (Deals are "Potentials"); the node maps the
			// name in the address to the API name through the account's module list.
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://crm.zoho.com/crm/org123/tab/Potentials/5725767000000412001',
			extractValue: {
				type: 'regex',
				regex: `^https?://[^/]+/crm/(?:[^/]+/)?tab/(${MODULE_NAME_SOURCE})(?:[/?#]|$)`,
			},
			validation: [
				{
					type: 'regex',
					properties: {
						// n8n anchors validation regexes at both ends: the rest of the address is allowed.
						regex: `https?://[^/]+/crm/(?:[^/]+/)?tab/${MODULE_NAME_SOURCE}(?:[/?#].*)?`,
						errorMessage: 'Paste the address of a module or record page in Zoho CRM',
					},
				},
			],
		},
	],
};

/**
 * Display options of an Options-collection entry that applies to one app only (entries of a
 * collection reach the root `app` parameter through the leading slash).
 */
export const crmOnly = { show: { '/app': ['crm'] } };
export const deskOnly = { show: { '/app': ['desk'] } };

/** The module locator of an operation offered for both apps: shown when the app is Zoho CRM. */
export function crmModuleLocator(description = moduleLocator.description): INodeProperties {
	return { ...moduleLocator, description, displayOptions: { show: { app: ['crm'] } } };
}

/** `deskOrgId` typed as text, for operations offered for both apps (Case offers a picker instead). */
export const deskOrgOption: INodeProperties = {
	displayName: 'Desk Organization ID',
	name: 'deskOrgId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 60001234567',
	description:
		"Desk organization to use for this node. Empty: the credential's, else the one found automatically.",
	displayOptions: deskOnly,
};

const DESK_TICKET_FIELD_LABELS = {
	channel: 'Channel',
	priority: 'Priority',
	status: 'Status',
} as const;

/**
 * A ticket field whose values each help desk defines for itself (channel, priority, status):
 * typed as text, since no fixed list of options would fit every organization.
 */
export function deskTicketField(
	name: keyof typeof DESK_TICKET_FIELD_LABELS,
	placeholder: string,
	description: string,
): INodeProperties {
	return {
		displayName: DESK_TICKET_FIELD_LABELS[name],
		name,
		type: 'string',
		default: '',
		placeholder,
		description,
	};
}

/** Entries of an "Add Option" / "Add Filter" list in alphabetical order, as n8n's own nodes list them. */
export const byDisplayName = (entries: INodeProperties[]): INodeProperties[] =>
	[...entries].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** The Options collection every operation ends with. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: byDisplayName(options),
	};
}

/**
 * A record ID: typed or mapped (By ID), or taken from a pasted Zoho CRM or Desk web address
 * (By URL), e.g. https://crm.zoho.com/crm/org123/tab/Leads/5725767000000412001.
 */
export function recordIdLocator(description: string): INodeProperties {
	return {
		displayName: 'Record ID',
		name: 'recordId',
		type: 'resourceLocator',
		required: true,
		// Never an expression like {{ $json.id }}: a default ID would aim writes at every input item.
		default: { mode: 'id', value: '' },
		description,
		modes: [
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5725767000000412001',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: wholeValue(`\\s*${ZOHO_ID_SOURCE}\\s*`),
							errorMessage: 'A Zoho ID has only digits',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://crm.zoho.com/crm/org123/tab/Leads/5725767000000412001',
				extractValue: { type: 'regex', regex: RECORD_URL_REGEX },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: RECORD_URL_REGEX,
							errorMessage: 'Paste the address of a record page in Zoho CRM or Zoho Desk',
						},
					},
				],
			},
		],
	};
}

export const deskModuleSelector: INodeProperties = {
	displayName: 'Desk Module',
	name: 'deskModule',
	type: 'options',
	noDataExpression: true,
	default: 'tickets',
	options: DESK_ENTITY_NAMES.map((value) => ({ name: DESK_ENTITIES[value].label, value })).sort(
		(a, b) => a.name.localeCompare(b.name),
	),
};

export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** Retry and timeout settings, offered in the Options collection of every operation. */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 6,
		description:
			'How often one request is tried when Zoho answers 429 (too many requests), a 5xx error, or (for reads) the connection fails',
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 120,
		description: 'Upper bound on the total time one request may spend waiting between retries',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'How long to wait for Zoho to answer one request',
	},
];

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many requests may run at once. Zoho allows 5 (free plans) to 25 (top plans) concurrent calls per organization; the default is safe on every plan.',
};
