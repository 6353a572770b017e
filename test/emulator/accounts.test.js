'use strict';
/** Zoho Accounts: OAuth code flow, token endpoint (HTTP 200 errors), refresh limits, API auth and scopes. */

const { useEmulator, request } = require('./testkit');

const t = useEmulator();
const REDIRECT = 'http://localhost:5678/rest/oauth2-credential/callback';

beforeEach(() => t.emu.reset());

/** Runs the authorization step and returns the redirect URL. */
async function authorize(params = {}) {
	const all = {
		response_type: 'code',
		client_id: 'beam-client-id',
		scope: 'ZohoCRM.modules.ALL,Desk.tickets.READ',
		redirect_uri: REDIRECT,
		state: 'st-1',
		access_type: 'offline',
		prompt: 'consent',
		...params,
	};
	const q = new URLSearchParams(Object.entries(all).filter(([, v]) => v !== undefined));
	const res = await t.raw('GET', `/oauth/v2/auth?${q}`, { redirect: 'manual' });
	return res;
}

const token = (form) => t.raw('POST', '/oauth/v2/token', { form });
const exchange = (code, extra = {}) =>
	token({
		grant_type: 'authorization_code',
		client_id: 'beam-client-id',
		client_secret: 'beam-client-secret',
		redirect_uri: REDIRECT,
		code,
		...extra,
	});
const refresh = (rt, extra = {}) =>
	token({
		grant_type: 'refresh_token',
		client_id: 'beam-client-id',
		client_secret: 'beam-client-secret',
		refresh_token: rt,
		...extra,
	});

describe('authorization endpoint', () => {
	test('redirects with code, state, location and accounts-server', async () => {
		const res = await authorize();
		expect(res.status).toBe(302);
		const loc = new URL(String(res.headers.get('location')));
		expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT);
		expect(loc.searchParams.get('code')).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
		expect(loc.searchParams.get('state')).toBe('st-1');
		expect(loc.searchParams.get('location')).toBe('us');
		expect(loc.searchParams.get('accounts-server')).toBe(t.emu.url);
	});

	test('unknown client → HTTP 200 error page, no redirect', async () => {
		const res = await authorize({ client_id: 'nope' });
		expect(res.status).toBe(200);
		expect(res.text).toContain('invalid_client');
	});

	test('malformed or space-separated scope → invalid_scope', async () => {
		expect((await authorize({ scope: 'ZohoCRM.modules.ALL ZohoCRM.settings.ALL' })).text).toContain(
			'invalid_scope',
		);
		expect((await authorize({ scope: 'ZohoCRM.modules' })).text).toContain('invalid_scope');
	});
});

