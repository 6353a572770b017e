'use strict';
/** CRM related records, lead conversion and tags (crm/related.js) — the rules in RULES.md, section "CRM — related records, lead conversion, tags". */

const { useEmulator } = require('./testkit');

const t = useEmulator();
beforeEach(() => t.emu.reset());

const store = () => t.emu.data.crm.records;
const first = (module) => store()[module].keys().next().value;
const contactsOf = (accountId) =>
	Array.from(store().Contacts.values()).filter(
		(c) => c.Account_Name && c.Account_Name.id === accountId,
	);

describe('related lists metadata', () => {
	test('lists the related lists of a module with their record module (null for non-record lists); module is required', async () => {
		const res = await t.crm('GET', '/settings/related_lists', { query: { module: 'Accounts' } });
		expect(res.status).toBe(200);
		expect(res.body.related_lists.map((l) => [l.api_name, l.module && l.module.api_name])).toEqual([
			['Contacts', 'Contacts'],
			['Deals', 'Deals'],
			['Shipments', 'Shipments'],
			['Emails', null],
		]);
		expect(res.body.related_lists[0]).toMatchObject({
			display_label: 'Contacts',
			href: 'Accounts/{ENTITYID}/Contacts',
		});
		expect((await t.crm('GET', '/settings/related_lists')).body).toMatchObject({
			code: 'REQUIRED_PARAM_MISSING',
			details: { param_name: 'module' },
		});
		expect(
			(await t.crm('GET', '/settings/related_lists', { query: { module: 'Nope' } })).body.code,
		).toBe('INVALID_MODULE');
	});

	test('needs a settings scope', async () => {
		const token = t.emu.issueToken({ scopes: ['ZohoCRM.modules.ALL'] }).access_token;
		expect(
			(await t.crm('GET', '/settings/related_lists', { query: { module: 'Accounts' }, token })).body
				.code,
		).toBe('OAUTH_SCOPE_MISMATCH');
	});
});

describe('get related records', () => {
	test('fields are mandatory; only the records whose lookup points at the parent; page then page_token, like record lists', async () => {
		const account = first('Accounts');
		expect((await t.crm('GET', `/Accounts/${account}/Contacts`)).body).toMatchObject({
			code: 'REQUIRED_PARAM_MISSING',
			details: { param_name: 'fields' },
		});
		const res = await t.crm('GET', `/Accounts/${account}/Contacts`, {
			query: { fields: 'Last_Name', per_page: 5 },
		});
		expect(res.status).toBe(200);
		const expected = contactsOf(account).map((c) => c.id);
		expect(res.body.data.every((c) => expected.includes(c.id))).toBe(true);
		expect(Object.keys(res.body.data[0])).toEqual(['id', 'Last_Name']);
		expect(res.body.info).toMatchObject({
			per_page: 5,
			count: 5,
			page: 1,
			more_records: expected.length > 5,
		});
		const next = await t.crm('GET', `/Accounts/${account}/Contacts`, {
			query: { fields: 'Last_Name', page_token: res.body.info.next_page_token },
		});
		expect(next.body.data[0].id).not.toBe(res.body.data[0].id);
		expect(
			(
				await t.crm('GET', `/Accounts/${account}/Contacts`, {
					query: { fields: 'Last_Name', page: 11 },
				})
			).body.code,
		).toBe('DISCRETE_PAGINATION_LIMIT_EXCEEDED');
		expect(
			(
				await t.crm('GET', `/Accounts/${account}/Contacts`, {
					query: { fields: 'Last_Name', page: 1, page_token: 'x' },
				})
			).body.code,
		).toBe('INVALID_DATA');
	});

	test('unknown list → 400 INVALID_DATA; non-record list → 400 NOT_SUPPORTED; missing parent → 404; no records → 204; one related record by ID', async () => {
		const account = first('Accounts');
		expect(
			(await t.crm('GET', `/Accounts/${account}/Invoices`, { query: { fields: 'id' } })).body,
		).toMatchObject({
			code: 'INVALID_DATA',
			message: 'the relation name given seems to be invalid',
		});
		expect(
			(await t.crm('GET', `/Accounts/${account}/Emails`, { query: { fields: 'id' } })).body.code,
		).toBe('NOT_SUPPORTED');
		expect(
			(await t.crm('GET', '/Accounts/5725767002999999999/Contacts', { query: { fields: 'id' } }))
				.status,
		).toBe(404);
		expect(
			(
				await t.crm('GET', `/Deals/${first('Deals')}/Contact_Roles`, {
					query: { fields: 'Last_Name' },
				})
			).status,
		).toBe(204);
		const contact = contactsOf(account)[0];
		expect(
			(
				await t.crm('GET', `/Accounts/${account}/Contacts/${contact.id}`, {
					query: { fields: 'Last_Name' },
				})
			).body,
		).toEqual({ data: [{ id: contact.id, Last_Name: contact.Last_Name }] });
		expect(
			(await t.crm('GET', `/Deals/${first('Deals')}/Contact_Roles/${contact.id}`)).status,
		).toBe(204);
		expect((await t.crm('GET', `/Accounts/${account}/2/3`)).body.code).toBe('INVALID_URL_PATTERN');
	});
});

