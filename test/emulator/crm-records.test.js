'use strict';
/** CRM reads: list paging rules, page_token paging, fields, sorting, cvid, ids, If-Modified-Since, get, delete, URLs, v2 compatibility, metadata. */

const { useEmulator } = require('./testkit');

const t = useEmulator();
beforeEach(() => t.emu.reset());

describe('list records', () => {
	test('fields is mandatory on v8 → 400 REQUIRED_PARAM_MISSING', async () => {
		const res = await t.crm('GET', '/Leads');
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({
			code: 'REQUIRED_PARAM_MISSING',
			details: { param_name: 'fields' },
			status: 'error',
		});
	});

	test('more than 50 fields → 400 LIMIT_EXCEEDED; unknown field → 400 INVALID_DATA', async () => {
		const many = Array.from({ length: 51 }, (_, i) => `F${i}`).join(',');
		expect((await t.crm('GET', '/Leads', { query: { fields: many } })).body.code).toBe(
			'LIMIT_EXCEEDED',
		);
		const unknown = await t.crm('GET', '/Leads', { query: { fields: 'Last_Name,Nope' } });
		expect(unknown.status).toBe(400);
		expect(unknown.body).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Nope' } });
	});

	test('only the requested fields (+ id) are returned; info block', async () => {
		const res = await t.crm('GET', '/Leads', { query: { fields: 'Last_Name,Email', per_page: 5 } });
		expect(res.status).toBe(200);
		expect(res.body.data).toHaveLength(5);
		for (const r of res.body.data)
			expect(Object.keys(r).sort()).toEqual(['Email', 'Last_Name', 'id']);
		expect(res.body.info).toMatchObject({
			per_page: 5,
			count: 5,
			page: 1,
			sort_by: 'id',
			sort_order: 'desc',
			more_records: true,
			previous_page_token: null,
		});
		expect(typeof res.body.info.next_page_token).toBe('string');
		expect(res.body.info.page_token_expiry).toMatch(/\+00:00$/);
		expect(res.body.data[0].id).toMatch(/^\d{19}$/);
	});

	test('per_page > 200 → 400 INVALID_DATA {param_name, maximum_length}', async () => {
		const res = await t.crm('GET', '/Leads', { query: { fields: 'Last_Name', per_page: 201 } });
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({
			code: 'INVALID_DATA',
			details: { param_name: 'per_page', maximum_length: 200 },
		});
		expect(
			(await t.crm('GET', '/Leads', { query: { fields: 'Last_Name', per_page: 0 } })).status,
		).toBe(400);
		expect(
			(await t.crm('GET', '/Leads', { query: { fields: 'Last_Name', per_page: 'x' } })).status,
		).toBe(400);
	});

	test('page beyond 2,000 records without page_token → 400 DISCRETE_PAGINATION_LIMIT_EXCEEDED', async () => {
		expect(
			(await t.crm('GET', '/Leads', { query: { fields: 'Last_Name', page: 10, per_page: 200 } }))
				.status,
		).toBe(200);
		const res = await t.crm('GET', '/Leads', {
			query: { fields: 'Last_Name', page: 11, per_page: 200 },
		});
		expect(res.status).toBe(400);
		expect(res.body.code).toBe('DISCRETE_PAGINATION_LIMIT_EXCEEDED');
		expect(
			(await t.crm('GET', '/Leads', { query: { fields: 'Last_Name', page: 21, per_page: 100 } }))
				.body.code,
		).toBe('DISCRETE_PAGINATION_LIMIT_EXCEEDED');
	});

	test('page and page_token together → 400', async () => {
		const first = await t.crm('GET', '/Leads', { query: { fields: 'Last_Name' } });
		const res = await t.crm('GET', '/Leads', {
			query: { fields: 'Last_Name', page: 2, page_token: first.body.info.next_page_token },
		});
		expect(res.status).toBe(400);
		expect(res.body.code).toBe('INVALID_DATA');
		expect(res.body.details.param_name).toBe('page_token');
	});

	test('page_token paging reaches the end of all 10,500 Leads with no duplicates', async () => {
		const seen = new Set();
		let token = null;
		let calls = 0;
		for (;;) {
			const res = await t.crm('GET', '/Leads', {
				query: { fields: 'Last_Name', per_page: 200, page_token: token ?? undefined },
			});
			expect(res.status).toBe(200);
			calls++;
			for (const r of res.body.data) seen.add(r.id);
			if (!res.body.info.more_records) {
				expect(res.body.info.next_page_token).toBeNull();
				break;
			}
			token = res.body.info.next_page_token;
			if (calls > 1) expect(typeof res.body.info.previous_page_token).toBe('string');
		}
		expect(calls).toBe(53);
		expect(seen.size).toBe(10500);
	});

	test('page_token continues after page 10 and rejects garbage / other modules', async () => {
		const p10 = await t.crm('GET', '/Deals', {
			query: { fields: 'Deal_Name', page: 10, per_page: 200 },
		});
		const p11 = await t.crm('GET', '/Deals', {
			query: { fields: 'Deal_Name', page_token: p10.body.info.next_page_token },
		});
		expect(p11.status).toBe(200);
		expect(p11.body.info.page).toBe(11);
		expect(p11.body.data[0].id < p10.body.data[199].id).toBe(true); // default order id desc
		expect(
			(await t.crm('GET', '/Deals', { query: { fields: 'Deal_Name', page_token: 'nope' } })).body
				.details.param_name,
		).toBe('page_token');
		expect(
			(
				await t.crm('GET', '/Leads', {
					query: { fields: 'Last_Name', page_token: p10.body.info.next_page_token },
				})
			).status,
		).toBe(400);
	});

	test('sort_by / sort_order, invalid values rejected', async () => {
		const asc = await t.crm('GET', '/Accounts', {
			query: { fields: 'Modified_Time', sort_by: 'Modified_Time', sort_order: 'asc', per_page: 50 },
		});
		const times = asc.body.data.map((r) => r.Modified_Time);
		expect(times).toEqual([...times].sort());
		const byId = await t.crm('GET', '/Accounts', {
			query: { fields: 'Account_Name', sort_by: 'id', sort_order: 'asc', per_page: 1 },
		});
		expect(byId.body.data[0].id).toBe(t.emu.firstId('Accounts'));
		expect(
			(
				await t.crm('GET', '/Accounts', {
					query: { fields: 'Account_Name', sort_by: 'Account_Name' },
				})
			).body.details.param_name,
		).toBe('sort_by');
		expect(
			(await t.crm('GET', '/Accounts', { query: { fields: 'Account_Name', sort_order: 'up' } }))
				.body.details.param_name,
		).toBe('sort_order');
	});

	test('cvid filters by the custom view; unknown cvid → 400', async () => {
		const views = await t.crm('GET', '/settings/custom_views', { query: { module: 'Leads' } });
		expect(views.body.custom_views).toHaveLength(2);
		const contacted = views.body.custom_views[1];
		const res = await t.crm('GET', '/Leads', {
			query: { fields: 'Lead_Status', cvid: contacted.id, per_page: 200 },
		});
		expect(res.body.data.length).toBeGreaterThan(0);
		expect(res.body.data.every((r) => r.Lead_Status === 'Contacted')).toBe(true);
		expect(
			(await t.crm('GET', '/Leads', { query: { fields: 'Lead_Status', cvid: '123' } })).body.details
				.param_name,
		).toBe('cvid');
	});

	test('ids selects records; unknown ids only → 204 with no body', async () => {
		const ids = t.emu.ids('Contacts', 3);
		const res = await t.crm('GET', '/Contacts', {
			query: { fields: 'Last_Name', ids: ids.join(',') },
		});
		expect(res.body.data.map((r) => r.id).sort()).toEqual(ids);
		const none = await t.crm('GET', '/Contacts', {
			query: { fields: 'Last_Name', ids: '1234567890123456789' },
		});
		expect(none.status).toBe(204);
		expect(none.text).toBe('');
	});

	test('If-Modified-Since returns records modified after; 304 when none', async () => {
		const none = await t.crm('GET', '/Leads', {
			query: { fields: 'Last_Name' },
			headers: { 'If-Modified-Since': new Date().toUTCString() },
		});
		expect(none.status).toBe(304);
		const since = new Date(Date.now() - 1000).toISOString();
		const id = t.emu.firstId('Leads');
		await t.crm('PUT', '/Leads', { body: { data: [{ id, City: 'Oslo' }] } });
		const res = await t.crm('GET', '/Leads', {
			query: { fields: 'City' },
			headers: { 'If-Modified-Since': since },
		});
		expect(res.status).toBe(200);
		expect(res.body.data).toEqual([{ id, City: 'Oslo' }]);
	});

	test('the page after the last record → 204', async () => {
		const res = await t.crm('GET', '/Tasks', {
			query: { fields: 'Subject', page: 3, per_page: 200 },
		});
		expect(res.status).toBe(204);
		expect(res.text).toBe('');
	});
});

