'use strict';
/** CRM writes: update (bulk/single), create, upsert — envelope limits, per-record validation, HTTP 200/201/207/400, writesByRecord. */

const { useEmulator } = require('./testkit');

const t = useEmulator();
beforeEach(() => t.emu.reset());

const put = (module, body) => t.crm('PUT', `/${module}`, { body });

describe('update envelope', () => {
	test('more than 100 records → 400 LIMIT_EXCEEDED, nothing written', async () => {
		const data = t.emu.ids('Leads', 101).map((id) => ({ id, City: 'X' }));
		const res = await put('Leads', { data });
		expect(res.status).toBe(400);
		expect(res.body.code).toBe('LIMIT_EXCEEDED');
		expect(t.emu.stats.writesByRecord).toEqual({});
		expect((await put('Leads', { data: data.slice(0, 100) })).status).toBe(200);
	});

	test('missing data → MANDATORY_NOT_FOUND; empty data → INVALID_DATA; bad JSON → INVALID_DATA; unknown top-level key → INVALID_DATA', async () => {
		const missing = await put('Leads', {});
		expect(missing.status).toBe(400);
		expect(missing.body).toMatchObject({
			code: 'MANDATORY_NOT_FOUND',
			details: { api_name: 'data' },
		});
		const empty = await put('Leads', { data: [] });
		expect(empty.body).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'data' } });
		expect(
			(
				await t.crm('PUT', '/Leads', {
					body: '{"data": [',
					headers: { 'content-type': 'application/json' },
				})
			).body.code,
		).toBe('INVALID_DATA');
		expect(
			(await put('Leads', { data: [{ id: t.emu.firstId('Leads') }], foo: 1 })).body,
		).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'foo' } });
	});

	test('trigger is validated and logged', async () => {
		const id = t.emu.firstId('Leads');
		expect(
			(await put('Leads', { data: [{ id, City: 'A' }], trigger: ['nope'] })).body.details.api_name,
		).toBe('trigger');
		await put('Leads', { data: [{ id, City: 'A' }], trigger: [] });
		await put('Leads', { data: [{ id, City: 'B' }], trigger: ['workflow', 'approval'] });
		await put('Leads', { data: [{ id, City: 'C' }] });
		const puts = t.emu.requests.filter((r) => r.method === 'PUT' && r.status === 200);
		expect(puts.map((r) => r.trigger)).toEqual([[], ['workflow', 'approval'], null]);
	});
});

