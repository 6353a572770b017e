import type { RequestPolicy, ZohoFailure } from './types';

export const DEFAULT_POLICY: RequestPolicy = {
	maxAttempts: 6,
	maxTotalWaitMs: 120_000,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	timeoutMs: 60_000,
};

export type FailureKind =
	| 'rate-limit'
	| 'credits'
	| 'server'
	| 'network'
	| 'timeout'
	| 'token'
	| 'scope'
	| 'org-mismatch'
	| 'client'
	/** A 2xx answer whose body is not the JSON the endpoint promises (a proxy page, a cut-off body). */
	| 'garbled';

/** No answer in time: Zoho may still have done the work, so only reads are sent again. */
const TIMEOUT_CODES = new Set([
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

const CREDIT_WORDS = /credit|api limit|daily limit|limit reached|limit exceeded for the day/i;

/** Reads Zoho's error code and message from a CRM (`code`) or Desk (`errorCode`) body. */
export function errorCodeOf(body: unknown): { code?: string; message?: string } {
	if (!body || typeof body !== 'object') return {};
	const record = body as Record<string, unknown>;
	const code =
		typeof record.code === 'string'
			? record.code
			: typeof record.errorCode === 'string'
				? record.errorCode
				: undefined;
	const message = typeof record.message === 'string' ? record.message : undefined;
	return { code, message };
}

export function classifyFailure(failure: ZohoFailure): FailureKind {
	const { code, message } = errorCodeOf(failure.body);
	if (failure.garbled !== undefined) return 'garbled';
	if (failure.statusCode === undefined) {
		return TIMEOUT_CODES.has(failure.networkCode ?? '') ? 'timeout' : 'network';
	}
	if (code === 'THRESHOLD_EXCEEDED' || code === 'LIMIT_REACHED') return 'credits';
	if (failure.statusCode === 429) {
		return message && CREDIT_WORDS.test(message) ? 'credits' : 'rate-limit';
	}
	if (code === 'OAUTH_SCOPE_MISMATCH' || code === 'SCOPE_MISMATCH') return 'scope';
	if (code === 'OAUTH_ORG_MISMATCH') return 'org-mismatch';
	if (failure.statusCode === 401) return 'token';
	if (failure.statusCode >= 500) return 'server';
	return 'client';
}

/**
 * How long to wait before the next attempt, or `null` to give up. Pure, so the bounds are
 * unit-tested without sleeping. `attempt` is the number of the attempt that just failed.
 *
 * What is sent again depends on what the failure proves:
 * - 429 (rate limit): Zoho refused the request before doing anything, so anything is resent.
 * - 5xx and connection resets: Zoho (or a gateway in front of it) may have applied the request
 *   before failing, so only requests that are safe to repeat are resent (`idempotent`: reads,
 *   updates with the same values, deletes). A create, an upsert or a signal is not. Zoho does not
 *   document a 503 + Retry-After that would prove nothing was done (its status code lists stop
 *   at 500: https://www.zoho.com/crm/developer/docs/api/v8/status-codes.html,
 *   https://desk.zoho.com/DeskAPIDocument#Errors), so no 5xx counts as such a proof.
 * - Timeouts and 2xx answers that are not the promised JSON: the request may have been applied
 *   and its answer is lost, so only reads (`readOnly`) are resent.
 */
export function nextRetryDelay(args: {
	kind: FailureKind;
	attempt: number;
	waitedMs: number;
	/** Sending it twice is harmless (a PUT of the same values, a DELETE): resend after a 5xx or reset. */
	idempotent: boolean;
	/** It only reads: resend even after a timeout or a garbled answer, when a write may have been applied. */
	readOnly?: boolean;
	retryAfterSec?: number;
	policy: RequestPolicy;
	random?: () => number;
}): number | null {
	const { kind, attempt, waitedMs, idempotent, retryAfterSec, policy } = args;
	const random = args.random ?? Math.random;
	if (!isRetryable(kind, idempotent, args.readOnly === true) || attempt >= policy.maxAttempts)
		return null;

	let delay: number;
	if (retryAfterSec !== undefined && Number.isFinite(retryAfterSec) && retryAfterSec >= 0) {
		// Zoho said when: wait that long, plus a little jitter so parallel requests spread out.
		delay = retryAfterSec * 1000 + Math.floor(random() * Math.min(250, policy.baseDelayMs));
	} else {
		// Exponential backoff with "equal jitter": half fixed, half random.
		const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
		delay = Math.floor(exponential / 2 + random() * (exponential / 2));
	}
	if (waitedMs + delay > policy.maxTotalWaitMs) return null;
	return delay;
}

/** Whether a failure of this kind may be sent again at all (see nextRetryDelay). */
export function isRetryable(kind: FailureKind, idempotent: boolean, readOnly: boolean): boolean {
	switch (kind) {
		case 'rate-limit':
			return true;
		case 'server':
		case 'network':
			return idempotent;
		case 'timeout':
		case 'garbled':
			return readOnly;
		default:
			return false;
	}
}

/** Zoho asked (Retry-After) for a longer wait than "Max Retry Wait" leaves. */
export function exceedsMaxWait(
	retryAfterSec: number | undefined,
	waitedMs: number,
	policy: RequestPolicy,
): boolean {
	return (
		retryAfterSec !== undefined &&
		Number.isFinite(retryAfterSec) &&
		waitedMs + retryAfterSec * 1000 > policy.maxTotalWaitMs
	);
}

/** Retry-After is seconds (or an HTTP date); anything else is ignored. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const seconds = Number(text);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds;
	const date = Date.parse(String(text));
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, Math.ceil((date - now) / 1000));
}
