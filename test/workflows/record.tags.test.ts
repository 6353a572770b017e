/* Tags: batched add_tags / remove_tags across items — through n8n's real engine against the emulator. */
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow } = require('../harness');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const rl = (value: string) => ({ __rl: true, mode: 'list', value });
const run = (parameters: object, input?: object[], extra?: object) =>
	runWorkflow({ emu, workflow: singleNodeWorkflow(parameters, extra), input });
const tagRequests = (action: string) =>
	emu.requests.filter((r: any) => r.app === 'crm' && r.path.endsWith(`/actions/${action}`));
const contactIds = (count: number): string[] =>
	Array.from(emu.data.crm.records.Contacts.keys()).slice(0, count) as string[];
const tagsOf = (id: string) =>
	(emu.data.crm.records.Contacts.get(id).Tag ?? []).map((tag: any) => tag.name);

describe('record addTags / removeTags', () => {
	it('tags 250 records in 3 requests of at most 100, one output item per record with its deep link', async () => {
		const ids = contactIds(250);
		const result = await run(
			{
				resource: 'record',
				operation: 'addTags',
				app: 'crm',
				module: rl('Contacts'),
				recordId: '={{ $json.id }}',
				tags: 'VIP, Renewal 2026,VIP',
			},
			ids.map((id) => ({ id })),
		);
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(250);
		expect(out.map((item: any) => item.json.id)).toEqual(ids);
		expect(out.map((item: any) => item.pairedItem.item)).toEqual(ids.map((_id, index) => index));
		expect(out[0].json).toMatchObject({
			code: 'SUCCESS',
			status: 'success',
			deepLink: `https://crm.zoho.com/crm/org74822955/tab/Contacts/${ids[0]}`,
		});
		const sent = tagRequests('add_tags');
		expect(sent.map((r: any) => r.body.ids.length)).toEqual([100, 100, 50]);
		expect(sent[0].body).toMatchObject({
			tags: [{ name: 'VIP' }, { name: 'Renewal 2026' }],
			over_write: false,
		});
		expect(tagsOf(ids[249])).toEqual(['VIP', 'Renewal 2026']);
	});

	it('sends items with different tags in different requests, and replaces tags with Replace Existing Tags', async () => {
		const ids = contactIds(4);
		const input = ids.map((id, index) => ({ id, tag: index % 2 ? 'Gold' : 'Silver' }));
		const first = await run(
			{
				resource: 'record',
				operation: 'addTags',
				app: 'crm',
				module: rl('Contacts'),
				recordId: '={{ $json.id }}',
				tags: '={{ $json.tag }}',
			},
			input,
		);
		expect(first.status).toBe('success');
		expect(tagRequests('add_tags').map((r: any) => [r.body.tags[0].name, r.body.ids])).toEqual([
			['Silver', [ids[0], ids[2]]],
			['Gold', [ids[1], ids[3]]],
		]);
		expect(first.output('Zoho').map((item: any) => item.json.id)).toEqual(ids);
		const replaced = await run({
			resource: 'record',
			operation: 'addTags',
			app: 'crm',
			module: rl('Contacts'),
			recordId: ids[0],
			tags: 'Platinum',
			options: { overwrite: true },
		});
		expect(replaced.status).toBe('success');
		expect(tagsOf(ids[0])).toEqual(['Platinum']);
		expect(tagRequests('add_tags').at(-1).body.over_write).toBe(true);
	});

	it('removes tags in batches', async () => {
		const ids = contactIds(3);
		await run(
			{
				resource: 'record',
				operation: 'addTags',
				app: 'crm',
				module: rl('Contacts'),
				recordId: '={{ $json.id }}',
				tags: 'A,B',
			},
			ids.map((id) => ({ id })),
		);
		const result = await run(
			{
				resource: 'record',
				operation: 'removeTags',
				app: 'crm',
				module: rl('Contacts'),
				recordId: '={{ $json.id }}',
				tags: 'A',
			},
			ids.map((id) => ({ id })),
		);
		expect(result.status).toBe('success');
		expect(result.output('Zoho').map((item: any) => item.json.details.tags)).toEqual([
			['B'],
			['B'],
			['B'],
		]);
		expect(tagRequests('remove_tags')).toHaveLength(1);
		expect(tagRequests('remove_tags')[0].body).toEqual({ tags: [{ name: 'A' }], ids });
	});

	it('maps a record Zoho refuses to its own item; the others are tagged', async () => {
		const [a, b] = contactIds(2);
		const input = [{ id: a }, { id: '5725767001999999999' }, { id: b }];
		const result = await run(
			{
				resource: 'record',
				operation: 'addTags',
				app: 'crm',
				module: rl('Contacts'),
				recordId: '={{ $json.id }}',
				tags: 'VIP',
			},
			input,
			{ onError: 'continueRegularOutput' },
		);
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(3);
		expect(out[0].json.code).toBe('SUCCESS');
		expect(out[1].json.error).toMatchObject({ code: 'INVALID_DATA' });
		expect(out[2].json.code).toBe('SUCCESS');
		expect(tagRequests('add_tags')).toHaveLength(1);
	});

	it('refuses empty, too many or bad tags and bad IDs before any request', async () => {
		const id = contactIds(1)[0];
		const cases: Array<[object, RegExp]> = [
			[{ tags: ' , ' }, /"tags" gives no tag names/],
			[{ tags: 'a,b,c,d,e,f,g,h,i,j,k' }, /names 11 tags; at most 10/],
			[{ tags: 'x'.repeat(51) }, /longer than 50/],
			[{ tags: 'VIP', recordId: 'abc' }, /"recordId" must be a Zoho ID/],
		];
		for (const [override, message] of cases) {
			const result = await run({
				resource: 'record',
				operation: 'addTags',
				app: 'crm',
				module: rl('Contacts'),
				recordId: id,
				...override,
			});
			expect(result.status).toBe('error');
			expect(result.nodeError('Zoho').message).toMatch(message);
		}
		expect(tagRequests('add_tags')).toHaveLength(0);
	});
});
