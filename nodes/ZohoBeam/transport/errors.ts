import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DESK_ENTITIES, DESK_ENTITY_NAMES } from '../config/deskEntities';
import { scopeAreaFor } from '../config/scopes';
import type { FailureKind } from './retry';
import { classifyFailure, errorCodeOf } from './retry';
import type { ZohoFailure } from './types';

/**
 * The one error mapper: every Zoho failure (a whole request, or one record of a batch)
 * becomes a NodeApiError with Zoho's own code, message and details, plus what to do about it.
 * Only Zoho's answer body is used — never the request — and every error leaving the transport
 * is scrubbed of the secrets the node knows (`scrubSecrets`), so even a proxy page that echoes
 * the request, or n8n's own text about the token endpoint, cannot leak a token.
 */

export const RECONNECT =
	'Open the Zoho Beam credential and click "Reconnect" (sign in to Zoho again).';

export interface ZohoErrorInfo {
	code: string;
	message: string;
	details?: IDataObject;
	errors?: IDataObject[];
}

/** Zoho's error as plain data, for error items under "Continue On Fail". */
export function zohoErrorInfo(body: unknown, fallbackMessage: string): ZohoErrorInfo {
	const { code, message } = errorCodeOf(body);
	const record = body && typeof body === 'object' ? (body as IDataObject) : {};
	const info: ZohoErrorInfo = {
		code: code ?? 'UNKNOWN_ERROR',
		message: message ?? fallbackMessage,
	};
	if (record.details && typeof record.details === 'object')
		info.details = record.details as IDataObject;
	if (Array.isArray(record.errors)) info.errors = record.errors as IDataObject[];
	return info;
}

