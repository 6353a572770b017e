/* Records on Zoho CRM, through n8n's real engine against the emulator. */
import { moduleRl } from '../harness/typed';
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow } = require('../harness');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const crmRequests = (method?: string) =>
	emu.requests.filter((r: any) => r.app === 'crm' && (!method || r.method === method));
const run = (parameters: object, input?: object[], extra?: object) =>
	runWorkflow({ emu, workflow: singleNodeWorkflow(parameters, extra), input });

describe('record update (CRM)', () => {
	it('updates 1,000 input items with exactly 10 PUTs, every record changed, order and pairing kept', async () => {
		const ids: string[] = emu.ids('Leads', 1000);
		const input = ids.map((id, index) => ({ id, Lead_Status: 'Contacted', Lead_Score: index }));
		const result = await run(
			{
				resource: 'record',
				operation: 'update',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: '={{ $json.id }}',
				dataMode: 'autoMap',
			},
			input,
		);
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(1000);
		const puts = crmRequests('PUT');
		expect(puts).toHaveLength(10);
		for (const put of puts) expect(put.path).toBe('/crm/v8/Leads');
		out.forEach((item: any, index: number) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({ id: ids[index], code: 'SUCCESS', status: 'success' });
			expect(item.json.deepLink).toBe(
				`https://crm.zoho.com/crm/org74822955/tab/Leads/${ids[index]}`,
			);
		});
		ids.forEach((id, index) => {
			const record = emu.data.crm.records.Leads.get(id);
			expect(record.Lead_Status).toBe('Contacted');
			expect(record.Lead_Score).toBe(index);
			expect(emu.stats.writesByRecord.Leads[id]).toBe(1);
		});
		// Metadata once per execution, not per item.
		expect(crmRequests('GET').filter((r: any) => r.path === '/crm/v8/org')).toHaveLength(1);
		expect(
			crmRequests('GET').filter((r: any) => r.path === '/crm/v8/settings/modules'),
		).toHaveLength(1);
	});

	it('sends JSON fields and the chosen automation triggers', async () => {
		const [id] = emu.ids('Deals', 1);
		const result = await run({
			resource: 'record',
			operation: 'update',
			app: 'crm',
			module: moduleRl('Deals'),
			recordId: id,
			dataMode: 'json',
			fieldsJson: '{"Stage": "Closed Won", "Amount": 1234.5}',
			options: { triggers: [] },
		});
		expect(result.status).toBe('success');
		const [item] = result.output('Zoho');
		expect(item.json.deepLink).toBe(`https://crm.zoho.com/crm/org74822955/tab/Potentials/${id}`);
		expect(crmRequests('PUT')[0].body).toMatchObject({
			data: [{ id, Stage: 'Closed Won', Amount: 1234.5 }],
			trigger: [],
		});
		expect(emu.data.crm.records.Deals.get(id).Stage).toBe('Closed Won');
	});

	it('maps a refused record to its own item under Continue On Fail, the rest succeed', async () => {
		const ids: string[] = emu.ids('Leads', 3);
		const input = [
			{ id: ids[0], Email: 'good@example.com' },
			{ id: ids[1], Email: 'not-an-email' },
			{ id: ids[2], Email: 'fine@example.com' },
		];
		const result = await run(
			{
				resource: 'record',
				operation: 'update',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: '={{ $json.id }}',
				dataMode: 'autoMap',
			},
			input,
			{ onError: 'continueRegularOutput' },
		);
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(3);
		expect(out.map((i: any) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.status).toBe('success');
		expect(out[1].json.error).toMatchObject({
			code: 'INVALID_DATA',
			details: expect.objectContaining({ api_name: 'Email' }),
		});
		expect(out[1].json.error.message).toMatch(/item 1/);
		expect(out[2].json.status).toBe('success');
		expect(crmRequests('PUT')).toHaveLength(1);
		expect(emu.data.crm.records.Leads.get(ids[2]).Email).toBe('fine@example.com');
		expect(emu.data.crm.records.Leads.get(ids[1]).Email).not.toBe('not-an-email');
	});

	it("stops with Zoho's message, the field and the item index without Continue On Fail", async () => {
		const ids: string[] = emu.ids('Leads', 2);
		const input = [
			{ id: ids[0], Email: 'ok@example.com' },
			{ id: ids[1], Email: 'broken' },
		];
		const result = await run(
			{
				resource: 'record',
				operation: 'update',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: '={{ $json.id }}',
				dataMode: 'autoMap',
			},
			input,
		);
		expect(result.status).toBe('error');
		const error = result.nodeError('Zoho');
		expect(error.message).toMatch(/item 1: .*invalid data.*field Email/i);
		expect(error.context.itemIndex).toBe(1);
	});

	it('maps a batch where every record failed (HTTP 400) to each item', async () => {
		const ids: string[] = emu.ids('Leads', 2);
		const input = ids.map((id) => ({ id, Lead_Status: 'No Such Status' }));
		const result = await run(
			{
				resource: 'record',
				operation: 'update',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: '={{ $json.id }}',
				dataMode: 'autoMap',
			},
			input,
			{ onError: 'continueRegularOutput' },
		);
		const out = result.output('Zoho');
		expect(out).toHaveLength(2);
		for (const item of out) expect(item.json.error.code).toBe('INVALID_DATA');
	});

	describe('bad input is refused before any request', () => {
		const ids = () => emu.ids('Leads', 1);
		const cases: Array<[string, (id: string) => object, RegExp]> = [
			[
				'an ID that is not a Zoho ID',
				() => ({ recordId: '12ab', dataMode: 'json', fieldsJson: '{"City":"X"}' }),
				/recordId.*Zoho ID/,
			],
			[
				'a path traversal in the ID',
				() => ({ recordId: '../../org', dataMode: 'json', fieldsJson: '{"City":"X"}' }),
				/recordId.*Zoho ID/,
			],
			[
				'a malformed module name',
				(id) => ({
					module: moduleRl('Leads/../org'),
					recordId: id,
					dataMode: 'json',
					fieldsJson: '{"City":"X"}',
				}),
				/module.*API name/,
			],
			[
				'unparsable fieldsJson',
				(id) => ({ recordId: id, dataMode: 'json', fieldsJson: '{"City": ' }),
				/fieldsJson.*not valid JSON/,
			],
			[
				'an empty update',
				(id) => ({ recordId: id, dataMode: 'json', fieldsJson: '{}' }),
				/Nothing to write/,
			],
			[
				'a prototype key',
				(id) => ({ recordId: id, dataMode: 'json', fieldsJson: '{"__proto__": {"x": 1}}' }),
				/forbidden key "__proto__"/,
			],
			[
				'a field name that is not an API name',
				(id) => ({ recordId: id, dataMode: 'json', fieldsJson: '{"First Name": "Jo"}' }),
				/not a Zoho field API name/,
			],
			[
				'more fields than allowed',
				(id) => ({
					recordId: id,
					dataMode: 'json',
					fieldsJson: JSON.stringify(
						Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`F${i}`, 1])),
					),
				}),
				/Too many fields/,
			],
		];
		it.each(cases)('%s', async (_name, params, message) => {
			const [id] = ids();
			const result = await run({
				resource: 'record',
				operation: 'update',
				app: 'crm',
				module: moduleRl('Leads'),
				...params(id),
			});
			expect(result.status).toBe('error');
			expect(result.nodeError('Zoho').message).toMatch(message);
			expect(result.nodeError('Zoho').context.itemIndex).toBe(0);
			expect(emu.requests.filter((r: any) => r.app === 'crm')).toHaveLength(0);
		});

		it('refuses a bad item before sending any other item', async () => {
			const [a, b] = emu.ids('Leads', 2);
			const result = await run(
				{
					resource: 'record',
					operation: 'update',
					app: 'crm',
					module: moduleRl('Leads'),
					recordId: '={{ $json.id }}',
					dataMode: 'autoMap',
				},
				[
					{ id: a, City: 'Oslo' },
					{ id: 'x' + b, City: 'Rome' },
				],
			);
			expect(result.status).toBe('error');
			expect(result.nodeError('Zoho').context.itemIndex).toBe(1);
			expect(crmRequests('PUT')).toHaveLength(0);
		});
	});
});

