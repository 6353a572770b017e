import {
	DEFAULT_POLICY,
	classifyFailure,
	exceedsMaxWait,
	isRetryable,
	nextRetryDelay,
	parseRetryAfter,
} from '../../nodes/ZohoBeam/transport/retry';
import type { RequestPolicy, ZohoFailure } from '../../nodes/ZohoBeam/transport/types';

const crm = (
	statusCode: number | undefined,
	body?: unknown,
	extra: Partial<ZohoFailure> = {},
): ZohoFailure => ({ app: 'crm', path: '/crm/v8/Leads', statusCode, body, ...extra });
const policy: RequestPolicy = {
	...DEFAULT_POLICY,
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	maxTotalWaitMs: 20_000,
};

describe('classifyFailure', () => {
	it.each([
		[crm(429, { code: 'TOO_MANY_REQUESTS', message: 'concurrency limit exceeded' }), 'rate-limit'],
		[
			crm(429, {
				code: 'TOO_MANY_REQUESTS',
				message: 'You have reached the daily API credit limit',
			}),
			'credits',
		],
		[
			{ ...crm(429, { errorCode: 'THRESHOLD_EXCEEDED', message: 'x' }), app: 'desk' as const },
			'credits',
		],
		[crm(401, { code: 'OAUTH_SCOPE_MISMATCH', message: 'invalid oauth scope' }), 'scope'],
		[{ ...crm(401, { errorCode: 'SCOPE_MISMATCH' }), app: 'desk' as const }, 'scope'],
		[{ ...crm(401, { errorCode: 'OAUTH_ORG_MISMATCH' }), app: 'desk' as const }, 'org-mismatch'],
		[crm(401, { code: 'INVALID_TOKEN' }), 'token'],
		[crm(500, { code: 'INTERNAL_ERROR' }), 'server'],
		[crm(503), 'server'],
		[crm(400, { code: 'INVALID_DATA' }), 'client'],
		[crm(404, { code: 'INVALID_URL_PATTERN' }), 'client'],
		[crm(undefined, undefined, { networkCode: 'ECONNRESET' }), 'network'],
		[crm(undefined, undefined, { networkCode: 'ECONNABORTED' }), 'timeout'],
		[crm(200, undefined, { text: '<html>', garbled: 'a page that is not JSON' }), 'garbled'],
		[crm(502, undefined, { text: '<html>' }), 'server'],
	])('%j is %s', (failure, kind) => {
		expect(classifyFailure(failure)).toBe(kind);
	});
});

