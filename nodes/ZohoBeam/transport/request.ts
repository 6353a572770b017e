import type { IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep as n8nSleep } from 'n8n-workflow';

import type { ZohoConnection } from './connection';
import { CREDENTIAL_TYPE, credentialSecrets, refreshFailureReason } from './connection';
import { RECONNECT, scrubSecrets, toNodeApiError } from './errors';
import { classifyFailure, exceedsMaxWait, nextRetryDelay, parseRetryAfter } from './retry';
import type { RequestPolicy, ZohoFailure, ZohoFunctions, ZohoRequest, ZohoResponse } from './types';

export type Sleeper = (ms: number) => Promise<void>;

interface FullResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

interface HttpErrorLike {
	code?: string;
	response?: {
		status?: number;
		data?: unknown;
		headers?: Record<string, string | string[] | undefined>;
	};
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

/**
 * How much longer than the HTTP timeout one authenticated call may take. The request itself is
 * bounded by the timeout; the rest is n8n's token refresh, whose own limit is 300 s in n8n-core.
 */
export const TOKEN_GRACE_MS = 1000;
/** How often the time-limit loop looks at the calls in flight. */
const WATCHDOG_TICK_MS = 250;

/** n8n's own failures before or around the request (a token that cannot sign, a refresh that failed). */
function nonHttpError(node: INode, error: unknown, itemIndex?: number): Error {
	if (error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	if (/token endpoint/i.test(message)) {
		return new NodeOperationError(node, "Zoho's token endpoint did not answer with a token", {
			itemIndex,
			description: `n8n asked Zoho for a new access token and got something else (a proxy, firewall or login page?). n8n said: "${message}". Check the data center (or the custom accounts URL) in the credential.`,
		});
	}
	const tokenTrouble = /token|refresh|sign|oauth|credential/i.test(message);
	return new NodeOperationError(
		node,
		tokenTrouble
			? 'Your Zoho Beam credential could not be used'
			: `Zoho Beam could not send the request: ${message}`,
		{
			itemIndex,
			description: tokenTrouble ? `n8n said: "${message}". ${RECONNECT}` : undefined,
		},
	);
}

function baseUrlFor(connection: ZohoConnection, request: ZohoRequest): string {
	return request.app === 'crm' ? connection.crmApiUrl : connection.deskApiUrl;
}

function hostOf(url: string): string | undefined {
	try {
		return new URL(url).host;
	} catch {
		return undefined;
	}
}

/** Text of a non-JSON answer kept for messages (only an excerpt is ever shown). */
const MAX_TEXT = 2000;

/**
 * An answer body as n8n hands it over: n8n parses JSON, and gives back the raw text when the
 * body is not JSON (an HTML page from a gateway, a body cut off in the middle).
 */
function readBody(data: unknown): { body?: unknown; text?: string } {
	if (data === '' || data === undefined || data === null) return {};
	if (Buffer.isBuffer(data)) return readBody(data.toString('utf8'));
	if (typeof data !== 'string') return { body: data };
	try {
		return { body: JSON.parse(data) as unknown };
	} catch {
		return { text: data.slice(0, MAX_TEXT) };
	}
}

const ERROR_BODY_LIMIT = 64 * 1024;

/** A download's error answer arrives as a stream: read its (small) text, and drain the rest. */
async function readErrorStream(data: unknown): Promise<unknown> {
	if (!data || typeof data !== 'object' || typeof (data as { pipe?: unknown }).pipe !== 'function')
		return data;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of data as AsyncIterable<Buffer | string>) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		if (size < ERROR_BODY_LIMIT) chunks.push(buffer);
		size += buffer.length;
	}
	return Buffer.concat(chunks).subarray(0, ERROR_BODY_LIMIT);
}

