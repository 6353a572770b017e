import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { answerError, zohoErrorInfo } from '../../transport/errors';
import type { ZohoSession } from '../../transport/session';
import { optionsCollection, requestOptions } from '../common.descriptions';
import { normalizeChannel, readChannelIds, watchRequest } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Channel IDs',
		name: 'channelIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1000000068001,1000000068002',
		description: 'IDs of the channels to stop, separated by commas (or a list from an expression)',
	},
	optionsCollection([...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['notification'], operation: ['disable'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const node = this.getNode();
		const channelIds = readChannelIds(this, itemIndex);
		const response = await watchRequest(
			session,
			{
				method: 'DELETE',
				qs: { channel_ids: channelIds.join(',') },
				itemIndex,
				perRecordKey: 'watch',
			},
			[],
		);
		const results = Array.isArray(response.body?.watch)
			? (response.body?.watch as IDataObject[])
			: [];
		const disabled: IDataObject[] = [];
		const failed: Array<{ channelId: string; info: ReturnType<typeof zohoErrorInfo> }> = [];
		channelIds.forEach((id, index) => {
			const channelId = String(id);
			const result =
				results.find(
					(row) => String((row.details as IDataObject | undefined)?.channel_id ?? '') === channelId,
				) ??
				results[index] ??
				{};
			if (
				String(result.status ?? '').toLowerCase() === 'error' ||
				(response.statusCode >= 400 && result.status === undefined)
			) {
				failed.push({
					channelId,
					info: zohoErrorInfo(result, 'Zoho refused to disable the channel'),
				});
				return;
			}
			const details = (result.details ?? {}) as IDataObject;
			const { events: _events, ...channel } = normalizeChannel({
				channel_id: channelId,
				events: details.events,
			});
			disabled.push({
				...channel,
				disabled: true,
				code: result.code,
				status: result.status,
				message: result.message,
			});
		});
		if (failed.length) {
			const first = failed[0].info;
			const list = failed.map((entry) => `${entry.channelId} (${entry.info.message})`).join(', ');
			const done = disabled.length
				? ` The other channels (${disabled.map((entry) => entry.channelId).join(', ')}) were disabled.`
				: '';
			throw answerError(node, itemIndex, {
				code: first.code,
				message: `Zoho could not disable channel${failed.length > 1 ? 's' : ''} ${list}`,
				description: `Zoho CRM ${first.code}. A channel that expired or was already disabled no longer exists; check the IDs with Notification → Get Many.${done}`,
				data: {
					...(first as unknown as IDataObject),
					failedChannelIds: failed.map((entry) => entry.channelId),
				},
			});
		}
		return disabled;
	});
}