describe('nextRetryDelay', () => {
	const half = () => 0.5;

	it('backs off exponentially with jitter inside [exp/2, exp]', () => {
		const delays = [1, 2, 3, 4].map((attempt) =>
			nextRetryDelay({
				kind: 'server',
				attempt,
				waitedMs: 0,
				idempotent: true,
				policy,
				random: half,
			}),
		);
		expect(delays).toEqual([375, 750, 1500, 3000]);
		for (let attempt = 1; attempt <= 4; attempt++) {
			const low = nextRetryDelay({
				kind: 'rate-limit',
				attempt,
				waitedMs: 0,
				idempotent: true,
				policy,
				random: () => 0,
			})!;
			const high = nextRetryDelay({
				kind: 'rate-limit',
				attempt,
				waitedMs: 0,
				idempotent: true,
				policy,
				random: () => 0.999999,
			})!;
			const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
			expect(low).toBeGreaterThanOrEqual(exponential / 2);
			expect(high).toBeLessThanOrEqual(exponential);
		}
	});

	it('caps one delay at maxDelayMs', () => {
		expect(
			nextRetryDelay({
				kind: 'server',
				attempt: 4,
				waitedMs: 0,
				idempotent: true,
				policy: { ...policy, maxAttempts: 50 },
				random: () => 0.999,
			}),
		).toBeLessThanOrEqual(policy.maxDelayMs);
		expect(
			nextRetryDelay({
				kind: 'server',
				attempt: 20,
				waitedMs: 0,
				idempotent: true,
				policy: { ...policy, maxAttempts: 50 },
				random: () => 0.999,
			}),
		).toBeLessThanOrEqual(policy.maxDelayMs);
	});

	it('honours Retry-After (seconds) instead of the backoff', () => {
		expect(
			nextRetryDelay({
				kind: 'rate-limit',
				attempt: 1,
				waitedMs: 0,
				idempotent: true,
				retryAfterSec: 3,
				policy,
				random: () => 0,
			}),
		).toBe(3000);
		expect(
			nextRetryDelay({
				kind: 'rate-limit',
				attempt: 1,
				waitedMs: 0,
				idempotent: true,
				retryAfterSec: 0,
				policy,
				random: () => 0,
			}),
		).toBe(0);
	});

	it('gives up after maxAttempts', () => {
		expect(
			nextRetryDelay({ kind: 'server', attempt: 5, waitedMs: 0, idempotent: true, policy }),
		).toBeNull();
	});

	it('gives up when the total wait would exceed maxTotalWaitMs, Retry-After included', () => {
		expect(
			nextRetryDelay({
				kind: 'rate-limit',
				attempt: 1,
				waitedMs: 19_000,
				idempotent: true,
				policy,
				random: half,
			}),
		).toBe(375);
		expect(
			nextRetryDelay({
				kind: 'rate-limit',
				attempt: 1,
				waitedMs: 19_900,
				idempotent: true,
				policy,
				random: half,
			}),
		).toBeNull();
		expect(
			nextRetryDelay({
				kind: 'rate-limit',
				attempt: 1,
				waitedMs: 0,
				idempotent: true,
				retryAfterSec: 3600,
				policy,
			}),
		).toBeNull();
	});

	it('never retries credits, scope, token, org or other 4xx failures', () => {
		for (const kind of ['credits', 'scope', 'token', 'org-mismatch', 'client'] as const) {
			expect(
				nextRetryDelay({ kind, attempt: 1, waitedMs: 0, idempotent: true, policy }),
			).toBeNull();
		}
	});

	it('retries network failures only when sending twice is harmless', () => {
		expect(
			nextRetryDelay({
				kind: 'network',
				attempt: 1,
				waitedMs: 0,
				idempotent: true,
				policy,
				random: half,
			}),
		).toBe(375);
		expect(
			nextRetryDelay({ kind: 'network', attempt: 1, waitedMs: 0, idempotent: false, policy }),
		).toBeNull();
		// 429 proves Zoho did not do the work: retried even for a create.
		expect(
			nextRetryDelay({
				kind: 'rate-limit',
				attempt: 1,
				waitedMs: 0,
				idempotent: false,
				policy,
				random: half,
			}),
		).toBe(375);
	});

	it('never resends a create after a 5xx: Zoho (or the gateway) may have applied it', () => {
		expect(
			nextRetryDelay({ kind: 'server', attempt: 1, waitedMs: 0, idempotent: false, policy }),
		).toBeNull();
		expect(
			nextRetryDelay({
				kind: 'server',
				attempt: 1,
				waitedMs: 0,
				idempotent: false,
				retryAfterSec: 1,
				policy,
			}),
		).toBeNull();
		expect(
			nextRetryDelay({
				kind: 'server',
				attempt: 1,
				waitedMs: 0,
				idempotent: true,
				policy,
				random: half,
			}),
		).toBe(375);
	});

	it('resends a garbled 2xx answer only for reads', () => {
		expect(
			nextRetryDelay({
				kind: 'garbled',
				attempt: 1,
				waitedMs: 0,
				idempotent: true,
				readOnly: true,
				policy,
				random: half,
			}),
		).toBe(375);
		expect(
			nextRetryDelay({
				kind: 'garbled',
				attempt: 1,
				waitedMs: 0,
				idempotent: true,
				readOnly: false,
				policy,
			}),
		).toBeNull();
	});

	it.each([
		// kind, idempotent, readOnly, retryable
		['rate-limit', false, false, true],
		['server', false, false, false],
		['server', true, false, true],
		['network', false, false, false],
		['network', true, false, true],
		['timeout', true, false, false],
		['timeout', true, true, true],
		['garbled', true, false, false],
		['garbled', true, true, true],
		['credits', true, true, false],
		['client', true, true, false],
		['token', true, true, false],
	] as const)(
		'%s (idempotent %s, read-only %s) retryable: %s',
		(kind, idempotent, readOnly, retryable) => {
			expect(isRetryable(kind, idempotent, readOnly)).toBe(retryable);
		},
	);

	it('knows when Retry-After asks for more than Max Retry Wait leaves', () => {
		expect(exceedsMaxWait(3600, 0, policy)).toBe(true);
		expect(exceedsMaxWait(15, 0, policy)).toBe(false);
		expect(exceedsMaxWait(15, 10_000, policy)).toBe(true);
		expect(exceedsMaxWait(undefined, 0, policy)).toBe(false);
	});

	it('retries a timeout only for reads: a write may already have been applied', () => {
		expect(
			nextRetryDelay({
				kind: 'timeout',
				attempt: 1,
				waitedMs: 0,
				idempotent: true,
				readOnly: true,
				policy,
				random: half,
			}),
		).toBe(375);
		expect(
			nextRetryDelay({
				kind: 'timeout',
				attempt: 1,
				waitedMs: 0,
				idempotent: true,
				readOnly: false,
				policy,
			}),
		).toBeNull();
	});

	it('bounds the sum of all waits of one request', () => {
		let waited = 0;
		for (let attempt = 1; ; attempt++) {
			const delay = nextRetryDelay({
				kind: 'server',
				attempt,
				waitedMs: waited,
				idempotent: true,
				policy: { ...policy, maxAttempts: 100 },
				random: () => 0.99,
			});
			if (delay === null) break;
			waited += delay;
		}
		expect(waited).toBeLessThanOrEqual(policy.maxTotalWaitMs);
	});
});

describe('parseRetryAfter', () => {
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('5')).toBe(5);
		expect(parseRetryAfter(['2'])).toBe(2);
		expect(
			parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2026, 0, 1)),
		).toBe(10);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});
});
