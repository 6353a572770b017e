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
 * Only Zoho's answer body is used — never the request — so no token can leak into an error.
 */

export const RECONNECT = 'Open the Zoho Beam credential and click "Reconnect" (sign in to Zoho again).';

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
	const info: ZohoErrorInfo = { code: code ?? 'UNKNOWN_ERROR', message: message ?? fallbackMessage };
	if (record.details && typeof record.details === 'object') info.details = record.details as IDataObject;
	if (Array.isArray(record.errors)) info.errors = record.errors as IDataObject[];
	return info;
}

function describeDetails(info: ZohoErrorInfo): string | undefined {
	const parts: string[] = [];
	const details = info.details ?? {};
	if (typeof details.api_name === 'string') parts.push(`field ${details.api_name}`);
	if (typeof details.expected_data_type === 'string') parts.push(`expected ${details.expected_data_type}`);
	if (typeof details.param_name === 'string') parts.push(`parameter ${details.param_name}`);
	if (typeof details.maximum_length === 'number') parts.push(`maximum ${details.maximum_length}`);
	for (const error of info.errors ?? []) {
		const field = typeof error.fieldName === 'string' ? error.fieldName.replace(/^\//, '') : undefined;
		const message = typeof error.errorMessage === 'string' ? error.errorMessage : error.errorType;
		parts.push([field && `field ${field}`, message].filter(Boolean).join(': '));
	}
	return parts.length ? parts.join(', ') : undefined;
}

function advice(kind: FailureKind, failure: ZohoFailure, info: ZohoErrorInfo): { message?: string; hint?: string } {
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
		case 'rate-limit':
			return {
				message: 'Zoho kept answering "too many requests" after every retry',
				hint: 'Lower the node\'s concurrency option, or raise "Max Retry Wait" so it waits longer for Zoho\'s concurrency window.',
			};
		case 'server':
			return { hint: 'Zoho had a server problem and kept having it after the retries. Try again later.' };
		case 'timeout':
			return {
				message: `Zoho did not answer in time (${failure.networkCode ?? 'timeout'})`,
				hint: 'Reads are retried; a write that timed out is not sent again, because Zoho may have applied it already. Check the record, or raise "Timeout (Seconds)".',
			};
		case 'network':
			return {
				message: `Could not reach Zoho (${failure.networkCode ?? 'network error'})`,
				hint: 'Check the data center in the credential and the network from n8n to Zoho. Requests that may have reached Zoho already are not repeated automatically.',
			};
		default: {
			const missing = failure.app === 'desk' && failure.statusCode === 404 ? DESK_RECORD_PATH.exec(failure.path) : null;
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

export function toNodeApiError(
	node: INode,
	failure: ZohoFailure,
	itemIndex?: number,
	context?: { attempts?: number },
): NodeApiError {
	const kind = classifyFailure(failure);
	const fallback = failure.statusCode ? `Zoho answered HTTP ${failure.statusCode}` : 'Zoho could not be reached';
	const info = zohoErrorInfo(failure.body, fallback);
	const { message, hint } = advice(kind, failure, info);
	const details = describeDetails(info);
	const attempts = context?.attempts && context.attempts > 1 ? ` (after ${context.attempts} attempts)` : '';
	const description = [
		`Zoho ${failure.app.toUpperCase()} ${info.code}: ${info.message.replace(/\.+$/, '')}${details ? ` (${details})` : ''}${attempts}.`,
		hint,
	]
		.filter(Boolean)
		.join(' ');
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
	const hint = about.hint ?? 'Fix the value for this item; the other items of the batch were written.';
	return new NodeApiError(node, { ...(info as unknown as JsonObject) }, {
		message: `Zoho refused ${subject}: ${info.message}${details ? ` (${details})` : ''}`,
		description: `Zoho ${app.toUpperCase()} ${info.code}. ${hint}`,
		itemIndex,
	});
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
	const error = new NodeApiError(node, { code: answer.code, message: answer.message, ...(answer.data ?? {}) } as JsonObject, {
		message: answer.message,
		description: answer.description,
		itemIndex,
	});
	error.message = answer.message;
	return error;
}

/**
 * Keeps n8n errors as they are (adding the item index when missing) and wraps anything else,
 * so every error leaving the node is a NodeApiError or NodeOperationError pointing at its item.
 */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
