import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deskLinker } from '../../helpers/links';
import type { ZohoId } from '../../helpers/validation';
import { inputError, oneOf, toCleanText } from '../../helpers/validation';
import type { ZohoSession } from '../../transport/session';

/** Parameters and readers the conversation (Desk threads and comments) operations share. */

/** Zoho Desk keeps thread and comment bodies up to this many characters (Desk OAS `content` maxLength is far higher; 32,000 keeps a reply an email). */
export const MAX_CONTENT_LENGTH = 32000;

export const contentTypeParameter = (description: string): INodeProperties => ({
	displayName: 'Content Type',
	name: 'contentType',
	type: 'options',
	default: 'plainText',
	options: [
		{ name: 'HTML', value: 'html' },
		{ name: 'Plain Text', value: 'plainText' },
	],
	description,
});

export const contentParameter = (description: string): INodeProperties => ({
	displayName: 'Content',
	name: 'content',
	type: 'string',
	typeOptions: { rows: 4 },
	required: true,
	default: '',
	placeholder: 'e.g. Thanks for writing in. Your order ships tomorrow.',
	description,
});

export const commentIdParameter: INodeProperties = {
	displayName: 'Comment ID',
	name: 'commentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 189200000100401000',
	description: 'ID of the ticket comment (from Get Many or Add Comment)',
};

/** The content of a reply or comment: required, not blank, within Zoho's length. */
export function readContent(fn: IExecuteFunctions, itemIndex: number): string {
	const node = fn.getNode();
	const raw = fn.getNodeParameter('content', itemIndex, '');
	const text = toCleanText(node, itemIndex, raw, 'content', {
		maxLength: MAX_CONTENT_LENGTH,
		required: false,
	});
	if (text === '') {
		throw inputError(
			node,
			itemIndex,
			`"content" of item ${itemIndex} is empty`,
			'Zoho Desk refuses a reply or comment without text; map or type the message.',
		);
	}
	return text;
}

export function readContentType(fn: IExecuteFunctions, itemIndex: number): 'html' | 'plainText' {
	return oneOf(
		fn.getNode(),
		itemIndex,
		fn.getNodeParameter('contentType', itemIndex, 'plainText'),
		'contentType',
		['html', 'plainText'] as const,
	);
}

/** The ticket's deep link, shared by every thread and comment of it. */
export async function ticketLink(
	session: ZohoSession,
	orgId: string,
	ticketId: ZohoId,
): Promise<string | undefined> {
	return await deskLinker(session, orgId, 'tickets')({ id: ticketId });
}

/** A thread or comment as an output item: `id` and `deepLink` first, then what Zoho said. */
export function conversationItem(
	entry: IDataObject,
	ticketId: ZohoId,
	deepLink: string | undefined,
	type: 'thread' | 'comment',
): IDataObject {
	const { id, ...rest } = entry;
	return { id, deepLink, ticketId, type, ...rest };
}
