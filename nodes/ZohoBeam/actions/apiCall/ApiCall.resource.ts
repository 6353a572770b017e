import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['apiCall'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description:
					'Call any Zoho CRM or Desk API path with your data center, organization, retries and paging handled',
				action: 'Send a request to any endpoint',
			},
		],
		default: 'send',
	},
	...send.description,
];
