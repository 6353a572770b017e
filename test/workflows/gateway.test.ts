/*
 * Faults that proxies, gateways and WAFs in front of Zoho produce, injected by the emulator's
 * scripted rewrites while real workflows run through n8n's engine. Every scenario checks the
 * fault suite's invariants where they apply: no input item lost or duplicated, pairing kept, no
 * record written twice (the emulator's write counter and store), and no request after the node
 * returned.
 */
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, emulatorCredential, loadPackage } = require('../harness');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
	await loadPackage(); // so the timed scenarios do not include loading the package
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const moduleRl = (value: string) => ({ __rl: true, mode: 'list', value });
const continueOnFail = { onError: 'continueRegularOutput' };
const crmRequests = (method: string, path: RegExp) =>
	emu.requests.filter((r: any) => r.app === 'crm' && r.method === method && path.test(r.path));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a workflow and notes when the node had returned, to check nothing is sent after. */
async function run(parameters: object, input?: object[], extra: object = {}, credential?: object) {
	const result = await runWorkflow({
		emu,
		credential,
		workflow: singleNodeWorkflow(parameters, extra),
		input,
	});
	return { ...result, endedAt: Date.now() };
}

/** Waits `ms`, then checks that no CRM or Desk request reached the emulator after the node returned. */
async function expectNothingSentAfter(endedAt: number, ms = 300) {
	await sleep(ms);
	const late = emu.requests.filter(
		(r: any) => (r.app === 'crm' || r.app === 'desk') && Date.parse(r.startedAt) > endedAt,
	);
	expect(late).toEqual([]);
}

function expectPaired(out: any[], count: number) {
	expect(out).toHaveLength(count);
	out.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
}

/** Every text a run produced, for secret scans. */
function everything(result: any): string {
	return JSON.stringify({
		error: result.error,
		runData: result.runData,
		message: result.error?.message,
		description: result.error?.description,
		stack: result.error?.stack,
	});
}

const create = (options: object = {}) => ({
	resource: 'record',
	operation: 'create',
	app: 'crm',
	module: moduleRl('Leads'),
	dataMode: 'autoMap',
	options,
});
const update = (options: object = {}) => ({
	resource: 'record',
	operation: 'update',
	app: 'crm',
	module: moduleRl('Leads'),
	recordId: '={{ $json.id }}',
	dataMode: 'autoMap',
	options,
});
const getMany = (limit: number, options: object = {}) => ({
	resource: 'record',
	operation: 'getAll',
	app: 'crm',
	module: moduleRl('Leads'),
	limit,
	options: { fields: ['Last_Name'], ...options },
});