describe('token endpoint', () => {
	test('code exchange (offline) returns refresh token, api_domain, Bearer, expires_in, scope', async () => {
		const code = new URL(String((await authorize()).headers.get('location'))).searchParams.get(
			'code',
		);
		const res = await exchange(code);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			token_type: 'Bearer',
			expires_in: 3600,
			api_domain: t.emu.url,
			scope: 'ZohoCRM.modules.ALL,Desk.tickets.READ',
		});
		expect(res.body.access_token).toMatch(/^1000\./);
		expect(res.body.refresh_token).toMatch(/^1000\./);
		expect(t.emu.stats.codeExchanges).toBe(1);
	});

	test('online access → no refresh token; offline again without prompt=consent → no refresh token', async () => {
		const codeOf = async (params) =>
			new URL(String((await authorize(params)).headers.get('location'))).searchParams.get('code');
		const online = await exchange(await codeOf({ access_type: 'online', prompt: undefined }));
		expect(online.body.access_token).toMatch(/^1000\./);
		expect(online.body.refresh_token).toBeUndefined();
		// once the user granted offline access, a new refresh token needs prompt=consent again
		expect((await exchange(await codeOf({ prompt: 'consent' }))).body.refresh_token).toMatch(
			/^1000\./,
		);
		expect(
			(await exchange(await codeOf({ prompt: undefined }))).body.refresh_token,
		).toBeUndefined();
		expect((await exchange(await codeOf({ prompt: 'consent' }))).body.refresh_token).toMatch(
			/^1000\./,
		);
	});

	test('a code is single-use and expires', async () => {
		const code = new URL(String((await authorize()).headers.get('location'))).searchParams.get(
			'code',
		);
		expect((await exchange(code)).body.access_token).toBeDefined();
		const again = await exchange(code);
		expect(again.status).toBe(200);
		expect(again.body).toEqual({ error: 'invalid_code' });

		t.emu.configure({ codeLifetimeSec: 0.05 });
		const code2 = new URL(String((await authorize()).headers.get('location'))).searchParams.get(
			'code',
		);
		await new Promise((r) => setTimeout(r, 120));
		expect((await exchange(code2)).body).toEqual({ error: 'invalid_code' });
	});

	test('wrong client id or secret → HTTP 200 {"error":"invalid_client"}', async () => {
		const rt = t.emu.issueToken().refresh_token;
		const res = await refresh(rt, { client_secret: 'wrong' });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ error: 'invalid_client' });
		expect((await refresh(rt, { client_id: 'other' })).body).toEqual({ error: 'invalid_client' });
		expect(t.emu.stats.tokenErrors).toBe(2);
	});

	test('refresh returns a new access token without refresh_token; params accepted in the query string', async () => {
		const rt = t.emu.issueToken().refresh_token;
		const res = await refresh(rt);
		expect(res.status).toBe(200);
		expect(res.body.refresh_token).toBeUndefined();
		expect(res.body).toMatchObject({
			token_type: 'Bearer',
			expires_in: 3600,
			api_domain: t.emu.url,
		});
		const q = new URLSearchParams({
			grant_type: 'refresh_token',
			client_id: 'beam-client-id',
			client_secret: 'beam-client-secret',
			refresh_token: rt,
		});
		const viaQuery = await t.raw('POST', `/oauth/v2/token?${q}`);
		expect(viaQuery.body.access_token).toMatch(/^1000\./);
		expect(t.emu.stats.refreshes).toBe(2);
	});

	test('unknown or revoked refresh token → HTTP 200 invalid_code', async () => {
		expect((await refresh('1000.abc.def')).body).toEqual({ error: 'invalid_code' });
		const pair = t.emu.issueToken();
		const rev = await t.raw('POST', `/oauth/v2/token/revoke?token=${pair.refresh_token}`);
		expect(rev.status).toBe(200);
		expect((await refresh(pair.refresh_token)).body).toEqual({ error: 'invalid_code' });
		// revoking also kills the access tokens of that refresh token
		expect((await t.crm('GET', '/org', { token: pair.access_token })).status).toBe(401);
	});

	test('config.tokenError forces HTTP 200 {"error": …}', async () => {
		t.emu.configure({ tokenError: 'invalid_client' });
		const res = await refresh(t.emu.issueToken().refresh_token);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ error: 'invalid_client' });
	});

	test('more than 10 refreshes per refresh token in 10 min → Access Denied (HTTP 200)', async () => {
		const rt = t.emu.issueToken().refresh_token;
		for (let i = 0; i < 10; i++) expect((await refresh(rt)).body.access_token).toBeDefined();
		const res = await refresh(rt);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ error: 'Access Denied', status: 'failure' });
		t.emu.reset(); // reset clears the counters, tokens stay valid
		expect((await refresh(rt)).body.access_token).toBeDefined();
	});

	test('the 16th access token of a refresh token invalidates the oldest', async () => {
		t.emu.configure({ tokenLimits: { refreshesPerWindow: 100 } });
		const pair = t.emu.issueToken();
		for (let i = 0; i < 15; i++) await refresh(pair.refresh_token);
		const res = await t.crm('GET', '/org', { token: pair.access_token });
		expect(res.status).toBe(401);
		expect(res.body.code).toBe('INVALID_TOKEN');
	});

	test('secrets never reach the request log', async () => {
		const pair = t.emu.issueToken();
		await refresh(pair.refresh_token);
		const entry = t.emu.requests.find((r) => r.path === '/oauth/v2/token');
		expect(entry.body.client_secret).toBe('[redacted]');
		expect(entry.body.refresh_token).toBe('[redacted]');
		expect(JSON.stringify(t.emu.requests)).not.toContain(pair.refresh_token);
		expect(JSON.stringify(t.emu.requests)).not.toContain('beam-client-secret');
	});
});

