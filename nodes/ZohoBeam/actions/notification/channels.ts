import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { asNodeError, recordError } from '../../transport/errors';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import type { ZohoRequest, ZohoResponse } from '../../transport/types';

/** Watch-channel requests and the normalisation of Zoho's answers. */

export const WATCH_PATH = crmPath('v8', 'actions', 'watch');

function redact<T>(value: T, secrets: string[]): T {
	if (typeof value === 'string') {
		return secrets.reduce(
			(text, secret) => text.split(secret).join('[token hidden]'),
			value as string,
		) as unknown as T;
	}
	if (Array.isArray(value)) return value.map((entry) => redact(entry, secrets)) as unknown as T;
	if (value && typeof value === 'object') {
		const copy: IDataObject = {};
		for (const [key, entry] of Object.entries(value as IDataObject))
			copy[key] = redact(entry, secrets) as IDataObject[string];
		return copy as T;
	}
	return value;
}

function scrubError<E extends Error>(error: E, secrets: string[]): E {
	const active = secrets.filter((secret) => secret.length > 0);
	if (!active.length) return error;
	const target = error as E & {
		description?: string | null;
		errorResponse?: JsonObject;
		cause?: unknown;
	};
	target.message = redact(target.message, active);
	if (typeof target.description === 'string')
		target.description = redact(target.description, active);
	if (target.errorResponse) target.errorResponse = redact(target.errorResponse, active);
	return error;
}

/** `session.request` for watch calls: any failure is cleaned of the channel token. */
export async function watchRequest(
	session: ZohoSession,
	request: Omit<ZohoRequest, 'app' | 'path'>,
	secrets: string[],
): Promise<ZohoResponse<IDataObject>> {
	try {
		return await session.request<IDataObject>({ app: 'crm', path: WATCH_PATH, ...request });
	} catch (error) {
		throw scrubError(asNodeError(session.node, error, request.itemIndex), secrets);
	}
}

/** The per-channel answer of Zoho (first of `watch[]`); throws its error when Zoho refused. */
function watchResult(
	node: INode,
	response: ZohoResponse<IDataObject>,
	itemIndex: number,
	what: string,
	secrets: string[],
): IDataObject {
	const body = response.body ?? {};
	const results = Array.isArray(body.watch) ? (body.watch as IDataObject[]) : [body];
	const failed = results.find((result) => String(result?.status ?? '').toLowerCase() === 'error');
	if (failed || response.statusCode >= 400) {
		const refused = redact(failed ?? body, secrets.filter(Boolean));
		const custom = /not.*support|INVALID_MODULE|NOT_SUPPORTED/i.test(
			`${refused.code ?? ''} ${refused.message ?? ''}`,
		)
			? ' Check that every event names a module of this Zoho CRM account by its API name (custom modules included) and that the module supports notifications.'
			: '';
		throw recordError(node, 'crm', refused, itemIndex, {
			subject: `to ${what}`,
			hint: `Check the channel settings.${custom}`,
		});
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
const RESOURCE_KEYS = new Set([
	'events',
	'resources',
	'resource_uri',
	'resource_id',
	'resource_name',
]);

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

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
			if (Array.isArray(entry.events))
				events.push(...entry.events.filter((name): name is string => typeof name === 'string'));
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
	if (Array.isArray(merged.resources))
		resources.push(...(merged.resources as unknown[]).filter(isObject));
	if (merged.resource_uri !== undefined || merged.resource_name !== undefined)
		resources.push(merged);
	const byKey = new Map<string, IDataObject>();
	for (const row of resources) {
		const key = String(row.resource_uri ?? row.resource_name ?? byKey.size);
		byKey.set(key, { ...(byKey.get(key) ?? {}), ...row });
	}
	const unique = [...byKey.values()];

	const out: IDataObject = {
		channelId:
			merged.channel_id === undefined || merged.channel_id === null
				? undefined
				: String(merged.channel_id),
		events: [...new Set(events)],
		channelExpiry:
			merged.channel_expiry ??
			unique.find((row) => row.channel_expiry !== undefined)?.channel_expiry,
		notifyUrl: merged.notify_url,
		resourceUris: unique
			.map((row) => row.resource_uri)
			.filter((uri): uri is string => typeof uri === 'string'),
		resources: unique.map((row) => ({
			name: row.resource_name,
			id:
				row.resource_id === undefined || row.resource_id === null
					? undefined
					: String(row.resource_id),
			uri: row.resource_uri,
		})),
	};
	for (const [key, value] of Object.entries(merged)) {
		if (
			value === undefined ||
			RESOURCE_KEYS.has(key) ||
			key === 'channel_id' ||
			key === 'channel_expiry' ||
			key === 'notify_url'
		)
			continue;
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
			byId.set(id, {
				...row,
				events: Array.isArray(row.events) ? [...(row.events as unknown[])] : row.events,
			});
			order.push(id);
			continue;
		}
		const events = [
			...(Array.isArray(seen.events) ? (seen.events as unknown[]) : []),
			...(Array.isArray(row.events) ? (row.events as unknown[]) : []),
		];
		const resources = [...(Array.isArray(seen.resources) ? (seen.resources as IDataObject[]) : [])];
		if (row.resource_uri !== undefined || row.resource_name !== undefined) {
			resources.push({
				resource_uri: row.resource_uri,
				resource_id: row.resource_id,
				resource_name: row.resource_name,
				channel_expiry: row.channel_expiry,
			});
		}
		byId.set(id, { ...seen, events, resources });
	}
	return order.map((id) => byId.get(id) as IDataObject);
}

/** The `details.events` rows of a watch answer, which carry one resource per watched module. */
function detailRows(result: IDataObject): IDataObject[] {
	const details = (result.details ?? {}) as IDataObject;
	return Array.isArray(details.events)
		? (details.events as IDataObject[]).filter((row) => row && typeof row === 'object')
		: [];
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
	const response = await watchRequest(
		session,
		{ method, body: { watch: [channel] }, itemIndex, perRecordKey: 'watch' },
		secrets,
	);
	return watchResult(session.node, response, itemIndex, what, secrets);
}

/**
 * The channel as sent, completed from Zoho's answer: the expiry Zoho granted (else the one
 * asked for), the watched resources, and Zoho's code, status and message.
 */
export function answeredChannel(
	sent: IDataObject,
	result: IDataObject,
	requestedExpiry: string | undefined,
): IDataObject {
	const rows = detailRows(result);
	const expiry =
		rows.find((row) => row.channel_expiry !== undefined)?.channel_expiry ?? requestedExpiry;
	return normalizeChannel(sent, {
		...(expiry !== undefined ? { channel_expiry: expiry } : {}),
		resources: rows,
		code: result.code,
		status: result.status,
		message: result.message,
	});
}

/** Reads one channel with GET ?channel_id=; undefined when Zoho has none by that ID. */
export async function getChannel(
	session: ZohoSession,
	channelId: number,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const response = await watchRequest(
		session,
		{ method: 'GET', qs: { channel_id: channelId }, itemIndex },
		[],
	);
	const rows = Array.isArray(response.body?.watch) ? (response.body?.watch as IDataObject[]) : [];
	return (
		rows.find((row) => String(row.channel_id) === String(channelId)) ??
		(rows.length === 1 ? rows[0] : undefined)
	);
}