describe('no duplicate creates: a 5xx after Zoho applied a write', () => {
	it('a create answered 504 with an HTML page after Zoho created the records is reported, never resent', async () => {
		emu.configure({
			faults: {
				rewrites: [
					{ path: '^/crm/v8/Leads$', method: 'POST', body: 'html', status: 504, applied: true },
				],
			},
		});
		const before = emu.data.crm.records.Leads.size;
		const input = [{ Last_Name: 'Gate 1' }, { Last_Name: 'Gate 2' }, { Last_Name: 'Gate 3' }];
		const result = await run(create(), input, continueOnFail);
		const out = result.output('Zoho');
		expectPaired(out, 3);
		for (const item of out) {
			expect(item.json.error.message).toMatch(/HTTP 504 \(Gateway Timeout\) from 127\.0\.0\.1:\d+/);
			expect(item.json.error.description).toMatch(
				/not sent again, because Zoho may have applied it/,
			);
			expect(item.json.error.description).not.toMatch(/<html|<!DOCTYPE/i);
		}
		expect(crmRequests('POST', /^\/crm\/v8\/Leads$/)).toHaveLength(1);
		expect(emu.data.crm.records.Leads.size).toBe(before + 3);
		await expectNothingSentAfter(result.endedAt);
	});

	it('a 502 before Zoho saw the create is not resent either (nothing proves Zoho did not act), and 429 is', async () => {
		emu.configure({
			faults: {
				rewrites: [
					{ path: '^/crm/v8/Leads$', method: 'POST', body: 'html', status: 502, count: 1 },
				],
			},
		});
		const before = emu.data.crm.records.Leads.size;
		const failed = await run(create(), [{ Last_Name: 'Once' }]);
		expect(failed.status).toBe('error');
		expect(failed.nodeError('Zoho').message).toMatch(/HTTP 502 \(Bad Gateway\)/);
		expect(crmRequests('POST', /^\/crm\/v8\/Leads$/)).toHaveLength(1);
		expect(emu.data.crm.records.Leads.size).toBe(before);

		emu.reset();
		emu.configure({
			faults: {
				rewrites: [
					{ path: '^/crm/v8/Leads$', method: 'POST', body: 'html', status: 429, count: 1 },
				],
			},
		});
		const result = await run(create(), [{ Last_Name: 'After 429' }]);
		expect(result.status).toBe('success');
		expect(crmRequests('POST', /^\/crm\/v8\/Leads$/)).toHaveLength(2);
		expect(emu.data.crm.records.Leads.size).toBe(before + 1);
	});

	it('a Desk create answered 502 after Zoho created the contact is not resent', async () => {
		emu.configure({
			faults: {
				rewrites: [
					{ path: '^/api/v1/contacts$', method: 'POST', body: 'html', status: 502, applied: true },
				],
			},
		});
		const before = emu.data.desk.contacts.size;
		const result = await run(
			{
				resource: 'record',
				operation: 'create',
				app: 'desk',
				deskModule: 'contacts',
				dataMode: 'json',
				fieldsJson: '{"lastName":"Behind a gateway"}',
			},
			[{}],
			continueOnFail,
		);
		const out = result.output('Zoho');
		expectPaired(out, 1);
		expect(out[0].json.error.message).toMatch(/Zoho DESK answered HTTP 502/);
		expect(out[0].json.error.description).toMatch(/may have applied it/);
		expect(emu.requests.filter((r: any) => r.app === 'desk' && r.method === 'POST')).toHaveLength(
			1,
		);
		expect(emu.data.desk.contacts.size).toBe(before + 1);
		await expectNothingSentAfter(result.endedAt);
	});

	it('an upsert is not resent after a 502 (a record without its duplicate-check value would be inserted twice)', async () => {
		emu.configure({
			faults: {
				rewrites: [{ path: '^/crm/v8/Leads/upsert$', body: 'html', status: 502, applied: true }],
			},
		});
		const before = emu.data.crm.records.Leads.size;
		const result = await run(
			{ ...create({ duplicateCheckFields: 'Email' }), operation: 'upsert' },
			[{ Last_Name: 'No email' }],
			continueOnFail,
		);
		expect(result.output('Zoho')[0].json.error.description).toMatch(/may have applied it/);
		expect(crmRequests('POST', /upsert$/)).toHaveLength(1);
		expect(emu.data.crm.records.Leads.size).toBe(before + 1);
	});

	it('an update (same values again) is resent after a 502, and ends as written once', async () => {
		emu.configure({
			faults: {
				rewrites: [
					{
						path: '^/crm/v8/Leads$',
						method: 'PUT',
						body: 'html',
						status: 502,
						applied: true,
						count: 1,
					},
				],
			},
		});
		const ids: string[] = emu.ids('Leads', 3);
		const result = await run(
			update(),
			ids.map((id, index) => ({ id, City: `Gate ${index}` })),
		);
		expect(result.status).toBe('success');
		expectPaired(result.output('Zoho'), 3);
		ids.forEach((id, index) =>
			expect(emu.data.crm.records.Leads.get(id).City).toBe(`Gate ${index}`),
		);
		// Documented: an update may be applied twice with the same values (README, Reliability).
		expect(crmRequests('PUT', /^\/crm\/v8\/Leads$/)).toHaveLength(2);
	});
});

