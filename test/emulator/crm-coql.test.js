'use strict';
/** COQL: grammar, limits, errors, paging. */

const { useEmulator } = require('./testkit');

const t = useEmulator();
beforeAll(() => t.emu.reset());

const coql = (select_query) => t.crm('POST', '/coql', { body: { select_query } });
const deals = () => Array.from(t.emu.data.crm.records.Deals.values());

describe('COQL queries', () => {
	test('select/where/order by/limit; only selected fields + id; lookups as {id}', async () => {
		const res = await coql(
			"select Deal_Name, Amount, Account_Name from Deals where Amount >= 5000000 and Stage = 'Closed Won' order by Amount desc limit 5",
		);
		expect(res.status).toBe(200);
		const expected = deals()
			.filter((d) => d.Amount >= 5000000 && d.Stage === 'Closed Won')
			.sort((a, b) => b.Amount - a.Amount || (a.id < b.id ? -1 : 1));
		expect(res.body.data.map((r) => r.id)).toEqual(expected.slice(0, 5).map((d) => d.id));
		expect(Object.keys(res.body.data[0]).sort()).toEqual([
			'Account_Name',
			'Amount',
			'Deal_Name',
			'id',
		]);
		expect(res.body.data[0].Account_Name).toEqual({ id: expect.stringMatching(/^\d{19}$/) });
		expect(res.body.info).toEqual({ count: 5, more_records: expected.length > 5 });
	});

	test('default LIMIT is 200; limit offset,n and limit n offset m page the same way', async () => {
		const all = await coql("select Deal_Name from Deals where Stage != 'Closed Won'");
		expect(all.body.data).toHaveLength(200);
		expect(all.body.info.more_records).toBe(true);
		const a = await coql("select Deal_Name from Deals where Stage != 'Closed Won' limit 200, 50");
		const b = await coql(
			"select Deal_Name from Deals where Stage != 'Closed Won' limit 50 offset 200",
		);
		expect(a.body.data.map((r) => r.id)).toEqual(b.body.data.map((r) => r.id));
		const ids = deals()
			.filter((d) => d.Stage !== 'Closed Won')
			.map((d) => d.id)
			.sort();
		expect(a.body.data.map((r) => r.id)).toEqual(ids.slice(200, 250));
	});

	test('like, in, not in, is null, is not null, between, parentheses, or, escaped quotes', async () => {
		/** Asserts the query returns exactly the records matching `pred` (1–2000 of them). */
		const check = async (where, pred) => {
			const expected = deals()
				.filter(pred)
				.map((d) => d.id)
				.sort();
			expect([where, expected.length > 0 && expected.length <= 2000]).toEqual([where, true]);
			const res = await coql(`select Deal_Name from Deals where ${where} limit 2000`);
			expect([where, res.body.data.map((r) => r.id).sort()]).toEqual([where, expected]);
		};
		await check(
			"Deal_Name like '%Support Plan%' and Amount < 200000",
			(d) => d.Deal_Name.includes('Support Plan') && d.Amount < 200000,
		);
		await check(
			"Stage in ('Closed Won', 'Closed Lost') and Amount > 9000000",
			(d) => ['Closed Won', 'Closed Lost'].includes(d.Stage) && d.Amount > 9000000,
		);
		await check(
			"Stage not in ('Qualification') and Amount between 100000 and 300000",
			(d) => d.Stage !== 'Qualification' && d.Amount >= 100000 && d.Amount <= 300000,
		);
		await check(
			'Contact_Name is null and Amount > 8000000',
			(d) => d.Contact_Name === null && d.Amount > 8000000,
		);
		await check(
			"(Stage = 'Closed Won' or Stage = 'Closed Lost') and Is_Priority = true and Next_Step is not null",
			(d) =>
				['Closed Won', 'Closed Lost'].includes(d.Stage) && d.Is_Priority && d.Next_Step !== null,
		);
		await check(
			"Closing_Date between '2024-01-01' and '2024-01-31'",
			(d) => d.Closing_Date >= '2024-01-01' && d.Closing_Date <= '2024-01-31',
		);
		await check(
			"Modified_Time > '2024-12-01T00:00:00+00:00'",
			(d) => d.Modified_Time > '2024-12-01T00:00:00+00:00',
		);
		await check(
			"Deal_Name not like '%#1%' and Amount < 100000",
			(d) => !d.Deal_Name.includes('#1') && d.Amount < 100000,
		);
		expect((await coql("select Deal_Name from Deals where Deal_Name = 'O\\'Brien'")).status).toBe(
			204,
		);
	});

	test('SELECT > 50 fields → LIMIT_EXCEEDED; LIMIT > 2000 → LIMIT_EXCEEDED; WHERE > 25 criteria → LIMIT_EXCEEDED; offset+limit > 100000 → LIMIT_EXCEEDED', async () => {
		const fields = Array.from({ length: 51 }, (_, i) => `F${i}`).join(', ');
		expect((await coql(`select ${fields} from Deals`)).body.code).toBe('LIMIT_EXCEEDED');
		expect((await coql('select Deal_Name from Deals limit 2001')).body.code).toBe('LIMIT_EXCEEDED');
		expect((await coql('select Deal_Name from Deals limit 2000')).status).toBe(200);
		const where = Array.from({ length: 26 }, (_, i) => `Amount != ${i}`).join(' and ');
		expect((await coql(`select Deal_Name from Deals where ${where}`)).body.code).toBe(
			'LIMIT_EXCEEDED',
		);
		expect(
			(
				await coql(
					`select Deal_Name from Deals where ${where.split(' and ').slice(0, 25).join(' and ')}`,
				)
			).status,
		).toBe(200);
		const far = await coql('select Deal_Name from Deals limit 99000, 2000');
		expect(far.status).toBe(400);
		expect(far.body.code).toBe('LIMIT_EXCEEDED');
	});

	test('unknown module / field / bad value type → 400 INVALID_QUERY', async () => {
		for (const q of [
			'select Name from Widgets',
			'select Nope from Deals',
			"select Deal_Name from Deals where Nope = 'x'",
			"select Deal_Name from Deals where Amount = 'abc'",
			"select Deal_Name from Deals where Closing_Date > '01/02/2024'",
			"select Deal_Name from Deals where Deal_Name > 'a'",
			'select Deal_Name from Deals order by Nope',
		]) {
			const res = await coql(q);
			expect([q, res.status, res.body.code]).toEqual([q, 400, 'INVALID_QUERY']);
		}
	});

	test('syntax errors → 400 SYNTAX_ERROR', async () => {
		for (const q of [
			'select from Deals',
			'select * from Deals',
			"select Deal_Name from Deals where Stage = 'open",
			'select Deal_Name Deals',
			"select Deal_Name from Deals where Stage 'x'",
			'select Deal_Name from Deals limit x',
			'select Deal_Name from Deals where (Amount > 1',
			"delete from Deals where Stage = 'x'",
		]) {
			const res = await coql(q);
			expect([q, res.status, res.body.code]).toEqual([q, 400, 'SYNTAX_ERROR']);
		}
	});

	test('missing select_query → 400; nothing found → 204', async () => {
		expect((await t.crm('POST', '/coql', { body: {} })).body).toMatchObject({
			code: 'MANDATORY_NOT_FOUND',
			details: { api_name: 'select_query' },
		});
		const none = await coql("select Deal_Name from Deals where Deal_Name = 'does not exist'");
		expect(none.status).toBe(204);
		expect(none.text).toBe('');
	});
});