describe('API authentication', () => {
	test('missing, garbled and unknown tokens → CRM 401 INVALID_TOKEN, Desk 401 INVALID_OAUTH', async () => {
		const crmBody = {
			code: 'INVALID_TOKEN',
			details: {},
			message: 'invalid oauth token',
			status: 'error',
		};
		const deskBody = {
			errorCode: 'INVALID_OAUTH',
			message: 'The OAuth Token you provided is invalid.',
		};
		for (const headers of [
			{},
			{ Authorization: 'garbage' },
			{ Authorization: 'Zoho-oauthtoken 1000.unknown.token' },
		]) {
			const c = await request(`${t.emu.url}/crm/v8/org`, { headers });
			expect(c.status).toBe(401);
			expect(c.body).toEqual(crmBody);
			const d = await request(`${t.emu.url}/api/v1/tickets`, {
				headers: { ...headers, orgId: t.emu.deskOrgIds.A },
			});
			expect(d.status).toBe(401);
			expect(d.body).toEqual(deskBody);
		}
	});

	test('expired tokens → 401; Bearer prefix accepted', async () => {
		const pair = t.emu.issueToken();
		expect(
			(
				await request(`${t.emu.url}/crm/v8/org`, {
					headers: { Authorization: `Bearer ${pair.access_token}` },
				})
			).status,
		).toBe(200);
		t.emu.expireAccessTokens();
		expect((await t.crm('GET', '/org', { token: pair.access_token })).body.code).toBe(
			'INVALID_TOKEN',
		);
		expect((await t.desk('GET', '/tickets', { token: pair.access_token })).body.errorCode).toBe(
			'INVALID_OAUTH',
		);
		// a refreshed token works again
		const fresh = (await refresh(pair.refresh_token)).body.access_token;
		expect((await t.crm('GET', '/org', { token: fresh })).status).toBe(200);
	});

	test('short token lifetime expires by itself', async () => {
		const pair = t.emu.issueToken({ lifetimeSec: 0.05 });
		await new Promise((r) => setTimeout(r, 100));
		expect((await t.crm('GET', '/org', { token: pair.access_token })).status).toBe(401);
	});
});

