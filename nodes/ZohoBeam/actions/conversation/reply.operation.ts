import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readUpload } from '../../helpers/binary';
import { runPerItem } from '../../helpers/items';
import { readOptions } from '../../helpers/params';
import type { ZohoId } from '../../helpers/validation';
import { inputError, oneOf, toCleanText, toZohoId } from '../../helpers/validation';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { optionsCollection, requestOptions } from '../common.descriptions';
import { deskOrgLocator, orgFor, readTicketId, ticketIdLocator } from '../case/shared';
import { DESK_ATTACHMENT_LIMIT } from '../attachment/shared';
import {
	contentParameter,
	contentTypeParameter,
	conversationItem,
	readContent,
	readContentType,
	ticketLink,
} from './shared';

/** Reply channels of Zoho Desk's Send Reply API (https://desk.zoho.com/DeskAPIDocument#Threads). */
const CHANNELS = ['auto', 'EMAIL', 'FACEBOOK', 'TWITTER', 'FORUMS'] as const;
type Channel = (typeof CHANNELS)[number];

const properties: INodeProperties[] = [
	ticketIdLocator,
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		default: 'auto',
		options: [
			{ name: 'Email', value: 'EMAIL' },
			{ name: 'Facebook', value: 'FACEBOOK' },
			{ name: 'Forums', value: 'FORUMS' },
			{
				name: "Ticket's Channel",
				value: 'auto',
				description: 'Reply where the ticket came from (email for web, phone and email tickets)',
			},
			{ name: 'Twitter', value: 'TWITTER' },
		],
		description: 'Where the reply is sent',
	},
	contentParameter('Text of the reply the customer receives'),
	contentTypeParameter('Whether the content is HTML or plain text (email replies)'),
	optionsCollection([
		{
			displayName: 'Attachments (Binary Properties)',
			name: 'attachmentBinaryProperties',
			type: 'string',
			default: '',
			placeholder: 'e.g. data, invoice',
			description:
				'Comma-separated names of binary properties of the input item to attach to an email reply',
		},
		{
			displayName: 'BCC',
			name: 'bcc',
			type: 'string',
			default: '',
			placeholder: 'e.g. audit@example.com',
			description: 'Comma-separated addresses that get a blind copy (email replies)',
		},
		{
			displayName: 'CC',
			name: 'cc',
			type: 'string',
			default: '',
			placeholder: 'e.g. manager@example.com',
			description: 'Comma-separated addresses that get a copy (email replies)',
		},
		deskOrgLocator,
		{
			displayName: 'From Address',
			name: 'fromEmailAddress',
			type: 'string',
			default: '',
			placeholder: 'e.g. support@example.com',
			description:
				"Support address of the ticket's department to send from. Empty: the address the customer last wrote to.",
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			placeholder: 'e.g. customer@example.com',
			description: "Comma-separated recipients. Empty: the ticket's contact email.",
		},
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['reply'] } },
	properties,
);

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[A-Za-z]{2,}$/;

/** A comma-separated list of email addresses, each checked; undefined when empty. */
function readAddresses(
	fn: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	parameter: string,
	single = false,
): string | undefined {
	const node = fn.getNode();
	const text = toCleanText(node, itemIndex, value, parameter, {
		maxLength: 13000,
		required: false,
	});
	if (text === '') return undefined;
	const list = text
		.split(/[,;]/)
		.map((entry) => entry.trim())
		.filter(Boolean);
	for (const address of list) {
		if (!EMAIL.test(address))
			throw inputError(
				node,
				itemIndex,
				`"${parameter}" has ${JSON.stringify(address.slice(0, 60))}, which is not an email address`,
			);
	}
	if (single && list.length > 1)
		throw inputError(node, itemIndex, `"${parameter}" takes one address, got ${list.length}`);
	return list.join(',');
}

/** The reply channel for a ticket's `channel` (Email, Web, Phone … are answered by email). */
function channelFor(ticketChannel: unknown): Exclude<Channel, 'auto'> {
	const value = String(ticketChannel ?? '').toUpperCase();
	return value === 'FACEBOOK' || value === 'TWITTER' || value === 'FORUMS' ? value : 'EMAIL';
}

interface Addressing {
	to?: string;
	from?: string;
}

