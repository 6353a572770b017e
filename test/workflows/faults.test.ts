/*
 * Reliability: faults injected by the emulator while real workflows run. Every scenario checks
 * the same invariants: no input item lost or duplicated, order and pairedItem kept, no record
 * written twice, and retries/waits bounded.
 */
import { moduleRl } from '../harness/typed';
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, emulatorCredential } = require('../harness');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const update = (options: object = {}) => ({
	resource: 'record',
	operation: 'update',
	app: 'crm',
	module: moduleRl('Leads'),
	recordId: '={{ $json.id }}',
	dataMode: 'autoMap',
	options,
});

function expectAllPaired(out: any[], count: number) {
	expect(out).toHaveLength(count);
	out.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
}

function expectWrittenOnce(ids: string[], field: string, value: (index: number) => unknown) {
	ids.forEach((id, index) => {
		expect(emu.data.crm.records.Leads.get(id)[field]).toBe(value(index));
		expect(emu.stats.writesByRecord.Leads?.[id]).toBe(1);
	});
}

async function updateLeads(
	n: number,
	options: object = {},
	extra: object = {},
	credential?: object,
) {
	const ids: string[] = emu.ids('Leads', n);
	const input = ids.map((id, index) => ({ id, City: `City ${index}` }));
	const result = await runWorkflow({
		emu,
		credential: credential ?? emulatorCredential(emu),
		workflow: singleNodeWorkflow(update(options), extra),
		input,
	});
	return { ids, result };
}

