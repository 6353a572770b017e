/* Token lifecycle through n8n's own OAuth2 refresh path, against the emulator's accounts server. */
import { moduleRl } from '../harness/typed';
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, emulatorCredential } = require('../harness');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const updateLeads = {
	resource: 'record',
	operation: 'update',
	app: 'crm',
	module: moduleRl('Leads'),
	recordId: '={{ $json.id }}',
	dataMode: 'autoMap',
};

describe('access token expiry', () => {
	it('refreshes once when the token expires in the middle of a 1,000-record update, and persists the new token', async () => {
		emu.configure({ latencyMs: 40 });
		const credential = emulatorCredential(emu);
		const oldToken = credential.oauthTokenData.access_token;
		const ids: string[] = emu.ids('Leads', 1000);
		const running = runWorkflow({
			emu,
			credential,
			workflow: singleNodeWorkflow(updateLeads),
			input: ids.map((id) => ({ id, City: 'Refreshed City' })),
		});
		// Let the first batches through, then expire every issued token while requests are in flight.
		await new Promise((resolve) => setTimeout(resolve, 120));
		emu.expireAccessTokens();
		const result = await running;
		expect(result.status).toBe('success');
		expect(result.output('Zoho')).toHaveLength(1000);
		expect(emu.requests.some((r: any) => r.app === 'crm' && r.status === 401)).toBe(true);
		// n8n-core 2.41 coalesces concurrent refreshes of one credential: one refresh per expiry.
		expect(emu.stats.refreshes).toBe(1);
		const stored = result.credentialsHelper.stored(result.credentialId).oauthTokenData;
		expect(stored.access_token).not.toBe(oldToken);
		expect(stored.refresh_token).toBe(credential.oauthTokenData.refresh_token);
		for (const id of ids) {
			expect(emu.data.crm.records.Leads.get(id).City).toBe('Refreshed City');
			expect(emu.stats.writesByRecord.Leads[id]).toBe(1);
		}
	});

	it('uses the persisted token in the next run without refreshing again', async () => {
		const credential = emulatorCredential(emu);
		emu.expireAccessTokens();
		const first = await runWorkflow({
			emu,
			credential,
			workflow: singleNodeWorkflow({
				resource: 'record',
				operation: 'get',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: emu.ids('Leads', 1)[0],
			}),
		});
		expect(first.status).toBe('success');
		expect(emu.stats.refreshes).toBe(1);
		const second = await runWorkflow({
			emu,
			credentialsHelper: first.credentialsHelper,
			workflow: singleNodeWorkflow({
				resource: 'record',
				operation: 'get',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: emu.ids('Leads', 1)[0],
			}),
		});
		expect(second.status).toBe('success');
		expect(emu.stats.refreshes).toBe(1);
	});

	it('says to reconnect when the refresh is answered with HTTP 200 {"error":"invalid_client"}', async () => {
		const credential = emulatorCredential(emu);
		emu.expireAccessTokens();
		emu.configure({ tokenError: 'invalid_client' });
		const result = await runWorkflow({
			emu,
			credential,
			workflow: singleNodeWorkflow({
				resource: 'record',
				operation: 'get',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: emu.ids('Leads', 1)[0],
			}),
		});
		expect(result.status).toBe('error');
		const error = result.nodeError('Zoho');
		expect(error.message).toMatch(/rejected the access token/);
		expect(error.description).toMatch(/invalid_client/);
		expect(error.description).toMatch(/Reconnect/);
		const text = JSON.stringify(error);
		expect(text).not.toContain(credential.clientSecret);
		expect(text).not.toContain(credential.oauthTokenData.refresh_token);
	});

	it('says to reconnect when the stored token holds only a token-endpoint error', async () => {
		const credential = { ...emulatorCredential(emu), oauthTokenData: { error: 'invalid_code' } };
		const result = await runWorkflow({
			emu,
			credential,
			workflow: singleNodeWorkflow({
				resource: 'record',
				operation: 'get',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: emu.ids('Leads', 1)[0],
			}),
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').description).toMatch(/invalid_code.*[Rr]econnect/s);
		expect(emu.requests.filter((r: any) => r.app === 'crm')).toHaveLength(0);
	});

	it('names the missing scope area on OAUTH_SCOPE_MISMATCH', async () => {
		const credential = emulatorCredential(emu, {
			scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.org.READ'],
		});
		const result = await runWorkflow({
			emu,
			credential,
			workflow: singleNodeWorkflow({
				resource: 'record',
				operation: 'query',
				app: 'crm',
				coql: 'select Last_Name from Leads',
				limit: 5,
			}),
		});
		expect(result.status).toBe('error');
		const error = result.nodeError('Zoho');
		expect(error.message).toMatch(/CRM COQL queries \(scope ZohoCRM\.coql\.READ\)/);
		expect(error.description).toMatch(/Reconnect/);
		// Zoho answers a scope mismatch with 401, so n8n tries one refresh before we explain it.
		expect(emu.stats.refreshes).toBeLessThanOrEqual(1);
	});
});
