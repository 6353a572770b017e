import type { INodeProperties } from 'n8n-workflow';

import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { disable, enable, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['notification'] } },
		options: [
			{
				name: 'Disable',
				value: 'disable',
				description: 'Stop notification channels',
				action: 'Disable channels',
			},
			{
				name: 'Enable',
				value: 'enable',
				description: 'Start a notification channel that calls a URL when records change',
				action: 'Enable a channel',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List notification channels',
				action: 'Get many channels',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change or renew a notification channel',
				action: 'Update a channel',
			},
		],
		default: 'getAll',
	},
	...disable.description,
	...enable.description,
	...getAll.description,
	...update.description,
];