describe('fault injection', () => {
	it('rides out 429 bursts that carry Retry-After', async () => {
		emu.configure({ faults: { rate429: 0.4, retryAfterSec: 0 } });
		const { ids, result } = await updateLeads(1000);
		expect(result.status).toBe('success');
		expectAllPaired(result.output('Zoho'), 1000);
		expectWrittenOnce(ids, 'City', (i) => `City ${i}`);
		const rejected = emu.requests.filter((r: any) => r.method === 'PUT' && r.status === 429).length;
		expect(rejected).toBeGreaterThan(0);
		expect(emu.requests.filter((r: any) => r.method === 'PUT').length).toBe(10 + rejected);
	});

	it('backs off on 429 without Retry-After and on 500s', async () => {
		emu.configure({ faults: { rate429: 0.25, rate500: 0.15 } });
		const { ids, result } = await updateLeads(400);
		expect(result.status).toBe('success');
		expectAllPaired(result.output('Zoho'), 400);
		expectWrittenOnce(ids, 'City', (i) => `City ${i}`);
	});

	it('retries connection resets, for reads and for idempotent writes', async () => {
		emu.configure({ faults: { rateReset: 0.3 } });
		const { ids, result } = await updateLeads(500);
		expect(result.status).toBe('success');
		expectWrittenOnce(ids, 'City', (i) => `City ${i}`);
		const list = await runWorkflow({
			emu,
			workflow: singleNodeWorkflow({
				resource: 'record',
				operation: 'getAll',
				app: 'crm',
				module: moduleRl('Contacts'),
				limit: 1000,
			}),
		});
		expect(list.status).toBe('success');
		expect(list.output('Zoho')).toHaveLength(1000);
		expect(new Set(list.output('Zoho').map((i: any) => i.json.id)).size).toBe(1000);
	});

	it('gives up after the attempt limit with a clear error, nothing duplicated', async () => {
		emu.configure({ faults: { rate500: 1 } });
		const { result } = await updateLeads(
			150,
			{ maxAttempts: 3 },
			{ onError: 'continueRegularOutput' },
		);
		const out = result.output('Zoho');
		expectAllPaired(out, 150);
		for (const item of out) expect(item.json.error.description).toMatch(/after 3 attempts/);
		expect(emu.requests.filter((r: any) => r.method === 'PUT')).toHaveLength(2 * 3);
	});

	it('retries reads that time out, but never resends a write that may have been applied', async () => {
		emu.configure({ faults: { hangRate: 0.5, hangMs: 1500 } });
		const list = await runWorkflow({
			emu,
			workflow: singleNodeWorkflow({
				resource: 'record',
				operation: 'getAll',
				app: 'crm',
				module: moduleRl('Contacts'),
				limit: 600,
				options: { timeoutSeconds: 1 },
			}),
		});
		expect(list.status).toBe('success');
		expect(list.output('Zoho')).toHaveLength(600);

		emu.reset();
		emu.configure({ faults: { hangRate: 0.5, hangMs: 1500 } });
		const { ids, result } = await updateLeads(
			400,
			{ timeoutSeconds: 1, batchSize: 50 },
			{ onError: 'continueRegularOutput' },
		);
		const out = result.output('Zoho');
		expectAllPaired(out, 400);
		const timedOut = out.filter((item: any) => item.json.error);
		expect(timedOut.length).toBeGreaterThan(0);
		for (const item of timedOut) expect(item.json.error.message).toMatch(/did not answer in time/);
		await new Promise((resolve) => setTimeout(resolve, 1700)); // let held requests finish
		for (const id of ids) expect(emu.stats.writesByRecord.Leads?.[id] ?? 0).toBeLessThanOrEqual(1);
	});

	it('reports exhausted daily credits at once instead of retrying for minutes', async () => {
		emu.configure({ dailyCredits: 3 });
		const started = Date.now();
		const { result } = await updateLeads(500);
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(/daily API credit limit/);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(
			emu.requests.filter((r: any) => r.method === 'PUT' && r.status === 429).length,
		).toBeLessThanOrEqual(5);
	});

	it('keeps working when the access token expires during a 10,000-record update', async () => {
		emu.configure({ latencyMs: 20 });
		const credential = emulatorCredential(emu);
		const ids: string[] = emu.ids('Leads', 10000);
		const running = runWorkflow({
			emu,
			credential,
			workflow: singleNodeWorkflow(update()),
			input: ids.map((id) => ({ id, Lead_Score: 7 })),
		});
		await new Promise((resolve) => setTimeout(resolve, 150));
		emu.expireAccessTokens();
		const result = await running;
		expect(result.status).toBe('success');
		expectAllPaired(result.output('Zoho'), 10000);
		expect(emu.requests.filter((r: any) => r.method === 'PUT' && r.status < 300)).toHaveLength(100);
		expect(emu.stats.refreshes).toBe(1);
		expectWrittenOnce(ids, 'Lead_Score', () => 7);
	});
});

describe('soak', () => {
	it('updates 10,000 records correctly under 20 % 429s, 5 % 500s and a token that expires every 2 s', async () => {
		// A 2 s token lifetime (Zoho's is an hour) packs hours of expiries into one run; Zoho's limit of
		// 10 refreshes per 10 minutes is scaled with it, or a slow machine (more expiries per run)
		// would hit that limit instead of testing the faults. The refresh limit has its own tests.
		emu.configure({
			latencyMs: 10,
			tokenLifetimeSec: 2,
			tokenLimits: { refreshesPerWindow: 1000 },
			faults: { rate429: 0.2, rate500: 0.05 },
		});
		const started = Date.now();
		const ids: string[] = emu.ids('Leads', 10000);
		const result = await runWorkflow({
			emu,
			workflow: singleNodeWorkflow(update({ concurrency: 10 })),
			input: ids.map((id, index) => ({ id, Lead_Score: index })),
		});
		const seconds = (Date.now() - started) / 1000;
		expect(result.status).toBe('success');
		expectAllPaired(result.output('Zoho'), 10000);
		expectWrittenOnce(ids, 'Lead_Score', (i) => i);
		// Refreshes stay bounded by the number of expiries in the run (one per 2 s lifetime, plus one).
		expect(emu.stats.refreshes).toBeLessThanOrEqual(Math.ceil(seconds / 2) + 1);
	});
});
