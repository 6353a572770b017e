'use strict';
/** CRM search (criteria grammar, escaping, limits) and record count. */

const { useEmulator } = require('./testkit');
const { parseCriteria } = require('./crm/criteria');

const t = useEmulator();
beforeEach(() => t.emu.reset());

const search = (module, query) => t.crm('GET', `/${module}/search`, { query });
const leads = () => Array.from(t.emu.data.crm.records.Leads.values());

describe('criteria grammar', () => {
	test('parser: nesting, and/or precedence, escapes, bare criterion', () => {
		expect(parseCriteria('Last_Name:equals:Smith')).toEqual({
			type: 'leaf',
			field: 'Last_Name',
			op: 'equals',
			values: ['Smith'],
		});
		expect(parseCriteria('((A:equals:1)and(B:equals:2))or(C:equals:3)')).toMatchObject({
			type: 'or',
			left: { type: 'and' },
			right: { type: 'leaf', field: 'C' },
		});
		expect(parseCriteria('(A:equals:1)or(B:equals:2)and(C:equals:3)')).toMatchObject({
			type: 'or',
			right: { type: 'and' },
		});
		expect(parseCriteria('(Company:equals:Acme \\(EU\\)\\, Ltd\\\\x)')).toMatchObject({
			values: ['Acme (EU), Ltd\\x'],
		});
		expect(parseCriteria('(Lead_Status:in:Contacted,Junk Lead)')).toMatchObject({
			op: 'in',
			values: ['Contacted', 'Junk Lead'],
		});
		expect(parseCriteria('(Modified_Time:greater_than:2024-01-01T00:00:00+05:30)')).toMatchObject({
			values: ['2024-01-01T00:00:00+05:30'],
		});
	});

	test('equals is case-insensitive; and/or/nesting filter correctly', async () => {
		const lead = leads()[0];
		const res = await search('Leads', { criteria: `(Email:equals:${lead.Email.toUpperCase()})` });
		expect(res.status).toBe(200);
		expect(res.body.data.map((r) => r.id)).toEqual([lead.id]);
		const crit =
			'((Lead_Status:equals:Contacted)and(Lead_Score:greater_equal:90))or(Lead_Source:equals:Chat)';
		const expected = leads().filter(
			(r) => (r.Lead_Status === 'Contacted' && r.Lead_Score >= 90) || r.Lead_Source === 'Chat',
		).length;
		const count = await t.crm('GET', '/Leads/actions/count', { query: { criteria: crit } });
		expect(count.body).toEqual({ count: expected });
	});

	test('operators: starts_with, in, between, not_equal, less_than, date and boolean values', async () => {
		const count = async (criteria) =>
			(await t.crm('GET', '/Leads/actions/count', { query: { criteria } })).body.count;
		expect(await count('(Last_Name:starts_with:sm)')).toBe(
			leads().filter((r) => r.Last_Name.toLowerCase().startsWith('sm')).length,
		);
		expect(await count('(Lead_Score:between:10,20)')).toBe(
			leads().filter((r) => r.Lead_Score >= 10 && r.Lead_Score <= 20).length,
		);
		expect(await count('(Lead_Status:not_equal:Contacted)')).toBe(
			leads().filter((r) => r.Lead_Status !== 'Contacted').length,
		);
		expect(await count('(Lead_Score:less_than:5)')).toBe(
			leads().filter((r) => r.Lead_Score < 5).length,
		);
		expect(await count('(Email_Opt_Out:equals:true)')).toBe(
			leads().filter((r) => r.Email_Opt_Out).length,
		);
		expect(await count('(Follow_Up_Date:greater_than:2025-06-30)')).toBe(
			leads().filter((r) => r.Follow_Up_Date && r.Follow_Up_Date > '2025-06-30').length,
		);
		expect(await count('(Created_Time:less_than:2022-02-01T00:00:00+00:00)')).toBe(
			leads().filter((r) => r.Created_Time < '2022-02-01T00:00:00+00:00').length,
		);
	});

	test('escaped parentheses and commas match literal values', async () => {
		const id = t.emu.firstId('Accounts');
		await t.crm('PUT', '/Accounts', { body: { data: [{ id, Account_Name: 'Acme (EU), Ltd' }] } });
		const res = await search('Accounts', {
			criteria: '(Account_Name:equals:Acme \\(EU\\)\\, Ltd)',
		});
		expect(res.body.data.map((r) => r.id)).toEqual([id]);
	});

	test('unknown field / malformed / bad operator / bad value → 400 INVALID_QUERY', async () => {
		for (const criteria of [
			'(Nope:equals:1)',
			'(Last_Name:equals:Smith',
			'Last_Name=Smith',
			'(Last_Name:contains:x)',
			'(Lead_Score:greater_than:abc)',
			'(Last_Name:greater_than:a)',
			'(Last_Name:equals:a)(Email:equals:b)',
			'(Last_Name:equals:a\\x)',
		]) {
			const res = await search('Leads', { criteria });
			expect([criteria, res.status, res.body.code]).toEqual([criteria, 400, 'INVALID_QUERY']);
		}
	});

	test('more than 10 criteria → 400 LIMIT_EXCEEDED', async () => {
		const parts = Array.from({ length: 11 }, (_, i) => `(Lead_Score:equals:${i})`);
		const res = await search('Leads', { criteria: `(${parts.join('or')})` });
		expect(res.status).toBe(400);
		expect(res.body.code).toBe('LIMIT_EXCEEDED');
		expect((await search('Leads', { criteria: `(${parts.slice(0, 10).join('or')})` })).status).toBe(
			200,
		);
	});
});