describe('get / delete / URLs', () => {
	test('get a record → {data:[record]}; non-existent → 204; malformed → 400 INVALID_DATA', async () => {
		const id = t.emu.firstId('Deals');
		const res = await t.crm('GET', `/Deals/${id}`);
		expect(res.status).toBe(200);
		expect(res.body.data[0]).toMatchObject({
			id,
			Deal_Name: expect.any(String),
			Stage: expect.any(String),
			Owner: { id: expect.any(String), name: expect.any(String) },
		});
		expect(
			Object.keys(
				(await t.crm('GET', `/Deals/${id}`, { query: { fields: 'Stage' } })).body.data[0],
			).sort(),
		).toEqual(['Stage', 'id']);
		expect((await t.crm('GET', '/Deals/5725767003999999999')).status).toBe(204);
		const bad = await t.crm('GET', '/Deals/abc');
		expect(bad.status).toBe(400);
		expect(bad.body.code).toBe('INVALID_DATA');
	});

	test('unknown module → 400 INVALID_MODULE; non-API module → 400; v8 module names are case-sensitive', async () => {
		const res = await t.crm('GET', '/Widgets', { query: { fields: 'Name' } });
		expect(res.status).toBe(400);
		expect(res.body).toMatchObject({
			code: 'INVALID_MODULE',
			message: 'the module name given seems to be invalid',
		});
		expect((await t.crm('GET', '/leads', { query: { fields: 'Last_Name' } })).body.code).toBe(
			'INVALID_MODULE',
		);
		expect((await t.crm('GET', '/Home', { query: { fields: 'Name' } })).status).toBe(400);
	});

	test('unknown URL → 404 INVALID_URL_PATTERN; wrong method → 405', async () => {
		const res = await t.crm('GET', '/Leads/1/2/3');
		expect(res.status).toBe(404);
		expect(res.body.code).toBe('INVALID_URL_PATTERN');
		expect((await t.raw('GET', '/crm/v5/Leads')).body.code).toBe('INVALID_URL_PATTERN');
		expect((await t.crm('PATCH', '/Leads')).status).toBe(405);
	});

	test('delete: ids required, ≤ 100, per-record results, 207 when mixed', async () => {
		expect((await t.crm('DELETE', '/Leads')).body.code).toBe('REQUIRED_PARAM_MISSING');
		const many = t.emu.ids('Leads', 101).join(',');
		expect((await t.crm('DELETE', '/Leads', { query: { ids: many } })).body.code).toBe(
			'LIMIT_EXCEEDED',
		);
		const [a, b] = t.emu.ids('Leads', 2);
		const res = await t.crm('DELETE', '/Leads', { query: { ids: `${a},5725767000999999999` } });
		expect(res.status).toBe(207);
		expect(res.body.data[0]).toEqual({
			code: 'SUCCESS',
			details: { id: a },
			message: 'record deleted',
			status: 'success',
		});
		expect(res.body.data[1]).toMatchObject({ code: 'INVALID_DATA', status: 'error' });
		expect(t.emu.data.crm.records.Leads.has(a)).toBe(false);
		expect((await t.crm('GET', `/Leads/${a}`)).status).toBe(204);
		const one = await t.crm('DELETE', `/Leads/${b}`);
		expect(one.status).toBe(200);
		expect((await t.crm('DELETE', `/Leads/${b}`)).status).toBe(400);
	});
});

