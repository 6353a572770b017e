import { randomInt } from 'crypto';
import type { IDataObject, IExecuteFunctions, INode, INodeProperties, JsonObject } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import { MODULE_NAME_SOURCE, wholeValue } from '../../config/ids';
import { formatCrmDateTime, readDateTime } from '../../helpers/dates';
import { readOptions } from '../../helpers/params';
import { describeValue, inputError, parseJsonObject, sanitizeJsonValue, toCleanText } from '../../helpers/validation';
import { asNodeError, recordError } from '../../transport/errors';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import type { ZohoRequest, ZohoResponse } from '../../transport/types';

/** Pieces the notification (watch channel) operations share. */

export const WATCH_PATH = crmPath('v8', 'actions', 'watch');
export const WEEK_MS = 7 * 24 * 3600 * 1000;
export const TOKEN_MAX = 50;
/** Generated channel IDs are below 2^48, like Zoho's own examples (a positive long). */
const CHANNEL_ID_CEILING = 2 ** 48;
const EVENT = new RegExp(wholeValue(`${MODULE_NAME_SOURCE}\\.(create|edit|delete|all)`));
const CHANNEL_ID = /^[0-9]{1,16}$/;

// ---------------------------------------------------------------- parameters

export const eventsProperty: INodeProperties = {
	displayName: 'Event Names or IDs',
	name: 'events',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getNotificationEvents' },
	required: true,
	default: [],
	description:
		'The record events that call the notify URL, such as Leads.create or Deals.edit. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const updateEventsProperty: INodeProperties = {
	displayName: 'Event Names or IDs',
	name: 'events',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getNotificationEvents' },
	default: [],
	description:
		'The events the channel watches from now on. Empty: keep the current events (the node reads them and sends them again, so Zoho does not drop them). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const customModuleNotice: INodeProperties = {
	displayName: 'Only standard modules can be watched: Zoho sends no notifications for custom modules',
	name: 'customModuleNotice',
	type: 'notice',
	default: '',
};

export const channelExpiryProperty = (forUpdate: boolean): INodeProperties => ({
	displayName: 'Channel Expiry',
	name: 'channelExpiry',
	type: 'dateTime',
	default: '',
	description: forUpdate
		? 'When the channel stops, at most one week ahead. Set it to renew the channel. Empty: keep the current expiry.'
		: 'When the channel stops, at most one week ahead (Zoho\'s limit). Empty: one week from now. Renew the channel with Update before it expires.',
});

export const tokenProperty = (forUpdate: boolean): INodeProperties => ({
	displayName: 'Token',
	name: 'token',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: forUpdate
		? `Secret Zoho sends back with every notification, up to ${TOKEN_MAX} characters. Empty: keep the current token.`
		: `Secret Zoho sends back with every notification so the receiver can verify it, up to ${TOKEN_MAX} characters. Empty: a random token is generated and returned in the output.`,
});

export const channelOptions: INodeProperties[] = [
	{
		displayName: 'Notification Condition (JSON)',
		name: 'notificationCondition',
		type: 'json',
		default: '',
		placeholder: '[{"type":"field_selection","module":{"api_name":"Deals"},"field_selection":{"field":{"api_name":"Stage"}}}]',
		description: 'Zoho notification_condition: notify only when these fields change. A JSON array of conditions (a single object is accepted too).',
	},
	{
		displayName: 'Notify on Related Action',
		name: 'notifyOnRelatedAction',
		type: 'boolean',
		default: false,
		description: 'Whether to also notify when a related record (note, attachment …) of a watched record changes',
	},
	{
		displayName: 'Return Affected Field Values',
		name: 'returnAffectedFieldValues',
		type: 'boolean',
		default: false,
		description: 'Whether notifications include the new values of the fields that changed',
	},
];

// ---------------------------------------------------------------- readers

export function readEvents(fn: IExecuteFunctions, itemIndex: number, required: boolean): string[] {
	const node = fn.getNode();
	const raw = fn.getNodeParameter('events', itemIndex, []) as unknown;
	const list = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : raw === undefined || raw === null ? [] : [raw])
		.map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== '');
	for (const entry of list) {
		if (typeof entry !== 'string' || !EVENT.test(entry)) {
			throw inputError(
				node,
				itemIndex,
				`"events" has an invalid event ${describeValue(entry)}`,
				'An event is a module API name and an action: Leads.create, Deals.edit, Contacts.delete or Accounts.all.',
			);
		}
	}
	if (required && list.length === 0) throw inputError(node, itemIndex, '"events" needs at least one event, like Leads.create');
	return [...new Set(list as string[])];
}