describe('metadata', () => {
	it('fetches org and modules once per execution, and reuses them for the next runs of the same credential', async () => {
		const get = {
			resource: 'record',
			operation: 'getAll',
			app: 'crm',
			module: moduleRl('Deals'),
			limit: 3,
		};
		const first = await run(get);
		const again = await runWorkflow({
			emu,
			credentialsHelper: first.credentialsHelper,
			workflow: singleNodeWorkflow(get),
		});
		expect(again.output('Zoho')[0].json.deepLink).toMatch(/\/crm\/org74822955\/tab\/Potentials\//);
		const metadata = crmRequests('GET').filter(
			(r: any) => r.path === '/crm/v8/org' || r.path === '/crm/v8/settings/modules',
		);
		expect(metadata.map((r: any) => r.path).sort()).toEqual([
			'/crm/v8/org',
			'/crm/v8/settings/modules',
		]);
		// A different credential does not share the cache.
		await run(get);
		expect(crmRequests('GET').filter((r: any) => r.path === '/crm/v8/org')).toHaveLength(2);
	});

	it('falls back to a link without the org segment when the org scope is missing', async () => {
		const { emulatorCredential } = require('../harness');
		const credential = emulatorCredential(emu, {
			scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL'],
		});
		const [id] = emu.ids('Deals', 1);
		const result = await runWorkflow({
			emu,
			credential,
			workflow: singleNodeWorkflow({
				resource: 'record',
				operation: 'get',
				app: 'crm',
				module: moduleRl('Deals'),
				recordId: id,
			}),
		});
		expect(result.status).toBe('success');
		expect(result.output('Zoho')[0].json.deepLink).toBe(
			`https://crm.zoho.com/crm/tab/Potentials/${id}`,
		);
	});
});

describe('record getAll (CRM)', () => {
	it('reads 5,000 records in 25 list requests, switching to page_token past 2,000', async () => {
		const result = await run({
			resource: 'record',
			operation: 'getAll',
			app: 'crm',
			module: moduleRl('Contacts'),
			returnAll: false,
			limit: 5000,
		});
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(5000);
		const lists = crmRequests('GET').filter((r: any) => r.path === '/crm/v8/Contacts');
		expect(lists).toHaveLength(25);
		expect(lists.filter((r: any) => r.query.page_token)).toHaveLength(15);
		expect(new Set(out.map((i: any) => i.json.id)).size).toBe(5000);
		expect(out[0].json.deepLink).toMatch(
			/^https:\/\/crm\.zoho\.com\/crm\/org74822955\/tab\/Contacts\/\d+$/,
		);
	});

	it('returns all records of a module with Return All', async () => {
		const result = await run({
			resource: 'record',
			operation: 'getAll',
			app: 'crm',
			module: moduleRl('Shipments'),
			returnAll: true,
		});
		const out = result.output('Zoho');
		expect(out).toHaveLength(2500);
		expect(crmRequests('GET').filter((r: any) => r.path === '/crm/v8/Shipments')).toHaveLength(13);
		expect(out[0].json.deepLink).toMatch(/\/tab\/CustomModule1\//);
	});

	it('fetches one page for limit 5, with the requested fields', async () => {
		const result = await run({
			resource: 'record',
			operation: 'getAll',
			app: 'crm',
			module: moduleRl('Leads'),
			limit: 5,
			options: { fields: 'Last_Name,Email', sortBy: 'Modified_Time', sortOrder: 'desc' },
		});
		expect(result.output('Zoho')).toHaveLength(5);
		const lists = crmRequests('GET').filter((r: any) => r.path === '/crm/v8/Leads');
		expect(lists).toHaveLength(1);
		expect(lists[0].query).toMatchObject({
			fields: 'Last_Name,Email',
			per_page: '5',
			sort_by: 'Modified_Time',
			sort_order: 'desc',
		});
	});
});

describe('record get, create, upsert, delete, search, query (CRM)', () => {
	it('gets a record with its deep link', async () => {
		const [id] = emu.ids('Deals', 1);
		const [item] = (
			await run({
				resource: 'record',
				operation: 'get',
				app: 'crm',
				module: moduleRl('Deals'),
				recordId: id,
			})
		).output('Zoho');
		expect(item.json.id).toBe(id);
		expect(item.json.deepLink).toBe(`https://crm.zoho.com/crm/org74822955/tab/Potentials/${id}`);
	});

	it('takes the record ID from a pasted Zoho CRM address (By URL)', async () => {
		const [id] = emu.ids('Deals', 1);
		const recordId = {
			__rl: true,
			mode: 'url',
			value: `https://crm.zoho.com/crm/org74822955/tab/Potentials/${id}`,
		};
		const [item] = (
			await run({
				resource: 'record',
				operation: 'get',
				app: 'crm',
				module: moduleRl('Deals'),
				recordId,
			})
		).output('Zoho');
		expect(item.json.id).toBe(id);
	});

	it('takes module and record from a pasted CRM address (Potentials → Deals), for reads and batched updates', async () => {
		const ids: string[] = emu.ids('Deals', 2);
		const url = (id: string) => `https://crm.zoho.com/crm/org74822955/tab/Potentials/${id}`;
		const module = { __rl: true, mode: 'url', value: url(ids[0]) };
		const [item] = (
			await run({
				resource: 'record',
				operation: 'get',
				app: 'crm',
				module,
				recordId: { __rl: true, mode: 'url', value: url(ids[0]) },
			})
		).output('Zoho');
		expect(item.json.id).toBe(ids[0]);
		expect(crmRequests('GET').some((r: any) => r.path === `/crm/v8/Deals/${ids[0]}`)).toBe(true);
		const out = (
			await run(
				{
					resource: 'record',
					operation: 'update',
					app: 'crm',
					module,
					recordId: '={{ $json.id }}',
					dataMode: 'json',
					fieldsJson: '{"Next_Step":"Call back"}',
				},
				ids.map((id) => ({ id })),
			)
		).output('Zoho');
		expect(out.map((i: any) => i.json.status)).toEqual(['success', 'success']);
		expect(crmRequests('PUT').map((r: any) => r.path)).toEqual(['/crm/v8/Deals']);
		for (const id of ids) expect(emu.data.crm.records.Deals.get(id).Next_Step).toBe('Call back');
	});

	it('reads an ID locator holding an expression per item', async () => {
		const ids: string[] = emu.ids('Leads', 3);
		const recordId = { __rl: true, mode: 'id', value: '={{ $json.leadId }}' };
		const out = (
			await run(
				{
					resource: 'record',
					operation: 'update',
					app: 'crm',
					module: moduleRl('Leads'),
					recordId,
					dataMode: 'json',
					fieldsJson: '={{ JSON.stringify({ City: $json.city }) }}',
				},
				ids.map((leadId, i) => ({ leadId, city: `Town ${i}` })),
			)
		).output('Zoho');
		expect(out.map((i: any) => i.json.id)).toEqual(ids);
		ids.forEach((id, i) => expect(emu.data.crm.records.Leads.get(id).City).toBe(`Town ${i}`));
	});

	it('creates 150 records in 2 requests', async () => {
		const input = Array.from({ length: 150 }, (_, i) => ({
			Last_Name: `Created ${i}`,
			Email: `c${i}@example.com`,
		}));
		const result = await run(
			{
				resource: 'record',
				operation: 'create',
				app: 'crm',
				module: moduleRl('Leads'),
				dataMode: 'autoMap',
			},
			input,
		);
		const out = result.output('Zoho');
		expect(out).toHaveLength(150);
		expect(crmRequests('POST')).toHaveLength(2);
		const created = emu.data.crm.records.Leads.get(out[149].json.id);
		expect(created.Last_Name).toBe('Created 149');
	});

	it('upserts by a duplicate-check field', async () => {
		const [id] = emu.ids('Leads', 1);
		const email = emu.data.crm.records.Leads.get(id).Email;
		const input = [
			{ Last_Name: 'Upserted', Email: email },
			{ Last_Name: 'Brand New', Email: 'brand-new@example.com' },
		];
		const out = (
			await run(
				{
					resource: 'record',
					operation: 'upsert',
					app: 'crm',
					module: moduleRl('Leads'),
					dataMode: 'autoMap',
					options: { duplicateCheckFields: 'Email' },
				},
				input,
			)
		).output('Zoho');
		expect(out.map((i: any) => i.json.action)).toEqual(['update', 'insert']);
		expect(crmRequests('POST')[0].body.duplicate_check_fields).toEqual(['Email']);
		expect(emu.data.crm.records.Leads.get(id).Last_Name).toBe('Upserted');
	});

	it('deletes records in batches of up to 100 IDs', async () => {
		const ids: string[] = emu.ids('Tasks', 120);
		const out = (
			await run(
				{
					resource: 'record',
					operation: 'delete',
					app: 'crm',
					module: moduleRl('Tasks'),
					recordId: '={{ $json.id }}',
				},
				ids.map((id) => ({ id })),
			)
		).output('Zoho');
		expect(out).toHaveLength(120);
		const deletes = crmRequests('DELETE');
		expect(deletes).toHaveLength(2);
		expect(deletes[0].query.ids.split(',')).toHaveLength(100);
		for (const id of ids) expect(emu.data.crm.records.Tasks.has(id)).toBe(false);
	});

	it('searches by criteria and by email', async () => {
		const [id] = emu.ids('Leads', 1);
		const lead = emu.data.crm.records.Leads.get(id);
		const byCriteria = (
			await run({
				resource: 'record',
				operation: 'search',
				app: 'crm',
				module: moduleRl('Leads'),
				searchBy: 'criteria',
				criteria: `(Last_Name:equals:${lead.Last_Name})`,
				returnAll: true,
			})
		).output('Zoho');
		expect(byCriteria.map((i: any) => i.json.id)).toContain(id);
		const byEmail = (
			await run({
				resource: 'record',
				operation: 'search',
				app: 'crm',
				module: moduleRl('Leads'),
				searchBy: 'email',
				searchTerm: lead.Email,
				limit: 10,
			})
		).output('Zoho');
		expect(byEmail[0].json.id).toBe(id);
		expect(byEmail[0].json.deepLink).toMatch(new RegExp(`/tab/Leads/${id}$`));
	});

	it('refuses criteria that is not Zoho criteria, before any request', async () => {
		const result = await run({
			resource: 'record',
			operation: 'search',
			app: 'crm',
			module: moduleRl('Leads'),
			searchBy: 'criteria',
			criteria: '(Last_Name:equals:Doe) drop table',
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(/criteria/);
		expect(crmRequests()).toHaveLength(0);
	});

	it('pages a COQL query by offset past 2,000 rows', async () => {
		const out = (
			await run({
				resource: 'record',
				operation: 'query',
				app: 'crm',
				coql: 'select Last_Name, Email from Leads where Last_Name is not null',
				limit: 4500,
			})
		).output('Zoho');
		expect(out).toHaveLength(4500);
		const queries = crmRequests('POST').filter((r: any) => r.path === '/crm/v8/coql');
		expect(
			queries.map((r: any) =>
				r.body.select_query
					.match(/limit (\d+), (\d+)$/)
					.slice(1)
					.map(Number),
			),
		).toEqual([
			[0, 2000],
			[2000, 2000],
			[4000, 500],
		]);
		expect(out[0].json.deepLink).toMatch(/\/tab\/Leads\//);
	});
});
