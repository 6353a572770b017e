/**
 * Overlapping page fetches (Desk from/limit, CRM page numbers, COQL offsets) through n8n's real
 * engine against the emulator: exact request counts at several sizes, order kept, no
 * duplicates, and a 429 inside an overlapping window retried without losing or repeating a page.
 */
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, emulatorCredential } = require('../harness');

interface LogEntry {
	seq: number;
	app: string;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	body: { select_query?: string } | null;
	status: number;
}
interface Item {
	json: Record<string, unknown>;
	pairedItem?: { item: number };
}

const ORG_A = '60001234567';
const TICKETS = '/api/v1/tickets';

const ORG_B = '60007654321';
/** One reseed for the whole file (a new size set regenerates the data, which takes seconds). */
const SIZES = {
	sizes: { desk: { tickets: { [ORG_A]: 400, [ORG_B]: 401 } }, crm: { Contacts: 4000 } },
};

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
beforeEach(() => emu.reset(SIZES));
afterAll(async () => emu.close());

const rl = (value: string) => ({ __rl: true, mode: 'list', value });
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const lists = (app: string, path: string, method = 'GET'): LogEntry[] =>
	emu.requests.filter(
		(entry: LogEntry) => entry.app === app && entry.path === path && entry.method === method,
	);
const ids = (items: Item[]) => items.map((item) => String(item.json.id));

async function run(
	parameters: Record<string, unknown>,
	credential?: Record<string, unknown>,
): Promise<Item[]> {
	const result = await runWorkflow({ emu, workflow: singleNodeWorkflow(parameters), credential });
	if (result.status !== 'success')
		throw new Error(`run failed: ${JSON.stringify(result.nodeError('Zoho') ?? result.error)}`);
	const items: Item[] = result.output('Zoho');
	for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
	return items;
}

const deskTickets = (org: string, extra: Record<string, unknown>, concurrency: number) =>
	run(
		{
			resource: 'record',
			operation: 'getAll',
			app: 'desk',
			deskModule: 'tickets',
			...extra,
			options: { concurrency },
		},
		emulatorCredential(emu, {}, { deskOrgId: org }),
	);
const crmContacts = (extra: Record<string, unknown>, concurrency: number) =>
	run({
		resource: 'record',
		operation: 'getAll',
		app: 'crm',
		module: rl('Contacts'),
		...extra,
		options: { concurrency, fields: 'Last_Name', sortBy: 'id', sortOrder: 'asc' },
	});
const coql = (module: string, extra: Record<string, unknown>, concurrency: number) =>
	run({
		resource: 'record',
		operation: 'query',
		app: 'crm',
		coql: `select Last_Name from ${module}`,
		...extra,
		options: { concurrency },
	});

/** The tickets one after another (concurrency 1, as before overlapping existed): the reference order. */
async function sequentialTickets(org: string, extra: Record<string, unknown>): Promise<string[]> {
	const items = await deskTickets(org, extra, 1);
	emu.reset(SIZES);
	return ids(items);
}

/** Unique and in the expected order. */
function expectOrderedUnique(got: string[], expected: string[]): void {
	expect(new Set(got).size).toBe(got.length);
	expect(got).toEqual(expected);
}

