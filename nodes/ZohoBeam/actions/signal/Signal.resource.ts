import type { INodeProperties } from 'n8n-workflow';

import * as count from './count.operation';
import * as countByField from './countByField.operation';
import * as send from './send.operation';

export { count, countByField, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['signal'] } },
		options: [
			{
				name: 'Count',
				value: 'count',
				description: 'Count records of a CRM module or Desk tickets',
				action: 'Count records or tickets',
			},
			{
				name: 'Count by Field',
				value: 'countByField',
				description: 'Count Desk tickets grouped by status, priority, channel and more',
				action: 'Count tickets by field',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Raise a custom signal on a CRM record',
				action: 'Send a custom signal',
			},
		],
		default: 'count',
	},
	...count.description,
	...countByField.description,
	...send.description,
];