function describeDetails(info: ZohoErrorInfo): string | undefined {
	const parts: string[] = [];
	const details = info.details ?? {};
	if (typeof details.api_name === 'string') parts.push(`field ${details.api_name}`);
	if (typeof details.expected_data_type === 'string')
		parts.push(`expected ${details.expected_data_type}`);
	if (typeof details.param_name === 'string') parts.push(`parameter ${details.param_name}`);
	if (typeof details.maximum_length === 'number') parts.push(`maximum ${details.maximum_length}`);
	for (const error of info.errors ?? []) {
		const field =
			typeof error.fieldName === 'string' ? error.fieldName.replace(/^\//, '') : undefined;
		const message = typeof error.errorMessage === 'string' ? error.errorMessage : error.errorType;
		parts.push([field && `field ${field}`, message].filter(Boolean).join(': '));
	}
	return parts.length ? parts.join(', ') : undefined;
}

/** What the caller knows about the attempts made, for the message. */
export interface FailureContext {
	attempts?: number;
	/** Retry-After asked for more waiting than "Max Retry Wait" leaves. */
	retryAfterTooLong?: boolean;
	maxRetryWaitMs?: number;
}

const NOT_RESENT =
	'The request was not sent again, because Zoho may have applied it: check in Zoho before running it again.';

function advice(
	kind: FailureKind,
	failure: ZohoFailure,
	info: ZohoErrorInfo,
	context: FailureContext,
): { message?: string; hint?: string } {
	const app = `Zoho ${failure.app.toUpperCase()}`;
	const from = failure.host ? ` from ${failure.host}` : '';
	switch (kind) {
		case 'scope': {
			const area = scopeAreaFor(failure.path);
			const what = area ? `${area.area} (scope ${area.scope})` : 'this operation';
			return {
				message: `Your Zoho Beam credential is not allowed to access ${what}`,
				hint: `Zoho answered ${info.code}. ${RECONNECT.replace(/\.$/, '')} so Zoho asks for the missing scope; if you trimmed the scopes, add ${area?.scope ?? 'the scope'} under "Additional Scopes" first.`,
			};
		}
		case 'org-mismatch':
			return {
				message: `The Desk organization${failure.deskOrgId ? ` ${failure.deskOrgId}` : ' ID'} does not belong to the connected Zoho account`,
				hint: 'Clear "Desk Organization ID" in the credential or the node options so the node finds your organization, or enter the ID shown in Zoho Desk under Setup > Developer Space > API.',
			};
		case 'token':
			return {
				message: 'Zoho rejected the access token even after n8n refreshed it',
				hint: `The credential's authorization was revoked, expired or belongs to another data center. ${RECONNECT}`,
			};
		case 'credits':
			return {
				message: "Zoho's daily API credit limit is used up",
				hint: 'Zoho counts API credits over a rolling 24 hours per organization. The node does not retry this for hours; run again later, spread big syncs over the day, or raise the limit with a higher Zoho plan.',
			};
		case 'rate-limit': {
			if (context.retryAfterTooLong && failure.retryAfterSec !== undefined) {
				return {
					message: `Zoho asked to wait ${describeSeconds(failure.retryAfterSec)} before the next request, more than "Max Retry Wait" (${Math.round((context.maxRetryWaitMs ?? 0) / 1000)} s) allows`,
					hint: `Zoho answered 429 with Retry-After: ${failure.retryAfterSec}, so the node did not retry. Run the workflow again after that time, or raise "Max Retry Wait" in the node options if waiting that long in one run is acceptable.`,
				};
			}
			const retried = (context.attempts ?? 1) > 1;
			return {
				message: retried
					? 'Zoho kept answering "too many requests" after every retry'
					: 'Zoho answered "too many requests"',
				hint: 'Lower the node\'s concurrency option, or raise "Max Attempts" or "Max Retry Wait" so it waits longer for Zoho\'s concurrency window.',
			};
		}
		case 'server': {
			const status = failure.statusCode ?? 500;
			const retried = (context.attempts ?? 1) > 1;
			return {
				message: `${app} answered HTTP ${status}${STATUS_NAMES[status] ? ` (${STATUS_NAMES[status]})` : ''}${from}`,
				hint: `${statusMeaning(status)}${failure.writes && !retried ? ` ${NOT_RESENT}` : ' Try again later.'}`,
			};
		}
		case 'garbled':
			return {
				message: `${app} answered HTTP ${failure.statusCode ?? 200}${from} with ${failure.garbled ?? 'an unreadable answer'}`,
				hint: `A proxy, firewall or gateway between n8n and Zoho probably replaced or cut off Zoho's answer.${failure.writes ? ` ${NOT_RESENT}` : ' Nothing from this answer was used; the node tried again and then stopped.'}`,
			};
		case 'timeout':
			return {
				message: `Zoho did not answer in time (${failure.networkCode ?? 'timeout'})`,
				hint: 'Reads are retried; a write that timed out is not sent again, because Zoho may have applied it already. Check the record, or raise "Timeout (Seconds)".',
			};
		case 'network':
			return {
				message: `Could not reach Zoho (${failure.networkCode ?? 'network error'})${failure.host ? ` at ${failure.host}` : ''}`,
				hint: `Check the data center in the credential and the network from n8n to Zoho.${failure.writes && (context.attempts ?? 1) <= 1 ? ` ${NOT_RESENT}` : ''}`,
			};
		default: {
			const missing =
				failure.app === 'desk' && failure.statusCode === 404
					? DESK_RECORD_PATH.exec(failure.path)
					: null;
			if (!missing) return {};
			return {
				message: `No Desk ${deskName(missing[1]) ?? 'record'} with ID ${missing[2]}${failure.deskOrgId ? ` in organization ${failure.deskOrgId}` : ''}`,
				hint: 'It does not exist, was deleted, or belongs to another Desk organization.',
			};
		}
	}
}

const DESK_RECORD_PATH = new RegExp(`^/(${DESK_ENTITY_NAMES.join('|')})/(\\d+)(?:/|$)`);
function deskName(path: string): string | undefined {
	const entity = DESK_ENTITY_NAMES.find((name) => name === path);
	return entity && DESK_ENTITIES[entity].name;
}

const STATUS_NAMES: Record<number, string> = {
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

function statusMeaning(status: number): string {
	if (status === 502)
		return 'A gateway or proxy between n8n and Zoho failed: it got no valid answer from Zoho.';
	if (status === 504) return 'A gateway or proxy between n8n and Zoho gave up waiting for Zoho.';
	if (status === 503)
		return 'Zoho, or a gateway in front of it, is unavailable (overloaded or down for maintenance).';
	return 'Zoho, or a gateway in front of it, had a server problem.';
}

function describeSeconds(seconds: number): string {
	if (seconds >= 3600 && seconds % 3600 === 0)
		return seconds === 3600 ? 'an hour' : `${seconds / 3600} hours`;
	if (seconds >= 120) return `${Math.round(seconds / 60)} minutes`;
	return `${Math.round(seconds)} s`;
}

/** A short, tag-free start of a page that is not JSON, safe to show in a message. */
export function excerptOf(text: string, maxLength = 120): string {
	const plain = text
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > maxLength ? `${plain.slice(0, maxLength)}…` : plain;
}

export function toNodeApiError(
	node: INode,
	failure: ZohoFailure,
	itemIndex?: number,
	context: FailureContext = {},
): NodeApiError {
	const kind = classifyFailure(failure);
	const fallback = failure.statusCode
		? `Zoho answered HTTP ${failure.statusCode}`
		: 'Zoho could not be reached';
	const info = zohoErrorInfo(failure.body, fallback);
	const { message, hint } = advice(kind, failure, info, context);
	const details = describeDetails(info);
	const attempts =
		context.attempts && context.attempts > 1 ? ` (after ${context.attempts} attempts)` : '';
	// A page from a gateway is shown as a short excerpt, never as the message.
	const zohoPart =
		kind === 'garbled' ||
		failure.text !== undefined ||
		(failure.body === undefined && failure.statusCode !== undefined)
			? `HTTP ${failure.statusCode ?? '?'}${failure.text ? `, the answer starts: "${excerptOf(failure.text)}"` : ''}${attempts}.`
			: `Zoho ${failure.app.toUpperCase()} ${info.code}: ${info.message.replace(/\.+$/, '')}${details ? ` (${details})` : ''}${attempts}.`;
	const description = [zohoPart, hint].filter(Boolean).join(' ');
	const response: JsonObject = { ...(info as unknown as JsonObject) };
	if (failure.statusCode) response.httpCode = String(failure.statusCode);
	const finalMessage = message ?? `${info.message}${details ? ` (${details})` : ''}`;
	const error = new NodeApiError(node, response, {
		message: finalMessage,
		description,
		httpCode: failure.statusCode ? String(failure.statusCode) : undefined,
		itemIndex,
	});
	// NodeApiError swaps in generic texts for some codes (connection resets …); keep ours.
	error.message = finalMessage;
	return error;
}

/** The code of a per-record answer that could not be matched to the record it is about. */
export const UNCONFIRMED = 'UNCONFIRMED';

/**
 * One record Zoho refused inside a 2xx/207 (or all-failed 400) answer, as an error for the item
 * it belongs to: a record of a batched write, a signal, a notification channel.
 */
export function recordError(
	node: INode,
	app: 'crm' | 'desk',
	result: IDataObject,
	itemIndex: number,
	about: { subject?: string; hint?: string } = {},
): NodeApiError {
	const info = zohoErrorInfo(result, 'Zoho refused this record');
	const details = describeDetails(info);
	const subject = about.subject ?? `the record of item ${itemIndex}`;
	if (info.code === UNCONFIRMED) {
		return new NodeApiError(
			node,
			{ ...(info as unknown as JsonObject) },
			{
				message: `Zoho's answer for ${subject} could not be confirmed: ${info.message}`,
				description: `Zoho ${app.toUpperCase()} ${UNCONFIRMED}. This record may or may not have been written: check it in Zoho before running it again.`,
				itemIndex,
			},
		);
	}
	const hint =
		about.hint ?? 'Fix the value for this item; the other items of the batch were written.';
	return new NodeApiError(
		node,
		{ ...(info as unknown as JsonObject) },
		{
			message: `Zoho refused ${subject}: ${info.message}${details ? ` (${details})` : ''}`,
			description: `Zoho ${app.toUpperCase()} ${info.code}. ${hint}`,
			itemIndex,
		},
	);
}

/**
 * The one result of a single-record CRM write (`{data:[{code, status, message, details}]}`):
 * returned when Zoho says success, else thrown as that record's error.
 */
export function singleCrmResult(
	node: INode,
	body: IDataObject | undefined,
	itemIndex: number,
	about: { subject?: string; hint?: string } = {},
): IDataObject {
	const result = ((body?.data as IDataObject[] | undefined) ?? [])[0] ?? {};
	if (result.status !== 'success') throw recordError(node, 'crm', result, itemIndex, about);
	return result;
}

/**
 * A Zoho answer the node cannot use although the request succeeded (no record in a 204, a
 * channel that no longer exists …): built here like every other Zoho error, with Zoho-style
 * `code` and `message` in the error's data.
 */
export function answerError(
	node: INode,
	itemIndex: number,
	answer: { code: string; message: string; description: string; data?: IDataObject },
): NodeApiError {
	const error = new NodeApiError(
		node,
		{ code: answer.code, message: answer.message, ...(answer.data ?? {}) } as JsonObject,
		{
			message: answer.message,
			description: answer.description,
			itemIndex,
		},
	);
	error.message = answer.message;
	return error;
}

/**
 * Keeps n8n errors as they are (adding the item index when missing) and wraps anything else,
 * so every error leaving the node is a NodeApiError or NodeOperationError pointing at its item.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined)
			error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

const HIDDEN = '[hidden]';
/** Shorter values are no secrets worth hiding (and would hide ordinary words). */
const MIN_SECRET_LENGTH = 8;

/**
 * Removes every secret from a text: as is, URL-encoded (a form body echoed back), and the start
 * of one where the text was cut off in the middle of it (n8n previews 100 characters of a page).
 */
export function redactText(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret.length < MIN_SECRET_LENGTH) continue;
		const encoded = encodeURIComponent(secret);
		for (const form of new Set([secret, encoded, encoded.replace(/%20/g, '+')]))
			out = out.split(form).join(HIDDEN);
		out = hideSecretStarts(out, secret);
	}
	return out;
}

