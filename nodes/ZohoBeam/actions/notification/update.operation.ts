import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { toCleanText, toHttpUrl } from '../../helpers/validation';
import { answerError } from '../../transport/errors';
import type { ZohoSession } from '../../transport/session';
import { optionsCollection, requestOptions } from '../common.descriptions';
import {
	answeredChannel,
	channelEvents,
	channelExpiryProperty,
	channelOptions,
	customModuleNotice,
	getChannel,
	readChannelOptions,
	readEvents,
	readExpiry,
	readToken,
	sendChannel,
	toChannelId,
	tokenProperty,
	updateEventsProperty,
} from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1000000068001',
		description: 'ID of the channel to change or renew',
	},
	channelExpiryProperty(true),
	customModuleNotice,
	updateEventsProperty,
	{
		displayName: 'Notify URL',
		name: 'notifyUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/zoho-crm',
		description: 'The http(s) URL Zoho calls from now on. Empty: keep the current URL.',
	},
	tokenProperty(true),
	optionsCollection([...channelOptions, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['notification'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const node = this.getNode();
		const channelId = toChannelId(
			node,
			itemIndex,
			this.getNodeParameter('channelId', itemIndex, ''),
			'channelId',
		);
		const channelExpiry = readExpiry(this, itemIndex, false);
		let events = readEvents(this, itemIndex, false);
		const notifyUrlText = toCleanText(
			node,
			itemIndex,
			this.getNodeParameter('notifyUrl', itemIndex, ''),
			'notifyUrl',
			{ maxLength: 2048, required: false },
		);
		const notifyUrl = notifyUrlText
			? toHttpUrl(node, itemIndex, notifyUrlText, 'notifyUrl')
			: undefined;
		let token = readToken(this, itemIndex);
		const options = readChannelOptions(this, itemIndex);

		// PATCH drops what it is not sent: Zoho nulls the token and the events of a channel
		// updated without them. Read the channel first and send its current values again.
		let current: IDataObject | undefined;
		if (events.length === 0 || token === undefined) {
			current = await getChannel(session, channelId, itemIndex);
			if (!current) {
				throw answerError(node, itemIndex, {
					code: 'NOT_FOUND',
					message: `No notification channel with ID ${channelId}`,
					description:
						'The channel expired or was disabled. Enable a new channel instead, or check the ID with Notification → Get Many.',
				});
			}
			if (events.length === 0) events = channelEvents(current);
			if (token === undefined && typeof current.token === 'string' && current.token !== '')
				token = current.token;
		}

		const channel: IDataObject = { channel_id: channelId, events };
		if (token !== undefined) channel.token = token;
		if (notifyUrl) channel.notify_url = notifyUrl;
		if (channelExpiry) channel.channel_expiry = channelExpiry;
		Object.assign(channel, options);
		const secrets = token ? [token] : [];
		const result = await sendChannel(
			session,
			'PATCH',
			channel,
			itemIndex,
			`update notification channel ${channelId}`,
			secrets,
		);
		return [answeredChannel({ ...(current ?? {}), ...channel }, result, channelExpiry)];
	});
}