/** A channel ID typed or mapped by the user: a positive whole number Zoho and JSON can both carry. */
export function toChannelId(node: INode, itemIndex: number, value: unknown, parameter: string): number {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
	const id = text !== undefined && CHANNEL_ID.test(text) ? Number(text) : NaN;
	if (!Number.isSafeInteger(id) || id < 1) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must be a channel ID (a positive whole number, digits only), got ${describeValue(value)}`,
			'Take the channel ID from the output of Notification → Enable or Get Many.',
		);
	}
	return id;
}

export function readChannelIds(fn: IExecuteFunctions, itemIndex: number): number[] {
	const raw = fn.getNodeParameter('channelIds', itemIndex, '') as unknown;
	const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [raw];
	const ids = list
		.map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== '' && entry !== undefined && entry !== null)
		.map((entry) => toChannelId(fn.getNode(), itemIndex, entry, 'channelIds'));
	if (ids.length === 0) throw inputError(fn.getNode(), itemIndex, '"channelIds" needs at least one channel ID');
	return [...new Set(ids)];
}

export function generateChannelId(): number {
	return randomInt(1, CHANNEL_ID_CEILING);
}

/** The channel token: never echoed in error messages. Undefined when empty. */
export function readToken(fn: IExecuteFunctions, itemIndex: number): string | undefined {
	const token = toCleanText(fn.getNode(), itemIndex, fn.getNodeParameter('token', itemIndex, ''), 'token', { maxLength: TOKEN_MAX, required: false });
	return token === '' ? undefined : token;
}

export function generateToken(): string {
	return randomString(40);
}

/**
 * The channel expiry, checked against Zoho's limit (in the future, at most one week ahead) and
 * formatted for Zoho. Empty: one week from now when `defaultToWeek`, else undefined.
 */
export function readExpiry(fn: IExecuteFunctions, itemIndex: number, defaultToWeek: boolean): string | undefined {
	const node = fn.getNode();
	const now = Date.now();
	const latest = now + WEEK_MS;
	const ms = readDateTime(fn, itemIndex, fn.getNodeParameter('channelExpiry', itemIndex, ''), 'channelExpiry');
	if (ms === undefined) return defaultToWeek ? formatCrmDateTime(latest) : undefined;
	if (ms <= now) {
		throw inputError(node, itemIndex, `"channelExpiry" (${formatCrmDateTime(ms)}) is in the past`, 'Set a time within the next seven days.');
	}
	if (ms > latest) {
		throw inputError(
			node,
			itemIndex,
			`"channelExpiry" (${formatCrmDateTime(ms)}) is more than one week ahead; the latest Zoho allows is ${formatCrmDateTime(latest)}`,
			'Zoho keeps a notification channel for at most one week. Set an earlier time, and renew the channel with Update before it expires.',
		);
	}
	return formatCrmDateTime(ms);
}

/** Boolean and JSON options shared by Enable and Update, in Zoho's names. */
export function readChannelOptions(fn: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = fn.getNode();
	const options = readOptions(fn, itemIndex);
	const out: IDataObject = {};
	if (typeof options.returnAffectedFieldValues === 'boolean') out.return_affected_field_values = options.returnAffectedFieldValues;
	if (typeof options.notifyOnRelatedAction === 'boolean') out.notify_on_related_action = options.notifyOnRelatedAction;
	const condition = options.notificationCondition;
	if (condition !== undefined && condition !== null && !(typeof condition === 'string' && condition.trim() === '')) {
		let parsed: unknown = condition;
		if (typeof condition === 'string') {
			const text = condition.trim();
			if (text.startsWith('[')) {
				try {
					parsed = JSON.parse(text);
				} catch (error) {
					throw inputError(node, itemIndex, `"notificationCondition" is not valid JSON: ${(error as Error).message}`);
				}
			} else {
				parsed = parseJsonObject(node, itemIndex, text, 'notificationCondition');
			}
		}
		const list = Array.isArray(parsed) ? parsed : [parsed];
		if (list.length === 0 || list.some((entry) => entry === null || typeof entry !== 'object' || Array.isArray(entry))) {
			throw inputError(
				node,
				itemIndex,
				'"notificationCondition" must be a JSON object or an array of objects',
				'For example [{"type":"field_selection","module":{"api_name":"Deals"},"field_selection":{"field":{"api_name":"Stage"}}}].',
			);
		}
		out.notification_condition = sanitizeJsonValue(node, itemIndex, list, 'notificationCondition') as IDataObject[];
	}
	return out;
}

// ---------------------------------------------------------------- requests and answers

/** Removes every occurrence of the token from an error, so it never shows in a message or log. */
function redact<T>(value: T, secrets: string[]): T {
	if (typeof value === 'string') {
		return secrets.reduce((text, secret) => text.split(secret).join('[token hidden]'), value as string) as unknown as T;
	}
	if (Array.isArray(value)) return value.map((entry) => redact(entry, secrets)) as unknown as T;
	if (value && typeof value === 'object') {
		const copy: IDataObject = {};
		for (const [key, entry] of Object.entries(value as IDataObject)) copy[key] = redact(entry, secrets) as IDataObject[string];
		return copy as T;
	}
	return value;
}

function scrubError<E extends Error>(error: E, secrets: string[]): E {
	const active = secrets.filter((secret) => secret.length > 0);
	if (!active.length) return error;
	const target = error as E & { description?: string | null; errorResponse?: JsonObject; cause?: unknown };
	target.message = redact(target.message, active);
	if (typeof target.description === 'string') target.description = redact(target.description, active);
	if (target.errorResponse) target.errorResponse = redact(target.errorResponse, active);
	return error;
}

/** `session.request` for watch calls: any failure is cleaned of the channel token. */
export async function watchRequest(session: ZohoSession, request: Omit<ZohoRequest, 'app' | 'path'>, secrets: string[]): Promise<ZohoResponse<IDataObject>> {
	try {
		return await session.request<IDataObject>({ app: 'crm', path: WATCH_PATH, ...request });
	} catch (error) {
		throw scrubError(asNodeError(session.node, error, request.itemIndex), secrets);
	}
}

/** The per-channel answer of Zoho (first of `watch[]`); throws its error when Zoho refused. */
function watchResult(node: INode, response: ZohoResponse<IDataObject>, itemIndex: number, what: string, secrets: string[]): IDataObject {
	const body = response.body ?? {};
	const results = Array.isArray(body.watch) ? (body.watch as IDataObject[]) : [body];
	const failed = results.find((result) => String(result?.status ?? '').toLowerCase() === 'error');
	if (failed || response.statusCode >= 400) {
		const refused = redact(failed ?? body, secrets.filter(Boolean));
		const custom = /custom|not.*support|INVALID_MODULE|NOT_SUPPORTED/i.test(`${refused.code ?? ''} ${refused.message ?? ''}`)
			? ' Only standard modules can be watched; custom modules are not supported by Zoho notifications.'
			: '';
		throw recordError(node, 'crm', refused, itemIndex, { subject: `to ${what}`, hint: `Check the channel settings.${custom}` });
	}
	return results[0] ?? {};
}

const KNOWN_KEYS: Record<string, string> = {
	channel_id: 'channelId',
	channel_expiry: 'channelExpiry',
	notify_url: 'notifyUrl',
	token: 'token',
	return_affected_field_values: 'returnAffectedFieldValues',
	notify_on_related_action: 'notifyOnRelatedAction',
	notification_condition: 'notificationCondition',
};
const RESOURCE_KEYS = new Set(['events', 'resources', 'resource_uri', 'resource_id', 'resource_name']);

const isObject = (value: unknown): value is IDataObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Zoho lists a channel's events either as names (`Leads.create`) or per watched module
 * (`{ resource_name, resource_uri, events: [...] }`); both give the event names and the resources.
 */
function splitEvents(value: unknown): { events: string[]; resources: IDataObject[] } {
	const events: string[] = [];
	const resources: IDataObject[] = [];
	for (const entry of Array.isArray(value) ? value : []) {
		if (typeof entry === 'string') events.push(entry);
		else if (isObject(entry)) {
			resources.push(entry);
			if (Array.isArray(entry.events)) events.push(...entry.events.filter((name): name is string => typeof name === 'string'));
		}
	}
	return { events, resources };
}

/** The events of a channel as Zoho returned it, as plain names. */
export function channelEvents(raw: IDataObject): string[] {
	return [...new Set(splitEvents(raw.events).events)];
}

/**
 * One channel in the shape the next node maps easily: `channelId` (text), `events` (names),
 * `channelExpiry`, `notifyUrl`, `token`, `resourceUris` and `resources` ({ name, id, uri } per
 * watched module), the channel settings in camelCase, plus anything else Zoho sent, as sent.
 */
export function normalizeChannel(raw: IDataObject, extra: IDataObject = {}): IDataObject {
	const merged: IDataObject = { ...raw, ...extra };
	const { events, resources } = splitEvents(merged.events);
	if (Array.isArray(merged.resources)) resources.push(...(merged.resources as unknown[]).filter(isObject));
	if (merged.resource_uri !== undefined || merged.resource_name !== undefined) resources.push(merged);
	const byKey = new Map<string, IDataObject>();
	for (const row of resources) {
		const key = String(row.resource_uri ?? row.resource_name ?? byKey.size);
		byKey.set(key, { ...(byKey.get(key) ?? {}), ...row });
	}
	const unique = [...byKey.values()];

	const out: IDataObject = {
		channelId: merged.channel_id === undefined || merged.channel_id === null ? undefined : String(merged.channel_id),
		events: [...new Set(events)],
		channelExpiry: merged.channel_expiry ?? unique.find((row) => row.channel_expiry !== undefined)?.channel_expiry,
		notifyUrl: merged.notify_url,
		resourceUris: unique.map((row) => row.resource_uri).filter((uri): uri is string => typeof uri === 'string'),
		resources: unique.map((row) => ({
			name: row.resource_name,
			id: row.resource_id === undefined || row.resource_id === null ? undefined : String(row.resource_id),
			uri: row.resource_uri,
		})),
	};
	for (const [key, value] of Object.entries(merged)) {
		if (value === undefined || RESOURCE_KEYS.has(key) || key === 'channel_id' || key === 'channel_expiry' || key === 'notify_url') continue;
		out[KNOWN_KEYS[key] ?? key] = value;
	}
	for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
	return out;
}

/** Zoho may list a channel once per watched module: one entry per channel, events and resources merged. */
export function mergeChannelRows(rows: IDataObject[]): IDataObject[] {
	const byId = new Map<string, IDataObject>();
	const order: string[] = [];
	for (const row of rows) {
		const id = String(row.channel_id ?? `#${order.length}`);
		const seen = byId.get(id);
		if (!seen) {
			byId.set(id, { ...row, events: Array.isArray(row.events) ? [...(row.events as unknown[])] : row.events });
			order.push(id);
			continue;
		}
		const events = [...(Array.isArray(seen.events) ? (seen.events as unknown[]) : []), ...(Array.isArray(row.events) ? (row.events as unknown[]) : [])];
		const resources = [...(Array.isArray(seen.resources) ? (seen.resources as IDataObject[]) : [])];
		if (row.resource_uri !== undefined || row.resource_name !== undefined) {
			resources.push({ resource_uri: row.resource_uri, resource_id: row.resource_id, resource_name: row.resource_name, channel_expiry: row.channel_expiry });
		}
		byId.set(id, { ...seen, events, resources });
	}
	return order.map((id) => byId.get(id) as IDataObject);
}

