/* Notes: CRM notes on records, through n8n's real engine against the emulator. */
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow } = require('../harness');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const moduleRl = (value: string) => ({ __rl: true, mode: 'list', value });
const idRl = (value: string) => ({ __rl: true, mode: 'id', value });
const run = (parameters: object, input?: object[], extra?: object) =>
	runWorkflow({ emu, workflow: singleNodeWorkflow(parameters, extra), input });
const continueOnFail = { onError: 'continueRegularOutput' };
const leadIds = (n: number): string[] => emu.ids('Leads', n);
const noteRequests = () =>
	emu.requests.filter((r: any) => r.app === 'crm' && /\/Notes/.test(r.path));
const crmRequests = () => emu.requests.filter((r: any) => r.app === 'crm');

describe('notes on a lead', () => {
	it('creates 150 notes in two batched requests, lists, updates and deletes them', async () => {
		const [leadId, otherLead] = leadIds(2);
		const input = Array.from({ length: 150 }, (_v, i) => ({
			lead: i % 3 === 0 ? otherLead : leadId,
			text: `Call ${i}`,
			title: i % 2 ? `Title ${i}` : '',
		}));
		const created = await run(
			{
				resource: 'note',
				operation: 'create',
				module: moduleRl('Leads'),
				recordId: idRl('={{ $json.lead }}'),
				title: '={{ $json.title }}',
				content: '={{ $json.text }}',
			},
			input,
		);
		expect(created.status).toBe('success');
		const out = created.output('Zoho');
		expect(out).toHaveLength(150);
		out.forEach((item: any, i: number) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(Object.keys(item.json).slice(0, 2)).toEqual(['id', 'deepLink']);
			expect(item.json).toMatchObject({
				status: 'success',
				parentModule: 'Leads',
				parentId: input[i].lead,
			});
			expect(item.json.deepLink).toBe(
				`https://crm.zoho.com/crm/org74822955/tab/Leads/${input[i].lead}`,
			);
		});
		const posts = noteRequests().filter((r: any) => r.method === 'POST');
		expect(posts.map((r: any) => [r.path, r.body.data.length])).toEqual([
			['/crm/v8/Notes', 100],
			['/crm/v8/Notes', 50],
		]);
		expect(posts[0].body.data[1]).toEqual({
			Note_Content: 'Call 1',
			Note_Title: 'Title 1',
			Parent_Id: { module: { api_name: 'Leads' }, id: leadId },
		});
		expect(posts[0].body.data[0].Note_Title).toBeUndefined();

		const listed = await run({
			resource: 'note',
			operation: 'getAll',
			scope: 'record',
			module: moduleRl('Leads'),
			recordId: idRl(leadId),
			returnAll: true,
		});
		const notes = listed.output('Zoho').map((item: any) => item.json);
		expect(notes).toHaveLength(100);
		for (const note of notes)
			expect(note.deepLink).toBe(`https://crm.zoho.com/crm/org74822955/tab/Leads/${leadId}`);
		expect(noteRequests().filter((r: any) => r.method === 'GET')[0]).toMatchObject({
			path: `/crm/v8/Leads/${leadId}/Notes`,
			query: { page: '1', per_page: '200', fields: expect.stringContaining('Note_Content') },
		});

		const all = await run({ resource: 'note', operation: 'getAll', scope: 'all', limit: 120 });
		expect(all.output('Zoho')).toHaveLength(120);

		const noteId = out[1].json.id;
		const updated = await run({
			resource: 'note',
			operation: 'update',
			noteId,
			content: 'Called back, interested',
		});
		expect(updated.output('Zoho')[0].json).toMatchObject({
			id: noteId,
			Note_Content: 'Called back, interested',
			Note_Title: 'Title 1',
			status: 'success',
		});
		expect(updated.output('Zoho')[0].json.deepLink).toBe(
			`https://crm.zoho.com/crm/org74822955/tab/Leads/${leadId}`,
		);
		expect(emu.requests.find((r: any) => r.method === 'PUT').body).toEqual({
			data: [{ Note_Content: 'Called back, interested' }],
		});

		const deleted = await run({ resource: 'note', operation: 'delete', noteId });
		expect(deleted.output('Zoho')[0].json).toMatchObject({
			id: noteId,
			deleted: true,
			status: 'success',
		});
		expect(emu.data.crm.notes.has(noteId)).toBe(false);
	});

	it('a note Zoho refuses fails only its own item', async () => {
		const [leadId] = leadIds(1);
		const result = await run(
			{
				resource: 'note',
				operation: 'create',
				module: moduleRl('Leads'),
				recordId: idRl('={{ $json.lead }}'),
				content: 'Met at the fair',
			},
			[{ lead: leadId }, { lead: '5725767999999999999' }, { lead: leadId }],
			continueOnFail,
		);
		const out = result.output('Zoho');
		expect(out.map((item: any) => item.json.status ?? 'error')).toEqual([
			'success',
			'error',
			'success',
		]);
		expect(out[1].json.error.message).toMatch(/Zoho refused the record of item 1/);
		expect(noteRequests().filter((r: any) => r.method === 'POST')).toHaveLength(1);
	});
});

describe('note bad input is refused before any request', () => {
	it('empty content, non-digit IDs, nothing to update', async () => {
		const created = await run(
			{
				resource: 'note',
				operation: 'create',
				module: moduleRl('Leads'),
				recordId: idRl('={{ $json.lead }}'),
				content: '={{ $json.text }}',
			},
			[
				{ lead: leadIds(1)[0], text: '  ' },
				{ lead: 'L-1', text: 'x' },
			],
			continueOnFail,
		);
		const errors = created.output('Zoho').map((item: any) => item.json.error.message);
		expect(errors[0]).toMatch(/"content" of item 0 is empty/);
		expect(errors[1]).toMatch(/"recordId" must be a Zoho ID/);
		const updated = await run(
			{ resource: 'note', operation: 'update', noteId: '={{ $json.id }}' },
			[{ id: '12x' }, { id: '5725767000000000001' }],
			continueOnFail,
		);
		const updateErrors = updated.output('Zoho').map((item: any) => item.json.error.message);
		expect(updateErrors[0]).toMatch(/"noteId" must be a Zoho ID/);
		expect(updateErrors[1]).toMatch(/title and content are both empty/);
		expect(crmRequests()).toHaveLength(0);
	});
});
