import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readOptions } from '../../helpers/params';
import { toZohoId } from '../../helpers/validation';
import { mapWithConcurrency } from '../../transport/batching';
import { deskList } from '../../transport/paging';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	optionsCollection,
	readLimit,
	requestOptions,
	returnAllAndLimit,
} from '../common.descriptions';
import { deskOrgLocator, orgFor, readTicketId, ticketIdLocator } from '../case/shared';
import { conversationItem, ticketLink } from './shared';

const properties: INodeProperties[] = [
	ticketIdLocator,
	...returnAllAndLimit,
	optionsCollection([
		deskOrgLocator,
		{
			displayName: 'Full Content',
			name: 'fullContent',
			type: 'boolean',
			default: false,
			description:
				"Whether to fetch the whole text of every thread (one more request per thread). Off: threads carry Zoho's summary.",
		},
		{
			displayName: 'Include',
			name: 'kinds',
			type: 'multiOptions',
			default: ['threads', 'comments'],
			options: [
				{ name: 'Comments', value: 'comments' },
				{ name: 'Threads (Emails, Replies, Chats …)', value: 'threads' },
			],
			description: 'Which conversation entries to return',
		},
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['getAll'] } },
	properties,
);

/** When an entry happened: threads have `createdTime`, comments `commentedTime`. */
const timeOf = (entry: IDataObject): string =>
	String(entry.createdTime ?? entry.commentedTime ?? '');

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const ticketId = readTicketId(this, itemIndex);
		const limit = readLimit(this, itemIndex);
		const options = readOptions(this, itemIndex);
		const kinds = Array.isArray(options.kinds)
			? (options.kinds as string[])
			: ['threads', 'comments'];
		const orgId = await orgFor(this, session, itemIndex);
		const list = async (kind: 'threads' | 'comments') =>
			kinds.includes(kind)
				? await deskList(session, {
						path: deskPath('tickets', ticketId, kind),
						itemIndex,
						deskOrgId: orgId,
					})
				: [];
		// Both lists are read whole so that the merged list is in time order before the limit applies.
		const [threads, comments] = await Promise.all([list('threads'), list('comments')]);
		let entries = [
			...threads.map((entry) => ({ entry, type: 'thread' as const })),
			...comments.map((entry) => ({ entry, type: 'comment' as const })),
		].sort((a, b) => timeOf(a.entry).localeCompare(timeOf(b.entry)));
		if (limit !== undefined) entries = entries.slice(0, limit);
		if (options.fullContent === true) {
			await mapWithConcurrency(entries, 3, async (row) => {
				if (row.type !== 'thread' || typeof row.entry.id !== 'string') return;
				const full = await session.request<IDataObject>({
					app: 'desk',
					method: 'GET',
					path: deskPath(
						'tickets',
						ticketId,
						'threads',
						toZohoId(this.getNode(), itemIndex, row.entry.id, 'threadId'),
					),
					itemIndex,
					deskOrgId: orgId,
				});
				if (full.body) row.entry = { ...row.entry, ...full.body };
			});
		}
		const deepLink = await ticketLink(session, orgId, ticketId);
		return entries.map((row) => conversationItem(row.entry, ticketId, deepLink, row.type));
	});
}