describe('scopes', () => {
	test('CRM: missing scope family → 401 OAUTH_SCOPE_MISMATCH', async () => {
		const tok = t.emu.issueToken({ scopes: ['ZohoCRM.modules.READ'] }).access_token;
		const res = await t.crm('GET', '/org', { token: tok });
		expect(res.status).toBe(401);
		expect(res.body).toEqual({
			code: 'OAUTH_SCOPE_MISMATCH',
			details: {},
			message: 'invalid oauth scope to access this URL',
			status: 'error',
		});
		expect(
			(await t.crm('GET', '/Leads', { token: tok, query: { fields: 'Last_Name', per_page: 1 } }))
				.status,
		).toBe(200);
		// READ does not allow updates
		const put = await t.crm('PUT', '/Leads', {
			token: tok,
			body: { data: [{ id: t.emu.firstId('Leads'), City: 'Oslo' }] },
		});
		expect(put.body.code).toBe('OAUTH_SCOPE_MISMATCH');
	});

	test('CRM: module-specific, WRITE and custom scopes', async () => {
		const leadsOnly = t.emu.issueToken({ scopes: ['ZohoCRM.modules.leads.ALL'] }).access_token;
		expect(
			(
				await t.crm('GET', '/Leads', {
					token: leadsOnly,
					query: { fields: 'Last_Name', per_page: 1 },
				})
			).status,
		).toBe(200);
		expect(
			(
				await t.crm('GET', '/Deals', {
					token: leadsOnly,
					query: { fields: 'Deal_Name', per_page: 1 },
				})
			).body.code,
		).toBe('OAUTH_SCOPE_MISMATCH');
		const write = t.emu.issueToken({ scopes: ['ZohoCRM.modules.WRITE'] }).access_token;
		expect(
			(
				await t.crm('PUT', '/Leads', {
					token: write,
					body: { data: [{ id: t.emu.firstId('Leads'), City: 'Oslo' }] },
				})
			).status,
		).toBe(200);
		expect(
			(await t.crm('GET', '/Leads', { token: write, query: { fields: 'Last_Name' } })).body.code,
		).toBe('OAUTH_SCOPE_MISMATCH');
		const custom = t.emu.issueToken({ scopes: ['ZohoCRM.modules.custom.READ'] }).access_token;
		expect(
			(await t.crm('GET', '/Shipments', { token: custom, query: { fields: 'Name', per_page: 1 } }))
				.status,
		).toBe(200);
	});

	test('CRM: COQL needs coql.READ and the module scope', async () => {
		const body = { select_query: 'select Last_Name from Leads limit 1' };
		const coqlOnly = t.emu.issueToken({ scopes: ['ZohoCRM.coql.READ'] }).access_token;
		expect((await t.crm('POST', '/coql', { token: coqlOnly, body })).body.code).toBe(
			'OAUTH_SCOPE_MISMATCH',
		);
		const modsOnly = t.emu.issueToken({ scopes: ['ZohoCRM.modules.ALL'] }).access_token;
		expect((await t.crm('POST', '/coql', { token: modsOnly, body })).body.code).toBe(
			'OAUTH_SCOPE_MISMATCH',
		);
		const both = t.emu.issueToken({
			scopes: ['ZohoCRM.coql.READ', 'ZohoCRM.modules.leads.READ'],
		}).access_token;
		expect((await t.crm('POST', '/coql', { token: both, body })).status).toBe(200);
	});

	test('CRM: settings, users, notifications and signals families', async () => {
		const none = t.emu.issueToken({ scopes: ['ZohoCRM.modules.ALL'] }).access_token;
		for (const [method, path, version] of [
			['GET', '/settings/modules', 8],
			['GET', '/users', 8],
			['GET', '/actions/watch', 8],
			['POST', '/signals/notifications', 2],
		]) {
			const res = await t.crm(method, path, {
				token: none,
				version,
				body: method === 'POST' ? { signals: [] } : undefined,
			});
			expect([path, res.body.code]).toEqual([path, 'OAUTH_SCOPE_MISMATCH']);
		}
		const fieldsOnly = t.emu.issueToken({ scopes: ['ZohoCRM.settings.fields.READ'] }).access_token;
		expect(
			(await t.crm('GET', '/settings/fields', { token: fieldsOnly, query: { module: 'Leads' } }))
				.status,
		).toBe(200);
		expect((await t.crm('GET', '/settings/modules', { token: fieldsOnly })).body.code).toBe(
			'OAUTH_SCOPE_MISMATCH',
		);
	});

	test('Desk: missing scope → 401 SCOPE_MISMATCH; search needs Desk.search.READ too', async () => {
		const ticketsOnly = t.emu.issueToken({ scopes: ['Desk.tickets.READ'] }).access_token;
		expect((await t.desk('GET', '/tickets', { token: ticketsOnly })).status).toBe(200);
		const s = await t.desk('GET', '/tickets/search', {
			token: ticketsOnly,
			query: { subject: 'pass*' },
		});
		expect(s.status).toBe(401);
		expect(s.body.errorCode).toBe('SCOPE_MISMATCH');
		expect((await t.desk('GET', '/contacts', { token: ticketsOnly })).body.errorCode).toBe(
			'SCOPE_MISMATCH',
		);
		expect(
			(await t.desk('GET', '/organizations', { token: ticketsOnly, orgId: null })).body.errorCode,
		).toBe('SCOPE_MISMATCH');
		expect(
			(
				await t.desk('PATCH', `/tickets/${t.emu.deskIds('tickets')[0]}`, {
					token: ticketsOnly,
					body: { priority: 'High' },
				})
			).body.errorCode,
		).toBe('SCOPE_MISMATCH');
		const withSearch = t.emu.issueToken({
			scopes: ['Desk.tickets.READ', 'Desk.search.READ'],
		}).access_token;
		expect(
			(await t.desk('GET', '/tickets/search', { token: withSearch, query: { subject: 'pass*' } }))
				.status,
		).toBe(200);
		const accounts = t.emu.issueToken({ scopes: ['Desk.contacts.READ'] }).access_token;
		expect((await t.desk('GET', '/accounts', { token: accounts })).status).toBe(200);
		const settings = t.emu.issueToken({ scopes: ['Desk.settings.READ'] }).access_token;
		expect((await t.desk('GET', '/departments', { token: settings })).status).toBe(200);
		expect((await t.desk('GET', '/agents', { token: ticketsOnly })).body.errorCode).toBe(
			'SCOPE_MISMATCH',
		);
	});
});