describe('Desk lists: from/limit pages overlap after the first', () => {
	it.each([
		// [organization (tickets), parameters, concurrency, expected `from` values, expected `limit` values]
		[
			'400 tickets',
			ORG_A,
			{ returnAll: true },
			4,
			[0, 100, 200, 300, 400],
			[100, 100, 100, 100, 100],
		],
		[
			'401 tickets',
			ORG_B,
			{ returnAll: true },
			4,
			[0, 100, 200, 300, 400],
			[100, 100, 100, 100, 100],
		],
		[
			'400 tickets, limit inside a page',
			ORG_A,
			{ returnAll: false, limit: 250 },
			4,
			[0, 100, 200],
			[100, 100, 50],
		],
		[
			'400 tickets, limit one past a page',
			ORG_B,
			{ returnAll: false, limit: 301 },
			4,
			[0, 100, 200, 300],
			[100, 100, 100, 1],
		],
		[
			'400 tickets, end found one window late',
			ORG_A,
			{ returnAll: true },
			3,
			[0, 100, 200, 300, 400, 500, 600],
			Array(7).fill(100),
		],
		[
			'400 tickets, one after another',
			ORG_A,
			{ returnAll: true },
			1,
			[0, 100, 200, 300, 400],
			Array(5).fill(100),
		],
	])(
		'%s (organization %s, %j, concurrency %i)',
		async (_label, org, parameters, concurrency, froms, limits) => {
			const expected = await sequentialTickets(org, parameters);
			const items = await deskTickets(org, parameters, concurrency);
			const pages = lists('desk', TICKETS);
			// The first page goes alone; the rest by windows, in any order within a window.
			expect(Number(one(pages[0].query.from))).toBe(0);
			expect(
				pages
					.map((entry) => [Number(one(entry.query.from)), Number(one(entry.query.limit))])
					.sort((a, b) => a[0] - b[0]),
			).toEqual(froms.map((from, index) => [from, limits[index]]));
			expect(items).toHaveLength(
				'limit' in parameters ? Number(parameters.limit) : org === ORG_A ? 400 : 401,
			);
			expectOrderedUnique(ids(items), expected);
		},
	);

	it('case → Get Many and Search page the same way', async () => {
		const credential = emulatorCredential(emu, {}, { deskOrgId: ORG_B });
		const all = await run(
			{ resource: 'case', operation: 'getAll', returnAll: true, options: { concurrency: 3 } },
			credential,
		);
		expect(all).toHaveLength(401);
		expect(new Set(ids(all)).size).toBe(401);
		expect(new Set(ids(all))).toEqual(new Set(emu.deskIds('tickets', ORG_B, 401)));
		// 0 alone, then windows of three: 100–300, 400–600 (400 is short: stop there).
		expect(
			lists('desk', TICKETS)
				.map((entry) => Number(one(entry.query.from)))
				.sort((a, b) => a - b),
		).toEqual([0, 100, 200, 300, 400, 500, 600]);

		emu.reset(SIZES);
		const found = await run(
			{
				resource: 'case',
				operation: 'search',
				returnAll: false,
				limit: 320,
				filters: { createdAfter: '2000-01-01T00:00:00Z' },
				options: { concurrency: 3 },
			},
			credential,
		);
		expect(found).toHaveLength(320);
		expect(new Set(ids(found)).size).toBe(320);
		const search = lists('desk', '/api/v1/tickets/search');
		expect(
			search
				.map((entry) => [Number(one(entry.query.from)), Number(one(entry.query.limit))])
				.sort((a, b) => a[0] - b[0]),
		).toEqual([
			[0, 100],
			[100, 100],
			[200, 100],
			[300, 20],
		]);
	});

	it('keeps every page when Zoho answers 429 inside an overlapping window', async () => {
		const expected = await sequentialTickets(ORG_B, { returnAll: true });
		// Two requests at a time: a window of five gets 429s, each retried by itself.
		emu.configure({ maxConcurrency: 2, latencyMs: 30 });
		const items = await deskTickets(ORG_B, { returnAll: true }, 5);
		expectOrderedUnique(ids(items), expected);
		const pages = lists('desk', TICKETS);
		expect(pages.some((entry) => entry.status === 429)).toBe(true);
		const answered = pages
			.filter((entry) => entry.status !== 429)
			.map((entry) => Number(one(entry.query.from)));
		// Each page answered exactly once: 0 alone, then 100–500 (400 is short: stop).
		expect(answered.sort((a, b) => a - b)).toEqual([0, 100, 200, 300, 400, 500]);
	});
});

