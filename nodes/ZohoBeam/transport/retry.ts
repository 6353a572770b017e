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
	| 'client';

/** No answer in time: Zoho may still have done the work, so only reads are sent again. */
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

const CREDIT_WORDS = /credit|api limit|daily limit|limit reached|limit exceeded for the day/i;

/** Reads Zoho's error code and message from a CRM (`code`) or Desk (`errorCode`) body. */
export function errorCodeOf(body: unknown): { code?: string; message?: string } {
	if (!body || typeof body !== 'object') return {};
	const record = body as Record<string, unknown>;
	const code = typeof record.code === 'string' ? record.code : typeof record.errorCode === 'string' ? record.errorCode : undefined;
	const message = typeof record.message === 'string' ? record.message : undefined;
	return { code, message };
}

export function classifyFailure(failure: ZohoFailure): FailureKind {
	const { code, message } = errorCodeOf(failure.body);
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
 */
export function nextRetryDelay(args: {
	kind: FailureKind;
	attempt: number;
	waitedMs: number;
	/** Sending it twice is harmless (a PUT of the same values, a DELETE): resend after a reset. */
	idempotent: boolean;
	/** It only reads: resend even after a timeout, when a write may have been applied. */
	readOnly?: boolean;
	retryAfterSec?: number;
	policy: RequestPolicy;
	random?: () => number;
}): number | null {
	const { kind, attempt, waitedMs, idempotent, retryAfterSec, policy } = args;
	const random = args.random ?? Math.random;
	const retryable =
		kind === 'rate-limit' ||
		kind === 'server' ||
		(kind === 'network' && idempotent) ||
		(kind === 'timeout' && args.readOnly === true);
	if (!retryable || attempt >= policy.maxAttempts) return null;

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
