import type { INodeProperties } from 'n8n-workflow';

import * as del from './delete.operation';
import * as download from './download.operation';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';

export { del as delete, download, getAll, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['attachment'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a file from a record or ticket',
				action: 'Delete an attachment',
			},
			{
				name: 'Download',
				value: 'download',
				description: 'Download a file into a binary property',
				action: 'Download an attachment',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the files of a record or ticket',
				action: 'Get many attachments',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Attach a file from a binary property',
				action: 'Upload an attachment',
			},
		],
		default: 'getAll',
	},
	...del.description,
	...download.description,
	...getAll.description,
	...upload.description,
];
