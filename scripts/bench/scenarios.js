'use strict';
/**
 * The benchmark scenarios. Each one is a single node run through n8n's engine against the
 * emulator; `floor` says what the minimum would be (requests, and whether they may overlap).
 *
 * Floor: minimal requests = ⌈N/100⌉ per CRM write, ⌈N/200⌉ per CRM list page, ⌈N/100⌉ per
 * Desk page, ⌈N/2,000⌉ per COQL page, one per count; floor time = ⌈minimal requests ÷ allowed
 * concurrency⌉ × RTT where requests can overlap (writes, counts, Desk offsets, CRM page numbers
 * up to 2,000, COQL offsets), + one RTT per page where they cannot (CRM page tokens: each
 * comes with the page before). `floor.rounds` states that critical path directly.
 */

const rl = (value) => ({ __rl: true, mode: 'list', value });
const ceil = Math.ceil;

/** @typedef {{ ids: (module: string, n: number) => Promise<string[]>, deskOrgId: string, concurrency: number }} Ctx */

/**
 * @typedef {object} Scenario
 * @property {string} key
 * @property {string} label
 * @property {'beam'|'builtin'} node
 * @property {'write'|'list'|'count'} kind
 * @property {number} items            items the scenario is about (records written/read, counts)
 * @property {{ requests: number, overlap: boolean, rounds?: number }} floor
 * @property {(ctx: Ctx) => Promise<object[]|undefined>} input
 * @property {(ctx: Ctx) => object} parameters
 * @property {(ctx: Ctx) => object} [warmup]    parameters for the warm-up run (default: the same run)
 * @property {number} [warmupItems]             input items for the warm-up run (default: all; fewer for slow runs)
 * @property {number} expectItems
 * @property {RegExp} [expectError]             the run is expected to fail like this
 * @property {string} [compare]                 key of the comparison group
 * @property {string} [note]
 * @property {boolean} [reuseCredential]      measured runs reuse the warm-up's credential (metadata cache warm)
 * @property {object} [sizes]                emulator seed sizes for this scenario (default sizes otherwise)
 */

const updateInput = (n) => async (ctx) =>
	(await ctx.ids('Leads', n)).map((id, index) => ({ id, City: `Bench City ${index}` }));

const beamUpdate = (n) => ({
	key: `beam-update-${n}`,
	label: `CRM update ${n.toLocaleString('en-US')} Leads`,
	node: 'beam',
	kind: 'write',
	items: n,
	floor: { requests: ceil(n / 100), overlap: true },
	input: updateInput(n),
	parameters: (ctx) => ({
		resource: 'record',
		operation: 'update',
		app: 'crm',
		module: rl('Leads'),
		recordId: '={{ $json.id }}',
		dataMode: 'autoMap',
		options: { concurrency: ctx.concurrency },
	}),
	expectItems: n,
	compare: n === 1000 ? 'update-1000' : undefined,
});

/** Round trips a CRM list needs at the least: the numbered pages (up to 2,000 records) at once, then one per page-token page. */
const crmListRounds = (n, concurrency = 10) =>
	Math.ceil(Math.min(ceil(n / 200), 10) / concurrency) + Math.max(0, ceil(n / 200) - 10);

/** The 2,000-record list runs on a Contacts module reseeded with 2,000 records, so n8n's built-in node (which pages with `page` only) can list all of it. */
const SIZES_2000 = { crm: { Contacts: 2000 } };

const beamCrmList = (n, { limit } = {}) => ({
	key: limit ? `beam-list-limit-${limit}` : `beam-list-${n}`,
	label: limit
		? `CRM getAll Contacts, limit ${limit}`
		: `CRM getAll ${n.toLocaleString('en-US')} Contacts (returnAll)`,
	node: 'beam',
	kind: 'list',
	items: limit ?? n,
	floor: { requests: ceil((limit ?? n) / 200), overlap: true, rounds: crmListRounds(limit ?? n) },
	sizes: n === 2000 ? SIZES_2000 : undefined,
	input: async () => undefined,
	parameters: (ctx) =>
		limit
			? {
					resource: 'record',
					operation: 'getAll',
					app: 'crm',
					module: rl('Contacts'),
					returnAll: false,
					limit,
					options: { concurrency: ctx.concurrency },
				}
			: {
					resource: 'record',
					operation: 'getAll',
					app: 'crm',
					module: rl('Contacts'),
					returnAll: true,
					options: { concurrency: ctx.concurrency },
				},
	expectItems: limit ?? n,
	compare: limit ? undefined : `list-${n}`,
	note: n === 2000 ? 'Contacts reseeded with 2,000 records' : undefined,
});

/** The same scenario in a later execution with the same credential (metadata cached for 5 minutes). */
const again = (scenario) => ({
	...scenario,
	key: `${scenario.key}-again`,
	label: `${scenario.label}, next execution`,
	reuseCredential: true,
	compare: undefined,
	note: 'same credential as the execution before: org, modules and Desk organizations come from the per-credential cache',
});

/** Leads reseeded with `n` records (the default seed has 10,500). */
const leadsSized = (n) => (n === 10500 ? undefined : { crm: { Leads: n } });

