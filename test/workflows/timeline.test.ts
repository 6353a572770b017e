/* Timelines: CRM record timelines and Desk ticket history, through n8n's real engine against the emulator. */
import { moduleRl } from '../harness/typed';
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow } = require('../harness');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const timelineRequests = () =>
	emu.requests.filter((r: any) => r.app === 'crm' && r.path.endsWith('/__timeline'));
const historyRequests = () =>
	emu.requests.filter((r: any) => r.app === 'desk' && r.path.endsWith('/History'));
const run = (parameters: object, input?: object[], extra?: object) =>
	runWorkflow({ emu, workflow: singleNodeWorkflow(parameters, extra), input });
const continueOnFail = { onError: 'continueRegularOutput' };

const firstId = (module: string): string => emu.data.crm.records[module].keys().next().value;
/** The first ticket of Desk organization A (the one with 120 history events). */
const bigTicketId = (): string =>
	Array.from(emu.data.desk.history.keys()).find(
		(id: any) => emu.data.desk.history.get(id).length === 120,
	) as string;

describe('timeline get (CRM)', () => {
	it('pages a 1,000-entry timeline: page 1, then page tokens without per_page', async () => {
		const leadId = firstId('Leads');
		const result = await run({
			resource: 'timeline',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: leadId,
			returnAll: true,
		});
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(1000);
		expect(new Set(out.map((item: any) => item.json.id)).size).toBe(1000);
		for (const item of out) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json.deepLink).toBe(`https://crm.zoho.com/crm/org74822955/tab/Leads/${leadId}`);
		}
		const pages = timelineRequests();
		expect(pages).toHaveLength(5);
		expect(pages[0].path).toBe(`/crm/v8/Leads/${leadId}/__timeline`);
		expect(pages[0].query).toMatchObject({ page: '1', per_page: '200' });
		expect(pages[0].query.page_token).toBeUndefined();
		for (const page of pages.slice(1)) {
			expect(page.query.page_token).toEqual(expect.any(String));
			expect(page.query.per_page).toBeUndefined();
			expect(page.query.page).toBeUndefined();
		}
		for (const page of pages) expect(page.status).toBe(200);
	});

	it('stops at the limit: 220 of a 250-entry deal timeline in two requests, oldest first', async () => {
		const dealId = firstId('Deals');
		const result = await run({
			resource: 'timeline',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Deals'),
			recordId: dealId,
			limit: 220,
			options: { sortOrder: 'asc' },
		});
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(220);
		expect(out[0].json.deepLink).toBe(
			`https://crm.zoho.com/crm/org74822955/tab/Potentials/${dealId}`,
		);
		const times = out.map((item: any) => item.json.audited_time);
		expect([...times].sort()).toEqual(times);
		const pages = timelineRequests();
		expect(pages).toHaveLength(2);
		expect(pages[0].query).toMatchObject({
			page: '1',
			per_page: '200',
			sort_by: 'audited_time',
			sort_order: 'asc',
		});
		expect(pages[1].query.page_token).toEqual(expect.any(String));
	});

	it('includes signals and field-history details when asked, with include=extension,type', async () => {
		const contactId = firstId('Contacts');
		const plain = await run({
			resource: 'timeline',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Contacts'),
			recordId: contactId,
			returnAll: true,
		});
		const withSignals = await run({
			resource: 'timeline',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Contacts'),
			recordId: contactId,
			returnAll: true,
			options: {
				timelineTypes: ['signals'],
				includeInnerDetails: ['field_history.field_label', 'field_history.pick_list_values'],
			},
		});
		expect(withSignals.status).toBe('success');
		const all = withSignals.output('Zoho');
		expect(all).toHaveLength(30);
		const signals = all.filter((item: any) => item.json.type === 'signals');
		expect(signals.length).toBeGreaterThan(0);
		expect(plain.output('Zoho')).toHaveLength(30 - signals.length);
		const last = timelineRequests().pop();
		expect(last.query).toMatchObject({
			include_timeline_type: 'signals',
			include: 'extension,type',
			include_inner_details: 'field_history.field_label,field_history.pick_list_values',
		});
	});

	it('sends a filters JSON object as compact JSON text', async () => {
		const leadId = firstId('Leads');
		const filter = { comparator: 'equal', field: { api_name: 'action' }, value: 'updated' };
		const result = await run({
			resource: 'timeline',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: leadId,
			limit: 20,
			options: { filters: JSON.stringify(filter, null, 2) },
		});
		expect(result.status).toBe('success');
		for (const item of result.output('Zoho')) expect(item.json.action).toBe('updated');
		expect(timelineRequests()[0].query.filters).toBe(JSON.stringify(filter));
	});

	it('refuses bad filters JSON, a non-digit record ID and control characters before any request', async () => {
		const base = { resource: 'timeline', operation: 'get', app: 'crm', module: moduleRl('Leads') };
		const input = [
			{ id: firstId('Leads'), filters: '{"comparator": ' },
			{ id: 'abc', filters: '' },
			{ id: firstId('Leads'), filters: '[1,2]' },
		];
		const result = await run(
			{ ...base, recordId: '={{ $json.id }}', options: { filters: '={{ $json.filters }}' } },
			input,
			continueOnFail,
		);
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(3);
		expect(out.map((item: any) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(out[0].json.error.message).toMatch(/"filters" is not valid JSON/);
		expect(out[1].json.error.message).toMatch(/"recordId" must be a Zoho ID/);
		expect(out[2].json.error.message).toMatch(/"filters" must be a JSON object/);
		expect(timelineRequests()).toHaveLength(0);
	});

	it("stops with Zoho's message and the item for a record that does not exist", async () => {
		const result = await run({
			resource: 'timeline',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: '5725767000999999999',
		});
		expect(result.status).toBe('error');
		const error = result.nodeError('Zoho');
		expect(error.context.itemIndex).toBe(0);
	});
});