/** What is wrong with a 2xx answer, or undefined when it is what the endpoint promises. */
function garbledReason(
	statusCode: number,
	body: unknown,
	text: string | undefined,
	shape: ZohoRequest['shape'],
): string | undefined {
	if (statusCode === 204 || statusCode === 304) return undefined;
	if (text !== undefined) {
		return /^\s*[[{]/.test(text) ? 'JSON that is cut off or invalid' : 'a page that is not JSON';
	}
	if (!shape) return undefined;
	if (body === undefined) return 'an empty body';
	if (!body || typeof body !== 'object' || Array.isArray(body)) return 'JSON of the wrong kind';
	for (const [key, kind] of Object.entries(shape)) {
		const value = (body as IDataObject)[key];
		const ok =
			kind === 'array'
				? Array.isArray(value)
				: value !== null && typeof value === 'object' && !Array.isArray(value);
		if (!ok) return `JSON without its "${key}" ${kind === 'array' ? 'list' : 'object'}`;
	}
	return undefined;
}

interface Watch {
	deadline: number;
	expire: () => void;
}

/** Calls waiting for an answer, and the one timer loop that ends those past their deadline. */
const watches = new Set<Watch>();
let watchdogRunning = false;

/**
 * One loop for all calls of this process, so a call costs a Set entry rather than a timer of its
 * own. It stops one tick after the last call settled, so no timer outlives the node by more
 * than that (and n8n-workflow 1.x, whose sleep cannot be aborted, needs nothing else).
 */
async function runWatchdog(): Promise<void> {
	watchdogRunning = true;
	try {
		while (watches.size > 0) {
			await n8nSleep(WATCHDOG_TICK_MS);
			const now = Date.now();
			for (const watch of watches) {
				if (watch.deadline > now) continue;
				watches.delete(watch);
				watch.expire();
			}
		}
	} finally {
		watchdogRunning = false;
	}
}

/** Waits for `call` at most `limitMs` (give or take a tick); undefined when the time ran out. */
async function withinTimeLimit<T>(
	call: Promise<T>,
	limitMs: number,
): Promise<{ value: T } | undefined> {
	let watch: Watch | undefined;
	const expired = new Promise<undefined>((resolve) => {
		watch = { deadline: Date.now() + limitMs, expire: () => resolve(undefined) };
	});
	if (watch) watches.add(watch);
	if (!watchdogRunning) void runWatchdog();
	try {
		return await Promise.race([call.then((value) => ({ value })), expired]);
	} finally {
		if (watch) watches.delete(watch);
	}
}

/** The call outlived the node's time limit: most likely n8n's token refresh got no answer. */
async function tokenEndpointSilent(
	fn: ZohoFunctions,
	request: ZohoRequest,
	policy: RequestPolicy,
): Promise<Error> {
	const credentials = await fn.getCredentials(CREDENTIAL_TYPE).catch(() => undefined);
	const tokenUrl =
		typeof credentials?.accessTokenUrl === 'string'
			? hostOf(credentials.accessTokenUrl)
			: undefined;
	const seconds = Math.round((policy.timeoutMs + TOKEN_GRACE_MS) / 1000);
	return new NodeOperationError(fn.getNode(), "Zoho's token endpoint did not answer in time", {
		itemIndex: request.itemIndex,
		description:
			`n8n was renewing the access token${tokenUrl ? ` at ${tokenUrl}` : ''} and got no answer within ${seconds} s ("Timeout (Seconds)" plus 1 s; Zoho's own answers are limited to the timeout). ` +
			'The request was not sent with a new token and will not be sent after this error. Check that the accounts server is reachable from n8n, or raise "Timeout (Seconds)".',
	});
}

/** One HTTP attempt through n8n's authenticated helper (which refreshes the token on 401). */
async function sendOnce(
	fn: ZohoFunctions,
	connection: ZohoConnection,
	request: ZohoRequest,
	policy: RequestPolicy,
	readOnly: boolean,
): Promise<Attempt> {
	const headers: Record<string, string> = { ...(request.headers ?? {}) };
	if (request.app === 'desk' && request.deskOrgId) headers.orgId = request.deskOrgId;
	const base = baseUrlFor(connection, request);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${base}${request.path}`,
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
	const failure: ZohoFailure = {
		app: request.app,
		path: request.path,
		deskOrgId: request.deskOrgId,
		host: hostOf(base),
		writes: !readOnly,
	};
	const call = fn.helpers.httpRequestWithAuthentication.call(
		fn,
		CREDENTIAL_TYPE,
		options,
	) as Promise<FullResponse>;
	let raw: FullResponse;
	try {
		const settled = await withinTimeLimit(call, policy.timeoutMs + TOKEN_GRACE_MS);
		if (!settled) {
			// n8n-core may still be waiting for the token endpoint, and would send this request with
			// the new token once it answers: n8n signs and sends this same options object, so an
			// aborted signal on it stops that request before it leaves, after the node has returned.
			options.abortSignal = AbortSignal.abort();
			call.catch(() => undefined);
			return { fatal: await tokenEndpointSilent(fn, request, policy) };
		}
		raw = settled.value;
	} catch (caught) {
		const error = unwrapHttpError(caught);
		const httpError = error as HttpErrorLike;
		if (httpError.response?.status === 304) {
			// "Not modified since": an empty answer, not a failure.
			return {
				response: { statusCode: 304, body: undefined, headers: httpError.response.headers ?? {} },
			};
		}
		if (httpError.response?.status) {
			const { body, text } = readBody(await readErrorStream(httpError.response.data));
			failure.statusCode = httpError.response.status;
			failure.body = body;
			failure.text = text;
			failure.retryAfterSec = parseRetryAfter(httpError.response.headers?.['retry-after']);
		} else if (httpError.code && NETWORK_CODES.has(httpError.code)) {
			failure.networkCode = httpError.code;
		} else {
			return { fatal: nonHttpError(fn.getNode(), error, request.itemIndex) };
		}
		return { failure };
	}
	if (request.binaryResponse)
		return {
			response: {
				statusCode: raw.statusCode,
				body: raw.body as IDataObject,
				headers: raw.headers ?? {},
			},
		};
	const { body, text } = readBody(raw.body);
	const garbled = garbledReason(raw.statusCode, body, text, request.shape);
	if (garbled) return { failure: { ...failure, statusCode: raw.statusCode, body, text, garbled } };
	return {
		response: {
			statusCode: raw.statusCode,
			body: body as IDataObject | undefined,
			headers: raw.headers ?? {},
		},
	};
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
		if (candidate.response?.status || (candidate.code && NETWORK_CODES.has(candidate.code)))
			return current;
		current = candidate.cause ?? candidate.errorResponse;
	}
	return error instanceof NodeApiError ? (error.cause ?? error) : error;
}

function returnsPerRecordBody(request: ZohoRequest, failure: ZohoFailure): boolean {
	if (!request.perRecordKey || failure.statusCode !== 400) return false;
	const body = failure.body as IDataObject | undefined;
	return Array.isArray(body?.[request.perRecordKey]);
}

/** The secrets in the credential as it is now (a refresh may have replaced the tokens). */
async function currentSecrets(fn: ZohoFunctions): Promise<string[]> {
	try {
		return credentialSecrets(await fn.getCredentials(CREDENTIAL_TYPE));
	} catch {
		return [];
	}
}

/**
 * The one request function. Retries 429 always, 5xx and network failures only for requests
 * that are safe to repeat, timeouts and garbled answers only for reads, with bounded
 * exponential backoff (see `nextRetryDelay`); honours Retry-After; never retries other 4xx; and
 * turns whatever is left into a NodeApiError carrying Zoho's code and message, scrubbed of every
 * secret the node knows (`secrets`: the ones known when the session opened; the credential's
 * current ones and the request's own are added here).
 */
export async function zohoRequest<T = IDataObject>(
	fn: ZohoFunctions,
	connection: ZohoConnection,
	policy: RequestPolicy,
	request: ZohoRequest,
	sleep: Sleeper = n8nSleep,
	secrets: readonly string[] = [],
): Promise<ZohoResponse<T>> {
	try {
		return await requestWithRetries<T>(fn, connection, policy, request, sleep);
	} catch (error) {
		throw scrubSecrets(error, [
			...secrets,
			...(request.secrets ?? []),
			...(await currentSecrets(fn)),
		]);
	}
}

async function requestWithRetries<T>(
	fn: ZohoFunctions,
	connection: ZohoConnection,
	policy: RequestPolicy,
	request: ZohoRequest,
	sleep: Sleeper,
): Promise<ZohoResponse<T>> {
	const node: INode = fn.getNode();
	const idempotent = request.idempotent ?? request.method !== 'POST';
	const readOnly = request.readOnly ?? request.method === 'GET';
	let waitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		const outcome = await sendOnce(fn, connection, request, policy, readOnly);
		if ('response' in outcome) return outcome.response as ZohoResponse<T>;
		if ('fatal' in outcome) throw outcome.fatal;
		const { failure } = outcome;
		if (returnsPerRecordBody(request, failure)) {
			return { statusCode: 400, body: failure.body as T, headers: {} };
		}
		const kind = classifyFailure(failure);
		const delay = nextRetryDelay({
			kind,
			attempt,
			waitedMs,
			idempotent,
			readOnly,
			retryAfterSec: failure.retryAfterSec,
			policy,
		});
		if (delay === null) {
			const error = toNodeApiError(node, failure, request.itemIndex, {
				attempts: attempt,
				retryAfterTooLong:
					attempt < policy.maxAttempts && exceedsMaxWait(failure.retryAfterSec, waitedMs, policy),
				maxRetryWaitMs: policy.maxTotalWaitMs,
			});
			if (kind === 'token') {
				const credentials = await fn.getCredentials(CREDENTIAL_TYPE);
				const reason = refreshFailureReason(credentials.oauthTokenData);
				if (reason) error.description = `${reason} ${error.description ?? ''}`.trim();
			}
			throw error;
		}
		fn.logger?.debug?.(
			`Zoho Beam: ${failure.statusCode ?? failure.networkCode} from ${request.app} ${request.path}, retry ${attempt} in ${delay} ms`,
		);
		await sleep(delay);
		waitedMs += delay;
	}
}
