import type { INodeProperties } from 'n8n-workflow';

import {
	appSelector,
	crmOnly,
	deskOnly,
	deskOrgOption,
	optionsCollection,
} from '../../actions/common.descriptions';
import { channelOptions, eventsProperty } from '../../actions/notification/shared';
import { DESK_EVENTS } from './deskEvents';

/** Parameters of the Zoho Beam Instant Trigger (names fixed by the contract: app, events, deskEvents). */
export const instantTriggerProperties: INodeProperties[] = [
	{
		...appSelector(['crm', 'desk']),
		description:
			'Zoho CRM pushes record changes through a notification channel, Zoho Desk through a webhook',
	},
	{
		displayName:
			'Zoho ends a notification channel after at most one week. This trigger renews it (for another week) whenever a notification arrives or the workflow is activated and less than half of that week is left. n8n gives triggers no timer of their own: if a week may pass without any change, also run the renewal workflow shipped with this package (examples/notification-renew.json) every day.',
		name: 'renewalNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { app: ['crm'] } },
	},
	{
		...eventsProperty,
		description:
			'The record events that start the workflow, such as Leads.create or Deals.edit; standard and custom modules. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { app: ['crm'] } },
	},
	{
		displayName: 'Events',
		name: 'deskEvents',
		type: 'multiOptions',
		required: true,
		default: [],
		options: DESK_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
		description: 'The Zoho Desk events that start the workflow',
		displayOptions: { show: { app: ['desk'] } },
	},
	{
		displayName:
			'Each active workflow uses one webhook of the Desk portal: Professional allows 5, Enterprise 10, Free and Standard none',
		name: 'deskLimitNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { app: ['desk'] } },
	},
	optionsCollection([
		{
			displayName: 'Fetch Records',
			name: 'fetchRecords',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the full records (up to 100 per request) before starting the workflow. Off: items carry the ID, the event and the changed fields only. Deleted records are never fetched.',
			displayOptions: crmOnly,
		},
		...channelOptions.map((option) => ({ ...option, displayOptions: crmOnly })),
		{
			...deskOrgOption,
			description:
				"Desk organization to watch. Empty: the credential's, else the one found automatically.",
		},
		{
			displayName: 'Include Previous Values',
			name: 'includePrevState',
			type: 'boolean',
			default: true,
			description:
				'Whether update events carry the previous values of the changed fields (prevState)',
			displayOptions: deskOnly,
		},
		{
			displayName: 'Ticket Fields to Track',
			name: 'ticketFields',
			type: 'string',
			default: '',
			placeholder: 'e.g. status,priority,assigneeId',
			description:
				'Ticket updates start the workflow only when one of these fields changes (at most 5, comma-separated). Empty: any change.',
			displayOptions: deskOnly,
		},
		{
			displayName: 'Department IDs',
			name: 'departmentIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1892000000006907',
			description:
				'Ticket events of these departments only (comma-separated). Empty: all departments.',
			displayOptions: deskOnly,
		},
		{
			displayName: 'Thread Direction',
			name: 'threadDirection',
			type: 'options',
			default: 'both',
			options: [
				{ name: 'Both', value: 'both' },
				{ name: 'Incoming Only', value: 'in' },
				{ name: 'Outgoing Only', value: 'out' },
			],
			description: 'Which new ticket threads (Thread Added) start the workflow',
			displayOptions: deskOnly,
		},
		{
			displayName: 'Include Automation Events',
			name: 'includeAutomation',
			type: 'boolean',
			default: false,
			description:
				'Whether changes made by Desk supervisor rules and other automations also start the workflow',
			displayOptions: deskOnly,
		},
		{
			displayName: 'Ignore Source ID',
			name: 'ignoreSourceId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 49ad222a-f812-11e7-8c3f-9a214cf093ae',
			description:
				'A UUID: changes made through the Desk API with this source ID do not start the workflow, so a workflow that writes back to Desk does not trigger itself',
			displayOptions: deskOnly,
		},
	]),
];