/** Fills a missing From / To from the ticket: its contact email, and the address the customer last wrote to. */
async function addressing(
	session: ZohoSession,
	ticketId: ZohoId,
	orgId: string,
	itemIndex: number,
	ticket: IDataObject,
): Promise<Addressing> {
	const threads = await session.request<{ data?: IDataObject[] }>({
		app: 'desk',
		method: 'GET',
		path: deskPath('tickets', ticketId, 'threads'),
		qs: { from: 0, limit: 100 },
		itemIndex,
		deskOrgId: orgId,
	});
	const inbound = (threads.body?.data ?? [])
		.filter(
			(thread) =>
				thread.direction === 'in' && String(thread.channel ?? '').toUpperCase() === 'EMAIL',
		)
		.sort((a, b) => String(b.createdTime ?? '').localeCompare(String(a.createdTime ?? '')))[0];
	const firstAddress = (value: unknown) =>
		typeof value === 'string'
			? value.split(/[,;]/)[0].replace(/^.*</, '').replace(/>.*$/, '').trim()
			: '';
	return {
		to:
			(typeof ticket.email === 'string' && ticket.email) ||
			firstAddress(inbound?.fromEmailAddress) ||
			undefined,
		from: firstAddress(inbound?.to) || undefined,
	};
}

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const node = this.getNode();
		// Every check first: nothing is sent (no file uploaded) for an item with bad input.
		const ticketId = readTicketId(this, itemIndex);
		const chosen = oneOf(
			node,
			itemIndex,
			this.getNodeParameter('channel', itemIndex, 'auto'),
			'channel',
			CHANNELS,
		);
		const content = readContent(this, itemIndex);
		const contentType = readContentType(this, itemIndex);
		const options = readOptions(this, itemIndex);
		let to = readAddresses(this, itemIndex, options.to, 'to');
		let from = readAddresses(this, itemIndex, options.fromEmailAddress, 'fromEmailAddress', true);
		const cc = readAddresses(this, itemIndex, options.cc, 'cc');
		const bcc = readAddresses(this, itemIndex, options.bcc, 'bcc');
		const properties = toCleanText(
			node,
			itemIndex,
			options.attachmentBinaryProperties,
			'attachmentBinaryProperties',
			{ maxLength: 1000, required: false },
		)
			.split(',')
			.map((name) => name.trim())
			.filter(Boolean);
		const files = [];
		for (const property of properties)
			files.push(await readUpload(this, items, itemIndex, property, DESK_ATTACHMENT_LIMIT));

		const orgId = await orgFor(this, session, itemIndex);
		let channel = chosen === 'auto' ? undefined : chosen;
		if (!channel || (channel === 'EMAIL' && (!to || !from))) {
			const ticket =
				(
					await session.request<IDataObject>({
						app: 'desk',
						method: 'GET',
						path: deskPath('tickets', ticketId),
						itemIndex,
						deskOrgId: orgId,
					})
				).body ?? {};
			channel = channel ?? channelFor(ticket.channel);
			if (channel === 'EMAIL' && (!to || !from)) {
				const found = await addressing(session, ticketId, orgId, itemIndex, ticket);
				to = to ?? found.to;
				from = from ?? found.from;
			}
		}
		if (channel !== 'EMAIL' && files.length) {
			throw inputError(
				node,
				itemIndex,
				`Attachments can only be sent with email replies; this reply goes to ${channel}`,
			);
		}
		if (channel === 'EMAIL' && !from) {
			throw inputError(
				node,
				itemIndex,
				`No From address for the email reply to ticket ${ticketId}`,
				"The ticket has no email from the customer to take the support address from. Set Options > From Address to a support address of the ticket's department.",
			);
		}

		const attachmentIds: string[] = [];
		for (const file of files) {
			const uploaded = await session.request<IDataObject>({
				app: 'desk',
				method: 'POST',
				path: deskPath('uploads'),
				rawBody: file.body,
				headers: { 'Content-Type': file.contentType },
				itemIndex,
				deskOrgId: orgId,
			});
			attachmentIds.push(toZohoId(node, itemIndex, uploaded.body?.id, 'attachmentId'));
		}
		const reply: IDataObject = { channel, content };
		if (channel === 'EMAIL') {
			reply.contentType = contentType;
			reply.fromEmailAddress = from;
			if (to) reply.to = to;
			if (cc) reply.cc = cc;
			if (bcc) reply.bcc = bcc;
			if (attachmentIds.length) reply.attachmentIds = attachmentIds;
		}
		const response = await session.request<IDataObject>({
			app: 'desk',
			method: 'POST',
			path: deskPath('tickets', ticketId, 'sendReply'),
			body: reply,
			itemIndex,
			deskOrgId: orgId,
		});
		return [
			conversationItem(
				response.body ?? {},
				ticketId,
				await ticketLink(session, orgId, ticketId),
				'thread',
			),
		];
	});
}