describe('per-record validation', () => {
	test('missing id → MANDATORY_NOT_FOUND {api_name:id}; unknown id → INVALID_DATA related id', async () => {
		const res = await put('Leads', {
			data: [{ City: 'X' }, { id: '5725767000999999999', City: 'X' }, { id: 12, City: 'X' }],
		});
		expect(res.status).toBe(400);
		expect(res.body.data[0]).toMatchObject({
			code: 'MANDATORY_NOT_FOUND',
			details: { api_name: 'id' },
			status: 'error',
		});
		expect(res.body.data[1]).toMatchObject({
			code: 'INVALID_DATA',
			details: { api_name: 'id' },
			message: 'the related id given seems to be invalid',
		});
		expect(res.body.data[2]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'id' } });
	});

	test('read-only and unknown fields → INVALID_DATA {api_name}', async () => {
		const id = t.emu.firstId('Leads');
		const res = await put('Leads', {
			data: [
				{ id, Modified_Time: '2024-01-01T00:00:00+00:00' },
				{ id, Foo_Bar: 1 },
				{ id, Full_Name: 'X' },
			],
		});
		expect(res.body.data.map((d) => [d.code, d.details.api_name])).toEqual([
			['INVALID_DATA', 'Modified_Time'],
			['INVALID_DATA', 'Foo_Bar'],
			['INVALID_DATA', 'Full_Name'],
		]);
	});

	test.each([
		['Email', 'not-an-email', 'email'],
		['Phone', '555-CALL-NOW', 'phone'],
		['No_of_Employees', '12', 'integer'],
		['No_of_Employees', 1.5, 'integer'],
		['Annual_Revenue', 'lots', 'currency'],
		['Follow_Up_Date', '2024-02-30', 'date'],
		['Follow_Up_Date', '01/02/2024', 'date'],
		['Lead_Status', 'Hot', 'picklist'],
		['Email_Opt_Out', 'true', 'boolean'],
		['Owner', { id: '123' }, 'ownerlookup'],
		['First_Name', 42, 'text'],
	])('%s = %j → INVALID_DATA expected_data_type %s', async (field, value, type) => {
		const res = await put('Leads', { data: [{ id: t.emu.firstId('Leads'), [field]: value }] });
		expect(res.status).toBe(400);
		expect(res.body.data[0]).toMatchObject({
			code: 'INVALID_DATA',
			details: { api_name: field, expected_data_type: type },
			status: 'error',
		});
	});

	test('datetime needs seconds and a ±HH:mm offset (no ms, no Z); lookups must exist', async () => {
		const id = t.emu.firstId('Shipments');
		for (const bad of [
			'2024-05-01T10:00:00.000Z',
			'2024-05-01T10:00:00Z',
			'2024-05-01 10:00:00',
			'2024-05-01T10:00+00:00',
		]) {
			const res = await put('Shipments', { data: [{ id, Delivered_At: bad }] });
			expect([bad, res.body.data[0].details.expected_data_type]).toEqual([bad, 'datetime']);
		}
		expect(
			(await put('Shipments', { data: [{ id, Delivered_At: '2024-05-01T10:00:00+05:30' }] }))
				.status,
		).toBe(200);
		expect(t.emu.data.crm.records.Shipments.get(id).Delivered_At).toBe('2024-05-01T04:30:00+00:00');
		const badLookup = await put('Shipments', {
			data: [{ id, Account: { id: '5725767002999999999' } }],
		});
		expect(badLookup.body.data[0]).toMatchObject({
			code: 'INVALID_DATA',
			details: { api_name: 'Account' },
		});
		const account = t.emu.firstId('Accounts');
		await put('Shipments', { data: [{ id, Account: { id: account } }] });
		expect(t.emu.data.crm.records.Shipments.get(id).Account).toEqual({
			id: account,
			name: t.emu.data.crm.records.Accounts.get(account).Account_Name,
		});
	});

	test('mixed results → 207, failed records unchanged, successes carry details', async () => {
		const [a, b] = t.emu.ids('Contacts', 2);
		const before = { ...t.emu.data.crm.records.Contacts.get(b) };
		const res = await put('Contacts', {
			data: [
				{ id: a, Title: 'CTO' },
				{ id: b, Title: 'CEO', Email: 'broken' },
			],
		});
		expect(res.status).toBe(207);
		expect(res.body.data[0]).toMatchObject({
			code: 'SUCCESS',
			status: 'success',
			message: 'record updated',
			details: {
				id: a,
				Modified_Time: expect.stringMatching(/\+00:00$/),
				Modified_By: { name: 'Ava Admin', id: expect.any(String) },
				Created_Time: expect.any(String),
				Created_By: { id: expect.any(String) },
			},
		});
		expect(res.body.data[1].code).toBe('INVALID_DATA');
		expect(t.emu.data.crm.records.Contacts.get(b)).toEqual(before);
		expect(t.emu.data.crm.records.Contacts.get(a).Title).toBe('CTO');
		expect(t.emu.stats.writesByRecord).toEqual({ Contacts: { [a]: 1 } });
	});

	test('all succeed → 200; writesByRecord counts each success once; updates append a timeline entry', async () => {
		const ids = t.emu.ids('Deals', 3);
		const res = await put('Deals', {
			data: ids.map((id) => ({ id, Stage: 'Closed Won', Amount: 1000, Probability: 100 })),
		});
		expect(res.status).toBe(200);
		expect(res.body.data.every((d) => d.code === 'SUCCESS')).toBe(true);
		expect(t.emu.stats.writesByRecord.Deals).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
		expect(t.emu.data.crm.records.Deals.get(ids[1]).Expected_Revenue).toBe(1000);
		const tl = await t.crm('GET', `/Deals/${ids[1]}/__timeline`, { query: { per_page: 1 } });
		expect(tl.body.__timeline[0]).toMatchObject({ action: 'updated', source: 'crm_api' });
		expect(tl.body.__timeline[0].field_history.map((h) => h.api_name).sort()).toEqual([
			'Amount',
			'Probability',
			'Stage',
		]);
	});

	test('single-record PUT /{module}/{id}', async () => {
		const id = t.emu.firstId('Accounts');
		const res = await t.crm('PUT', `/Accounts/${id}`, { body: { data: [{ Rating: 'Active' }] } });
		expect(res.status).toBe(200);
		expect(res.body.data[0].details.id).toBe(id);
		expect(
			(
				await t.crm('PUT', `/Accounts/${id}`, {
					body: { data: [{ id: t.emu.ids('Accounts', 2)[1], Rating: 'Active' }] },
				})
			).status,
		).toBe(400);
		expect(
			(
				await t.crm('PUT', '/Accounts/5725767002999999999', {
					body: { data: [{ Rating: 'Active' }] },
				})
			).body.data[0].code,
		).toBe('INVALID_DATA');
	});
});

