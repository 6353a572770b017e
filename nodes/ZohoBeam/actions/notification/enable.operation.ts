import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { toCleanText, toHttpUrl } from '../../helpers/validation';
import { optionsCollection, requestOptions } from '../common.descriptions';
import type { ZohoSession } from '../../transport/session';
import {
	answeredChannel,
	channelExpiryProperty,
	channelOptions,
	customModuleNotice,
	eventsProperty,
	generateChannelId,
	generateToken,
	readChannelOptions,
	readEvents,
	readExpiry,
	readToken,
	sendChannel,
	toChannelId,
	tokenProperty,
} from './shared';

const properties: INodeProperties[] = [
	customModuleNotice,
	eventsProperty,
	{
		displayName: 'Notify URL',
		name: 'notifyUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://n8n.example.com/webhook/zoho-crm',
		description:
			'The http(s) URL Zoho calls (POST, JSON) when a watched event happens, for example the production URL of an n8n Webhook node',
	},
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1000000068001',
		description:
			'Your ID for the channel, a positive whole number; Zoho sends it with every notification. Empty: a random ID is generated and returned in the output.',
	},
	tokenProperty(false),
	channelExpiryProperty(false),
	optionsCollection([...channelOptions, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['notification'], operation: ['enable'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const node = this.getNode();
		const events = readEvents(this, itemIndex, true);
		const notifyUrl = toHttpUrl(
			node,
			itemIndex,
			this.getNodeParameter('notifyUrl', itemIndex, ''),
			'notifyUrl',
		);
		const channelIdText = toCleanText(
			node,
			itemIndex,
			this.getNodeParameter('channelId', itemIndex, ''),
			'channelId',
			{ maxLength: 40, required: false },
		);
		const channelId =
			channelIdText === ''
				? generateChannelId()
				: toChannelId(node, itemIndex, channelIdText, 'channelId');
		const token = readToken(this, itemIndex) ?? generateToken();
		const channelExpiry = readExpiry(this, itemIndex, true) as string;
		const options = readChannelOptions(this, itemIndex);

		const channel: IDataObject = {
			channel_id: channelId,
			events,
			notify_url: notifyUrl,
			token,
			channel_expiry: channelExpiry,
			...options,
		};
		const result = await sendChannel(
			session,
			'POST',
			channel,
			itemIndex,
			'enable the notification channel',
			[token],
		);
		return [answeredChannel(channel, result, channelExpiry)];
	});
}
