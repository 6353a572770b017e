'use strict';
/** Concurrency limits, daily credits, latency and seeded fault injection. */

const { useEmulator, request } = require('./testkit');

const t = useEmulator();
beforeEach(() => t.emu.reset());

const leads = () => t.crm('GET', '/Leads', { query: { fields: 'Last_Name', per_page: 1 } });
const tickets = () => t.desk('GET', '/tickets', { query: { limit: 1 } });

describe('concurrency', () => {
	test('requests beyond maxConcurrency in flight → 429 at once (CRM TOO_MANY_REQUESTS mentioning concurrency)', async () => {
		t.emu.configure({ maxConcurrency: 2, latencyMs: 1500 });
		const started = Date.now();
		const results = await Promise.all(
			Array.from({ length: 5 }, () => leads().then((r) => ({ ...r, at: Date.now() - started }))),
		);
		const ok = results.filter((r) => r.status === 200);
		const limited = results.filter((r) => r.status === 429);
		expect(ok).toHaveLength(2);
		expect(limited).toHaveLength(3);
		expect(limited[0].body).toMatchObject({
			code: 'TOO_MANY_REQUESTS',
			details: {},
			status: 'error',
		});
		expect(limited[0].body.message).toMatch(/concurrency/i);
		for (const r of limited) expect(r.at).toBeLessThan(1200);
		expect(t.emu.stats.rejected429).toBe(3);
	});

	test('CRM and Desk are counted separately; Desk answers {errorCode: TOO_MANY_REQUESTS}', async () => {
		t.emu.configure({ maxConcurrency: 1, latencyMs: 600 });
		const [crm, desk, desk2] = await Promise.all([leads(), tickets(), tickets()]);
		expect(crm.status).toBe(200);
		expect(desk.status).toBe(200);
		expect(desk2.status).toBe(429);
		expect(desk2.body.errorCode).toBe('TOO_MANY_REQUESTS');
		// once the window is free again, requests pass
		expect((await tickets()).status).toBe(200);
	});
});

describe('daily credits', () => {
	test('CRM: exhausted credits → 429 TOO_MANY_REQUESTS with a credit message; per app', async () => {
		t.emu.configure({ dailyCredits: 3 });
		for (let i = 0; i < 3; i++) expect((await leads()).status).toBe(200);
		const res = await leads();
		expect(res.status).toBe(429);
		expect(res.body.code).toBe('TOO_MANY_REQUESTS');
		expect(res.body.message).toMatch(/credit/i);
		expect((await tickets()).status).toBe(200); // Desk has its own credits
		expect(t.emu.stats.creditsUsed).toEqual({ crm: 3, desk: 1 });
	});

	test('Desk: exhausted credits → 429 THRESHOLD_EXCEEDED; reset restores credits', async () => {
		t.emu.configure({ dailyCredits: 1 });
		expect((await tickets()).status).toBe(200);
		const res = await tickets();
		expect(res.status).toBe(429);
		expect(res.body.errorCode).toBe('THRESHOLD_EXCEEDED');
		t.emu.reset();
		expect((await tickets()).status).toBe(200);
	});

	test('token and admin calls cost no credits; rejected auth costs none', async () => {
		t.emu.configure({ dailyCredits: 1 });
		await request(`${t.emu.url}/crm/v8/Leads?fields=Last_Name`);
		await t.raw('POST', '/oauth/v2/token', {
			form: {
				grant_type: 'refresh_token',
				client_id: 'beam-client-id',
				client_secret: 'beam-client-secret',
				refresh_token: t.token.refresh_token,
			},
		});
		await t.raw('GET', '/__emulator/stats');
		expect((await leads()).status).toBe(200);
	});
});

describe('latency', () => {
	test('latencyMs delays every CRM/Desk answer but not the token endpoint', async () => {
		t.emu.configure({ latencyMs: 400 });
		let at = Date.now();
		await leads();
		expect(Date.now() - at).toBeGreaterThanOrEqual(390);
		at = Date.now();
		await tickets();
		expect(Date.now() - at).toBeGreaterThanOrEqual(390);
		await t.raw('POST', '/oauth/v2/token', { form: {} });
		expect(t.emu.requests.find((r) => r.app === 'crm').durationMs).toBeGreaterThanOrEqual(390);
		expect(t.emu.requests.find((r) => r.app === 'accounts').durationMs).toBeLessThan(390);
	});
});