describe('search endpoint', () => {
	test('none of criteria/email/phone/word → 400 REQUIRED_PARAM_MISSING; two → 400 AMBIGUITY_DURING_PROCESSING', async () => {
		const none = await search('Leads', {});
		expect(none.status).toBe(400);
		expect(none.body.code).toBe('REQUIRED_PARAM_MISSING');
		expect((await search('Leads', { email: 'a@b.co', word: 'x' })).body.code).toBe(
			'AMBIGUITY_DURING_PROCESSING',
		);
	});

	test('email, phone and word searches; fields optional; 204 when nothing matches', async () => {
		const lead = leads()[5];
		const byEmail = await search('Leads', { email: lead.Email });
		expect(byEmail.body.data[0].id).toBe(lead.id);
		expect(byEmail.body.data[0]).toHaveProperty('Company');
		const byPhone = await search('Leads', {
			phone: lead.Phone.replace(/^\+1 /, ''),
			fields: 'Phone',
		});
		expect(byPhone.body.data.map((r) => r.id)).toContain(lead.id);
		expect(Object.keys(byPhone.body.data[0]).sort()).toEqual(['Phone', 'id']);
		const byWord = await search('Leads', { word: lead.Company.split(' ')[0] });
		expect(byWord.body.data.length).toBeGreaterThan(0);
		const none = await search('Leads', { criteria: '(Last_Name:equals:Zzyzx)' });
		expect(none.status).toBe(204);
		expect(none.text).toBe('');
		expect((await search('Leads', { email: 'not-an-email' })).status).toBe(400);
	});

	test('per_page ≤ 200; results capped at 2,000 records', async () => {
		expect((await search('Leads', { word: 'a', per_page: 201 })).body.details).toMatchObject({
			param_name: 'per_page',
			maximum_length: 200,
		});
		const p10 = await search('Leads', {
			criteria: '(Lead_Score:greater_equal:0)',
			page: 10,
			per_page: 200,
		});
		expect(p10.status).toBe(200);
		expect(p10.body.info.more_records).toBe(false);
		const p11 = await search('Leads', {
			criteria: '(Lead_Score:greater_equal:0)',
			page: 11,
			per_page: 200,
		});
		expect(p11.status).toBe(400);
		expect(p11.body.code).toBe('LIMIT_EXCEEDED');
	});
});

describe('record count', () => {
	test('plain, cvid and criteria counts', async () => {
		expect((await t.crm('GET', '/Leads/actions/count')).body).toEqual({ count: 10500 });
		const cv = (await t.crm('GET', '/settings/custom_views', { query: { module: 'Deals' } })).body
			.custom_views[1];
		const won = Array.from(t.emu.data.crm.records.Deals.values()).filter(
			(d) => d.Stage === 'Closed Won',
		).length;
		expect(
			(await t.crm('GET', '/Deals/actions/count', { query: { cvid: cv.id } })).body.count,
		).toBe(won);
		expect(
			(
				await t.crm('GET', '/Deals/actions/count', {
					query: { criteria: '(Stage:equals:Closed Won)' },
				})
			).body.count,
		).toBe(won);
	});

	test('cvid together with criteria/email/phone/word → 400 AMBIGUITY_DURING_PROCESSING', async () => {
		const cv = (await t.crm('GET', '/settings/custom_views', { query: { module: 'Deals' } })).body
			.custom_views[0];
		for (const extra of [
			{ criteria: '(Stage:equals:Closed Won)' },
			{ word: 'x' },
			{ email: 'a@b.co' },
			{ phone: '123' },
		]) {
			const res = await t.crm('GET', '/Deals/actions/count', { query: { cvid: cv.id, ...extra } });
			expect(res.status).toBe(400);
			expect(res.body.code).toBe('AMBIGUITY_DURING_PROCESSING');
		}
	});
});
