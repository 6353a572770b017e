import type { INodeProperties } from 'n8n-workflow';

import * as addComment from './addComment.operation';
import * as deleteComment from './deleteComment.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as reply from './reply.operation';
import * as updateComment from './updateComment.operation';

export { addComment, deleteComment, get, getAll, reply, updateComment };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Add Comment',
				value: 'addComment',
				description: 'Add a public or private comment to a ticket',
				action: 'Add a comment to a ticket',
			},
			{
				name: 'Delete Comment',
				value: 'deleteComment',
				description: 'Delete a ticket comment',
				action: 'Delete a ticket comment',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one thread of a ticket with its full content',
				action: 'Get a ticket thread',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "A ticket's threads and comments in time order",
				action: 'Get many ticket conversations',
			},
			{
				name: 'Reply',
				value: 'reply',
				description: 'Send a reply to the customer on the ticket',
				action: 'Reply to a ticket',
			},
			{
				name: 'Update Comment',
				value: 'updateComment',
				description: 'Change the text of a ticket comment',
				action: 'Update a ticket comment',
			},
		],
		default: 'getAll',
	},
	...addComment.description,
	...deleteComment.description,
	...get.description,
	...getAll.description,
	...reply.description,
	...updateComment.description,
];