describe('create and upsert', () => {
	test('create: mandatory fields per module → MANDATORY_NOT_FOUND; 201 when all succeed', async () => {
		const cases = [
			['Leads', { Company: 'X' }, 'Last_Name'],
			['Deals', { Deal_Name: 'X' }, 'Stage'],
			['Accounts', { Phone: '123' }, 'Account_Name'],
			['Shipments', { Carrier: 'DHL' }, 'Name'],
			['Contacts', { First_Name: 'A' }, 'Last_Name'],
		];
		for (const [module, record, field] of cases) {
			const res = await t.crm('POST', `/${module}`, { body: { data: [record] } });
			expect([
				module,
				res.status,
				res.body.data[0].code,
				res.body.data[0].details.api_name,
			]).toEqual([module, 400, 'MANDATORY_NOT_FOUND', field]);
		}
		const ok = await t.crm('POST', '/Deals', {
			body: { data: [{ Deal_Name: 'New deal', Stage: 'Qualification', Amount: 10 }] },
		});
		expect(ok.status).toBe(201);
		expect(ok.body.data[0]).toMatchObject({
			code: 'SUCCESS',
			message: 'record added',
			status: 'success',
		});
		const id = ok.body.data[0].details.id;
		expect(id).toMatch(/^\d{19}$/);
		expect(t.emu.data.crm.records.Deals.get(id)).toMatchObject({
			Deal_Name: 'New deal',
			Owner: { name: 'Ava Admin' },
		});
		expect(t.emu.stats.writesByRecord.Deals[id]).toBe(1);
		const mixed = await t.crm('POST', '/Leads', {
			body: { data: [{ Last_Name: 'Ok' }, { Last_Name: 'Bad', Email: 'x' }] },
		});
		expect(mixed.status).toBe(207);
		const many = await t.crm('POST', '/Leads', {
			body: { data: Array.from({ length: 101 }, () => ({ Last_Name: 'X' })) },
		});
		expect(many.body.code).toBe('LIMIT_EXCEEDED');
	});

	test('upsert: default duplicate check (Email for Leads) → update with duplicate_field; else insert', async () => {
		const lead = t.emu.data.crm.records.Leads.get(t.emu.firstId('Leads'));
		const res = await t.crm('POST', '/Leads/upsert', {
			body: {
				data: [
					{ Last_Name: 'Changed', Email: lead.Email.toUpperCase() },
					{ Last_Name: 'Brand New', Email: 'brand.new@example.com' },
				],
			},
		});
		expect(res.status).toBe(200);
		expect(res.body.data[0]).toMatchObject({
			code: 'SUCCESS',
			action: 'update',
			duplicate_field: 'Email',
			details: { id: lead.id },
		});
		expect(res.body.data[1]).toMatchObject({
			code: 'SUCCESS',
			action: 'insert',
			duplicate_field: null,
		});
		expect(t.emu.data.crm.records.Leads.get(lead.id).Last_Name).toBe('Changed');
		// the record inserted above is found by a later upsert
		const again = await t.crm('POST', '/Leads/upsert', {
			body: { data: [{ Last_Name: 'Again', Email: 'brand.new@example.com' }] },
		});
		expect(again.body.data[0].action).toBe('update');
	});

	test('upsert: custom duplicate_check_fields; unknown field → 400', async () => {
		const acc = t.emu.data.crm.records.Accounts.get(t.emu.firstId('Accounts'));
		const res = await t.crm('POST', '/Accounts/upsert', {
			body: {
				duplicate_check_fields: ['Phone'],
				data: [{ Account_Name: 'Renamed', Phone: acc.Phone }],
			},
		});
		expect(res.body.data[0]).toMatchObject({ action: 'update', duplicate_field: 'Phone' });
		const bad = await t.crm('POST', '/Accounts/upsert', {
			body: { duplicate_check_fields: ['Nope'], data: [{ Account_Name: 'X' }] },
		});
		expect(bad.status).toBe(400);
		expect(bad.body).toMatchObject({
			code: 'INVALID_DATA',
			details: { api_name: 'duplicate_check_fields' },
		});
		const insertMissing = await t.crm('POST', '/Accounts/upsert', {
			body: { data: [{ Phone: '999' }] },
		});
		expect(insertMissing.body.data[0]).toMatchObject({
			code: 'MANDATORY_NOT_FOUND',
			details: { api_name: 'Account_Name' },
		});
	});
});
