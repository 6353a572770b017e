'use strict';
/** CRM deleted records list, timestamps on writes, and the emulator's clock offset. */
const { useEmulator } = require('./testkit');

const t = useEmulator();
beforeEach(() => {
	t.emu.reset();
	t.emu.configure({ clockOffsetMs: 0 });
});

const crmNow = (offsetMs = 0) => Date.now() + offsetMs;

describe('deleted records', () => {
	it('lists deleted records newest first with deleted_time; If-Modified-Since filters, 304 when none', async () => {
		const [a, b] = t.emu.ids('Leads', 2);
		expect((await t.crm('GET', '/Leads/deleted', { query: { type: 'all' } })).status).toBe(204);
		expect((await t.crm('DELETE', '/Leads', { query: { ids: a } })).status).toBe(200);
		expect((await t.crm('DELETE', `/Leads/${b}`)).status).toBe(200);
		const list = await t.crm('GET', '/Leads/deleted', { query: { type: 'all' } });
		expect(list.status).toBe(200);
		expect(list.body.data.map((/** @type {any} */ r) => r.id).sort()).toEqual([a, b].sort());
		for (const row of list.body.data) {
			expect(row).toMatchObject({
				type: 'recycle',
				display_name: expect.any(String),
				deleted_by: expect.objectContaining({ id: expect.any(String) }),
			});
			expect(row.deleted_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
		}
		expect(list.body.info).toMatchObject({ page: 1, per_page: 200, count: 2, more_records: false });
		const later = new Date(crmNow(60000)).toISOString().slice(0, 19) + '+00:00';
		expect(
			(
				await t.crm('GET', '/Leads/deleted', {
					query: { type: 'all' },
					headers: { 'If-Modified-Since': later },
				})
			).status,
		).toBe(304);
		const earlier = new Date(crmNow(-60000)).toISOString().slice(0, 19) + '+00:00';
		expect(
			(
				await t.crm('GET', '/Leads/deleted', {
					query: { type: 'all' },
					headers: { 'If-Modified-Since': earlier },
				})
			).body.data,
		).toHaveLength(2);
		expect((await t.crm('GET', '/Leads/deleted', { query: { type: 'bin' } })).status).toBe(400);
		expect((await t.crm('GET', '/Leads/deleted', { query: { type: 'permanent' } })).status).toBe(
			204,
		);
	});
});

describe('timestamps on writes', () => {
	it('create stamps Created_Time = Modified_Time; update moves Modified_Time only; the clock offset shifts both', async () => {
		t.emu.configure({ clockOffsetMs: -7200000 });
		const created = await t.crm('POST', '/Leads', { body: { data: [{ Last_Name: 'Stamp' }] } });
		const id = created.body.data[0].details.id;
		const record = t.emu.data.crm.records.Leads.get(id);
		expect(record.Created_Time).toBe(record.Modified_Time);
		expect(Math.abs(Date.parse(record.Created_Time) - crmNow(-7200000))).toBeLessThan(5000);
		const old = t.emu.ids('Leads', 1)[0];
		const before = t.emu.data.crm.records.Leads.get(old);
		await t.crm('PUT', '/Leads', { body: { data: [{ id: old, Lead_Status: 'Contacted' }] } });
		const after = t.emu.data.crm.records.Leads.get(old);
		expect(after.Created_Time).toBe(before.Created_Time);
		expect(Math.abs(Date.parse(after.Modified_Time) - crmNow(-7200000))).toBeLessThan(5000);
	});

	it('sort_by=Modified_Time asc with If-Modified-Since returns the changed records oldest change first', async () => {
		const [a, b] = t.emu.ids('Leads', 2);
		await t.crm('PUT', '/Leads', { body: { data: [{ id: b, Lead_Status: 'Contacted' }] } });
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await t.crm('PUT', '/Leads', { body: { data: [{ id: a, Lead_Status: 'Contacted' }] } });
		const since = new Date(crmNow(-60000)).toISOString().slice(0, 19) + '+00:00';
		const list = await t.crm('GET', '/Leads', {
			query: { fields: 'Modified_Time', sort_by: 'Modified_Time', sort_order: 'asc' },
			headers: { 'If-Modified-Since': since },
		});
		expect(list.body.data.map((/** @type {any} */ r) => r.id)).toEqual([b, a]);
	});
});

describe('request hook', () => {
	it('runs before each request is routed and can change data between two requests', async () => {
		const seen = [];
		t.emu.onRequest((/** @type {any} */ entry) => seen.push(`${entry.method} ${entry.path}`));
		await t.crm('GET', '/org');
		t.emu.onRequest(null);
		await t.crm('GET', '/org');
		expect(seen).toEqual(['GET /crm/v8/org']);
	});
});
