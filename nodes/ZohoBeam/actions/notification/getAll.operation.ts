import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readLimit, readOptions } from '../../helpers/params';
import { toCleanText, toModuleName } from '../../helpers/validation';
import { crmList } from '../../transport/paging';
import type { ZohoSession } from '../../transport/session';
import { optionsCollection, requestOptions, returnAllAndLimit } from '../common.descriptions';
import { mergeChannelRows, normalizeChannel, toChannelId, WATCH_PATH } from './shared';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	optionsCollection([
		{
			displayName: 'Channel ID',
			name: 'channelId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1000000068001',
			description: 'Only the channel with this ID',
		},
		{
			displayName: 'Module',
			name: 'module',
			type: 'string',
			default: '',
			placeholder: 'e.g. Leads',
			description: 'Only channels watching this module (its API name)',
		},
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['notification'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const node = this.getNode();
		const limit = readLimit(this, itemIndex);
		const options = readOptions(this, itemIndex);
		const qs: IDataObject = {};
		const channelId = toCleanText(node, itemIndex, options.channelId, 'channelId', {
			maxLength: 40,
			required: false,
		});
		if (channelId) qs.channel_id = toChannelId(node, itemIndex, channelId, 'channelId');
		const module = toCleanText(node, itemIndex, options.module, 'module', {
			maxLength: 100,
			required: false,
		});
		if (module) qs.module = toModuleName(node, itemIndex, module, 'module');
		const channels = await crmList(session, {
			path: WATCH_PATH,
			qs,
			dataKey: 'watch',
			limit,
			itemIndex,
		});
		return mergeChannelRows(channels).map((channel) => normalizeChannel(channel));
	});
}
