/* API Call: any Zoho path through the node's own transport — through n8n's real engine against the emulator. */
const { startEmulator, DESK_ORG_IDS } = require('../emulator');
const { runWorkflow, singleNodeWorkflow } = require('../harness');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const run = (parameters: object, input?: object[], extra?: object) =>
	runWorkflow({
		emu,
		workflow: singleNodeWorkflow({ resource: 'apiCall', operation: 'send', ...parameters }, extra),
		input,
	});
const dataRequests = () => emu.requests.filter((r: any) => r.app === 'crm' || r.app === 'desk');

describe('apiCall send', () => {
	it('GETs a CRM path with a query and returns the JSON body', async () => {
		const result = await run({
			app: 'crm',
			method: 'GET',
			path: '/crm/v8/Leads/actions/count',
			queryJson: '{"criteria": "(Lead_Status:equals:Contacted)"}',
		});
		expect(result.status).toBe('success');
		const expected = Array.from(emu.data.crm.records.Leads.values()).filter(
			(lead: any) => lead.Lead_Status === 'Contacted',
		).length;
		expect(result.output('Zoho')[0].json).toEqual({ count: expected });
		expect(dataRequests()[0]).toMatchObject({
			method: 'GET',
			path: '/crm/v8/Leads/actions/count',
			query: { criteria: '(Lead_Status:equals:Contacted)' },
		});
	});

	it('POSTs a JSON body and splits the answer into one item per element', async () => {
		const result = await run({
			app: 'crm',
			method: 'POST',
			path: 'crm/v8/Leads',
			bodyJson: '{"data": [{"Last_Name": "Doe"}, {"Last_Name": "Roe"}]}',
			options: { splitInto: 'data' },
		});
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(2);
		expect(out.map((item: any) => item.json.code)).toEqual(['SUCCESS', 'SUCCESS']);
		expect(emu.data.crm.records.Leads.get(out[1].json.details.id).Last_Name).toBe('Roe');
	});

	it('pages a CRM list past 2,000 records (page numbers, then page tokens) up to the limit', async () => {
		const result = await run({
			app: 'crm',
			method: 'GET',
			path: '/crm/v8/Contacts',
			queryJson: '{"fields": "Last_Name"}',
			paginate: true,
			returnAll: false,
			limit: 2100,
		});
		expect(result.status).toBe('success');
		expect(result.output('Zoho')).toHaveLength(2100);
		const pages = dataRequests();
		expect(pages).toHaveLength(11);
		expect(pages[10].query.page_token).toBeDefined();
		expect(new Set(result.output('Zoho').map((item: any) => item.json.id)).size).toBe(2100);
	});

	it('adds the Desk organization header and pages Desk lists with from/limit', async () => {
		const result = await run({
			app: 'desk',
			method: 'GET',
			path: '/api/v1/tickets',
			paginate: true,
			limit: 250,
		});
		expect(result.status).toBe('success');
		expect(result.output('Zoho')).toHaveLength(250);
		const pages = dataRequests().filter((r: any) => r.path === '/api/v1/tickets');
		expect(pages.map((r: any) => [r.query.from, r.query.limit])).toEqual([
			['0', '100'],
			['100', '100'],
			['200', '50'],
		]);
		// The emulator refuses Desk calls without the orgId header, as Zoho does.
		expect(pages.every((r: any) => r.status === 200)).toBe(true);
	});

	it('addresses the Desk organization chosen in the options', async () => {
		const result = await run({
			app: 'desk',
			method: 'GET',
			path: '/api/v1/tickets',
			queryJson: '{"limit": 5}',
			options: { splitInto: 'data', deskOrgId: DESK_ORG_IDS.B },
		});
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(5);
		expect(
			out.every((item: any) => emu.data.desk.tickets.get(item.json.id).orgId === DESK_ORG_IDS.B),
		).toBe(true);
	});

	it("maps Zoho's error with the node's error mapper and retries 429s", async () => {
		const missing = await run({
			app: 'crm',
			method: 'GET',
			path: '/crm/v8/NoSuchModule',
			queryJson: '{"fields": "id"}',
		});
		expect(missing.status).toBe('error');
		expect(missing.nodeError('Zoho').description).toMatch(/Zoho CRM INVALID_MODULE/);
		emu.configure({
			faults: { rate429: 0.5, retryAfterSec: 0, paths: '/crm/v8/Leads/actions/count' },
		});
		const input = Array.from({ length: 6 }, () => ({}));
		const retried = await run(
			{ app: 'crm', method: 'GET', path: '/crm/v8/Leads/actions/count' },
			input,
		);
		expect(retried.status).toBe('success');
		expect(
			retried
				.output('Zoho')
				.every((item: any) => item.json.count === emu.data.crm.records.Leads.size),
		).toBe(true);
		expect(dataRequests().some((r: any) => r.status === 429)).toBe(true);
	});

	describe('refusals: nothing is sent', () => {
		const cases: Array<[string, object, RegExp]> = [
			[
				'an absolute URL',
				{ app: 'crm', path: 'https://www.zohoapis.com/crm/v8/Leads' },
				/not a full URL or another host/,
			],
			[
				'another host',
				{ app: 'crm', path: '//evil.example/crm/v8/Leads' },
				/not a full URL or another host/,
			],
			['..', { app: 'crm', path: '/crm/v8/../../oauth/v2/token' }, /must not contain "\.\."/],
			[
				'encoded ..',
				{ app: 'desk', path: '/api/v1/%2e%2e/tickets' },
				/characters a Zoho API path never has|must not contain/,
			],
			[
				'a path outside the CRM API',
				{ app: 'crm', path: '/oauth/v2/token' },
				/outside the Zoho CRM API: it must start with \/crm\/v8\//,
			],
			['a CRM path for Desk', { app: 'desk', path: '/crm/v8/Leads' }, /outside the Zoho Desk API/],
			[
				'a query in the path',
				{ app: 'crm', path: '/crm/v8/Leads?fields=id' },
				/must not contain "\?" or "#"/,
			],
			[
				'a body that is not JSON',
				{ app: 'crm', method: 'POST', path: '/crm/v8/Leads', bodyJson: '{"data": [' },
				/"bodyJson" is not valid JSON/,
			],
			[
				'a JSON array body',
				{ app: 'crm', method: 'POST', path: '/crm/v8/Leads', bodyJson: '[1, 2]' },
				/"bodyJson" must be a JSON object/,
			],
			[
				'a query that is not JSON',
				{ app: 'crm', path: '/crm/v8/Leads', queryJson: 'fields=id' },
				/"queryJson" is not valid JSON/,
			],
			[
				'a nested query value',
				{ app: 'crm', path: '/crm/v8/Leads', queryJson: '{"fields": {"a": 1}}' },
				/query values must be text/,
			],
		];
		it.each(cases)('refuses %s', async (_name, parameters, message) => {
			const result = await run(parameters);
			expect(result.status).toBe('error');
			expect(result.nodeError('Zoho').message).toMatch(message);
			expect(result.nodeError('Zoho').context.itemIndex).toBe(0);
			expect(dataRequests()).toHaveLength(0);
		});
	});

	it("lets n8n's HTTP Request node use the credential as a predefined credential type", async () => {
		const { loadPackage } = require('../harness');
		const loader = await loadPackage();
		const credential = loader.credentialTypes.zohoBeamOAuth2Api.type;
		expect(credential.httpRequestNode).toMatchObject({
			name: expect.stringMatching(/Zoho Beam/),
			docsUrl: expect.stringMatching(/^https:\/\//),
		});
		expect(credential.httpRequestNode.apiBaseUrlPlaceholder).toMatch(/zohoapis/);
		// n8n's loader marks it hidden (no separate HTTP-only app in the node list) because the
		// package has its own node, as it does for n8n's built-in credentials.
		expect(credential.supportedNodes).toContain('zohoBeam');
	});
});
