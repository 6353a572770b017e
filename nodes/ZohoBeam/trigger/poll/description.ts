import type { INodeProperties } from 'n8n-workflow';

import { departmentFilter } from '../../actions/case/shared';
import {
	appSelector,
	crmModuleLocator,
	deskModuleSelector,
	deskOrgOption,
	deskTicketField,
	optionsCollection,
	requestOptions,
} from '../../actions/common.descriptions';
import { fieldsOption } from '../../actions/record/shared';

/** The polling trigger's parameters (names fixed by the public contract: app, module, deskModule, event, options). */

/** Records per poll unless the Options say otherwise: a mass update arrives in executions of this size. */
export const DEFAULT_MAX_RECORDS = 500;
export const MAX_RECORDS_LIMIT = 10000;

const crm = { show: { app: ['crm'] } };
const desk = { show: { app: ['desk'] } };
const deskTickets = { show: { '/app': ['desk'], '/deskModule': ['tickets'] } };

const changeEvents = [
	{ name: 'Created', value: 'created', description: 'A record was created since the last poll' },
	{
		name: 'Created or Updated',
		value: 'createdOrUpdated',
		description: 'Any change; each item says whether it was created or updated',
	},
	{ name: 'Updated', value: 'updated', description: 'A record was changed after its creation' },
];

export const properties: INodeProperties[] = [
	appSelector(['crm', 'desk']),
	crmModuleLocator('The CRM module to watch, standard or custom'),
	{
		...deskModuleSelector,
		options: deskModuleSelector.options?.filter(
			(option) => 'value' in option && option.value !== 'tasks',
		),
		displayOptions: desk,
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'createdOrUpdated',
		options: [
			...changeEvents,
			{
				name: 'Deleted',
				value: 'deleted',
				description: "A record was deleted (Zoho's deleted records list)",
			},
		].sort((a, b) => a.name.localeCompare(b.name)),
		displayOptions: crm,
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'createdOrUpdated',
		options: changeEvents,
		displayOptions: desk,
	},
	optionsCollection([
		{ ...departmentFilter, displayOptions: deskTickets },
		deskOrgOption,
		{
			...fieldsOption,
			displayOptions: {
				show: { '/app': ['crm'], '/event': ['created', 'updated', 'createdOrUpdated'] },
			},
		},
		{
			displayName: 'Max Records per Poll',
			name: 'maxRecords',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_RECORDS_LIMIT },
			default: DEFAULT_MAX_RECORDS,
			description:
				'Most records one poll emits. After a mass change the rest come with the next polls, oldest first, none lost.',
		},
		{
			...deskTicketField(
				'status',
				'e.g. Open,On Hold',
				'Only tickets with one of these statuses (comma-separated)',
			),
			displayOptions: deskTickets,
		},
		...requestOptions,
	]),
];
