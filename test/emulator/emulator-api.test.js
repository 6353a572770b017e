'use strict';
/** Public API: reset, log, stats, admin HTTP API, helpers, options, close, CLI. */

const { spawn } = require('node:child_process');
const path = require('node:path');
const { useEmulator, startEmulator, request } = require('./testkit');

const t = useEmulator({ latencyMs: 0 });

describe('reset', () => {
	test('restores data, clears log and stats, restores config; issued tokens stay valid; fast', async () => {
		const id = t.emu.firstId('Leads');
		await t.crm('PUT', '/Leads', { body: { data: [{ id, City: 'Changed' }] } });
		await t.crm('POST', '/actions/watch', {
			body: {
				watch: [{ channel_id: 5, events: ['Leads.all'], notify_url: 'https://x.example/h' }],
			},
		});
		t.emu.configure({ latencyMs: 20, faults: { rate500: 0.5 } });
		expect(t.emu.data.crm.records.Leads.get(id).City).toBe('Changed');
		const at = Date.now();
		t.emu.reset();
		expect(Date.now() - at).toBeLessThan(1500);
		expect(t.emu.data.crm.records.Leads.get(id).City).not.toBe('Changed');
		expect(t.emu.data.crm.watch.size).toBe(0);
		expect(t.emu.requests).toHaveLength(0);
		expect(t.emu.stats).toMatchObject({
			refreshes: 0,
			codeExchanges: 0,
			tokenErrors: 0,
			rejected429: 0,
			injectedFaults: 0,
			writesByRecord: {},
		});
		expect(t.emu.config.latencyMs).toBe(0);
		expect(t.emu.config.faults.rate500).toBe(0);
		expect((await t.crm('GET', '/org')).status).toBe(200);
	});

	test('seeded data is deterministic and sized as documented', () => {
		t.emu.reset();
		const sizes = Object.fromEntries(
			Object.entries(t.emu.data.crm.records).map(([k, v]) => [k, v.size]),
		);
		expect(sizes).toEqual({
			Accounts: 600,
			Contacts: 10000,
			Leads: 10500,
			Deals: 10000,
			Tasks: 300,
			Shipments: 2500,
		});
		expect(t.emu.firstId('Leads')).toBe('5725767000000412001');
		expect(t.emu.firstId('Deals')).toBe('5725767003000412001');
		const orgA = Array.from(t.emu.data.desk.tickets.values()).filter(
			(x) => x.orgId === t.emu.deskOrgIds.A,
		);
		expect(orgA).toHaveLength(5200);
		expect(new Set(orgA.map((x) => x.departmentId)).size).toBe(4);
		expect(t.emu.deskIds('tickets', t.emu.deskOrgIds.A, 1)[0]).toMatch(/^\d{18}$/);
		const lead = t.emu.data.crm.records.Leads.get(t.emu.firstId('Leads'));
		t.emu.reset({ seed: 42 });
		expect(t.emu.data.crm.records.Leads.get(t.emu.firstId('Leads'))).toEqual(lead);
	});

	test('reset({sizes}) reseeds smaller data; bad options throw', () => {
		t.emu.reset({ sizes: { crm: { Leads: 50 }, desk: { tickets: { [t.emu.deskOrgIds.A]: 30 } } } });
		expect(t.emu.data.crm.records.Leads.size).toBe(50);
		expect(
			Array.from(t.emu.data.desk.tickets.values()).filter((x) => x.orgId === t.emu.deskOrgIds.A),
		).toHaveLength(30);
		expect(() => t.emu.reset({ sizes: { crm: { Widgets: 1 } } })).toThrow(TypeError);
		expect(() => t.emu.reset({ colour: 'red' })).toThrow(TypeError);
		t.emu.reset({ sizes: {} });
		expect(t.emu.data.crm.records.Leads.size).toBe(10500);
	});
});

describe('log and stats', () => {
	beforeEach(() => t.emu.reset());

	test('every request is logged with seq, app, method, path, query, body, status, timing, records', async () => {
		await t.crm('GET', '/Leads', { query: { fields: 'Last_Name', per_page: 3 } });
		await t.desk('GET', '/tickets', { query: { limit: 2 } });
		await t.raw('GET', '/__emulator/stats');
		await t.raw('POST', '/oauth/v2/token', { form: { grant_type: 'refresh_token' } });
		expect(t.emu.requests.map((r) => [r.seq, r.app, r.method, r.path, r.status])).toEqual([
			[1, 'crm', 'GET', '/crm/v8/Leads', 200],
			[2, 'desk', 'GET', '/api/v1/tickets', 200],
			[3, 'admin', 'GET', '/__emulator/stats', 200],
			[4, 'accounts', 'POST', '/oauth/v2/token', 200],
		]);
		expect(t.emu.requests[0]).toMatchObject({
			query: { fields: 'Last_Name', per_page: '3' },
			body: null,
			records: 3,
			startedAt: expect.any(String),
			durationMs: expect.any(Number),
		});
		expect(t.emu.requests[1].records).toBe(2);
		expect(JSON.stringify(t.emu.requests)).not.toMatch(/Zoho-oauthtoken|1000\.[0-9a-f]{32}/);
	});

	test('writesByRecord lets tests prove no record was written twice', async () => {
		const ids = t.emu.ids('Leads', 2);
		await t.crm('PUT', '/Leads', { body: { data: ids.map((id) => ({ id, City: 'A' })) } });
		await t.crm('PUT', '/Leads', { body: { data: [{ id: ids[0], City: 'B' }] } });
		const ticket = t.emu.deskIds('tickets', t.emu.deskOrgIds.A, 1)[0];
		await t.desk('PATCH', `/tickets/${ticket}`, { body: { priority: 'High' } });
		expect(t.emu.stats.writesByRecord).toEqual({
			Leads: { [ids[0]]: 2, [ids[1]]: 1 },
			tickets: { [ticket]: 1 },
		});
	});
});

