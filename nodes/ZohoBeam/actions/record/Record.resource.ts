import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteRecord from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as query from './query.operation';
import * as search from './search.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { create, deleteRecord as delete, get, getAll, query, search, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['record'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create records (batched, up to 100 per request)',
				action: 'Create a record',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a record',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete records (batched, up to 100 per request)',
				action: 'Delete a record',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a record by ID',
				action: 'Get a record',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List records of a module',
				action: 'Get many records',
			},
			{
				name: 'Query (COQL)',
				value: 'query',
				description: 'Run a COQL query',
				action: 'Run a COQL query',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Search records by criteria, email, phone or word',
				action: 'Search records',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update records (CRM: batched, up to 100 per request)',
				action: 'Update a record',
			},
		],
		// A read: choosing the Record resource must never land on an operation that writes.
		default: 'get',
	},
	...create.description,
	...deleteRecord.description,
	...get.description,
	...getAll.description,
	...query.description,
	...search.description,
	...update.description,
	...upsert.description,
];
