/* Signals: CRM record counts, Desk ticket counts, custom CRM signals — through n8n's real engine against the emulator. */
import { moduleRl } from '../harness/typed';
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow } = require('../harness');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const requests = (app: string, pathPart: string, method?: string) =>
	emu.requests.filter(
		(r: any) => r.app === app && r.path.includes(pathPart) && (!method || r.method === method),
	);
const run = (parameters: object, input?: object[], extra?: object) =>
	runWorkflow({ emu, workflow: singleNodeWorkflow(parameters, extra), input });
const continueOnFail = { onError: 'continueRegularOutput' };

const leads = () => Array.from(emu.data.crm.records.Leads.values()) as any[];
const firstId = (module: string): string => emu.data.crm.records[module].keys().next().value;

describe('signal count (CRM)', () => {
	it('counts every record of a module as a number', async () => {
		const result = await run({
			resource: 'signal',
			operation: 'count',
			app: 'crm',
			module: moduleRl('Leads'),
		});
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(1);
		expect(out[0].json).toEqual({
			app: 'crm',
			module: 'Leads',
			count: emu.data.crm.records.Leads.size,
		});
		expect(typeof out[0].json.count).toBe('number');
		expect(out[0].pairedItem).toEqual({ item: 0 });
		const [request] = requests('crm', '/actions/count');
		expect(request.path).toBe('/crm/v8/Leads/actions/count');
	});

	it('counts the records matching criteria, one item per input item', async () => {
		const expected = leads().filter((lead) => lead.Lead_Status === 'Contacted').length;
		const input = [{ status: 'Contacted' }, { status: 'Junk Lead' }];
		const result = await run(
			{
				resource: 'signal',
				operation: 'count',
				app: 'crm',
				module: moduleRl('Leads'),
				criteria: '=(Lead_Status:equals:{{ $json.status }})',
			},
			input,
		);
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(2);
		expect(out[0].json).toEqual({ app: 'crm', module: 'Leads', count: expected });
		expect(out[1].json.count).toBe(
			leads().filter((lead) => lead.Lead_Status === 'Junk Lead').length,
		);
		expect(out.map((item: any) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(requests('crm', '/actions/count').map((r: any) => r.query.criteria)).toEqual([
			'(Lead_Status:equals:Contacted)',
			'(Lead_Status:equals:Junk Lead)',
		]);
	});

	it('counts the records of a custom view', async () => {
		const { CUSTOM_VIEWS } = require('../emulator/data/crm-schema');
		const view = CUSTOM_VIEWS.find((cv: any) => cv.module === 'Leads' && cv.filter);
		const result = await run({
			resource: 'signal',
			operation: 'count',
			app: 'crm',
			module: moduleRl('Leads'),
			options: { cvid: view.id },
		});
		expect(result.status).toBe('success');
		expect(result.output('Zoho')[0].json.count).toBe(leads().filter(view.filter).length);
		expect(requests('crm', '/actions/count')[0].query).toEqual({ cvid: view.id });
	});

	it('counts by email', async () => {
		const email = leads()[0].Email;
		const result = await run({
			resource: 'signal',
			operation: 'count',
			app: 'crm',
			module: moduleRl('Leads'),
			options: { email },
		});
		expect(result.status).toBe('success');
		expect(result.output('Zoho')[0].json.count).toBeGreaterThanOrEqual(1);
		expect(requests('crm', '/actions/count')[0].query).toEqual({ email });
	});

	it('refuses criteria together with a custom view before any request', async () => {
		const result = await run({
			resource: 'signal',
			operation: 'count',
			app: 'crm',
			module: moduleRl('Leads'),
			criteria: '(Lead_Status:equals:Contacted)',
			options: { cvid: '5725767007000412102' },
		});
		expect(result.status).toBe('error');
		const error = result.nodeError('Zoho');
		expect(error.message).toMatch(/criteria.*cvid|custom view/i);
		expect(error.context.itemIndex).toBe(0);
		expect(requests('crm', '/actions/count')).toHaveLength(0);
	});

	it('refuses email with a custom view, and two search parameters at once', async () => {
		const both = await run({
			resource: 'signal',
			operation: 'count',
			app: 'crm',
			module: moduleRl('Leads'),
			options: { cvid: '5725767007000412102', email: 'a@example.com' },
		});
		expect(both.status).toBe('error');
		expect(both.nodeError('Zoho').message).toMatch(/email.*custom view/i);
		const two = await run({
			resource: 'signal',
			operation: 'count',
			app: 'crm',
			module: moduleRl('Leads'),
			criteria: '(Lead_Status:equals:Contacted)',
			options: { word: 'Acme' },
		});
		expect(two.status).toBe('error');
		expect(two.nodeError('Zoho').message).toMatch(/only one of "criteria", "word"/);
		expect(requests('crm', '/actions/count')).toHaveLength(0);
	});

	it('refuses malformed criteria and control characters before any request', async () => {
		const unbalanced = await run({
			resource: 'signal',
			operation: 'count',
			app: 'crm',
			module: moduleRl('Leads'),
			criteria: '((Lead_Status:equals:Contacted)',
		});
		expect(unbalanced.status).toBe('error');
		expect(unbalanced.nodeError('Zoho').message).toMatch(/"criteria" has unbalanced parentheses/);
		const control = await run({
			resource: 'signal',
			operation: 'count',
			app: 'crm',
			module: moduleRl('Leads'),
			criteria: '(Last_Name:equals:A\u0000B)',
		});
		expect(control.status).toBe('error');
		expect(control.nodeError('Zoho').message).toMatch(/"criteria" contains control characters/);
		expect(requests('crm', '/actions/count')).toHaveLength(0);
	});

	it('pairs an error item to the refused input under Continue On Fail', async () => {
		const input = [{ cvid: '' }, { cvid: '5725767007000412102' }, { cvid: '' }];
		const result = await run(
			{
				resource: 'signal',
				operation: 'count',
				app: 'crm',
				module: moduleRl('Leads'),
				criteria: '(Lead_Status:equals:Contacted)',
				options: { cvid: '={{ $json.cvid }}' },
			},
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
		expect(typeof out[0].json.count).toBe('number');
		expect(out[1].json.error.message).toMatch(/custom view/);
		expect(out[2].json.count).toBe(out[0].json.count);
		expect(requests('crm', '/actions/count')).toHaveLength(2);
	});

	it("turns a Zoho refusal into an error item with Zoho's code", async () => {
		const result = await run(
			{
				resource: 'signal',
				operation: 'count',
				app: 'crm',
				module: moduleRl('Leads'),
				criteria: '(No_Such_Field:equals:x)',
			},
			[{}],
			continueOnFail,
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Zoho');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.error.code).toEqual(expect.any(String));
		expect(item.json.error.message).not.toMatch(/\[item/);
	});
});

describe('signal count (Desk)', () => {
	it('counts the tickets of the organization as a number, module "tickets"', async () => {
		const result = await run({ resource: 'signal', operation: 'count', app: 'desk' });
		expect(result.status).toBe('success');
		const [item] = result.output('Zoho');
		expect(item.json).toEqual({ app: 'desk', module: 'tickets', count: expect.any(Number) });
		expect(item.json.count).toBeGreaterThan(0);
		const [request] = requests('desk', '/ticketsCount', 'GET');
		expect(request.path).toBe('/api/v1/ticketsCount');
	});

	it('sends the ticket filters', async () => {
		const all = await run({ resource: 'signal', operation: 'count', app: 'desk' });
		const open = await run({
			resource: 'signal',
			operation: 'count',
			app: 'desk',
			options: { status: 'Open', priority: 'High', channel: 'Email' },
		});
		expect(open.status).toBe('success');
		expect(open.output('Zoho')[0].json.count).toBeLessThanOrEqual(all.output('Zoho')[0].json.count);
		const last = requests('desk', '/ticketsCount', 'GET').pop();
		expect(last.query).toMatchObject({ status: 'Open', priority: 'High', channel: 'Email' });
	});

	it('refuses a department ID that is not a Zoho ID before any request', async () => {
		const result = await run({
			resource: 'signal',
			operation: 'count',
			app: 'desk',
			options: { departmentId: '12; DROP' },
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(/"departmentId" must be a Zoho ID/);
		expect(requests('desk', '/ticketsCount')).toHaveLength(0);
	});
});

describe('signal countByField (Desk)', () => {
	it('returns one item with numeric counts per field and a total', async () => {
		const result = await run({ resource: 'signal', operation: 'countByField', app: 'desk' });
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(1);
		const { counts, total } = out[0].json;
		expect(out[0].json).toMatchObject({ app: 'desk', module: 'tickets' });
		expect(Object.keys(counts).sort()).toEqual([
			'channel',
			'escalated',
			'overDue',
			'priority',
			'spam',
			'status',
			'statusType',
		]);
		for (const field of Object.keys(counts))
			for (const count of Object.values(counts[field])) expect(typeof count).toBe('number');
		expect(total).toBe(
			Object.values(counts.statusType).reduce((sum: number, n: any) => sum + n, 0),
		);
		const [request] = requests('desk', '/ticketsCountByFieldValues');
		expect(request.query.field.split(',').sort()).toEqual([
			'channel',
			'escalated',
			'overDue',
			'priority',
			'spam',
			'status',
			'statusType',
		]);
	});

	it('returns one item per field and value when asked', async () => {
		const result = await run({
			resource: 'signal',
			operation: 'countByField',
			app: 'desk',
			fields: ['priority', 'status'],
			output: 'perValue',
		});
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out.length).toBeGreaterThan(1);
		for (const item of out) {
			expect(item.json).toEqual({
				app: 'desk',
				module: 'tickets',
				field: expect.stringMatching(/^(priority|status)$/),
				value: expect.any(String),
				count: expect.any(Number),
			});
			expect(item.pairedItem).toEqual({ item: 0 });
		}
		expect(requests('desk', '/ticketsCountByFieldValues')[0].query.field).toBe('priority,status');
	});

	it('returns one item per field with its total', async () => {
		const result = await run({
			resource: 'signal',
			operation: 'countByField',
			app: 'desk',
			fields: ['statusType'],
			output: 'perField',
		});
		expect(result.status).toBe('success');
		const [item] = result.output('Zoho');
		expect(item.json).toMatchObject({
			app: 'desk',
			module: 'tickets',
			field: 'statusType',
			total: expect.any(Number),
		});
		expect(Object.values(item.json.counts).reduce((sum: number, n: any) => sum + n, 0)).toBe(
			item.json.total,
		);
	});
});

describe('signal send (CRM)', () => {
	it("raises a custom signal on a record with a link action and returns Zoho's answer with the deep link", async () => {
		const dealId = firstId('Deals');
		const result = await run({
			resource: 'signal',
			operation: 'send',
			app: 'crm',
			signalNamespace: 'beam.deal_alert',
			recordId: dealId,
			subject: 'Big order placed',
			message: 'The customer placed an *urgent* order.\nCall them today.',
			actions: {
				link: [
					{ label: 'Open order', url: 'https://shop.example.com/orders/1001', openIn: 'popup' },
				],
			},
			options: { module: 'Deals' },
		});
		expect(result.status).toBe('success');
		const [item] = result.output('Zoho');
		expect(item.json).toMatchObject({
			code: 'SUCCESS',
			status: 'success',
			message: expect.any(String),
			details: expect.any(Object),
		});
		expect(item.json.deepLink).toBe(
			`https://crm.zoho.com/crm/org74822955/tab/Potentials/${dealId}`,
		);
		const [post] = requests('crm', '/signals/notifications', 'POST');
		expect(post.path).toBe('/crm/v2/signals/notifications');
		expect(post.body).toEqual({
			signals: [
				{
					signal_namespace: 'beam.deal_alert',
					subject: 'Big order placed',
					message: 'The customer placed an *urgent* order.~br~Call them today.',
					id: dealId,
					actions: [
						{
							type: 'link',
							open_in: 'popup',
							display_name: 'Open order',
							url: 'https://shop.example.com/orders/1001',
						},
					],
				},
			],
		});
		expect(emu.data.crm.signals).toHaveLength(1);
	});

	it("raises a signal by the record's email", async () => {
		const email = leads()[0].Email;
		const result = await run({
			resource: 'signal',
			operation: 'send',
			app: 'crm',
			signalNamespace: 'beam.deal_alert',
			subject: 'Visited pricing',
			message: 'Viewed the pricing page',
			options: { email },
		});
		expect(result.status).toBe('success');
		expect(result.output('Zoho')[0].json.status).toBe('success');
		const [post] = requests('crm', '/signals/notifications', 'POST');
		expect(post.body.signals[0]).toMatchObject({ email });
		expect(post.body.signals[0].id).toBeUndefined();
	});

	it('refuses a subject over 100 characters before any request', async () => {
		const result = await run({
			resource: 'signal',
			operation: 'send',
			app: 'crm',
			signalNamespace: 'beam.deal_alert',
			recordId: firstId('Deals'),
			subject: 'x'.repeat(101),
			message: 'hello',
		});
		expect(result.status).toBe('error');
		const error = result.nodeError('Zoho');
		expect(error.message).toMatch(/"subject" is 101 characters long; the limit is 100/);
		expect(error.context.itemIndex).toBe(0);
		expect(requests('crm', '/signals')).toHaveLength(0);
	});

	it('refuses a message over 1,000 characters, a bad link and a missing record before any request', async () => {
		const base = {
			resource: 'signal',
			operation: 'send',
			app: 'crm',
			signalNamespace: 'beam.deal_alert',
			subject: 'Hi',
		};
		const input = [{}, {}, {}];
		const longMessage = await run(
			{ ...base, recordId: firstId('Deals'), message: 'y'.repeat(1001) },
			input.slice(0, 1),
			continueOnFail,
		);
		expect(longMessage.output('Zoho')[0].json.error.message).toMatch(
			/"message" is 1001 characters long/,
		);
		const badLink = await run(
			{
				...base,
				recordId: firstId('Deals'),
				message: 'm',
				actions: { link: [{ label: 'Go', url: 'javascript:alert(1)' }] },
			},
			input.slice(0, 1),
			continueOnFail,
		);
		expect(badLink.output('Zoho')[0].json.error.message).toMatch(
			/"actions\[1\]\.url" must use http or https/,
		);
		const noRecord = await run({ ...base, message: 'm' }, input.slice(0, 1), continueOnFail);
		expect(noRecord.output('Zoho')[0].json.error.message).toMatch(/"recordId" is required/);
		expect(requests('crm', '/signals')).toHaveLength(0);
	});

	it("pairs Zoho's refusal of an unknown signal to its item under Continue On Fail", async () => {
		const dealId = firstId('Deals');
		const input = [{ ns: 'beam.deal_alert' }, { ns: 'beam.no_such_signal' }];
		const result = await run(
			{
				resource: 'signal',
				operation: 'send',
				app: 'crm',
				signalNamespace: '={{ $json.ns }}',
				recordId: dealId,
				subject: 'S',
				message: 'M',
			},
			input,
			continueOnFail,
		);
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(2);
		expect(out.map((item: any) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.status).toBe('success');
		expect(out[1].json.error).toMatchObject({
			code: expect.any(String),
			message: expect.not.stringMatching(/\[item/),
		});
		expect(emu.data.crm.signals).toHaveLength(1);
	});
});

describe('example workflow', () => {
	it('examples/signal-count.json counts the contacted leads', async () => {
		const workflow = require('../../examples/signal-count.json');
		const result = await runWorkflow({ emu, workflow });
		expect(result.status).toBe('success');
		const [item] = result.output('Count Contacted Leads');
		expect(item.json).toEqual({
			app: 'crm',
			module: 'Leads',
			count: leads().filter((lead) => lead.Lead_Status === 'Contacted').length,
		});
	});
});