describe('admin HTTP API', () => {
	beforeEach(() => t.emu.reset());

	test('token, expire, config, requests, stats, reset', async () => {
		const tok = await t.raw('POST', '/__emulator/token', {
			body: { scopes: ['ZohoCRM.org.READ'], lifetimeSec: 60 },
		});
		expect(tok.status).toBe(200);
		expect(tok.body).toMatchObject({
			access_token: expect.stringMatching(/^1000\./),
			refresh_token: expect.any(String),
			api_domain: t.emu.url,
			expires_in: 60,
		});
		expect((await t.crm('GET', '/org', { token: tok.body.access_token })).status).toBe(200);
		expect(
			(await t.raw('POST', '/__emulator/token', { body: { scopes: ['bad scope'] } })).status,
		).toBe(400);
		expect((await t.raw('POST', '/__emulator/expire')).body.ok).toBe(true);
		expect((await t.crm('GET', '/org', { token: tok.body.access_token })).status).toBe(401);

		const cfg = await t.raw('POST', '/__emulator/config', {
			body: { latencyMs: 5, maxConcurrency: 'Infinity', faults: { retryAfterSec: 3 } },
		});
		expect(cfg.body).toMatchObject({
			latencyMs: 5,
			maxConcurrency: 'Infinity',
			faults: { retryAfterSec: 3, rate429: 0 },
		});
		expect(t.emu.config.faults.retryAfterSec).toBe(3);
		expect(
			(await t.raw('POST', '/__emulator/config', { body: { latencyMs: 'slow' } })).status,
		).toBe(400);
		const reqs = await t.raw('GET', '/__emulator/requests');
		expect(reqs.body.requests.length).toBeGreaterThan(3);
		expect((await t.raw('GET', '/__emulator/requests?since=2')).body.requests[0].seq).toBe(3);
		expect((await t.raw('GET', '/__emulator/stats')).body).toHaveProperty('writesByRecord');
		expect((await t.raw('POST', '/__emulator/reset', { body: {} })).body).toEqual({ ok: true });
		expect(t.emu.config.latencyMs).toBe(0);
		expect((await t.raw('GET', '/__emulator/nope')).status).toBe(404);
	});
});

describe('startEmulator options and close', () => {
	test('options become the config restored by reset; close() is prompt with requests in flight', async () => {
		const emu = await startEmulator({
			latencyMs: 5000,
			deskWebUrl: 'https://desk.zoho.eu',
			sizes: { crm: { Leads: 10 } },
		});
		expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
		expect(emu.config.deskWebUrl).toBe('https://desk.zoho.eu');
		emu.configure({ deskWebUrl: 'https://desk.zoho.in' });
		emu.reset();
		expect(emu.config.deskWebUrl).toBe('https://desk.zoho.eu');
		expect(emu.data.crm.records.Leads.size).toBe(10);
		const pending = request(`${emu.url}/crm/v8/org`, {
			headers: { Authorization: `Zoho-oauthtoken ${emu.issueToken().access_token}` },
		}).catch(() => 'closed');
		await new Promise((r) => setTimeout(r, 50));
		const at = Date.now();
		await emu.close();
		expect(Date.now() - at).toBeLessThan(1000);
		expect(await pending).toBe('closed');
		await expect(startEmulator({ colour: 'red' })).rejects.toThrow(TypeError);
	});
});

describe('cli', () => {
	test('node cli.js --port 0 prints URL, tokens, client and custom URLs; SIGINT stops it', async () => {
		const child = spawn(
			process.execPath,
			[path.join(__dirname, 'cli.js'), '--port', '0', '--latency', '1'],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let out = '';
		await new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`cli did not start: ${out}`)), 15000);
			child.stdout.on('data', (d) => {
				out += d;
				if (out.includes('Ctrl-C')) {
					clearTimeout(timer);
					resolve(undefined);
				}
			});
			child.on('exit', (code) => reject(new Error(`cli exited ${code}: ${out}`)));
		});
		const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)[1];
		const access = /access token:\s+(\S+)/.exec(out)[1];
		expect(out).toContain('beam-client-id');
		expect(out).toContain('beam-client-secret');
		expect(out).toMatch(/refresh token:\s+1000\./);
		expect(out).toContain(`customDeskApiUrl:  ${url}/api/v1`);
		expect(out).toContain('customCrmWebUrl:   https://crm.zoho.com');
		expect(
			(
				await request(`${url}/crm/v8/org`, {
					headers: { Authorization: `Zoho-oauthtoken ${access}` },
				})
			).status,
		).toBe(200);
		const exited = new Promise((resolve) => child.on('exit', resolve));
		child.removeAllListeners('exit');
		const done = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
		child.kill('SIGINT');
		expect(await done).toBe(0);
		void exited;
	});

	test('bad arguments → exit code 2 with usage', async () => {
		const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), '--port', 'abc'], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let err = '';
		child.stderr.on('data', (d) => (err += d));
		const code = await new Promise((resolve) => child.on('exit', resolve));
		expect(code).toBe(2);
		expect(err).toContain('usage');
	});
});