describe('CRM Get Many: page numbers overlap up to 2,000, then page tokens', () => {
	const CONTACTS = '/crm/v8/Contacts';
	const page = (entry: LogEntry) =>
		entry.query.page_token ? 'token' : Number(one(entry.query.page));
	const byPage = (a: number | string, b: number | string) =>
		a === 'token' ? 1 : b === 'token' ? -1 : Number(a) - Number(b);
	const numbered = Array.from({ length: 10 }, (_, index) => index + 1);

	it.each([
		// [label, parameters, concurrency, expected pages]
		['2,000 (an exact multiple)', { returnAll: false, limit: 2000 }, 10, numbered],
		['2,001 (one more)', { returnAll: false, limit: 2001 }, 10, [...numbered, 'token']],
		['450 (a limit inside a page)', { returnAll: false, limit: 450 }, 10, [1, 2, 3]],
		['150 (less than one page)', { returnAll: false, limit: 150 }, 10, [1]],
		['all 4,000', { returnAll: true }, 5, [...numbered, ...Array(10).fill('token')]],
	])('%s: %j, concurrency %i', async (_label, parameters, concurrency, pages) => {
		const items = await crmContacts(parameters, concurrency);
		const got = lists('crm', CONTACTS).map(page);
		expect(got[0]).toBe(1);
		expect([...got].sort(byPage)).toEqual(pages);
		// Tokens come after every numbered page, one after another.
		expect(got.slice(10).every((entry) => entry === 'token')).toBe(true);
		const wanted = 'limit' in parameters ? Number(parameters.limit) : 4000;
		expectOrderedUnique(ids(items), emu.ids('Contacts', wanted));
		for (const item of items) expect(item.json.deepLink).toMatch(/\/tab\/Contacts\/\d+$/);
	});

	it('keeps every page when Zoho answers 429 inside the page-number window', async () => {
		emu.configure({ maxConcurrency: 3, latencyMs: 30 });
		const items = await crmContacts({ returnAll: false, limit: 3000 }, 10);
		expectOrderedUnique(ids(items), emu.ids('Contacts', 3000));
		const all = lists('crm', CONTACTS);
		expect(all.some((entry) => entry.status === 429)).toBe(true);
		const answered = all.filter((entry) => entry.status !== 429);
		expect(
			answered
				.filter((entry) => !entry.query.page_token)
				.map(page)
				.sort(byPage),
		).toEqual(numbered);
		expect(answered.filter((entry) => entry.query.page_token)).toHaveLength(5);
	});
});

describe('COQL without LIMIT: offset pages overlap', () => {
	const COQL = '/crm/v8/coql';
	const window = (entry: LogEntry) =>
		/limit (\d+), (\d+)$/.exec(String(entry.body?.select_query))?.slice(1).map(Number) ?? [];

	it.each([
		// [module (rows), parameters, concurrency, expected [offset, size] pairs]
		[
			'Contacts',
			4000,
			{ returnAll: true },
			2,
			[
				[0, 2000],
				[2000, 2000],
				[4000, 2000],
			],
		],
		[
			'Contacts',
			4000,
			{ returnAll: false, limit: 2001 },
			5,
			[
				[0, 2000],
				[2000, 1],
			],
		],
		[
			'Leads',
			10500,
			{ returnAll: true },
			5,
			[
				[0, 2000],
				[2000, 2000],
				[4000, 2000],
				[6000, 2000],
				[8000, 2000],
				[10000, 2000],
			],
		],
		[
			'Leads',
			10500,
			{ returnAll: false, limit: 4500 },
			5,
			[
				[0, 2000],
				[2000, 2000],
				[4000, 500],
			],
		],
		['Leads', 10500, { returnAll: false, limit: 100 }, 5, [[0, 100]]],
	])('%s (%i rows), %j, concurrency %i', async (module, rows, parameters, concurrency, windows) => {
		const items = await coql(module, parameters, concurrency);
		const got = lists('crm', COQL, 'POST').map(window);
		expect(got[0][0]).toBe(0);
		expect([...got].sort((a, b) => a[0] - b[0])).toEqual(windows);
		const wanted = 'limit' in parameters ? Number(parameters.limit) : rows;
		expectOrderedUnique(ids(items), emu.ids(module, wanted));
	});

	it('runs a query with its own LIMIT once, as written', async () => {
		const items = await coql(
			'Leads',
			{ coql: 'select Last_Name from Leads limit 10, 5', returnAll: true },
			5,
		);
		expect(items).toHaveLength(5);
		expect(lists('crm', COQL, 'POST').map((entry) => entry.body?.select_query)).toEqual([
			'select Last_Name from Leads limit 10, 5',
		]);
	});
});
