import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep as n8nSleep } from 'n8n-workflow';

import type { ZohoConnection } from './connection';
import { CREDENTIAL_TYPE, refreshFailureReason } from './connection';
import { RECONNECT, toNodeApiError } from './errors';
import { classifyFailure, nextRetryDelay, parseRetryAfter } from './retry';
import type { RequestPolicy, ZohoFailure, ZohoFunctions, ZohoRequest, ZohoResponse } from './types';

export type Sleeper = (ms: number) => Promise<void>;

interface FullResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

interface HttpErrorLike {
	code?: string;
	response?: { status?: number; data?: unknown; headers?: Record<string, string | string[] | undefined> };
}

type Attempt = { response: ZohoResponse } | { failure: ZohoFailure } | { fatal: Error };

/** Failures where no HTTP answer came back; only these count as network trouble. */
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ECONNCLOSED',
]);

/** n8n's own failures before or around the request (a token that cannot sign, a refresh that failed). */
function nonHttpError(node: INode, error: unknown, itemIndex?: number): Error {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	const message = error instanceof Error ? error.message : String(error);
	const tokenTrouble = /token|refresh|sign|oauth|credential/i.test(message);
	return new NodeOperationError(node, tokenTrouble ? 'Your Zoho Beam credential could not be used' : `Zoho Beam could not send the request: ${message}`, {
		itemIndex,
		description: tokenTrouble ? `n8n said: "${message}". ${RECONNECT}` : undefined,
	});
}

function baseUrlFor(connection: ZohoConnection, request: ZohoRequest): string {
	return request.app === 'crm' ? connection.crmApiUrl : connection.deskApiUrl;
}

function asBody(data: unknown): IDataObject | undefined {
	// A download's error answer arrives as bytes too.
	if (Buffer.isBuffer(data)) data = data.toString('utf8');
	if (data === '' || data === undefined || data === null) return undefined;
	if (typeof data === 'string') {
		try {
			return JSON.parse(data) as IDataObject;
		} catch {
			return { message: data.slice(0, 500) };
		}
	}
	return data as IDataObject;
}

const ERROR_BODY_LIMIT = 64 * 1024;

/** A download's error answer arrives as a stream: read its (small) text, and drain the rest. */
async function readErrorStream(data: unknown): Promise<unknown> {
	if (!data || typeof data !== 'object' || typeof (data as { pipe?: unknown }).pipe !== 'function') return data;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of data as AsyncIterable<Buffer | string>) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		if (size < ERROR_BODY_LIMIT) chunks.push(buffer);
		size += buffer.length;
	}
	return Buffer.concat(chunks).subarray(0, ERROR_BODY_LIMIT);
}

/** One HTTP attempt through n8n's authenticated helper (which refreshes the token on 401). */
async function sendOnce(
	fn: ZohoFunctions,
	connection: ZohoConnection,
	request: ZohoRequest,
	policy: RequestPolicy,
): Promise<Attempt> {
	const headers: Record<string, string> = { ...(request.headers ?? {}) };
	if (request.app === 'desk' && request.deskOrgId) headers.orgId = request.deskOrgId;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrlFor(connection, request)}${request.path}`,
		qs: request.qs,
		headers,
		json: true,
		returnFullResponse: true,
		timeout: policy.timeoutMs,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.rawBody !== undefined) {
		options.body = request.rawBody;
		options.json = false;
	}
	if (request.binaryResponse) {
		// A stream: n8n's binary helpers can write it to disk without holding the whole file.
		options.encoding = 'stream';
		options.json = false;
	}
	try {
		const raw = (await fn.helpers.httpRequestWithAuthentication.call(fn, CREDENTIAL_TYPE, options)) as FullResponse;
		const body = request.binaryResponse ? (raw.body as IDataObject) : asBody(raw.body);
		return { response: { statusCode: raw.statusCode, body, headers: raw.headers ?? {} } };
	} catch (caught) {
		const error = unwrapHttpError(caught);
		const httpError = error as HttpErrorLike;
		const failure: ZohoFailure = { app: request.app, path: request.path, deskOrgId: request.deskOrgId };
		if (httpError.response?.status === 304) {
			// "Not modified since": an empty answer, not a failure.
			return { response: { statusCode: 304, body: undefined, headers: httpError.response.headers ?? {} } };
		}
		if (httpError.response?.status) {
			failure.statusCode = httpError.response.status;
			failure.body = asBody(await readErrorStream(httpError.response.data));
			failure.retryAfterSec = parseRetryAfter(httpError.response.headers?.['retry-after']);
		} else if (httpError.code && NETWORK_CODES.has(httpError.code)) {
			failure.networkCode = httpError.code;
		} else {
			return { fatal: nonHttpError(fn.getNode(), error, request.itemIndex) };
		}
		return { failure };
	}
}

/**
 * n8n's authenticated helper wraps the HTTP client's error in a NodeApiError (its `cause`);
 * Zoho's answer (status, body, headers) is on the wrapped error.
 */
function unwrapHttpError(error: unknown): unknown {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as HttpErrorLike & { cause?: unknown; errorResponse?: unknown };
		if (candidate.response?.status || (candidate.code && NETWORK_CODES.has(candidate.code))) return current;
		current = candidate.cause ?? candidate.errorResponse;
	}
	return error;
}

function returnsPerRecordBody(request: ZohoRequest, failure: ZohoFailure): boolean {
	if (!request.perRecordKey || failure.statusCode !== 400) return false;
	const body = failure.body as IDataObject | undefined;
	return Array.isArray(body?.[request.perRecordKey]);
}

/**
 * The one request function. Retries 429, 5xx and (for idempotent requests) network failures
 * with bounded exponential backoff, honours Retry-After, never retries other 4xx, and turns
 * whatever is left into a NodeApiError carrying Zoho's code and message.
 */
export async function zohoRequest<T = IDataObject>(
	fn: ZohoFunctions,
	connection: ZohoConnection,
	policy: RequestPolicy,
	request: ZohoRequest,
	sleep: Sleeper = n8nSleep,
): Promise<ZohoResponse<T>> {
	const node: INode = fn.getNode();
	const idempotent = request.idempotent ?? request.method !== 'POST';
	const readOnly = request.readOnly ?? request.method === 'GET';
	let waitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		const outcome = await sendOnce(fn, connection, request, policy);
		if ('response' in outcome) return outcome.response as ZohoResponse<T>;
		if ('fatal' in outcome) throw outcome.fatal;
		const { failure } = outcome;
		if (returnsPerRecordBody(request, failure)) {
			return { statusCode: 400, body: failure.body as T, headers: {} };
		}
		const kind = classifyFailure(failure);
		const delay = nextRetryDelay({ kind, attempt, waitedMs, idempotent, readOnly, retryAfterSec: failure.retryAfterSec, policy });
		if (delay === null) {
			const error = toNodeApiError(node, failure, request.itemIndex, { attempts: attempt });
			if (kind === 'token') {
				const credentials = await fn.getCredentials(CREDENTIAL_TYPE);
				const reason = refreshFailureReason(credentials.oauthTokenData);
				if (reason) error.description = `${reason} ${error.description ?? ''}`.trim();
			}
			throw error;
		}
		fn.logger?.debug?.(`Zoho Beam: ${failure.statusCode ?? failure.networkCode} from ${request.app} ${request.path}, retry ${attempt} in ${delay} ms`);
		await sleep(delay);
		waitedMs += delay;
	}
}