describe('v2 compatibility (n8n built-in Zoho node)', () => {
	test('lower-case module names and optional fields on /crm/v2', async () => {
		const res = await t.crm('GET', '/leads', { version: 2, query: { per_page: 2 } });
		expect(res.status).toBe(200);
		expect(res.body.data[0]).toHaveProperty('Last_Name');
		expect(res.body.data[0]).toHaveProperty('Email');
		const id = t.emu.firstId('Leads');
		expect((await t.crm('GET', `/leads/${id}`, { version: 2 })).body.data[0].id).toBe(id);
		const up = await t.crm('POST', '/leads/upsert', {
			version: 2,
			body: { data: [{ Last_Name: 'Compat', Email: 'compat@example.com' }] },
		});
		expect(up.body.data[0]).toMatchObject({ code: 'SUCCESS', action: 'insert' });
		const put = await t.crm('PUT', `/leads/${id}`, {
			version: 2,
			body: { data: [{ City: 'Lima' }] },
		});
		expect(put.body.data[0].code).toBe('SUCCESS');
	});
});

describe('metadata', () => {
	test('org', async () => {
		const res = await t.crm('GET', '/org');
		expect(res.body.org[0]).toMatchObject({
			company_name: 'Beam Test Org',
			domain_name: 'org74822955',
			zgid: '74822955',
			license_details: { paid_type: 'enterprise' },
		});
	});

	test('users by type; invalid type → 400', async () => {
		const me = await t.crm('GET', '/users', { query: { type: 'CurrentUser' } });
		expect(me.body.users).toHaveLength(1);
		expect(me.body.info.count).toBe(1);
		const active = await t.crm('GET', '/users', { query: { type: 'ActiveUsers' } });
		expect(active.body.users.every((u) => u.status === 'active')).toBe(true);
		expect((await t.crm('GET', '/users', { query: { type: 'Everyone' } })).status).toBe(400);
	});

	test('modules include non-API modules; Deals is Potentials in the UI; custom module', async () => {
		const res = await t.crm('GET', '/settings/modules');
		const byName = Object.fromEntries(res.body.modules.map((m) => [m.api_name, m]));
		expect(byName.Deals).toMatchObject({
			module_name: 'Potentials',
			api_supported: true,
			generated_type: 'default',
		});
		expect(byName.Shipments).toMatchObject({
			module_name: 'CustomModule1',
			generated_type: 'custom',
			api_supported: true,
		});
		expect(res.body.modules.filter((m) => m.api_supported === false).length).toBeGreaterThanOrEqual(
			2,
		);
	});

	test('fields of a module; module param required / validated', async () => {
		const res = await t.crm('GET', '/settings/fields', { query: { module: 'Leads' } });
		const email = res.body.fields.find((f) => f.api_name === 'Email');
		expect(email).toMatchObject({
			data_type: 'email',
			field_label: 'Email',
			display_label: 'Email',
			read_only: false,
			custom_field: false,
		});
		const status = res.body.fields.find((f) => f.api_name === 'Lead_Status');
		expect(status.pick_list_values[0]).toEqual(
			expect.objectContaining({
				display_value: expect.any(String),
				actual_value: expect.any(String),
			}),
		);
		expect(res.body.fields.find((f) => f.api_name === 'Last_Name').system_mandatory).toBe(true);
		expect((await t.crm('GET', '/settings/fields')).body.code).toBe('REQUIRED_PARAM_MISSING');
		expect((await t.crm('GET', '/settings/fields', { query: { module: 'Nope' } })).body.code).toBe(
			'INVALID_MODULE',
		);
	});
});
