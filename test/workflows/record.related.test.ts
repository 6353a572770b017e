/* Related records (get, link, unlink) and lead conversion — through n8n's real engine against the emulator. */
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow } = require('../harness');

let emu: any;
beforeAll(async () => {
	// Three accounts share the 10,000 contacts: the first account's Contacts list runs past 2,000.
	emu = await startEmulator({ sizes: { crm: { Accounts: 3 } } });
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const rl = (value: string) => ({ __rl: true, mode: 'list', value });
const run = (parameters: object, input?: object[], extra?: object) =>
	runWorkflow({ emu, workflow: singleNodeWorkflow(parameters, extra), input });
const requests = (pathPart: string, method?: string) =>
	emu.requests.filter(
		(r: any) => r.app === 'crm' && r.path.includes(pathPart) && (!method || r.method === method),
	);
const records = (module: string) => Array.from(emu.data.crm.records[module].values()) as any[];
const firstId = (module: string): string => emu.data.crm.records[module].keys().next().value;
const continueOnFail = { onError: 'continueRegularOutput' };

describe('record getRelated', () => {
	it('pages a related list past 2,000 records with page tokens, every item with its deep link', async () => {
		const account = firstId('Accounts');
		const expected = records('Contacts').filter((c) => c.Account_Name?.id === account);
		expect(expected.length).toBeGreaterThan(2000);
		const result = await run({
			resource: 'record',
			operation: 'getRelated',
			app: 'crm',
			module: rl('Accounts'),
			recordId: account,
			relatedList: rl('Contacts'),
			returnAll: true,
		});
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(expected.length);
		expect(new Set(out.map((item: any) => item.json.id))).toEqual(
			new Set(expected.map((c) => c.id)),
		);
		expect(Object.keys(out[0].json).slice(0, 2)).toEqual(['id', 'deepLink']);
		expect(out[0].json.deepLink).toBe(
			`https://crm.zoho.com/crm/org74822955/tab/Contacts/${out[0].json.id}`,
		);
		expect(out.every((item: any) => item.pairedItem.item === 0)).toBe(true);
		const pages = requests(`/Accounts/${account}/Contacts`, 'GET');
		expect(pages).toHaveLength(Math.ceil(expected.length / 200));
		expect(pages[10].query.page_token).toBeDefined();
		expect(pages[10].query.page).toBeUndefined();
		// Fields default to the related module's fields (Zoho needs them listed).
		expect(pages[0].query.fields.split(',')).toContain('Last_Name');
		expect(requests('/settings/related_lists')).toHaveLength(1);
	});

	it('stops at the limit without fetching pages it does not need', async () => {
		const account = firstId('Accounts');
		const result = await run({
			resource: 'record',
			operation: 'getRelated',
			app: 'crm',
			module: rl('Accounts'),
			recordId: account,
			relatedList: rl('Deals'),
			limit: 30,
			options: { fields: 'Deal_Name,Amount' },
		});
		expect(result.status).toBe('success');
		expect(result.output('Zoho')).toHaveLength(30);
		expect(Object.keys(result.output('Zoho')[0].json).sort()).toEqual([
			'Amount',
			'Deal_Name',
			'deepLink',
			'id',
		]);
		const pages = requests(`/Accounts/${account}/Deals`, 'GET');
		expect(pages).toHaveLength(1);
		expect(pages[0].query).toMatchObject({ per_page: '30', fields: 'Deal_Name,Amount' });
		// Deals open as Potentials in the web UI.
		expect(result.output('Zoho')[0].json.deepLink).toMatch(/\/tab\/Potentials\/\d+$/);
	});

	it('refuses a related list the module does not have, naming its lists, before reading records', async () => {
		const result = await run({
			resource: 'record',
			operation: 'getRelated',
			app: 'crm',
			module: rl('Accounts'),
			recordId: firstId('Accounts'),
			relatedList: rl('Invoices'),
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(/Accounts has no related list "Invoices"/);
		expect(result.nodeError('Zoho').description).toMatch(/Contacts, Deals/);
		expect(requests(`/Accounts/${firstId('Accounts')}/`)).toHaveLength(0);
	});

	it('refuses bad IDs and list names before any request', async () => {
		const badId = await run({
			resource: 'record',
			operation: 'getRelated',
			app: 'crm',
			module: rl('Accounts'),
			recordId: '12ab',
			relatedList: rl('Contacts'),
		});
		expect(badId.status).toBe('error');
		expect(badId.nodeError('Zoho').message).toMatch(/"recordId" must be a Zoho ID/);
		const badList = await run({
			resource: 'record',
			operation: 'getRelated',
			app: 'crm',
			module: rl('Accounts'),
			recordId: firstId('Accounts'),
			relatedList: rl('../Contacts'),
		});
		expect(badList.status).toBe('error');
		expect(badList.nodeError('Zoho').message).toMatch(
			/"relatedList" must be the API name of a related list/,
		);
		expect(emu.requests.filter((r: any) => r.app === 'crm')).toHaveLength(0);
	});

	it('lists the related lists of the module in the picker, records only', async () => {
		const { callMethod } = require('../harness/editor');
		const found = await callMethod({
			emu,
			kind: 'listSearch',
			method: 'searchRelatedLists',
			path: 'parameters.relatedList',
			parameters: {
				resource: 'record',
				operation: 'getRelated',
				app: 'crm',
				module: rl('Accounts'),
			},
		});
		expect(found.results.map((entry: any) => entry.value)).toEqual([
			'Contacts',
			'Deals',
			'Shipments',
		]);
	});
});

describe('record linkRelated / unlinkRelated', () => {
	it("links contacts to a deal with their role, then unlinks one, with Zoho's per-record results", async () => {
		const deal = firstId('Deals');
		const [a, b] = records('Contacts')
			.slice(0, 2)
			.map((c) => c.id);
		const input = [
			{ contact: a, role: 'Buyer' },
			{ contact: b, role: 'Evaluator' },
		];
		const linked = await run(
			{
				resource: 'record',
				operation: 'linkRelated',
				app: 'crm',
				module: rl('Deals'),
				recordId: deal,
				relatedList: rl('Contact_Roles'),
				relatedRecordId: '={{ $json.contact }}',
				relationFieldsJson: '={{ JSON.stringify({ Contact_Role: $json.role }) }}',
			},
			input,
		);
		expect(linked.status).toBe('success');
		const out = linked.output('Zoho');
		expect(out.map((item: any) => item.json.id)).toEqual([a, b]);
		expect(out[0].json).toMatchObject({
			code: 'SUCCESS',
			status: 'success',
			relatedList: 'Contact_Roles',
			recordId: deal,
			module: 'Deals',
		});
		expect(out[0].json.deepLink).toBe(`https://crm.zoho.com/crm/org74822955/tab/Contacts/${a}`);
		expect(requests(`/Deals/${deal}/Contact_Roles`, 'PUT').map((r: any) => r.body)).toEqual([
			{ data: [{ Contact_Role: 'Buyer', id: a }] },
			{ data: [{ Contact_Role: 'Evaluator', id: b }] },
		]);

		const listed = await run({
			resource: 'record',
			operation: 'getRelated',
			app: 'crm',
			module: rl('Deals'),
			recordId: deal,
			relatedList: rl('Contact_Roles'),
			returnAll: true,
			options: { fields: 'Last_Name' },
		});
		expect(
			listed
				.output('Zoho')
				.map((item: any) => [item.json.id, item.json.Contact_Role])
				.sort(),
		).toEqual(
			[
				[a, 'Buyer'],
				[b, 'Evaluator'],
			].sort(),
		);

		const unlinked = await run({
			resource: 'record',
			operation: 'unlinkRelated',
			app: 'crm',
			module: rl('Deals'),
			recordId: deal,
			relatedList: rl('Contact_Roles'),
			relatedRecordId: a,
		});
		expect(unlinked.status).toBe('success');
		expect(unlinked.output('Zoho')[0].json).toMatchObject({
			id: a,
			code: 'SUCCESS',
			message: 'relation removed',
		});
		expect(requests(`/Deals/${deal}/Contact_Roles/${a}`, 'DELETE')).toHaveLength(1);
		expect(emu.data.crm.records.Contacts.has(a)).toBe(true);
	});

	it('takes the module from a pasted Zoho address (Potentials are Deals) before linking', async () => {
		const deal = firstId('Deals');
		const contact = firstId('Contacts');
		const module = {
			__rl: true,
			mode: 'url',
			value: `https://crm.zoho.com/crm/org74822955/tab/Potentials/${deal}`,
		};
		const result = await run({
			resource: 'record',
			operation: 'linkRelated',
			app: 'crm',
			module,
			recordId: deal,
			relatedList: rl('Contact_Roles'),
			relatedRecordId: contact,
		});
		expect(result.status).toBe('success');
		expect(requests(`/Deals/${deal}/Contact_Roles`, 'PUT')).toHaveLength(1);
		expect(requests('/Potentials/')).toHaveLength(0);
	});

	it('links a contact to an account through the lookup, and unlinks it', async () => {
		const account = firstId('Accounts');
		const contact = records('Contacts').find((c) => c.Account_Name?.id !== account).id;
		const linked = await run({
			resource: 'record',
			operation: 'linkRelated',
			app: 'crm',
			module: rl('Accounts'),
			recordId: account,
			relatedList: rl('Contacts'),
			relatedRecordId: contact,
		});
		expect(linked.status).toBe('success');
		expect(emu.data.crm.records.Contacts.get(contact).Account_Name.id).toBe(account);
		const unlinked = await run({
			resource: 'record',
			operation: 'unlinkRelated',
			app: 'crm',
			module: rl('Accounts'),
			recordId: account,
			relatedList: rl('Contacts'),
			relatedRecordId: contact,
		});
		expect(unlinked.status).toBe('success');
		expect(emu.data.crm.records.Contacts.get(contact).Account_Name).toBeNull();
	});

	it("turns Zoho's refusal of one relation into an error item paired to its input", async () => {
		const deal = firstId('Deals');
		const contact = firstId('Contacts');
		const input = [{ contact }, { contact: '5725767001999999999' }];
		const result = await run(
			{
				resource: 'record',
				operation: 'unlinkRelated',
				app: 'crm',
				module: rl('Deals'),
				recordId: deal,
				relatedList: rl('Contact_Roles'),
				relatedRecordId: '={{ $json.contact }}',
			},
			input,
			continueOnFail,
		);
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(2);
		expect(out.map((item: any) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.error.code).toBe('INVALID_DATA');
		expect(out[0].json.error.message).toMatch(/not related/);
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('record convertLead', () => {
	it('converts a lead into a contact, an account and a deal that exist in Zoho, each with its deep link', async () => {
		const lead = records('Leads')[0];
		const result = await run({
			resource: 'record',
			operation: 'convertLead',
			app: 'crm',
			recordId: lead.id,
			createDeal: true,
			dealFieldsJson: '{"Deal_Name": "Beam renewal", "Stage": "Qualification", "Amount": 5000}',
		});
		expect(result.status).toBe('success');
		const [item] = result.output('Zoho');
		expect(Object.keys(item.json).slice(0, 2)).toEqual(['id', 'deepLink']);
		const { contact, account, deal } = item.json;
		const store = emu.data.crm.records;
		expect(store.Contacts.get(contact.id)).toMatchObject({
			Last_Name: lead.Last_Name,
			Email: lead.Email,
		});
		expect(store.Accounts.get(account.id).Account_Name).toBe(lead.Company);
		expect(store.Deals.get(deal.id)).toMatchObject({
			Deal_Name: 'Beam renewal',
			Amount: 5000,
			Account_Name: { id: account.id },
			Contact_Name: { id: contact.id },
		});
		expect(contact.deepLink).toBe(
			`https://crm.zoho.com/crm/org74822955/tab/Contacts/${contact.id}`,
		);
		expect(account.deepLink).toBe(
			`https://crm.zoho.com/crm/org74822955/tab/Accounts/${account.id}`,
		);
		expect(deal.deepLink).toBe(`https://crm.zoho.com/crm/org74822955/tab/Potentials/${deal.id}`);
		expect(store.Leads.has(lead.id)).toBe(false);
		const [request] = requests(`/Leads/${lead.id}/actions/convert`, 'POST');
		expect(request.body.data[0]).toMatchObject({
			overwrite: false,
			notify_lead_owner: false,
			Deals: { Deal_Name: 'Beam renewal' },
		});
	});

	it('attaches the lead to an existing account with an owner, and makes no deal unless asked', async () => {
		const lead = records('Leads')[1];
		const account = firstId('Accounts');
		const owner = require('../emulator/data/crm-schema').USERS[1].id;
		const result = await run({
			resource: 'record',
			operation: 'convertLead',
			app: 'crm',
			recordId: lead.id,
			options: { accountId: account, ownerId: owner, notifyLeadOwner: true },
		});
		expect(result.status).toBe('success');
		const { contact, account: acc, deal } = result.output('Zoho')[0].json;
		expect(acc.id).toBe(account);
		expect(deal).toBeNull();
		expect(emu.data.crm.records.Contacts.get(contact.id).Owner.id).toBe(owner);
		expect(requests('/actions/convert')[0].body.data[0]).toMatchObject({
			Accounts: { id: account },
			assign_to: { id: owner },
			notify_lead_owner: true,
		});
	});

	it('reports a lead that is already converted as an error item, and refuses an empty deal before any request', async () => {
		const lead = records('Leads')[2];
		await run({ resource: 'record', operation: 'convertLead', app: 'crm', recordId: lead.id });
		const again = await run(
			{ resource: 'record', operation: 'convertLead', app: 'crm', recordId: lead.id },
			undefined,
			continueOnFail,
		);
		expect(again.output('Zoho')[0].json.error).toMatchObject({ code: 'INVALID_DATA' });
		expect(again.output('Zoho')[0].json.error.message).toMatch(/conversion of lead/);
		const before = emu.requests.length;
		const empty = await run({
			resource: 'record',
			operation: 'convertLead',
			app: 'crm',
			recordId: records('Leads')[3].id,
			createDeal: true,
			dealFieldsJson: '{}',
		});
		expect(empty.status).toBe('error');
		expect(empty.nodeError('Zoho').message).toMatch(/"dealFieldsJson" is empty/);
		expect(
			emu.requests.slice(before).filter((r: any) => r.path.includes('/actions/convert')),
		).toHaveLength(0);
	});
});

describe('examples', () => {
	it("examples/record-convert-lead.json converts two leads, lists each new account's contact and tags it", async () => {
		const fs = require('fs');
		const path = require('path');
		const workflow = JSON.parse(
			fs.readFileSync(
				path.resolve(__dirname, '..', '..', 'examples', 'record-convert-lead.json'),
				'utf8',
			),
		);
		const result = await runWorkflow({ emu, workflow });
		expect(result.status).toBe('success');
		const converted = result.output('Convert Lead');
		expect(converted).toHaveLength(2);
		for (const item of converted) {
			expect(emu.data.crm.records.Deals.get(item.json.deal.id).Deal_Name).toMatch(
				/\(new business\)$/,
			);
			expect(emu.data.crm.records.Leads.has(item.json.id)).toBe(false);
		}
		const contacts = result.output('Contacts of the New Account');
		expect(contacts.map((item: any) => item.json.id).sort()).toEqual(
			converted.map((item: any) => item.json.contact.id).sort(),
		);
		const tagged = result.output('Tag Contacts');
		expect(tagged.map((item: any) => item.json.details.tags)).toEqual([
			['Converted', 'Onboarding'],
			['Converted', 'Onboarding'],
		]);
		expect(requests('/actions/add_tags')).toHaveLength(1);
	});
});
