import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	recordError,
	redactText,
	scrubSecrets,
	toNodeApiError,
} from '../../nodes/ZohoBeam/transport/errors';
import type { ZohoConnection } from '../../nodes/ZohoBeam/transport/connection';
import { crmPath, deskPath } from '../../nodes/ZohoBeam/transport/paths';
import { zohoRequest } from '../../nodes/ZohoBeam/transport/request';
import { DEFAULT_POLICY } from '../../nodes/ZohoBeam/transport/retry';
import type { ModuleName } from '../../nodes/ZohoBeam/helpers/validation';

const node = {
	id: '1',
	name: 'Zoho',
	type: 'n8n-nodes-zoho-beam.zohoBeam',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const connection: ZohoConnection = {
	dataCenter: 'com',
	crmApiUrl: 'https://www.zohoapis.com',
	deskApiUrl: 'https://desk.zoho.com/api/v1',
	crmWebUrl: 'https://crm.zoho.com',
	deskWebUrl: 'https://desk.zoho.com',
	cacheKey: 'k',
};
const leads = crmPath('v8', 'Leads' as ModuleName);

type Step =
	| { status: number; body?: unknown; headers?: Record<string, string> }
	| { networkCode: string }
	| { thrown: Error };

/** A stand-in for n8n's request helper answering with scripted responses; records what was sent. */
function fakeFunctions(steps: Step[], credentials: object = {}) {
	const sent: Array<{ method: string; url: string; headers: Record<string, string> }> = [];
	const fn = {
		getNode: () => node,
		getCredentials: async () => credentials,
		logger: { debug: () => undefined },
		helpers: {
			httpRequestWithAuthentication: async (
				_type: string,
				options: { method: string; url: string; headers: Record<string, string> },
			) => {
				sent.push(options);
				const step = steps.shift();
				if (!step) throw new Error('no more scripted steps');
				if ('thrown' in step) throw step.thrown;
				if ('networkCode' in step)
					throw Object.assign(new Error('socket hang up'), { code: step.networkCode });
				if (step.status >= 200 && step.status < 300)
					return { statusCode: step.status, body: step.body ?? '', headers: step.headers ?? {} };
				throw Object.assign(new Error(`HTTP ${step.status}`), {
					response: { status: step.status, data: step.body, headers: step.headers ?? {} },
				});
			},
		},
	} as unknown as IExecuteFunctions;
	return { fn, sent };
}

function fakeSleep() {
	const waits: number[] = [];
	return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('zohoRequest retries', () => {
	it('retries 429 and 5xx, then returns the answer', async () => {
		const { fn, sent } = fakeFunctions([
			{ status: 429, body: { code: 'TOO_MANY_REQUESTS', message: 'slow down' } },
			{ status: 502 },
			{ status: 200, body: { data: [1] } },
		]);
		const { waits, sleep } = fakeSleep();
		const response = await zohoRequest(
			fn,
			connection,
			DEFAULT_POLICY,
			{ app: 'crm', method: 'GET', path: leads },
			sleep,
		);
		expect(response.body).toEqual({ data: [1] });
		expect(sent).toHaveLength(3);
		expect(waits).toHaveLength(2);
	});

	it('honours Retry-After', async () => {
		const { fn } = fakeFunctions([
			{ status: 429, body: { code: 'TOO_MANY_REQUESTS' }, headers: { 'retry-after': '7' } },
			{ status: 200, body: {} },
		]);
		const { waits, sleep } = fakeSleep();
		await zohoRequest(
			fn,
			connection,
			DEFAULT_POLICY,
			{ app: 'crm', method: 'GET', path: leads },
			sleep,
		);
		expect(waits[0]).toBeGreaterThanOrEqual(7000);
		expect(waits[0]).toBeLessThan(7300);
	});

	it("stops after maxAttempts with Zoho's message and the attempt count", async () => {
		const { fn, sent } = fakeFunctions(
			Array.from({ length: 10 }, () => ({
				status: 500,
				body: { code: 'INTERNAL_ERROR', message: 'Internal server error' },
			})),
		);
		const { sleep } = fakeSleep();
		await expect(
			zohoRequest(
				fn,
				connection,
				{ ...DEFAULT_POLICY, maxAttempts: 3 },
				{ app: 'crm', method: 'GET', path: leads, itemIndex: 4 },
				sleep,
			),
		).rejects.toMatchObject({
			description: expect.stringMatching(/INTERNAL_ERROR.*after 3 attempts/),
			context: expect.objectContaining({ itemIndex: 4 }),
		});
		expect(sent).toHaveLength(3);
	});

	it('does not retry other 4xx', async () => {
		const { fn, sent } = fakeFunctions([
			{
				status: 400,
				body: { code: 'INVALID_DATA', message: 'invalid data', details: { api_name: 'Email' } },
			},
		]);
		await expect(
			zohoRequest(
				fn,
				connection,
				DEFAULT_POLICY,
				{ app: 'crm', method: 'GET', path: leads },
				fakeSleep().sleep,
			),
		).rejects.toThrow(/invalid data \(field Email\)/);
		expect(sent).toHaveLength(1);
	});

	it('does not retry credit exhaustion', async () => {
		const { fn, sent } = fakeFunctions([
			{
				status: 429,
				body: { code: 'TOO_MANY_REQUESTS', message: 'You have reached the daily API credit limit' },
			},
		]);
		await expect(
			zohoRequest(
				fn,
				connection,
				DEFAULT_POLICY,
				{ app: 'crm', method: 'GET', path: leads },
				fakeSleep().sleep,
			),
		).rejects.toThrow(/daily API credit limit is used up/);
		expect(sent).toHaveLength(1);
	});

	it('retries a connection reset for reads but not for a create', async () => {
		const read = fakeFunctions([{ networkCode: 'ECONNRESET' }, { status: 200, body: {} }]);
		await zohoRequest(
			read.fn,
			connection,
			DEFAULT_POLICY,
			{ app: 'crm', method: 'GET', path: leads },
			fakeSleep().sleep,
		);
		expect(read.sent).toHaveLength(2);
		const create = fakeFunctions([{ networkCode: 'ECONNRESET' }, { status: 201, body: {} }]);
		await expect(
			zohoRequest(
				create.fn,
				connection,
				DEFAULT_POLICY,
				{ app: 'crm', method: 'POST', path: leads },
				fakeSleep().sleep,
			),
		).rejects.toThrow(/Could not reach Zoho \(ECONNRESET\)/);
		expect(create.sent).toHaveLength(1);
	});

	it('returns a batch answer whose every record failed (HTTP 400) for per-record mapping', async () => {
		const body = { data: [{ code: 'INVALID_DATA', status: 'error', message: 'invalid data' }] };
		const { fn } = fakeFunctions([{ status: 400, body }]);
		const response = await zohoRequest(
			fn,
			connection,
			DEFAULT_POLICY,
			{ app: 'crm', method: 'PUT', path: leads, perRecordKey: 'data' },
			fakeSleep().sleep,
		);
		expect(response).toMatchObject({ statusCode: 400, body });
	});

	it('sends the Desk orgId header and uses the Desk root', async () => {
		const { fn, sent } = fakeFunctions([{ status: 204 }]);
		const response = await zohoRequest(
			fn,
			connection,
			DEFAULT_POLICY,
			{ app: 'desk', method: 'GET', path: deskPath('tickets'), deskOrgId: '600' },
			fakeSleep().sleep,
		);
		expect(response.body).toBeUndefined();
		expect(sent[0].url).toBe('https://desk.zoho.com/api/v1/tickets');
		expect(sent[0].headers.orgId).toBe('600');
	});

	it("explains a 401 that survived n8n's refresh with what the refresh stored", async () => {
		const { fn } = fakeFunctions(
			[{ status: 401, body: { code: 'INVALID_TOKEN', message: 'invalid oauth token' } }],
			{ oauthTokenData: { access_token: 'old', error: 'invalid_client' } },
		);
		await expect(
			zohoRequest(
				fn,
				connection,
				DEFAULT_POLICY,
				{ app: 'crm', method: 'GET', path: leads },
				fakeSleep().sleep,
			),
		).rejects.toMatchObject({
			message: expect.stringMatching(/rejected the access token/),
			description: expect.stringMatching(/invalid_client.*Reconnect/s),
		});
	});
});

const GATEWAY_PAGE =
	'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

describe('zohoRequest and gateways', () => {
	it('never resends a create after a 5xx, and says Zoho may have applied it', async () => {
		const { fn, sent } = fakeFunctions([
			{ status: 504, body: GATEWAY_PAGE },
			{ status: 201, body: { data: [] } },
		]);
		const error = await zohoRequest(
			fn,
			connection,
			DEFAULT_POLICY,
			{ app: 'crm', method: 'POST', path: leads },
			fakeSleep().sleep,
		).catch((caught: NodeApiError) => caught);
		expect(sent).toHaveLength(1);
		expect(error.message).toBe(
			'Zoho CRM answered HTTP 504 (Gateway Timeout) from www.zohoapis.com',
		);
		expect(error.description).toMatch(
			/gave up waiting for Zoho\. The request was not sent again, because Zoho may have applied it/,
		);
		expect(error.description).not.toMatch(/<|DOCTYPE/);
	});

	it('retries a 200 that is not JSON for a read, then reports it instead of an empty answer', async () => {
		const { fn, sent } = fakeFunctions([
			{ status: 200, body: GATEWAY_PAGE },
			{ status: 200, body: '{"data":[{"id":"1"' },
			{ status: 200, body: { data: [{ id: '1' }], info: {} } },
		]);
		const response = await zohoRequest(
			fn,
			connection,
			DEFAULT_POLICY,
			{ app: 'crm', method: 'GET', path: leads, shape: { data: 'array', info: 'object' } },
			fakeSleep().sleep,
		);
		expect(response.body).toEqual({ data: [{ id: '1' }], info: {} });
		expect(sent).toHaveLength(3);

		const always = fakeFunctions(
			Array.from({ length: 3 }, () => ({ status: 200, body: '{"data":[{"id":"1"' })),
		);
		await expect(
			zohoRequest(
				always.fn,
				connection,
				{ ...DEFAULT_POLICY, maxAttempts: 3 },
				{ app: 'crm', method: 'GET', path: leads },
				fakeSleep().sleep,
			),
		).rejects.toThrow(
			'Zoho CRM answered HTTP 200 from www.zohoapis.com with JSON that is cut off or invalid',
		);
	});

	it('treats a 2xx without the promised shape as garbled, and a 204 as empty', async () => {
		const shape = { data: 'array', info: 'object' } as const;
		const { fn } = fakeFunctions([{ status: 200, body: { data: [] } }]);
		await expect(
			zohoRequest(
				fn,
				connection,
				{ ...DEFAULT_POLICY, maxAttempts: 1 },
				{ app: 'crm', method: 'GET', path: leads, shape },
				fakeSleep().sleep,
			),
		).rejects.toThrow(/JSON without its "info" object/);
		const empty = fakeFunctions([{ status: 204 }]);
		expect(
			(
				await zohoRequest(
					empty.fn,
					connection,
					DEFAULT_POLICY,
					{ app: 'crm', method: 'GET', path: leads, shape },
					fakeSleep().sleep,
				)
			).body,
		).toBeUndefined();
	});

	it('reports a garbled answer to a write as possibly applied, without resending it', async () => {
		const { fn, sent } = fakeFunctions([{ status: 201, body: '{"data":[{"code":"SUCC' }]);
		await expect(
			zohoRequest(
				fn,
				connection,
				DEFAULT_POLICY,
				{ app: 'crm', method: 'POST', path: leads },
				fakeSleep().sleep,
			),
		).rejects.toMatchObject({
			description: expect.stringMatching(/not sent again, because Zoho may have applied it/),
		});
		expect(sent).toHaveLength(1);
	});

	it('says how long Zoho asked to wait when Retry-After exceeds Max Retry Wait', async () => {
		const { fn, sent } = fakeFunctions([
			{
				status: 429,
				body: { code: 'TOO_MANY_REQUESTS', message: 'slow down' },
				headers: { 'retry-after': '3600' },
			},
		]);
		await expect(
			zohoRequest(
				fn,
				connection,
				DEFAULT_POLICY,
				{ app: 'crm', method: 'GET', path: leads },
				fakeSleep().sleep,
			),
		).rejects.toThrow(
			'Zoho asked to wait an hour before the next request, more than "Max Retry Wait" (120 s) allows',
		);
		expect(sent).toHaveLength(1);
	});

	it("scrubs every secret the credential holds from n8n's own errors, a cut-off token included", async () => {
		const refresh = '1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210';
		const credentials = {
			clientSecret: 'client-secret-value-42',
			oauthTokenData: { access_token: '1000.access.token.value', refresh_token: refresh },
		};
		const preview =
			`You sent: POST /oauth/v2/token client_secret=client-secret-value-42&refresh_token=${refresh}`.slice(
				0,
				100,
			);
		const thrown = new Error(
			`Expected JSON response from OAuth2 token endpoint (content-type: text/plain) but received: ${preview}...`,
		);
		const { fn } = fakeFunctions([{ thrown }], credentials);
		const error = await zohoRequest(
			fn,
			connection,
			DEFAULT_POLICY,
			{ app: 'crm', method: 'GET', path: leads, secrets: ['channel-token-secret'] },
			fakeSleep().sleep,
		).catch((caught: Error & { description?: string }) => caught);
		expect(error.message).toBe("Zoho's token endpoint did not answer with a token");
		const text = `${error.message} ${error.description} ${error.stack}`;
		for (const secret of ['client-secret-value-42', refresh, refresh.slice(0, 40)])
			expect(text).not.toContain(secret);
		expect(error.description).toContain('client_secret=[hidden]&refresh_token=[hidden]');
	});
});

describe('scrubbing secrets', () => {
	it('hides a secret as is, URL-encoded, and the start of one cut off', () => {
		const secret = 'a+b/c=secret value';
		expect(
			redactText(
				`x ${secret} y ${encodeURIComponent(secret)} z ${encodeURIComponent(secret).replace(/%20/g, '+')}`,
				[secret],
			),
		).toBe('x [hidden] y [hidden] z [hidden]');
		expect(redactText('token=1000.abcdefgh...', ['1000.abcdefghijklmnop'])).toBe(
			'token=[hidden]...',
		);
		expect(redactText('short 1234 stays', ['1234'])).toBe('short 1234 stays');
	});

	it("scrubs message, description, stack, Zoho's answer and the cause of an error, not the node", () => {
		const error = toNodeApiError(node, {
			app: 'crm',
			path: '/x',
			statusCode: 400,
			body: { code: 'INVALID_DATA', message: 'bad token-of-channel-1' },
		});
		const cause = new Error('inner token-of-channel-1');
		Object.assign(error, { cause });
		scrubSecrets(error, ['token-of-channel-1']);
		expect(
			JSON.stringify({
				m: error.message,
				d: error.description,
				r: error.errorResponse,
				s: error.stack,
				c: cause.message,
			}),
		).not.toContain('token-of-channel-1');
		expect(error.node).toBe(node);
	});
});

describe('error mapper', () => {
	it('names the missing scope area and says to reconnect', () => {
		const error = toNodeApiError(
			node,
			{
				app: 'crm',
				path: '/crm/v8/coql',
				statusCode: 401,
				body: { code: 'OAUTH_SCOPE_MISMATCH', message: 'invalid oauth scope to access this URL' },
			},
			2,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/CRM COQL queries \(scope ZohoCRM\.coql\.READ\)/);
		expect(error.description).toMatch(/Reconnect/);
		expect(error.context.itemIndex).toBe(2);
	});

	it('reads Desk error bodies with field errors', () => {
		const error = toNodeApiError(node, {
			app: 'desk',
			path: '/tickets',
			statusCode: 422,
			body: {
				errorCode: 'INVALID_DATA',
				message: 'An invalid value is passed',
				errors: [
					{ fieldName: '/subject', errorType: 'missing', errorMessage: 'subject is required' },
				],
			},
		});
		expect(error.message).toMatch(/field subject: subject is required/);
		expect(error.description).toMatch(/Zoho DESK INVALID_DATA/);
	});

	it('explains an organization mismatch', () => {
		const error = toNodeApiError(node, {
			app: 'desk',
			path: '/tickets',
			statusCode: 401,
			body: { errorCode: 'OAUTH_ORG_MISMATCH', message: 'no' },
		});
		expect(error.message).toMatch(/Desk organization ID does not belong/);
	});

	it('maps a refused record to its item with the field', () => {
		const error = recordError(
			node,
			'crm',
			{
				code: 'INVALID_DATA',
				status: 'error',
				message: 'invalid data',
				details: { api_name: 'Email', expected_data_type: 'email' },
			},
			7,
		);
		expect(error.message).toBe(
			'Zoho refused the record of item 7: invalid data (field Email, expected email)',
		);
		expect(error.context.itemIndex).toBe(7);
	});
});
