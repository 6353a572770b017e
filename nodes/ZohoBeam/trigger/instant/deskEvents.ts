import type { IDataObject } from 'n8n-workflow';

import { deskLinker } from '../../helpers/links';
import type { DeskEntity } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';

/**
 * Zoho Desk webhook events (https://desk.zoho.com/support/WebhookDocument.do and the Webhooks
 * section of https://desk.zoho.com/DeskAPIDocument): the subscription names, and for each the
 * Desk object its payload is or belongs to (for the deep link).
 */
export const DESK_EVENTS: Array<{
	name: string;
	value: string;
	description: string;
	entity?: DeskEntity;
}> = [
	{
		name: 'Account Added',
		value: 'Account_Add',
		description: 'A Desk account is created',
		entity: 'accounts',
	},
	{
		name: 'Account Deleted',
		value: 'Account_Delete',
		description: 'A Desk account is deleted',
		entity: 'accounts',
	},
	{
		name: 'Account Updated',
		value: 'Account_Update',
		description: 'A Desk account changes',
		entity: 'accounts',
	},
	{
		name: 'Contact Added',
		value: 'Contact_Add',
		description: 'A contact is created',
		entity: 'contacts',
	},
	{
		name: 'Contact Deleted',
		value: 'Contact_Delete',
		description: 'A contact is deleted',
		entity: 'contacts',
	},
	{
		name: 'Contact Updated',
		value: 'Contact_Update',
		description: 'A contact changes',
		entity: 'contacts',
	},
	{ name: 'Task Added', value: 'Task_Add', description: 'A task is created', entity: 'tasks' },
	{ name: 'Task Deleted', value: 'Task_Delete', description: 'A task is deleted', entity: 'tasks' },
	{ name: 'Task Updated', value: 'Task_Update', description: 'A task changes', entity: 'tasks' },
	{
		name: 'Ticket Added',
		value: 'Ticket_Add',
		description: 'A ticket is created',
		entity: 'tickets',
	},
	{
		name: 'Ticket Approval Added',
		value: 'Ticket_Approval_Add',
		description: 'An approval is requested on a ticket',
		entity: 'tickets',
	},
	{
		name: 'Ticket Approval Updated',
		value: 'Ticket_Approval_Update',
		description: 'A ticket approval changes',
		entity: 'tickets',
	},
	{
		name: 'Ticket Attachment Added',
		value: 'Ticket_Attachment_Add',
		description: 'A file is attached to a ticket',
		entity: 'tickets',
	},
	{
		name: 'Ticket Attachment Deleted',
		value: 'Ticket_Attachment_Delete',
		description: 'A file is removed from a ticket',
		entity: 'tickets',
	},
	{
		name: 'Ticket Attachment Updated',
		value: 'Ticket_Attachment_Update',
		description: 'A ticket attachment changes',
		entity: 'tickets',
	},
	{
		name: 'Ticket Comment Added',
		value: 'Ticket_Comment_Add',
		description: 'A comment is added to a ticket',
		entity: 'tickets',
	},
	{
		name: 'Ticket Comment Updated',
		value: 'Ticket_Comment_Update',
		description: 'A ticket comment changes',
		entity: 'tickets',
	},
	{
		name: 'Ticket Deleted',
		value: 'Ticket_Delete',
		description: 'A ticket is moved to the recycle bin',
		entity: 'tickets',
	},
	{
		name: 'Ticket Thread Added',
		value: 'Ticket_Thread_Add',
		description: 'An email, reply or other thread is added to a ticket',
		entity: 'tickets',
	},
	{
		name: 'Ticket Updated',
		value: 'Ticket_Update',
		description: 'A ticket changes (with the previous values if chosen)',
		entity: 'tickets',
	},
];

const ENTITY_BY_EVENT = new Map(DESK_EVENTS.map((event) => [event.value, event.entity]));
export const DESK_EVENT_NAMES = new Set(DESK_EVENTS.map((event) => event.value));
/** Events whose payload is not the ticket itself but belongs to one (`ticketId`). */
const TICKET_CHILD = /^Ticket_(Thread|Comment|Attachment|Approval)_/;

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** `1538713770380` or an ISO text → ISO text; anything else unchanged. */
function isoTime(value: IDataObject[string]): IDataObject[string] {
	const ms =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\d{10,16}$/.test(value)
				? Number(value)
				: NaN;
	return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
}

/**
 * One item per event of Zoho's event array: `id` and `deepLink` first, then `event`, `module`,
 * the payload's fields, `prevState` (when Zoho sent it), `orgId` and `eventTime`.
 */
export async function deskEventItems(
	session: ZohoSession | undefined,
	orgId: string,
	body: unknown,
): Promise<IDataObject[]> {
	const events = (Array.isArray(body) ? body : [body]).filter(isObject);
	const items: IDataObject[] = [];
	for (const event of events) {
		const eventType = typeof event.eventType === 'string' ? event.eventType : 'unknown';
		const payload = isObject(event.payload) ? event.payload : {};
		const entity = ENTITY_BY_EVENT.get(eventType);
		const eventOrg =
			event.orgId === undefined || event.orgId === null ? orgId : String(event.orgId);
		const ownerId = TICKET_CHILD.test(eventType) ? payload.ticketId : payload.id;
		let deepLink: string | undefined;
		if (session && entity && ownerId !== undefined && ownerId !== null) {
			const record = TICKET_CHILD.test(eventType) ? { id: ownerId } : payload;
			deepLink = await deskLinker(session, eventOrg, entity)(record).catch(() => undefined);
		}
		const item: IDataObject = {
			id: payload.id === undefined || payload.id === null ? null : String(payload.id),
			deepLink: deepLink ?? null,
			event: eventType,
			module: entity ?? null,
		};
		for (const [key, value] of Object.entries(payload)) if (!(key in item)) item[key] = value;
		if (event.prevState !== undefined) item.prevState = event.prevState;
		item.orgId = eventOrg;
		item.eventTime = isoTime(event.eventTime);
		items.push(item);
	}
	return items;
}
