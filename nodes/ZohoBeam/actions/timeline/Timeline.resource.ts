import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['timeline'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the timeline of a CRM record or the history of a Desk ticket',
				action: 'Get a timeline',
			},
		],
		default: 'get',
	},
	...get.description,
];