describe('link and unlink', () => {
	test('PUT links (lookup lists set the lookup, linking lists keep relation fields); unknown relation fields and records are per-record errors (207)', async () => {
		const deal = first('Deals');
		const [a, b] = Array.from(store().Contacts.keys()).slice(0, 2);
		const res = await t.crm('PUT', `/Deals/${deal}/Contact_Roles`, {
			body: {
				data: [
					{ id: a, Contact_Role: 'Buyer' },
					{ id: '5725767001999999999' },
					{ id: b, Colour: 'x' },
				],
			},
		});
		expect(res.status).toBe(207);
		expect(res.body.data.map((r) => r.code)).toEqual(['SUCCESS', 'INVALID_DATA', 'INVALID_DATA']);
		expect(res.body.data[2].details.api_name).toBe('Colour');
		const listed = await t.crm('GET', `/Deals/${deal}/Contact_Roles`, {
			query: { fields: 'Last_Name' },
		});
		expect(listed.body.data).toEqual([
			{ id: a, Last_Name: store().Contacts.get(a).Last_Name, Contact_Role: 'Buyer' },
		]);
		const account = first('Accounts');
		const other = Array.from(store().Contacts.values()).find(
			(c) => !c.Account_Name || c.Account_Name.id !== account,
		).id;
		expect(
			(await t.crm('PUT', `/Accounts/${account}/Contacts/${other}`, { body: { data: [{}] } }))
				.status,
		).toBe(200);
		expect(store().Contacts.get(other).Account_Name.id).toBe(account);
	});

	test('DELETE unlinks by ID or ?ids= (≤ 100); a record that is not related is a per-record INVALID_DATA; both records stay', async () => {
		const account = first('Accounts');
		const [c1, c2] = contactsOf(account).map((c) => c.id);
		const one = await t.crm('DELETE', `/Accounts/${account}/Contacts/${c1}`);
		expect(one.body.data[0]).toMatchObject({
			code: 'SUCCESS',
			message: 'relation removed',
			details: { id: c1 },
		});
		expect(store().Contacts.get(c1).Account_Name).toBeNull();
		const many = await t.crm('DELETE', `/Accounts/${account}/Contacts`, {
			query: { ids: `${c1},${c2}` },
		});
		expect(many.status).toBe(207);
		expect(many.body.data.map((r) => r.code)).toEqual(['INVALID_DATA', 'SUCCESS']);
		expect((await t.crm('DELETE', `/Accounts/${account}/Contacts`)).body.code).toBe(
			'REQUIRED_PARAM_MISSING',
		);
		expect(store().Contacts.has(c1) && store().Accounts.has(account)).toBe(true);
	});
});