describe('no silent loss: success answers that are not the promised JSON', () => {
	it('a truncated 200 page in the middle of a list is retried: all 450 records, none twice', async () => {
		emu.configure({
			faults: {
				rewrites: [
					{ path: '^/crm/v8/Leads$', method: 'GET', from: 2, count: 1, body: 'truncated' },
				],
			},
		});
		const result = await run(getMany(450));
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(450);
		expect(new Set(out.map((item: any) => item.json.id)).size).toBe(450);
		expect(emu.requests.some((r: any) => r.fault === 'rewrite:truncated')).toBe(true);
	});

	it('a page that stays truncated fails the run instead of returning the first 200 records', async () => {
		emu.configure({
			faults: {
				rewrites: [{ path: '^/crm/v8/Leads$', method: 'GET', from: 2, body: 'truncated' }],
			},
		});
		const result = await run(getMany(450, { maxAttempts: 2 }));
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(
			/answered HTTP 200 from 127\.0\.0\.1:\d+ with JSON that is cut off or invalid/,
		);
		expect(result.runData.Zoho[0].data).toBeUndefined();
		await expectNothingSentAfter(result.endedAt);
	});

	it('a 200 HTML block page on the first page is never 0 records: retried, then reported', async () => {
		emu.configure({
			faults: {
				rewrites: [{ path: '^/crm/v8/Leads$', method: 'GET', body: 'html', status: 200, count: 1 }],
			},
		});
		const once = await run(getMany(10));
		expect(once.status).toBe('success');
		expect(once.output('Zoho')).toHaveLength(10);

		emu.reset();
		emu.configure({
			faults: { rewrites: [{ path: '^/crm/v8/Leads$', method: 'GET', body: 'html', status: 200 }] },
		});
		const always = await run(getMany(10, { maxAttempts: 2 }), [{}], continueOnFail);
		const out = always.output('Zoho');
		expectPaired(out, 1);
		expect(out[0].json.error.message).toMatch(/with a page that is not JSON/);
		expect(crmRequests('GET', /^\/crm\/v8\/Leads$/)).toHaveLength(2);
	});

	it('a Desk list answered with JSON that lacks its data list fails instead of ending the list', async () => {
		emu.configure({
			faults: {
				rewrites: [{ path: '^/api/v1/contacts$', method: 'GET', body: 'empty', status: 200 }],
			},
		});
		const result = await run({
			resource: 'record',
			operation: 'getAll',
			app: 'desk',
			deskModule: 'contacts',
			limit: 50,
			options: { maxAttempts: 2 },
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(
			/Zoho DESK answered HTTP 200 .* with an empty body/,
		);
	});

	it('a create whose 201 answer is cut off is reported as possibly applied, never resent', async () => {
		emu.configure({
			faults: { rewrites: [{ path: '^/crm/v8/Leads$', method: 'POST', body: 'truncated' }] },
		});
		const before = emu.data.crm.records.Leads.size;
		const result = await run(
			create(),
			[{ Last_Name: 'Cut 1' }, { Last_Name: 'Cut 2' }],
			continueOnFail,
		);
		const out = result.output('Zoho');
		expectPaired(out, 2);
		for (const item of out) expect(item.json.error.description).toMatch(/may have applied it/);
		expect(crmRequests('POST', /^\/crm\/v8\/Leads$/)).toHaveLength(1);
		expect(emu.data.crm.records.Leads.size).toBe(before + 2);
	});
});

describe('exact IDs', () => {
	it('refuses an unquoted ID beyond 2^53 in fieldsJson before any request, naming the field', async () => {
		const [id] = emu.ids('Leads', 1);
		const fieldsJson = '{"City": "Oslo", "Owner": {"id": 5725767000000411001}}';
		const result = await run({ ...update(), recordId: id, dataMode: 'json', fieldsJson });
		expect(result.status).toBe('error');
		const error = result.nodeError('Zoho');
		expect(error.message).toMatch(/"fieldsJson" has the number 5725767000000411001 at Owner\.id/);
		expect(error.description).toMatch(/quotes.*"id": "5725767000000411001"/);
		expect(crmRequests('PUT', /./)).toHaveLength(0);
	});

	it('sends the same ID quoted, digit for digit', async () => {
		const [id] = emu.ids('Leads', 1);
		const owner: string = emu.data.crm.records.Leads.get(id).Owner.id;
		const result = await run(
			{
				...update(),
				recordId: id,
				dataMode: 'json',
				fieldsJson: `{"City": "Oslo", "Owner": {"id": "${owner}"}}`,
			},
			[{}],
			continueOnFail,
		);
		expect(crmRequests('PUT', /./)).toHaveLength(1);
		expect(crmRequests('PUT', /./)[0].body.data[0].Owner).toEqual({ id: owner });
		expect(result.output('Zoho')).toHaveLength(1);
	});
});

describe('write results matched by ID, not by position alone', () => {
	it('a batch answered in another order marks every answer its ID does not confirm as unconfirmed', async () => {
		emu.configure({
			faults: { rewrites: [{ path: '^/crm/v8/Leads$', method: 'PUT', body: 'reorder' }] },
		});
		const ids: string[] = emu.ids('Leads', 3);
		const input = [
			{ id: ids[0], Email: 'a@example.com' },
			{ id: ids[1], Email: 'not-an-email' },
			{ id: ids[2], Email: 'c@example.com' },
		];
		const result = await run(update(), input, continueOnFail);
		const out = result.output('Zoho');
		expectPaired(out, 3);
		for (const item of out) {
			expect(item.json.error.code).toBe('UNCONFIRMED');
			expect(item.json.error.description).toMatch(/may or may not have been written/);
		}
		// The refused record never shows as a success, and nothing was sent twice.
		expect(out[1].json.status).toBeUndefined();
		expect(crmRequests('PUT', /^\/crm\/v8\/Leads$/)).toHaveLength(1);
		await expectNothingSentAfter(result.endedAt);
	});

	it('answers whose ID matches stay successes; the run stops on an unconfirmed one without Continue On Fail', async () => {
		emu.configure({
			faults: { rewrites: [{ path: '^/crm/v8/Leads$', method: 'PUT', body: 'reorder' }] },
		});
		const ids: string[] = emu.ids('Leads', 3);
		const both = await run(
			update(),
			ids.map((id) => ({ id, City: 'Same' })),
			continueOnFail,
		);
		const out = both.output('Zoho');
		// Reversed: the middle answer is about the middle record, the outer two are swapped.
		expect(out[1].json).toMatchObject({ id: ids[1], status: 'success' });
		expect(out[0].json.error.code).toBe('UNCONFIRMED');
		expect(out[2].json.error.code).toBe('UNCONFIRMED');

		emu.reset();
		emu.configure({
			faults: { rewrites: [{ path: '^/crm/v8/Leads$', method: 'PUT', body: 'reorder' }] },
		});
		const stopped = await run(
			update(),
			ids.slice(0, 2).map((id) => ({ id, City: 'Stop' })),
		);
		expect(stopped.status).toBe('error');
		expect(stopped.nodeError('Zoho').message).toMatch(/could not be confirmed/);
	});
});

describe('secrets never in errors', () => {
	it('a token endpoint answering 200 with a page that echoes the refresh request leaks nothing', async () => {
		emu.configure({
			faults: { rewrites: [{ path: '^/oauth/v2/token$', body: 'echo', status: 200 }] },
		});
		const credential = emulatorCredential(emu);
		emu.expireAccessTokens();
		const result = await run(getMany(5), [{}], {}, credential);
		expect(result.status).toBe('error');
		const error = result.nodeError('Zoho');
		expect(error.message).toMatch(/token endpoint did not answer with a token/);
		expect(error.description).toMatch(/\[hidden\]/);
		const text = everything(result);
		const refresh = credential.oauthTokenData.refresh_token as string;
		for (const secret of [
			emu.config.clientSecret,
			refresh,
			credential.oauthTokenData.access_token,
			refresh.slice(0, 12),
		]) {
			expect(text).not.toContain(secret);
		}
		await expectNothingSentAfter(result.endedAt);
	});

	it('an API gateway page that echoes the request (bearer token included) leaks no token', async () => {
		emu.configure({
			faults: { rewrites: [{ path: '^/crm/v8/Leads/\\d+$', body: 'echo', status: 502 }] },
		});
		const credential = emulatorCredential(emu);
		const [id] = emu.ids('Leads', 1);
		const result = await run(
			{
				resource: 'record',
				operation: 'get',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: { __rl: true, mode: 'id', value: id },
				options: { maxAttempts: 1 },
			},
			[{}],
			{},
			credential,
		);
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').description).toMatch(/You sent: GET/);
		expect(everything(result)).not.toContain(credential.oauthTokenData.access_token);
	});
});

describe('plain http only on loopback', () => {
	it.each([
		['customAccountsUrl', 'http://accounts.example.com'],
		['customCrmApiUrl', 'http://10.0.0.8:8080'],
		['customDeskApiUrl', 'http://desk-proxy.internal/api/v1'],
	])('refuses %s = %s before any request', async (field, url) => {
		const credential = emulatorCredential(emu);
		credential[field] = url;
		if (field === 'customCrmApiUrl') delete credential.oauthTokenData.api_domain;
		const result = await run(getMany(1), [{}], {}, credential);
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(
			/uses plain http:\/\/ for a host that is not this machine/,
		);
		expect(result.nodeError('Zoho').description).toContain(url);
		expect(emu.requests).toHaveLength(0);
	});

	it('refuses a token whose api_domain is plain http to another host', async () => {
		const credential = emulatorCredential(emu);
		credential.oauthTokenData.api_domain = 'http://www.zohoapis.example';
		const result = await run(getMany(1), [{}], {}, credential);
		expect(result.nodeError('Zoho').message).toMatch(
			/API domain \(from the token\) uses plain http/,
		);
		expect(emu.requests).toHaveLength(0);
	});

	it('accepts localhost for every URL', async () => {
		const credential = emulatorCredential(emu);
		const local = emu.url.replace('127.0.0.1', 'localhost');
		Object.assign(credential, {
			customAccountsUrl: local,
			customCrmApiUrl: local,
			customDeskApiUrl: `${local}/api/v1`,
		});
		credential.oauthTokenData.api_domain = local;
		const result = await run(getMany(3), [{}], {}, credential);
		expect(result.status).toBe('success');
		expect(result.output('Zoho')).toHaveLength(3);
	});
});

describe('time limits and messages', () => {
	it('a hanging token endpoint is bounded by the node timeout, and nothing is sent once it answers', async () => {
		const credential = emulatorCredential(emu);
		emu.expireAccessTokens();
		emu.configure({ faults: { hangRate: 1, hangMs: 4000, paths: '^/oauth/v2/token$' } });
		const started = Date.now();
		const result = await run(getMany(5, { timeoutSeconds: 1 }), [{}], {}, credential);
		expect(result.status).toBe('error');
		// The limit is "Timeout" (1 s) + 1 s from the first call; the run ends soon after it.
		const firstCall = Math.min(
			...emu.requests.filter((r: any) => r.app === 'crm').map((r: any) => Date.parse(r.startedAt)),
		);
		expect(result.endedAt - firstCall).toBeLessThan(3500);
		expect(result.endedAt - started).toBeLessThan(4500);
		const error = result.nodeError('Zoho');
		expect(error.message).toMatch(/^Zoho's token endpoint did not answer in time/);
		expect(error.description).toMatch(/renewing the access token at 127\.0\.0\.1:\d+ .*within 2 s/);
		// The token endpoint answers after 4 s; n8n would then resend the request with the new token.
		for (let waited = 0; emu.stats.refreshes === 0 && waited < 8000; waited += 100)
			await sleep(100);
		expect(emu.stats.refreshes).toBe(1);
		await expectNothingSentAfter(result.endedAt, 500);
	});

	it('Retry-After beyond Max Retry Wait: says how long Zoho asked to wait, without retrying', async () => {
		emu.configure({ faults: { rate429: 1, retryAfterSec: 3600 } });
		const started = Date.now();
		const result = await run(getMany(5));
		expect(result.status).toBe('error');
		expect(Date.now() - started).toBeLessThan(5000);
		const error = result.nodeError('Zoho');
		expect(error.message).toMatch(
			/^Zoho asked to wait an hour before the next request, more than "Max Retry Wait" \(120 s\) allows/,
		);
		expect(error.description).toMatch(/Retry-After: 3600, so the node did not retry/);
		expect(crmRequests('GET', /^\/crm\/v8\/Leads$/)).toHaveLength(1);
	});

	it('a persistent HTML 502 is reported by status, meaning, host and a short excerpt, not as the page', async () => {
		emu.configure({
			faults: { rewrites: [{ path: '^/crm/v8/Leads$', method: 'GET', body: 'html', status: 502 }] },
		});
		const result = await run(getMany(5, { maxAttempts: 2 }));
		const error = result.nodeError('Zoho');
		expect(error.message).toMatch(
			/^Zoho CRM answered HTTP 502 \(Bad Gateway\) from 127\.0\.0\.1:\d+( \[item 0\])?$/,
		);
		expect(error.description).toMatch(
			/HTTP 502, the answer starts: "502 Bad Gateway 502 Bad Gateway nginx" \(after 2 attempts\)\. A gateway or proxy between n8n and Zoho failed/,
		);
		expect(`${error.message} ${error.description}`).not.toMatch(/<|DOCTYPE/);
	});
});