function hideSecretStarts(text: string, secret: string): string {
	const start = secret.slice(0, MIN_SECRET_LENGTH);
	let out = text;
	for (let at = out.indexOf(start); at !== -1; at = out.indexOf(start, at + HIDDEN.length)) {
		let length = start.length;
		while (length < secret.length && out[at + length] === secret[length]) length++;
		out = `${out.slice(0, at)}${HIDDEN}${out.slice(at + length)}`;
	}
	return out;
}

function redactValue(
	value: unknown,
	secrets: readonly string[],
	seen: Set<unknown>,
	depth: number,
): unknown {
	if (typeof value === 'string') return redactText(value, secrets);
	if (!value || typeof value !== 'object' || seen.has(value) || depth > 8) return value;
	seen.add(value);
	if (Array.isArray(value)) {
		value.forEach((entry, index) => {
			value[index] = redactValue(entry, secrets, seen, depth + 1);
		});
		return value;
	}
	const record = value as Record<string, unknown>;
	if (value instanceof Error) {
		record.message = redactText(value.message, secrets);
		if (typeof value.stack === 'string') record.stack = redactText(value.stack, secrets);
		if (value.cause !== undefined)
			record.cause = redactValue(value.cause, secrets, seen, depth + 1);
	}
	for (const key of Object.keys(record)) {
		// The node (its parameters) belongs to the workflow, not to this error.
		if (key === 'node') continue;
		record[key] = redactValue(record[key], secrets, seen, depth + 1);
	}
	return value;
}

/**
 * Scrubs every secret the node knows (client secret, access and refresh tokens, channel tokens)
 * from an error before it leaves the node: message, description, stack, Zoho's answer and any
 * wrapped cause, n8n's own errors included.
 */
export function scrubSecrets<E>(error: E, secrets: ReadonlyArray<string | undefined>): E {
	const known = [
		...new Set(
			secrets.filter(
				(secret): secret is string =>
					typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH,
			),
		),
	];
	if (!known.length) return error;
	// Longest first, so a secret that contains another is hidden whole.
	known.sort((a, b) => b.length - a.length);
	return redactValue(error, known, new Set(), 0) as E;
}