/** COQL over all of Leads reseeded with `n` records (no LIMIT: the node pages by OFFSET, 2,000 rows a page). */
const beamCoql = (n) => ({
	key: `beam-coql-${n}`,
	label: `COQL ${n.toLocaleString('en-US')} Leads (returnAll)`,
	node: 'beam',
	kind: 'list',
	items: n,
	floor: { requests: ceil(n / 2000), overlap: true },
	sizes: leadsSized(n),
	input: async () => undefined,
	parameters: (ctx) => ({
		resource: 'record',
		operation: 'query',
		app: 'crm',
		coql: 'select Last_Name, Email, Lead_Status from Leads',
		returnAll: true,
		options: { concurrency: ctx.concurrency },
	}),
	expectItems: n,
	note: n === 10500 ? undefined : `Leads reseeded with ${n.toLocaleString('en-US')} records`,
});

/** An update of every Lead of a module reseeded with `n` records. */
const beamUpdateSized = (n) => ({
	...beamUpdate(n),
	sizes: leadsSized(n),
	warmupItems: 1000,
	note: `Leads reseeded with ${n.toLocaleString('en-US')} records`,
});

/** @type {Scenario[]} */
const BEAM = [
	beamUpdate(1000),
	again(beamUpdate(1000)),
	beamUpdate(10000),
	beamCrmList(10000),
	beamCrmList(2000),
	again(beamCrmList(2000)),
	beamCrmList(10000, { limit: 450 }),
	{
		key: 'beam-desk-5000',
		label: 'Desk getAll 5,000 tickets (limit 5000 of 5,200)',
		node: 'beam',
		kind: 'list',
		items: 5000,
		floor: { requests: ceil(5000 / 100), overlap: true },
		input: async () => undefined,
		parameters: (ctx) => ({
			resource: 'record',
			operation: 'getAll',
			app: 'desk',
			deskModule: 'tickets',
			returnAll: false,
			limit: 5000,
			options: { concurrency: ctx.concurrency },
		}),
		expectItems: 5000,
	},
	{
		key: 'beam-timeline-1000',
		label: 'CRM timeline 1,000 entries (first Lead)',
		node: 'beam',
		kind: 'list',
		items: 1000,
		floor: { requests: ceil(1000 / 200), overlap: false, rounds: ceil(1000 / 200) },
		input: async () => undefined,
		parameters: (ctx) => ({
			resource: 'timeline',
			operation: 'get',
			app: 'crm',
			module: rl('Leads'),
			recordId: ctx.firstLead,
			returnAll: true,
			options: {},
		}),
		expectItems: 1000,
	},
	{
		key: 'beam-count-1000',
		label: '1,000 counts (signal/count, Leads)',
		node: 'beam',
		kind: 'count',
		items: 1000,
		floor: { requests: 1000, overlap: true },
		input: async () => Array.from({ length: 1000 }, (_, index) => ({ index })),
		parameters: () => ({
			resource: 'signal',
			operation: 'count',
			app: 'crm',
			module: rl('Leads'),
			criteria: '',
			options: {},
		}),
		warmupItems: 50,
		expectItems: 1000,
	},
	// Growth: the same work at 1,000, 10,000 and 100,000 records.
	beamCoql(1000),
	beamCoql(10000),
	beamCoql(100000),
	beamUpdateSized(100000),
];

/** n8n's built-in Zoho CRM node (n8n-nodes-base ZohoCrm, /crm/v2, one request per item or page). */
const BUILTIN = [
	{
		key: 'builtin-update-1000',
		label: 'CRM update 1,000 Leads',
		node: 'builtin',
		kind: 'write',
		items: 1000,
		floor: { requests: 10, overlap: true },
		input: updateInput(1000),
		parameters: () => ({
			resource: 'lead',
			operation: 'update',
			leadId: '={{ $json.id }}',
			updateFields: { Address: { address_fields: { City: '={{ $json.City }}' } } },
		}),
		warmupItems: 50,
		expectItems: 1000,
		compare: 'update-1000',
	},
	{
		key: 'builtin-list-2000',
		label: 'CRM getAll 2,000 Contacts (returnAll)',
		node: 'builtin',
		kind: 'list',
		items: 2000,
		floor: { requests: 10, overlap: false },
		sizes: SIZES_2000,
		input: async () => undefined,
		parameters: () => ({ resource: 'contact', operation: 'getAll', returnAll: true, options: {} }),
		expectItems: 2000,
		compare: 'list-2000',
		note: 'Contacts reseeded with 2,000 records',
	},
	{
		key: 'builtin-list-10000',
		label: 'CRM getAll 10,000 Contacts',
		node: 'builtin',
		kind: 'list',
		items: 10000,
		floor: { requests: 50, overlap: false },
		input: async () => undefined,
		parameters: () => ({ resource: 'contact', operation: 'getAll', returnAll: true, options: {} }),
		expectItems: 10000,
		compare: 'list-10000',
	},
];

const ALL = [...BEAM, ...BUILTIN];

module.exports = { BEAM, BUILTIN, ALL, byKey: (key) => ALL.find((s) => s.key === key) };
