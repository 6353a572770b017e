/*
 * Token refresh cases run on both n8n engines (token.n8n1.test.ts, token.n8n2.test.ts).
 * n8n-core 1.x refreshes once per request that got a 401 (no lock); 2.x shares one refresh per
 * credential. The node starts every fan-out with one request on its own, so a run that starts
 * with an expired token refreshes exactly once on either engine.
 */
const { startEmulator } = require('../emulator');
const harness = require('../harness');

const moduleRl = (value: string) => ({ __rl: true, mode: 'list', value });

export function describeTokenCases(engine: '1' | '2'): void {
	harness.useEngine(engine);
	const { runWorkflow, singleNodeWorkflow, emulatorCredential, engineModules } = harness;
	let emu: any;
	beforeAll(async () => {
		emu = await startEmulator();
	});
	afterAll(async () => emu.close());
	beforeEach(() => emu.reset());

	const crmRequests = () => emu.requests.filter((r: any) => r.app === 'crm');

	describe(`n8n engine ${engine}: one token refresh for a run that starts with an expired token`, () => {
		it('runs on the engine it names', () => {
			expect(engineModules().coreVersion).toMatch(engine === '1' ? /^1\./ : /^2\./);
			expect(engineModules().workflowVersion).toMatch(engine === '1' ? /^1\./ : /^2\./);
		});

		it('1,000-record update at concurrency 10: one refresh, every record written once', async () => {
			emu.configure({ latencyMs: 20 });
			const credential = emulatorCredential(emu);
			emu.expireAccessTokens();
			const ids: string[] = emu.ids('Leads', 1000);
			const result = await runWorkflow({
				emu,
				credential,
				workflow: singleNodeWorkflow({
					resource: 'record',
					operation: 'update',
					app: 'crm',
					module: moduleRl('Leads'),
					recordId: '={{ $json.id }}',
					dataMode: 'autoMap',
					options: { concurrency: 10 },
				}),
				input: ids.map((id) => ({ id, City: 'Refreshed' })),
			});
			expect(result.status).toBe('success');
			expect(result.output('Zoho')).toHaveLength(1000);
			expect(emu.stats.refreshes).toBe(1);
			expect(crmRequests().filter((r: any) => r.method === 'PUT' && r.status === 200)).toHaveLength(
				10,
			);
			for (const id of ids) expect(emu.stats.writesByRecord.Leads[id]).toBe(1);
			expect(
				result.credentialsHelper.stored(result.credentialId).oauthTokenData.access_token,
			).not.toBe(credential.oauthTokenData.access_token);
		});

		it('Get Many that prefetches the link metadata alongside the first page: one refresh', async () => {
			emu.configure({ latencyMs: 20 });
			const credential = emulatorCredential(emu);
			emu.expireAccessTokens();
			const result = await runWorkflow({
				emu,
				credential,
				workflow: singleNodeWorkflow({
					resource: 'record',
					operation: 'getAll',
					app: 'crm',
					module: moduleRl('Leads'),
					limit: 450,
				}),
			});
			expect(result.status).toBe('success');
			expect(result.output('Zoho')).toHaveLength(450);
			// The prefetch happened (org and module list for the deep links), so requests did overlap.
			expect(crmRequests().some((r: any) => r.path === '/crm/v8/org')).toBe(true);
			expect(crmRequests().some((r: any) => r.path === '/crm/v8/settings/modules')).toBe(true);
			expect(emu.stats.refreshes).toBe(1);
			expect(result.output('Zoho')[0].json.deepLink).toMatch(/\/tab\/Leads\//);
		});

		it('200 per-item counts at concurrency 10: one refresh, one count per item', async () => {
			emu.configure({ latencyMs: 10 });
			const credential = emulatorCredential(emu);
			emu.expireAccessTokens();
			const result = await runWorkflow({
				emu,
				credential,
				workflow: singleNodeWorkflow({
					resource: 'signal',
					operation: 'count',
					app: 'crm',
					module: moduleRl('Leads'),
					options: { concurrency: 10 },
				}),
				input: Array.from({ length: 200 }, () => ({})),
			});
			expect(result.status).toBe('success');
			const out = result.output('Zoho');
			expect(out).toHaveLength(200);
			expect(out.map((item: any) => item.pairedItem.item)).toEqual(
				Array.from({ length: 200 }, (_v, i) => i),
			);
			expect(emu.stats.refreshes).toBe(1);
			expect(
				crmRequests().filter((r: any) => r.path.endsWith('/actions/count') && r.status === 200),
			).toHaveLength(200);
		});

		it('token expiring mid-run: refreshes bounded by the requests in flight (n8n 2.x: exactly one)', async () => {
			emu.configure({ latencyMs: 40 });
			const credential = emulatorCredential(emu);
			const ids: string[] = emu.ids('Leads', 1000);
			const running = runWorkflow({
				emu,
				credential,
				workflow: singleNodeWorkflow({
					resource: 'record',
					operation: 'update',
					app: 'crm',
					module: moduleRl('Leads'),
					recordId: '={{ $json.id }}',
					dataMode: 'autoMap',
					options: { concurrency: 10, batchSize: 10 },
				}),
				input: ids.map((id) => ({ id, City: 'Mid-run' })),
			});
			// Expire every issued token while batches are in flight.
			await new Promise((resolve) => setTimeout(resolve, 300));
			emu.expireAccessTokens();
			const result = await running;
			expect(result.status).toBe('success');
			expect(crmRequests().some((r: any) => r.status === 401)).toBe(true);
			if (engine === '2') expect(emu.stats.refreshes).toBe(1);
			else {
				expect(emu.stats.refreshes).toBeGreaterThanOrEqual(1);
				expect(emu.stats.refreshes).toBeLessThanOrEqual(10);
			}
			for (const id of ids) expect(emu.stats.writesByRecord.Leads[id]).toBe(1);
		});
	});
}