describe('convert lead', () => {
	test('creates contact and account from the lead (and a deal when given), removes the lead, answers the new records', async () => {
		const lead = store().Leads.get(first('Leads'));
		const res = await t.crm('POST', `/Leads/${lead.id}/actions/convert`, {
			body: { data: [{ overwrite: true, Deals: { Deal_Name: 'D', Stage: 'Qualification' } }] },
		});
		expect(res.status).toBe(200);
		const { details } = res.body.data[0];
		expect(res.body.data[0]).toMatchObject({
			code: 'SUCCESS',
			status: 'success',
			message: 'Successfully converted',
		});
		expect(store().Contacts.get(details.Contacts.id)).toMatchObject({
			Last_Name: lead.Last_Name,
			Account_Name: { id: details.Accounts.id },
		});
		expect(store().Accounts.get(details.Accounts.id).Account_Name).toBe(lead.Company);
		expect(store().Deals.get(details.Deals.id)).toMatchObject({
			Deal_Name: 'D',
			Contact_Name: { id: details.Contacts.id },
		});
		expect(store().Leads.has(lead.id)).toBe(false);
		const again = await t.crm('POST', `/Leads/${lead.id}/actions/convert`, {
			body: { data: [{}] },
		});
		expect(again.status).toBe(400);
		expect(again.body.data[0].code).toBe('INVALID_DATA');
	});

	test("validates keys, existing account/contact IDs, the owner and the deal's mandatory fields; only on Leads", async () => {
		const lead = first('Leads');
		const convert = (item) =>
			t.crm('POST', `/Leads/${lead}/actions/convert`, { body: { data: [item] } });
		expect((await convert({ foo: 1 })).body.data[0].details.api_name).toBe('foo');
		expect(
			(await convert({ Accounts: { id: '5725767002999999999' } })).body.data[0].details.api_name,
		).toBe('Accounts');
		expect((await convert({ assign_to: { id: '123456' } })).body.data[0].details.api_name).toBe(
			'assign_to',
		);
		expect((await convert({ Deals: { Deal_Name: 'D' } })).body.data[0]).toMatchObject({
			code: 'MANDATORY_NOT_FOUND',
			details: { api_name: 'Stage' },
		});
		expect((await convert({ overwrite: 'yes' })).body.data[0].details.api_name).toBe('overwrite');
		expect(store().Leads.has(lead)).toBe(true);
		expect(
			(
				await t.crm('POST', `/Contacts/${first('Contacts')}/actions/convert`, {
					body: { data: [{}] },
				})
			).status,
		).toBe(404);
	});
});

describe('tags', () => {
	test('add_tags adds (over_write replaces), remove_tags removes; per-record results; unknown IDs → 207', async () => {
		const [a, b] = Array.from(store().Contacts.keys()).slice(0, 2);
		const add = await t.crm('POST', '/Contacts/actions/add_tags', {
			body: { tags: [{ name: 'VIP' }, { name: 'Gold' }], ids: [a, b, '5725767001999999999'] },
		});
		expect(add.status).toBe(207);
		expect(add.body.data[0]).toMatchObject({
			code: 'SUCCESS',
			details: { id: a, tags: ['VIP', 'Gold'] },
			message: 'tags updated successfully',
		});
		expect(add.body.data[2].code).toBe('INVALID_DATA');
		const replace = await t.crm('POST', '/Contacts/actions/add_tags', {
			body: { tags: [{ name: 'New' }], ids: [a], over_write: true },
		});
		expect(replace.body.data[0].details.tags).toEqual(['New']);
		const remove = await t.crm('POST', '/Contacts/actions/remove_tags', {
			body: { tags: [{ name: 'vip' }], ids: [b] },
		});
		expect(remove.body.data[0]).toMatchObject({
			details: { tags: ['Gold'] },
			message: 'tags removed successfully',
		});
		expect(
			store()
				.Contacts.get(b)
				.Tag.map((tag) => tag.name),
		).toEqual(['Gold']);
	});

	test('tags and ids are mandatory; > 100 ids or > 10 tags → LIMIT_EXCEEDED; a record with more than 10 tags → per-record LIMIT_EXCEEDED', async () => {
		const id = first('Contacts');
		expect(
			(await t.crm('POST', '/Contacts/actions/add_tags', { body: { ids: [id] } })).body,
		).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'tags' } });
		expect(
			(await t.crm('POST', '/Contacts/actions/add_tags', { body: { tags: [{ name: 'a' }] } })).body,
		).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'ids' } });
		const ids = Array.from(store().Contacts.keys()).slice(0, 101);
		expect(
			(await t.crm('POST', '/Contacts/actions/add_tags', { body: { tags: [{ name: 'a' }], ids } }))
				.body.code,
		).toBe('LIMIT_EXCEEDED');
		const eleven = Array.from({ length: 11 }, (_v, i) => ({ name: `t${i}` }));
		expect(
			(await t.crm('POST', '/Contacts/actions/add_tags', { body: { tags: eleven, ids: [id] } }))
				.body.code,
		).toBe('LIMIT_EXCEEDED');
		await t.crm('POST', '/Contacts/actions/add_tags', {
			body: { tags: eleven.slice(0, 10), ids: [id] },
		});
		const over = await t.crm('POST', '/Contacts/actions/add_tags', {
			body: { tags: [{ name: 'x' }], ids: [id] },
		});
		expect(over.status).toBe(400);
		expect(over.body.data[0].code).toBe('LIMIT_EXCEEDED');
	});
});