describe('fault injection', () => {
	test('rate429 = 1 → 429 with Retry-After when retryAfterSec is set', async () => {
		t.emu.configure({ faults: { rate429: 1, retryAfterSec: 7 } });
		const res = await leads();
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('7');
		expect(res.body.code).toBe('TOO_MANY_REQUESTS');
		const d = await tickets();
		expect(d.status).toBe(429);
		expect(d.body.errorCode).toBe('TOO_MANY_REQUESTS');
		expect(t.emu.stats.injectedFaults).toBe(2);
		t.emu.configure({ faults: { retryAfterSec: null } });
		expect((await leads()).headers.get('retry-after')).toBeNull();
	});

	test('rate500 = 1 → 500 in each app’s shape', async () => {
		t.emu.configure({ faults: { rate500: 1 } });
		expect((await leads()).body).toMatchObject({ code: 'INTERNAL_ERROR', status: 'error' });
		const d = await tickets();
		expect(d.status).toBe(500);
		expect(d.body.errorCode).toBe('INTERNAL_SERVER_ERROR');
	});

	test('rateReset = 1 → the socket is destroyed without an answer', async () => {
		t.emu.configure({ faults: { rateReset: 1 } });
		await expect(leads()).rejects.toThrow();
		expect(t.emu.requests[0].fault).toBe('reset');
	});

	test('hang holds the request for hangMs, then answers', async () => {
		t.emu.configure({ faults: { hangRate: 1, hangMs: 200 } });
		const at = Date.now();
		expect((await leads()).status).toBe(200);
		expect(Date.now() - at).toBeGreaterThanOrEqual(190);
	});

	test('paths limits faults; the token endpoint is only faulted when the regex matches it', async () => {
		t.emu.configure({ faults: { rate500: 1 } });
		const form = {
			grant_type: 'refresh_token',
			client_id: 'beam-client-id',
			client_secret: 'beam-client-secret',
			refresh_token: t.token.refresh_token,
		};
		expect((await t.raw('POST', '/oauth/v2/token', { form })).status).toBe(200);
		t.emu.configure({ faults: { paths: '^/api/' } });
		expect((await leads()).status).toBe(200);
		expect((await tickets()).status).toBe(500);
		t.emu.configure({ faults: { paths: '/oauth/v2/token' } });
		expect((await t.raw('POST', '/oauth/v2/token', { form })).status).toBe(500);
	});

	test('faults are reproducible for a seed', async () => {
		const run = async () => {
			t.emu.reset();
			t.emu.configure({ faults: { rate429: 0.3, rate500: 0.2 } });
			const statuses = [];
			for (let i = 0; i < 25; i++) statuses.push((await leads()).status);
			return statuses;
		};
		const a = await run();
		const b = await run();
		expect(a).toEqual(b);
		expect(a).toContain(429);
		expect(a).toContain(500);
		expect(a).toContain(200);
		t.emu.reset();
		t.emu.configure({ seed: 7, faults: { rate429: 0.3, rate500: 0.2 } });
		const c = [];
		for (let i = 0; i < 25; i++) c.push((await leads()).status);
		expect(c).not.toEqual(a);
	});

	test('configure validates input and leaves the config untouched on error', () => {
		expect(() => t.emu.configure({ faults: { rate429: 2 } })).toThrow(TypeError);
		expect(() => t.emu.configure({ latencyMs: -1 })).toThrow(TypeError);
		expect(() => t.emu.configure({ nope: 1 })).toThrow(TypeError);
		expect(() => t.emu.configure({ faults: { paths: '(' } })).toThrow(TypeError);
		expect(t.emu.config.faults.rate429).toBe(0);
	});
});

