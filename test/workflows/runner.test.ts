/*
 * The per-item runner (helpers/items.ts runPerItem, transport/batching.ts mapWithConcurrency)
 * through the real engine: without Continue On Fail, the first failed item stops the node, no
 * further request starts, the requests in flight are awaited, and nothing reaches Zoho after
 * the node has returned. With Continue On Fail every item still gets its own result.
 */
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, emulatorCredential } = require('../harness');

const ORG_A = '60001234567';
const MISSING_TICKET = '189200000100999999';
const CONCURRENCY = 5;
let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => {
	emu.reset();
	emu.configure({ latencyMs: 25 });
});

const deskRequests = (method: string) =>
	emu.requests.filter((r: any) => r.app === 'desk' && r.method === method);
const moduleRl = (value: string) => ({ __rl: true, mode: 'list', value });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(parameters: object, input: object[], extra: object = {}) {
	const result = await runWorkflow({
		emu,
		credential: emulatorCredential(emu, {}, { deskOrgId: ORG_A }),
		workflow: singleNodeWorkflow(parameters, extra),
		input,
	});
	const requestsAtReturn = emu.requests.length;
	await wait(400);
	return { result, requestsAtReturn };
}

/** 30 tickets, the one at `failAt` does not exist (Desk answers 404). */
function ticketsWithOneMissing(failAt: number): string[] {
	const ids: string[] = emu.deskIds('tickets', ORG_A, 30);
	ids[failAt] = MISSING_TICKET;
	return ids;
}

const deskUpdate = {
	resource: 'record',
	operation: 'update',
	app: 'desk',
	deskModule: 'tickets',
	recordId: '={{ $json.id }}',
	dataMode: 'autoMap',
	options: { concurrency: CONCURRENCY },
};

describe('per-item runner without Continue On Fail', () => {
	it('Desk Record → Update: a 404 stops the node, no PATCH starts after it, none after the node returned', async () => {
		const failAt = 3;
		const ids = ticketsWithOneMissing(failAt);
		const { result, requestsAtReturn } = await run(
			deskUpdate,
			ids.map((id) => ({ id, status: 'Closed' })),
		);
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').context.itemIndex).toBe(3);
		// Nothing arrived at the emulator after the node returned.
		expect(emu.requests.length).toBe(requestsAtReturn);
		// Start alone (item 0), then at most CONCURRENCY in flight. Sent: the items up to the failed
		// one, those in flight with it, and the few started while its 404 was on the way back (the
		// bound leaves one per worker for that); the rest of the 30 tickets were never sent.
		const bound = failAt + 1 + 2 * CONCURRENCY;
		const patches = deskRequests('PATCH');
		expect(patches.length).toBeLessThanOrEqual(bound);
		const patched = new Set(patches.map((r: any) => r.path.split('/').pop()));
		expect(ids.filter((id, index) => index >= bound && patched.has(id))).toEqual([]);
	});

	it('per-item reads (Desk Record → Get): a 404 stops the node and nothing runs after it returned', async () => {
		const failAt = 0;
		const ids = ticketsWithOneMissing(failAt);
		const { result, requestsAtReturn } = await run(
			{
				resource: 'record',
				operation: 'get',
				app: 'desk',
				deskModule: 'tickets',
				recordId: '={{ $json.id }}',
				options: { concurrency: CONCURRENCY },
			},
			ids.map((id) => ({ id })),
		);
		expect(result.status).toBe('error');
		expect(emu.requests.length).toBe(requestsAtReturn);
		// The first item runs alone: its failure stops the node before any other item starts.
		expect(
			deskRequests('GET').filter((r: any) => r.path.startsWith('/api/v1/tickets/')),
		).toHaveLength(1);
	});

	it('per-item counts (Signal → Count): a refused criteria stops the node and nothing runs after it returned', async () => {
		const input = Array.from({ length: 40 }, (_v, index) => ({
			status: index === 6 ? 'x' : 'Contacted',
			field: index === 6 ? 'No_Such_Field' : 'Lead_Status',
		}));
		const { result, requestsAtReturn } = await run(
			{
				resource: 'signal',
				operation: 'count',
				app: 'crm',
				module: moduleRl('Leads'),
				criteria: '=({{ $json.field }}:equals:{{ $json.status }})',
				options: { concurrency: CONCURRENCY },
			},
			input,
		);
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').context.itemIndex).toBe(6);
		expect(emu.requests.length).toBe(requestsAtReturn);
		const counts = emu.requests.filter((r: any) => r.path.endsWith('/actions/count'));
		expect(counts.length).toBeLessThanOrEqual(6 + 1 + 2 * CONCURRENCY);
	});
});

describe('per-item runner with Continue On Fail', () => {
	it('Desk Record → Update: every item gets its own result, in order, each ticket written once', async () => {
		const failAt = 3;
		const ids = ticketsWithOneMissing(failAt);
		const { result, requestsAtReturn } = await run(
			deskUpdate,
			ids.map((id) => ({ id, status: 'Closed' })),
			{ onError: 'continueRegularOutput' },
		);
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(30);
		expect(out.map((item: any) => item.pairedItem.item)).toEqual(ids.map((_id, index) => index));
		expect(out[failAt].json.error).toBeDefined();
		ids.forEach((id, index) => {
			if (index === failAt) return;
			expect(out[index].json).toMatchObject({ id, status: 'Closed' });
		});
		expect(deskRequests('PATCH')).toHaveLength(30);
		expect(emu.requests.length).toBe(requestsAtReturn);
	});

	it('per-item counts: every item gets its count or its error', async () => {
		const input = Array.from({ length: 40 }, (_v, index) => ({
			field: index === 6 ? 'No_Such_Field' : 'Lead_Status',
		}));
		const { result } = await run(
			{
				resource: 'signal',
				operation: 'count',
				app: 'crm',
				module: moduleRl('Leads'),
				criteria: '=({{ $json.field }}:equals:Contacted)',
				options: { concurrency: CONCURRENCY },
			},
			input,
			{ onError: 'continueRegularOutput' },
		);
		const out = result.output('Zoho');
		expect(out).toHaveLength(40);
		expect(out[6].json.error).toBeDefined();
		expect(out.filter((item: any) => typeof item.json.count === 'number')).toHaveLength(39);
	});
});
