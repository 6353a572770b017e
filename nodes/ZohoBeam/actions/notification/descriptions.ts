import type { INodeProperties } from 'n8n-workflow';

import { TOKEN_MAX } from './readers';

/** Parameters the notification (watch channel) operations share: declarations only. */

export const eventsProperty: INodeProperties = {
	displayName: 'Event Names or IDs',
	name: 'events',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getNotificationEvents' },
	required: true,
	default: [],
	description:
		'The record events that call the notify URL, such as Leads.create or Deals.edit. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const updateEventsProperty: INodeProperties = {
	displayName: 'Event Names or IDs',
	name: 'events',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getNotificationEvents' },
	default: [],
	description:
		'The events the channel watches from now on. Empty: keep the current events (the node reads them and sends them again, so Zoho does not drop them). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const customModuleNotice: INodeProperties = {
	displayName:
		'Standard and custom modules can be watched. A channel lives at most one week: renew it with Update, or use the Zoho Beam Instant Trigger, which creates, renews and removes its channel itself.',
	name: 'customModuleNotice',
	type: 'notice',
	default: '',
};

export const channelExpiryProperty = (forUpdate: boolean): INodeProperties => ({
	displayName: 'Channel Expiry',
	name: 'channelExpiry',
	type: 'dateTime',
	default: '',
	description: forUpdate
		? 'When the channel stops, at most one week ahead. Set it to renew the channel. Empty: keep the current expiry.'
		: "When the channel stops, at most one week ahead (Zoho's limit). Empty: one week from now. Renew the channel with Update before it expires.",
});

export const tokenProperty = (forUpdate: boolean): INodeProperties => ({
	displayName: 'Token',
	name: 'token',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: forUpdate
		? `Secret Zoho sends back with every notification, up to ${TOKEN_MAX} characters. Empty: keep the current token.`
		: `Secret Zoho sends back with every notification so the receiver can verify it, up to ${TOKEN_MAX} characters. Empty: a random token is generated and returned in the output.`,
});

export const channelOptions: INodeProperties[] = [
	{
		displayName: 'Notification Condition (JSON)',
		name: 'notificationCondition',
		type: 'json',
		default: '',
		placeholder:
			'[{"type":"field_selection","module":{"api_name":"Deals"},"field_selection":{"field":{"api_name":"Stage"}}}]',
		description:
			'Zoho notification_condition: notify only when these fields change. A JSON array of conditions (a single object is accepted too).',
	},
	{
		displayName: 'Notify on Related Action',
		name: 'notifyOnRelatedAction',
		type: 'boolean',
		default: false,
		description:
			'Whether to also notify when a related record (note, attachment …) of a watched record changes',
	},
	{
		displayName: 'Return Affected Field Values',
		name: 'returnAffectedFieldValues',
		type: 'boolean',
		default: false,
		description: 'Whether notifications include the new values of the fields that changed',
	},
];