/** The `details.events` rows of a watch answer, which carry one resource per watched module. */
function detailRows(result: IDataObject): IDataObject[] {
	const details = (result.details ?? {}) as IDataObject;
	return Array.isArray(details.events) ? (details.events as IDataObject[]).filter((row) => row && typeof row === 'object') : [];
}

/** Sends one channel (POST enables, PATCH updates) and returns Zoho's answer for it, or throws its refusal. */
export async function sendChannel(
	session: ZohoSession,
	method: 'POST' | 'PATCH',
	channel: IDataObject,
	itemIndex: number,
	what: string,
	secrets: string[],
): Promise<IDataObject> {
	const response = await watchRequest(session, { method, body: { watch: [channel] }, itemIndex, perRecordKey: 'watch' }, secrets);
	return watchResult(session.node, response, itemIndex, what, secrets);
}

/**
 * The channel as sent, completed from Zoho's answer: the expiry Zoho granted (else the one
 * asked for), the watched resources, and Zoho's code, status and message.
 */
export function answeredChannel(sent: IDataObject, result: IDataObject, requestedExpiry: string | undefined): IDataObject {
	const rows = detailRows(result);
	const expiry = rows.find((row) => row.channel_expiry !== undefined)?.channel_expiry ?? requestedExpiry;
	return normalizeChannel(sent, {
		...(expiry !== undefined ? { channel_expiry: expiry } : {}),
		resources: rows,
		code: result.code,
		status: result.status,
		message: result.message,
	});
}

/** Reads one channel with GET ?channel_id=; undefined when Zoho has none by that ID. */
export async function getChannel(session: ZohoSession, channelId: number, itemIndex: number): Promise<IDataObject | undefined> {
	const response = await watchRequest(session, { method: 'GET', qs: { channel_id: channelId }, itemIndex }, []);
	const rows = Array.isArray(response.body?.watch) ? (response.body?.watch as IDataObject[]) : [];
	return rows.find((row) => String(row.channel_id) === String(channelId)) ?? (rows.length === 1 ? rows[0] : undefined);
}
