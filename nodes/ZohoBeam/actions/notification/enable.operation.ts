import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readOptions } from '../../helpers/params';
import { toCleanText, toHttpUrl } from '../../helpers/validation';
import { requestOptions } from '../common.descriptions';
import type { ZohoSession } from '../../transport/session';
import {
	channelExpiryProperty,
	channelOptions,
	customModuleNotice,
	detailRows,
	eventsProperty,
	generateChannelId,
	generateToken,
	normalizeChannel,
	readChannelOptions,
	readEvents,
	readExpiry,
	readToken,
	toChannelId,
	tokenProperty,
	watchRequest,
	watchResult,
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
		description: 'The http(s) URL Zoho calls (POST, JSON) when a watched event happens, for example the production URL of an n8n Webhook node',
	},
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1000000068001',
		description: 'Your ID for the channel, a positive whole number; Zoho sends it with every notification. Empty: a random ID is generated and returned in the output.',
	},
	tokenProperty(false),
	channelExpiryProperty(false),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...channelOptions, ...requestOptions],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['notification'], operation: ['enable'] } }, properties);

export async function execute(this: IExecuteFunctions, session: ZohoSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const node = this.getNode();
		const events = readEvents(this, itemIndex, true);
		const notifyUrl = toHttpUrl(node, itemIndex, this.getNodeParameter('notifyUrl', itemIndex, ''), 'notifyUrl');
		const channelIdText = toCleanText(node, itemIndex, this.getNodeParameter('channelId', itemIndex, ''), 'channelId', { maxLength: 40, required: false });
		const channelId = channelIdText === '' ? generateChannelId() : toChannelId(node, itemIndex, channelIdText, 'channelId');
		const token = readToken(this, itemIndex) ?? generateToken();
		const channelExpiry = readExpiry(this, itemIndex, true) as string;
		const options = readChannelOptions(this, itemIndex, readOptions(this, itemIndex));

		const channel: IDataObject = {
			channel_id: channelId,
			events,
			notify_url: notifyUrl,
			token,
			channel_expiry: channelExpiry,
			...options,
		};
		const response = await watchRequest(session, { method: 'POST', body: { watch: [channel] }, itemIndex, perRecordKey: 'watch' }, [token]);
		const result = watchResult(node, response, itemIndex, 'enable the notification channel', [token]);
		const rows = detailRows(result);
		return [
			normalizeChannel(channel, {
				channel_expiry: rows.find((row) => row.channel_expiry !== undefined)?.channel_expiry ?? channelExpiry,
				resources: rows,
				code: result.code,
				status: result.status,
				message: result.message,
			}),
		];
	});
}
