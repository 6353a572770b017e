'use strict';
/** CRM record timeline: paging (page then page_token), sorting, include rules, filters. */

const { useEmulator } = require('./testkit');

const t = useEmulator();
beforeEach(() => t.emu.reset());

const timeline = (module, id, query) => t.crm('GET', `/${module}/${id}/__timeline`, { query });

describe('timeline', () => {
	test('first Lead has 1,000 entries: first 200 by page, the rest only with page_token', async () => {
		const id = t.emu.firstId('Leads');
		const first = await timeline('Leads', id, { per_page: 200 });
		expect(first.status).toBe(200);
		expect(first.body.__timeline).toHaveLength(200);
		expect(first.body.info).toMatchObject({
			per_page: 200,
			page: 1,
			count: 200,
			more_records: true,
			previous_page_token: null,
		});
		const page2 = await timeline('Leads', id, { per_page: 200, page: 2 });
		expect(page2.status).toBe(400);
		expect(page2.body.code).toBe('DISCRETE_PAGINATION_LIMIT_EXCEEDED');
		const seen = new Set(first.body.__timeline.map((e) => e.id));
		let token = first.body.info.next_page_token;
		let pages = 1;
		while (token) {
			const res = await timeline('Leads', id, { page_token: token });
			expect(res.status).toBe(200);
			for (const e of res.body.__timeline) seen.add(e.id);
			token = res.body.info.more_records ? res.body.info.next_page_token : null;
			pages++;
		}
		expect(pages).toBe(5);
		expect(seen.size).toBe(1000);
	});

	test('per_page together with page_token → 400; per_page > 200 → 400; page + page_token → 400', async () => {
		const id = t.emu.firstId('Leads');
		const first = await timeline('Leads', id, { per_page: 100 });
		const res = await timeline('Leads', id, {
			per_page: 100,
			page_token: first.body.info.next_page_token,
		});
		expect(res.status).toBe(400);
		expect(res.body.details.param_name).toBe('per_page');
		expect(
			(await timeline('Leads', id, { page: 2, page_token: first.body.info.next_page_token }))
				.status,
		).toBe(400);
		expect((await timeline('Leads', id, { per_page: 201 })).status).toBe(400);
		expect((await timeline('Leads', id, { per_page: 50, page: 4 })).status).toBe(200);
		expect((await timeline('Leads', id, { per_page: 50, page: 5 })).body.code).toBe(
			'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
		);
	});

	test('entry shape; sort_order desc by default, asc on request; sort_by only audited_time', async () => {
		const id = t.emu.firstId('Deals');
		const desc = await timeline('Deals', id, { per_page: 10 });
		const e = desc.body.__timeline[0];
		expect(e).toEqual(
			expect.objectContaining({
				id: expect.stringMatching(/^\d{19}$/),
				audited_time: expect.any(String),
				action: expect.any(String),
				source: expect.any(String),
				done_by: { name: expect.any(String), id: expect.any(String) },
				record: {
					name: expect.any(String),
					id,
					module: { api_name: 'Deals', id: expect.any(String) },
				},
			}),
		);
		expect(e).toHaveProperty('related_record');
		expect(e).toHaveProperty('automation_details');
		expect(e).toHaveProperty('field_history');
		const times = desc.body.__timeline.map((x) => x.audited_time);
		expect(times).toEqual([...times].sort().reverse());
		const asc = await timeline('Deals', id, { per_page: 1, sort_order: 'asc' });
		expect(asc.body.__timeline[0].action).toBe('added');
		expect((await timeline('Deals', id, { sort_by: 'id' })).status).toBe(400);
		expect((await timeline('Deals', id, { sort_order: 'sideways' })).status).toBe(400);
	});

	test('signals entries only with include_timeline_type=signals, which requires include', async () => {
		const id = t.emu.firstId('Contacts');
		const plain = await timeline('Contacts', id, {});
		expect(plain.body.__timeline.some((e) => e.type === 'signals')).toBe(false);
		const missing = await timeline('Contacts', id, { include_timeline_type: 'signals' });
		expect(missing.status).toBe(400);
		expect(missing.body).toMatchObject({
			code: 'REQUIRED_PARAM_MISSING',
			details: { param_name: 'include' },
		});
		const withSignals = await timeline('Contacts', id, {
			include_timeline_type: 'signals',
			include: 'extension,type',
		});
		expect(withSignals.body.__timeline).toHaveLength(30);
		expect(withSignals.body.__timeline.filter((e) => e.type === 'signals').length).toBeGreaterThan(
			0,
		);
		expect(
			(await timeline('Contacts', id, { include_timeline_type: 'signals', include: 'everything' }))
				.status,
		).toBe(400);
		expect(
			(await timeline('Contacts', id, { include_timeline_type: 'emails', include: 'type' })).status,
		).toBe(400);
	});

	test('include_inner_details: allowed values only; pick_list_values added on request', async () => {
		const id = t.emu.firstId('Leads');
		expect(
			(await timeline('Leads', id, { include_inner_details: 'field_history.everything' })).body,
		).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'include_inner_details' } });
		const res = await timeline('Leads', id, {
			include_inner_details: 'field_history.pick_list_values,field_history.data_type',
			per_page: 50,
		});
		const withHistory = res.body.__timeline.find((e) => Array.isArray(e.field_history));
		expect(withHistory.field_history[0]).toEqual(
			expect.objectContaining({
				api_name: expect.any(String),
				data_type: expect.any(String),
				pick_list_values: [],
				_value: expect.objectContaining({ new: expect.anything() }),
			}),
		);
	});

	test('filters: JSON conditions and groups; malformed → 400 INVALID_DATA; no match → 204', async () => {
		const id = t.emu.firstId('Leads');
		const filters = JSON.stringify({
			comparator: 'equal',
			field: { api_name: 'action' },
			value: 'note_added',
		});
		const res = await timeline('Leads', id, { filters });
		expect(res.body.__timeline.length).toBeGreaterThan(0);
		expect(res.body.__timeline.every((e) => e.action === 'note_added')).toBe(true);
		const group = JSON.stringify({
			group_operator: 'or',
			group: [
				{ comparator: 'equal', field: { api_name: 'source' }, value: 'workflow' },
				{ comparator: 'equal', field: { api_name: 'action' }, value: 'added' },
			],
		});
		const g = await timeline('Leads', id, { filters: group });
		expect(g.body.__timeline.every((e) => e.source === 'workflow' || e.action === 'added')).toBe(
			true,
		);
		const bad = await timeline('Leads', id, { filters: '{not json' });
		expect(bad.status).toBe(400);
		expect(bad.body).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'filters' } });
		expect(
			(
				await timeline('Leads', id, {
					filters: JSON.stringify({ comparator: 'equal', field: { api_name: 'colour' }, value: 1 }),
				})
			).status,
		).toBe(400);
		const none = await timeline('Leads', id, {
			filters: JSON.stringify({
				comparator: 'equal',
				field: { api_name: 'action' },
				value: 'converted',
			}),
		});
		expect(none.status).toBe(204);
	});

	test('other records have a few deterministic entries; unknown / malformed record → 400', async () => {
		const [, second] = t.emu.ids('Accounts', 2);
		const a = await timeline('Accounts', second, {});
		expect(a.body.__timeline.length).toBeGreaterThanOrEqual(2);
		expect(a.body.__timeline.length).toBeLessThanOrEqual(6);
		t.emu.reset();
		const b = await timeline('Accounts', second, {});
		expect(b.body.__timeline).toEqual(a.body.__timeline);
		expect((await timeline('Accounts', '5725767002999999999', {})).body).toMatchObject({
			code: 'INVALID_DATA',
		});
		expect((await timeline('Accounts', 'abc', {})).status).toBe(400);
		expect(
			(
				await timeline('Deals', t.emu.firstId('Deals'), {
					per_page: 200,
					include_timeline_type: 'signals',
					include: 'type',
				})
			).body.info.more_records,
		).toBe(true);
	});
});
