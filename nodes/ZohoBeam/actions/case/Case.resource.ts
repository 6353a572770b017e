import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as search from './search.operation';
import * as update from './update.operation';

export { create, get, getAll, search, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['case'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a Desk ticket',
				action: 'Create a ticket',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a Desk ticket',
				action: 'Get a ticket',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List Desk tickets with filters',
				action: 'Get many tickets',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Search Desk tickets',
				action: 'Search tickets',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a Desk ticket',
				action: 'Update a ticket',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...search.description,
	...update.description,
];