describe('gateway rewrites (faults.rewrites)', () => {
	const createLead = (name) => t.crm('POST', '/Leads', { body: { data: [{ Last_Name: name }] } });

	test('html: an nginx error page with the given status, before the request reaches Zoho', async () => {
		t.emu.configure({
			faults: {
				rewrites: [{ path: '^/crm/v8/Leads$', method: 'POST', body: 'html', status: 502 }],
			},
		});
		const before = t.emu.data.crm.records.Leads.size;
		const res = await createLead('Never');
		expect(res.status).toBe(502);
		expect(res.headers.get('content-type')).toBe('text/html');
		expect(res.text).toMatch(/^<!DOCTYPE html>[\s\S]*502 Bad Gateway[\s\S]*nginx/);
		expect(t.emu.data.crm.records.Leads.size).toBe(before);
		expect(t.emu.requests[0]).toMatchObject({ status: 502, fault: 'rewrite:html' });
		expect((await leads()).status).toBe(200); // other methods untouched
	});

	test('applied: Zoho does the work, the gateway loses the answer (any status, 200 included)', async () => {
		t.emu.configure({
			faults: {
				rewrites: [
					{ path: '^/crm/v8/Leads$', method: 'POST', body: 'html', status: 504, applied: true },
				],
			},
		});
		const before = t.emu.data.crm.records.Leads.size;
		expect((await createLead('Applied')).status).toBe(504);
		expect(t.emu.data.crm.records.Leads.size).toBe(before + 1);
		t.emu.configure({
			faults: { rewrites: [{ path: '^/crm/v8/Leads$', method: 'GET', body: 'html', status: 200 }] },
		});
		const page = await leads();
		expect(page.status).toBe(200);
		expect(page.body).toBeNull();
	});

	test('truncated: the real answer cut in half, with its status; from/count pick which requests', async () => {
		t.emu.configure({
			faults: {
				rewrites: [
					{ path: '^/crm/v8/Leads$', method: 'GET', from: 2, count: 1, body: 'truncated' },
				],
			},
		});
		const first = await leads();
		const second = await leads();
		const third = await leads();
		expect(first.body.data).toHaveLength(1);
		expect(second.status).toBe(200);
		expect(second.body).toBeNull();
		expect(first.text.startsWith(second.text)).toBe(true);
		expect(second.text.length).toBe(Math.floor(first.text.length / 2));
		expect(third.body.data).toHaveLength(1);
		expect(t.emu.stats.injectedFaults).toBe(1);
	});

	test('reorder: the per-record results of a write in reverse order, the write applied', async () => {
		const ids = t.emu.ids('Leads', 2);
		t.emu.configure({
			faults: { rewrites: [{ path: '^/crm/v8/Leads$', method: 'PUT', body: 'reorder' }] },
		});
		const res = await t.crm('PUT', '/Leads', {
			body: {
				data: [
					{ id: ids[0], City: 'A' },
					{ id: ids[1], City: 'B' },
				],
			},
		});
		expect(res.status).toBe(200);
		expect(res.body.data.map((r) => r.details.id)).toEqual([ids[1], ids[0]]);
		expect(t.emu.data.crm.records.Leads.get(ids[0]).City).toBe('A');
		expect(t.emu.stats.writesByRecord.Leads[ids[0]]).toBe(1);
	});

	test('echo: the request sent back as text, secrets included (the request log still redacts them)', async () => {
		t.emu.configure({
			faults: { rewrites: [{ path: '^/oauth/v2/token$', body: 'echo', status: 200 }] },
		});
		const form = {
			refresh_token: t.token.refresh_token,
			grant_type: 'refresh_token',
			client_id: 'beam-client-id',
			client_secret: 'beam-client-secret',
		};
		const res = await t.raw('POST', '/oauth/v2/token', { form });
		expect(res.status).toBe(200);
		expect(
			res.text.startsWith(`You sent: POST /oauth/v2/token refresh_token=${t.token.refresh_token}`),
		).toBe(true);
		expect(res.text).toContain('client_secret=beam-client-secret');
		expect(JSON.stringify(t.emu.requests)).not.toContain(t.token.refresh_token);
		t.emu.configure({ faults: { rewrites: [{ path: '^/crm/', body: 'echo' }] } });
		const api = await leads();
		expect(api.status).toBe(502);
		expect(api.text).toContain(`authorization: Zoho-oauthtoken ${t.token.access_token}`);
	});

	test('empty; reset clears the rules; invalid rules are refused', async () => {
		t.emu.configure({
			faults: { rewrites: [{ path: '^/api/v1/tickets$', body: 'empty', status: 200 }] },
		});
		const res = await tickets();
		expect(res.status).toBe(200);
		expect(res.text).toBe('');
		t.emu.reset();
		expect(t.emu.config.faults.rewrites).toEqual([]);
		expect((await tickets()).body.data).toHaveLength(1);
		for (const bad of [
			[{ body: 'html' }],
			[{ path: '(', body: 'html' }],
			[{ path: 'x', body: 'gif' }],
			[{ path: 'x', body: 'html', status: 99 }],
			[{ path: 'x', body: 'html', nope: 1 }],
			{ path: 'x' },
		]) {
			expect(() => t.emu.configure({ faults: { rewrites: bad } })).toThrow(TypeError);
		}
	});
});