describe('timeline get (Desk history)', () => {
	it("pages ticket history 50 events at a time, each with the ticket's deep link", async () => {
		const ticketId = bigTicketId();
		const result = await run({
			resource: 'timeline',
			operation: 'get',
			app: 'desk',
			ticketId,
			returnAll: true,
		});
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(120);
		for (const item of out) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json.ticketId).toBe(ticketId);
			expect(item.json.deepLink).toMatch(
				new RegExp(
					`^https://desk\\.zoho\\.com/support/[^/]+/ShowHomePage\\.do#Cases/dv/${ticketId}$`,
				),
			);
		}
		const pages = historyRequests();
		expect(pages.map((page: any) => [page.query.from, page.query.limit])).toEqual([
			['0', '50'],
			['50', '50'],
			['100', '50'],
		]);
		expect(pages[0].path).toBe(`/api/v1/tickets/${ticketId}/History`);
	});

	it('stops at the limit and sends the event filter and agent options', async () => {
		const ticketId = bigTicketId();
		const limited = await run({
			resource: 'timeline',
			operation: 'get',
			app: 'desk',
			ticketId,
			limit: 60,
		});
		expect(limited.output('Zoho')).toHaveLength(60);
		expect(historyRequests().map((page: any) => [page.query.from, page.query.limit])).toEqual([
			['0', '50'],
			['50', '10'],
		]);
		const filtered = await run({
			resource: 'timeline',
			operation: 'get',
			app: 'desk',
			ticketId,
			returnAll: true,
			options: { eventFilter: ['TicketHistory', 'CommentHistory'], fieldName: 'status' },
		});
		expect(filtered.status).toBe('success');
		expect(filtered.output('Zoho').length).toBeLessThan(120);
		expect(historyRequests().pop().query).toMatchObject({
			eventFilter: 'TicketHistory,CommentHistory',
			fieldName: 'status',
		});
	});

	it('refuses a ticket ID that is not a Zoho ID before any request', async () => {
		const result = await run(
			{ resource: 'timeline', operation: 'get', app: 'desk', ticketId: '../tickets' },
			[{}],
			continueOnFail,
		);
		expect(result.output('Zoho')[0].json.error.message).toMatch(/"ticketId" must be a Zoho ID/);
		expect(historyRequests()).toHaveLength(0);
	});
});

describe('example workflow', () => {
	it('examples/timeline-get.json gets the newest 250 entries of the first lead', async () => {
		const workflow = require('../../examples/timeline-get.json');
		const result = await runWorkflow({ emu, workflow });
		expect(result.status).toBe('success');
		const out = result.output('Get Lead Timeline');
		expect(out).toHaveLength(250);
		const times = out.map((item: any) => item.json.audited_time);
		expect([...times].sort().reverse()).toEqual(times);
		expect(out[0].json.deepLink).toBe(
			`https://crm.zoho.com/crm/org74822955/tab/Leads/${firstId('Leads')}`,
		);
		expect(timelineRequests()).toHaveLength(2);
	});
});
