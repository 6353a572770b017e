import { randomInt } from 'crypto';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import { MODULE_NAME_SOURCE, wholeValue } from '../../config/ids';
import { formatCrmDateTime, readDateTime } from '../../helpers/dates';
import { readOptions } from '../../helpers/params';
import {
	describeValue,
	inputError,
	parseJsonObject,
	sanitizeJsonValue,
	toCleanText,
} from '../../helpers/validation';
/** Readers of the notification parameters, each value checked before any request. */

export const WEEK_MS = 7 * 24 * 3600 * 1000;
export const TOKEN_MAX = 50;
/** Generated channel IDs are below 2^48, like Zoho's own examples (a positive long). */
const CHANNEL_ID_CEILING = 2 ** 48;
const EVENT = new RegExp(wholeValue(`${MODULE_NAME_SOURCE}\\.(create|edit|delete|all)`));
const CHANNEL_ID = /^[0-9]{1,16}$/;

export function readEvents(fn: IExecuteFunctions, itemIndex: number, required: boolean): string[] {
	return toEvents(fn.getNode(), itemIndex, fn.getNodeParameter('events', itemIndex, []), required);
}

/** The `events` value checked (`<Module>.<create|edit|delete|all>`, custom modules included) and deduplicated. */
export function toEvents(
	node: INode,
	itemIndex: number,
	raw: unknown,
	required: boolean,
): string[] {
	const list = (
		Array.isArray(raw)
			? raw
			: typeof raw === 'string'
				? raw.split(',')
				: raw === undefined || raw === null
					? []
					: [raw]
	)
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
	if (required && list.length === 0)
		throw inputError(node, itemIndex, '"events" needs at least one event, like Leads.create');
	return [...new Set(list as string[])];
}

/** A channel ID typed or mapped by the user: a positive whole number Zoho and JSON can both carry. */
export function toChannelId(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
): number {
	const text =
		typeof value === 'number'
			? String(value)
			: typeof value === 'string'
				? value.trim()
				: undefined;
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
	if (ids.length === 0)
		throw inputError(fn.getNode(), itemIndex, '"channelIds" needs at least one channel ID');
	return [...new Set(ids)];
}

export function generateChannelId(): number {
	return randomInt(1, CHANNEL_ID_CEILING);
}

/** The channel token: never echoed in error messages. Undefined when empty. */
export function readToken(fn: IExecuteFunctions, itemIndex: number): string | undefined {
	const token = toCleanText(
		fn.getNode(),
		itemIndex,
		fn.getNodeParameter('token', itemIndex, ''),
		'token',
		{ maxLength: TOKEN_MAX, required: false },
	);
	return token === '' ? undefined : token;
}

export function generateToken(): string {
	return randomString(40);
}

/**
 * The channel expiry, checked against Zoho's limit (in the future, at most one week ahead) and
 * formatted for Zoho. Empty: one week from now when `defaultToWeek`, else undefined.
 */
export function readExpiry(
	fn: IExecuteFunctions,
	itemIndex: number,
	defaultToWeek: boolean,
): string | undefined {
	const node = fn.getNode();
	const now = Date.now();
	const latest = now + WEEK_MS;
	const ms = readDateTime(
		fn,
		itemIndex,
		fn.getNodeParameter('channelExpiry', itemIndex, ''),
		'channelExpiry',
	);
	if (ms === undefined) return defaultToWeek ? formatCrmDateTime(latest) : undefined;
	if (ms <= now) {
		throw inputError(
			node,
			itemIndex,
			`"channelExpiry" (${formatCrmDateTime(ms)}) is in the past`,
			'Set a time within the next seven days.',
		);
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
	return toChannelOptions(fn.getNode(), itemIndex, readOptions(fn, itemIndex));
}

/** The channel settings of an options collection, in Zoho's names (also used by the instant trigger). */
export function toChannelOptions(
	node: INode,
	itemIndex: number,
	options: IDataObject,
): IDataObject {
	const out: IDataObject = {};
	if (typeof options.returnAffectedFieldValues === 'boolean')
		out.return_affected_field_values = options.returnAffectedFieldValues;
	if (typeof options.notifyOnRelatedAction === 'boolean')
		out.notify_on_related_action = options.notifyOnRelatedAction;
	const condition = options.notificationCondition;
	if (
		condition !== undefined &&
		condition !== null &&
		!(typeof condition === 'string' && condition.trim() === '')
	) {
		let parsed: unknown = condition;
		if (typeof condition === 'string') {
			const text = condition.trim();
			if (text.startsWith('[')) {
				try {
					parsed = JSON.parse(text);
				} catch (error) {
					throw inputError(
						node,
						itemIndex,
						`"notificationCondition" is not valid JSON: ${(error as Error).message}`,
					);
				}
			} else {
				parsed = parseJsonObject(node, itemIndex, text, 'notificationCondition');
			}
		}
		const list = Array.isArray(parsed) ? parsed : [parsed];
		if (
			list.length === 0 ||
			list.some((entry) => entry === null || typeof entry !== 'object' || Array.isArray(entry))
		) {
			throw inputError(
				node,
				itemIndex,
				'"notificationCondition" must be a JSON object or an array of objects',
				'For example [{"type":"field_selection","module":{"api_name":"Deals"},"field_selection":{"field":{"api_name":"Stage"}}}].',
			);
		}
		out.notification_condition = sanitizeJsonValue(
			node,
			itemIndex,
			list,
			'notificationCondition',
		) as IDataObject[];
	}
	return out;
}
