import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { SafePath } from './paths';

/**
 * Anything that may call Zoho: a node execution, an editor list / load-options call, a polling
 * trigger's poll, or a webhook trigger's activation hooks and callback handler.
 */
export type ZohoFunctions =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export type ZohoApp = 'crm' | 'desk';

export interface ZohoRequest {
	app: ZohoApp;
	method: IHttpRequestMethods;
	path: SafePath;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: Record<string, string>;
	/** The input item this request serves, so errors point at it. */
	itemIndex?: number;
	/**
	 * Whether sending the request twice is harmless. Decides if a network failure (the request
	 * may have reached Zoho) is retried. Defaults to true for everything but POST.
	 */
	idempotent?: boolean;
	/** Whether the request only reads (GET, COQL); decides if a timeout is retried. Defaults to GET. */
	readOnly?: boolean;
	/**
	 * Batched writes: Zoho answers a write where every record failed with HTTP 400 and the
	 * per-record results in the body. With this set, such a body is returned for per-record
	 * mapping instead of failing the whole batch.
	 */
	perRecordKey?: string;
	/** Desk only: the organization to address (the `orgId` header). */
	deskOrgId?: string;
	/** A body sent byte for byte (a multipart upload); its Content-Type goes in `headers`. */
	rawBody?: Buffer;
	/** The answer is a file: it comes back as a stream body (for n8n's prepareBinaryData) instead of parsed JSON. */
	binaryResponse?: boolean;
	/**
	 * What a 2xx answer with a body must hold, e.g. `{ data: 'array', info: 'object' }` for a
	 * CRM list page. An answer without it is garbled (retried for reads), never an empty page.
	 */
	shape?: Record<string, 'array' | 'object'>;
	/** Secrets this request carries (a channel token): removed from every error it causes. */
	secrets?: string[];
}

export interface ZohoResponse<T = IDataObject> {
	statusCode: number;
	/** Undefined for 204 / 304 answers, which carry no body. */
	body: T | undefined;
	headers: Record<string, string | string[] | undefined>;
}

/** What went wrong with one attempt, in the shape the error mapper and retry logic read. */
export interface ZohoFailure {
	app: ZohoApp;
	path: string;
	statusCode?: number;
	body?: unknown;
	/** Node's error code for transport failures (ECONNRESET, ETIMEDOUT, ECONNABORTED …). */
	networkCode?: string;
	retryAfterSec?: number;
	/** Desk: the organization the request addressed. */
	deskOrgId?: string;
	/** The host that answered (or did not), for messages about gateways and proxies. */
	host?: string;
	/** The start of an answer that is not JSON (an HTML page from a gateway), as text. */
	text?: string;
	/** What is wrong with a 2xx answer: not JSON, or JSON without the promised shape. */
	garbled?: string;
	/** The request may have changed data in Zoho (anything that is not read-only). */
	writes?: boolean;
}

export interface RequestPolicy {
	/** Attempts in all, the first one included. */
	maxAttempts: number;
	/** Upper bound on the time spent sleeping between attempts of one request. */
	maxTotalWaitMs: number;
	baseDelayMs: number;
	maxDelayMs: number;
	timeoutMs: number;
}
