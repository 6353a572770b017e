import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, del as delete, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['note'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a note to a CRM record (batched, up to 100 a request)',
				action: 'Create a note',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a note', action: 'Delete a note' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many notes of one record or of the whole organization',
				action: 'Get many notes',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the title or text of a note',
				action: 'Update a note',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...getAll.description,
	...update.description,
];
