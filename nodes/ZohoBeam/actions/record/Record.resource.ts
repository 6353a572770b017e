import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteRecord from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as query from './query.operation';
import * as search from './search.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';
import * as addTags from './addTags.operation';
import * as convertLead from './convertLead.operation';
import * as getRelated from './getRelated.operation';
import * as linkRelated from './linkRelated.operation';
import * as removeTags from './removeTags.operation';
import * as unlinkRelated from './unlinkRelated.operation';

export { create, deleteRecord as delete, get, getAll, query, search, update, upsert };
export { addTags, convertLead, getRelated, linkRelated, removeTags, unlinkRelated };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['record'] } },
		options: [
			{
				name: 'Add Tags',
				value: 'addTags',
				description: 'Add tags to CRM records (batched, up to 100 per request)',
				action: 'Add tags to a record',
			},
			{
				name: 'Convert Lead',
				value: 'convertLead',
				description: 'Convert a CRM lead into a contact and an account, optionally with a deal',
				action: 'Convert a lead',
			},
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
				name: 'Get Related Records',
				value: 'getRelated',
				description: 'List the records of a related list, e.g. the contacts of an account',
				action: 'Get related records',
			},
			{
				name: 'Link Related Record',
				value: 'linkRelated',
				description: 'Add a record to a related list of another record',
				action: 'Link a related record',
			},
			{
				name: 'Query (COQL)',
				value: 'query',
				description: 'Run a COQL query',
				action: 'Run a COQL query',
			},
			{
				name: 'Remove Tags',
				value: 'removeTags',
				description: 'Remove tags from CRM records (batched, up to 100 per request)',
				action: 'Remove tags from a record',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Search records by criteria, email, phone or word',
				action: 'Search records',
			},
			{
				name: 'Unlink Related Record',
				value: 'unlinkRelated',
				description: 'Remove a record from a related list (both records stay)',
				action: 'Unlink a related record',
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
	...addTags.description,
	...convertLead.description,
	...getRelated.description,
	...linkRelated.description,
	...removeTags.description,
	...unlinkRelated.description,
];
