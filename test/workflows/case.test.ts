/**
 * Case (Desk ticket) operations through n8n's real engine against the Zoho emulator.
 * One emulator for the file; every test starts from `emu.reset()` and reads the request log
 * from there. The Desk organization cache lives in the loaded package for the whole file, so
 * the discovery test runs first.
 */
import type { LogEntry, OutputItem as Item } from '../harness/typed';
import { FOREIGN_ORG, ORG_A, ORG_B, rl } from '../harness/typed';
import * as fs from 'fs';
import * as path from 'path';

const { runWorkflow, singleNodeWorkflow, emulatorCredential } = require('../harness');
const { startEmulator } = require('../emulator');
const { callMethod } = require('../harness/editor');

interface Ticket {
	id: string;
	orgId: string;
	status: string;
	priority: string | null;
	channel: string;
	departmentId: string;
	assigneeId: string | null;
	createdTime: string;
	ticketNumber: string;
	subject: string;
	cf?: Record<string, unknown>;
	webUrl?: string;
	[key: string]: unknown;
}

interface Emulator {
	url: string;
	requests: LogEntry[];
	reset(options?: unknown): void;
	configure(partial: Record<string, unknown>): void;
	close(): Promise<void>;
	issueToken(options?: unknown): Record<string, unknown>;
	deskIds(entity: string, orgId?: string, n?: number): string[];
	data: {
		desk: {
			tickets: Map<string, Ticket>;
			orgs: Array<Record<string, unknown>>;
			departments: Map<string, Record<string, unknown>>;
		};
	};
}

const TICKETS = '/api/v1/tickets';
const SEARCH = '/api/v1/tickets/search';
const ORGS = '/api/v1/organizations';

let emu: Emulator;

beforeAll(async () => {
	emu = await startEmulator();
});

afterAll(async () => {
	await emu?.close();
});

beforeEach(() => {
	emu.reset();
});

const desk = (): LogEntry[] => emu.requests.filter((entry) => entry.app === 'desk');
const deskTo = (p: string, method = 'GET'): LogEntry[] =>
	desk().filter((entry) => entry.path === p && entry.method === method);
const single = (value: string | string[] | undefined): string | undefined =>
	Array.isArray(value) ? value[0] : value;

function caseNode(parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	return singleNodeWorkflow({ resource: 'case', ...parameters }, extra);
}

async function run(
	parameters: Record<string, unknown>,
	options: {
		credential?: Record<string, unknown>;
		input?: Array<Record<string, unknown>>;
		extra?: Record<string, unknown>;
	} = {},
) {
	const result = await runWorkflow({
		workflow: caseNode(parameters, options.extra),
		emu,
		credential: options.credential,
		input: options.input,
	});
	return result;
}

function outputOf(result: { output(name: string): Item[] }): Item[] {
	return result.output('Zoho');
}

function pairedIndex(item: Item): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return paired?.item;
}

function errorMessage(result: {
	error?: { message?: string; description?: string };
	nodeError(name: string): { message?: string; description?: string } | undefined;
}): string {
	const error = result.nodeError('Zoho') ?? result.error;
	return `${error?.message ?? ''} ${error?.description ?? ''}`;
}

const ticketOf = (id: string): Ticket => {
	const ticket = emu.data.desk.tickets.get(id);
	if (!ticket) throw new Error(`no ticket ${id} in the emulator`);
	return ticket;
};

interface ListSearchResult {
	results: Array<{ name: string; value: string; url?: string }>;
	paginationToken?: string;
}

/** Calls one of the node's list search methods the way the editor does (test/harness/editor.js). */
async function listSearch(
	method: string,
	parameters: Record<string, unknown> = {},
	filter?: string,
	paginationToken?: string,
	credential?: Record<string, unknown>,
): Promise<ListSearchResult> {
	return await callMethod({
		emu,
		kind: 'listSearch',
		method,
		parameters: { resource: 'case', operation: 'get', ...parameters },
		filter,
		paginationToken,
		credential,
		path: 'parameters.ticketId',
	});
}

describe('case → getAll: paging and organization discovery', () => {
	// Runs first: the package caches discovered organizations per credential for ten minutes.
	it('lists 1,000 tickets in exactly 10 list requests plus one organization discovery', async () => {
		const result = await run({ operation: 'getAll', returnAll: false, limit: 1000 });
		expect(result.status).toBe('success');
		const items = outputOf(result);
		expect(items).toHaveLength(1000);
		const lists = deskTo(TICKETS);
		expect(lists).toHaveLength(10);
		expect(lists.map((entry) => single(entry.query.limit))).toEqual(Array(10).fill('100'));
		expect(lists.map((entry) => Number(single(entry.query.from)))).toEqual([
			0, 100, 200, 300, 400, 500, 600, 700, 800, 900,
		]);
		expect(deskTo(ORGS)).toHaveLength(1);
		expect(desk()).toHaveLength(11);
		const ids = new Set(items.map((item) => String(item.json.id)));
		expect(ids.size).toBe(1000);
		for (const item of items) {
			expect(ticketOf(String(item.json.id)).orgId).toBe(ORG_A);
			expect(item.json.deepLink).toEqual(
				expect.stringMatching(/^https:\/\/desk\.zoho\.com\/.+\d{18}$/),
			);
			expect(pairedIndex(item)).toBe(0);
		}
	});

	it('does not discover when the credential names the organization', async () => {
		const credential = emulatorCredential(emu, {}, { deskOrgId: ORG_A });
		const result = await run(
			{ operation: 'getAll', returnAll: false, limit: 1000 },
			{ credential },
		);
		expect(result.status).toBe('success');
		expect(outputOf(result)).toHaveLength(1000);
		expect(deskTo(TICKETS)).toHaveLength(10);
		expect(deskTo(ORGS)).toHaveLength(0);
	});

	it('does not discover when the node option names the organization, and uses that organization', async () => {
		const result = await run({
			operation: 'getAll',
			returnAll: false,
			limit: 150,
			options: { deskOrgId: rl('id', ORG_B) },
		});
		expect(result.status).toBe('success');
		const items = outputOf(result);
		expect(items).toHaveLength(150);
		expect(deskTo(TICKETS)).toHaveLength(2);
		expect(deskTo(ORGS)).toHaveLength(0);
		for (const item of items) expect(ticketOf(String(item.json.id)).orgId).toBe(ORG_B);
		expect(String(items[0].json.deepLink)).toContain('/beamlabs/');
	});

	it('returns every ticket of the organization with Return All', async () => {
		const credential = emulatorCredential(emu, {}, { deskOrgId: ORG_B });
		const result = await run({ operation: 'getAll', returnAll: true }, { credential });
		expect(result.status).toBe('success');
		const expected = [...emu.data.desk.tickets.values()].filter(
			(ticket) => ticket.orgId === ORG_B,
		).length;
		expect(outputOf(result)).toHaveLength(expected);
		expect(deskTo(TICKETS).length).toBeGreaterThanOrEqual(Math.ceil(expected / 100));
		// Pages overlap (default concurrency 5), so the end is found at most one window late.
		expect(deskTo(TICKETS).length).toBeLessThanOrEqual(Math.ceil(expected / 100) + 5);
	});
});

describe('case → getAll: filters and sort reach Zoho as Zoho expects them', () => {
	it('sends status, department, channel, priority and sort to /tickets', async () => {
		const [departmentId] = emu.deskIds('departments', ORG_A, 1);
		const result = await run({
			operation: 'getAll',
			returnAll: false,
			limit: 30,
			filters: {
				status: 'Open, On Hold',
				departmentId: rl('id', departmentId),
				channel: 'Email',
				priority: 'High',
			},
			options: { sortBy: 'ticketNumber', sortDescending: true, include: ['contacts', 'assignee'] },
		});
		expect(result.status).toBe('success');
		const [list] = deskTo(TICKETS);
		expect(list.query).toMatchObject({
			status: 'Open,On Hold',
			departmentId,
			channel: 'Email',
			priority: 'High',
			sortBy: '-ticketNumber',
			include: 'contacts,assignee',
			from: '0',
			limit: '30',
		});
		const items = outputOf(result);
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			const ticket = ticketOf(String(item.json.id));
			expect(['Open', 'On Hold']).toContain(ticket.status);
			expect(ticket.departmentId).toBe(departmentId);
			expect(ticket.channel).toBe('Email');
			expect(ticket.priority).toBe('High');
		}
		const numbers = items.map((item) => Number(item.json.ticketNumber));
		expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
	});

	it('sends assignee=Unassigned for tickets nobody owns', async () => {
		const result = await run({
			operation: 'getAll',
			returnAll: false,
			limit: 20,
			filters: { assignee: rl('list', 'Unassigned') },
		});
		expect(result.status).toBe('success');
		expect(deskTo(TICKETS)[0].query.assignee).toBe('Unassigned');
		for (const item of outputOf(result))
			expect(ticketOf(String(item.json.id)).assigneeId).toBeNull();
	});

	it('sends an agent ID as the assignee filter', async () => {
		const agent = [...emu.data.desk.tickets.values()].find(
			(ticket) => ticket.orgId === ORG_A && ticket.assigneeId,
		)?.assigneeId as string;
		const result = await run({
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			filters: { assignee: rl('id', agent) },
		});
		expect(result.status).toBe('success');
		expect(deskTo(TICKETS)[0].query.assignee).toBe(agent);
		for (const item of outputOf(result))
			expect(ticketOf(String(item.json.id)).assigneeId).toBe(agent);
	});

	it('uses /tickets/search with createdTimeRange when a time filter is given', async () => {
		const result = await run({
			operation: 'getAll',
			returnAll: false,
			limit: 250,
			filters: {
				createdAfter: '2024-01-01T00:00:00.000Z',
				createdBefore: '2024-03-01T00:00:00.000Z',
				status: 'Closed',
			},
			options: { sortBy: 'createdTime' },
		});
		expect(result.status).toBe('success');
		expect(deskTo(TICKETS)).toHaveLength(0);
		const searches = deskTo(SEARCH);
		expect(searches.length).toBeGreaterThan(0);
		expect(searches[0].query).toMatchObject({
			createdTimeRange: '2024-01-01T00:00:00.000Z,2024-03-01T00:00:00.000Z',
			status: 'Closed',
			sortBy: 'createdTime',
			from: '0',
			limit: '100',
		});
		const items = outputOf(result);
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			const ticket = ticketOf(String(item.json.id));
			expect(ticket.status).toBe('Closed');
			expect(
				ticket.createdTime >= '2024-01-01' && ticket.createdTime <= '2024-03-01T00:00:00.000Z',
			).toBe(true);
			expect(typeof item.json.deepLink).toBe('string');
		}
		const created = items.map((item) => String(item.json.createdTime));
		expect(created).toEqual([...created].sort());
	});

	it('uses modifiedTimeRange and a descending sort on the search', async () => {
		const result = await run({
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: {
				modifiedAfter: '2024-06-01T00:00:00.000Z',
				modifiedBefore: '2024-06-30T00:00:00.000Z',
			},
			options: { sortBy: 'modifiedTime', sortDescending: true },
		});
		expect(result.status).toBe('success');
		expect(deskTo(SEARCH)[0].query).toMatchObject({
			modifiedTimeRange: '2024-06-01T00:00:00.000Z,2024-06-30T00:00:00.000Z',
			sortBy: '-modifiedTime',
			limit: '5',
		});
		expect(outputOf(result)).toHaveLength(5);
	});
});

describe('case → get', () => {
	it('gets a ticket by ID with include, and links it', async () => {
		const [id] = emu.deskIds('tickets', ORG_A, 1);
		const result = await run({
			operation: 'get',
			ticketId: rl('id', id),
			options: { include: ['contacts', 'assignee', 'departments', 'team'] },
		});
		expect(result.status).toBe('success');
		const [item] = outputOf(result);
		expect(item.json.id).toBe(id);
		expect(item.json.deepLink).toEqual(expect.stringContaining(id));
		const [request] = deskTo(`${TICKETS}/${id}`);
		expect(request.query.include).toBe('contacts,assignee,departments,team');
	});

	it.each([
		[
			'classic',
			(id: string) => `https://desk.zoho.com/support/beamsupport/ShowHomePage.do#Cases/dv/${id}`,
		],
		[
			'agent console',
			(id: string) => `https://desk.zoho.eu/agent/beamsupport/all/tickets/details/${id}`,
		],
	])('finds the ticket of a pasted %s URL', async (_label, url) => {
		const [, id] = emu.deskIds('tickets', ORG_A, 2);
		const result = await run({ operation: 'get', ticketId: rl('url', url(id)) });
		expect(result.status).toBe('success');
		expect(outputOf(result)[0].json.id).toBe(id);
		expect(deskTo(`${TICKETS}/${id}`)).toHaveLength(1);
	});

	it('refuses a non-digit ticket ID typed in the editor before the run (mode validation)', async () => {
		await expect(run({ operation: 'get', ticketId: rl('id', '12345abc') })).rejects.toThrow(
			/A ticket ID has only digits/,
		);
		expect(desk()).toHaveLength(0);
	});

	it('refuses a non-digit ticket ID from an expression before sending anything', async () => {
		const result = await run(
			{ operation: 'get', ticketId: rl('id', '={{ $json.ticket }}') },
			{ input: [{ ticket: '12345abc' }] },
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(/"ticketId" must be a Zoho ID/);
		expect(desk()).toHaveLength(0);
	});

	it('refuses a URL that is not a ticket address before sending anything', async () => {
		const contactUrl =
			'https://desk.zoho.com/support/beamsupport/ShowHomePage.do#Contacts/dv/189200000200001000';
		await expect(run({ operation: 'get', ticketId: rl('url', contactUrl) })).rejects.toThrow(
			/Paste the address of a ticket/,
		);
		const result = await run(
			{ operation: 'get', ticketId: rl('url', '={{ $json.url }}') },
			{ input: [{ url: contactUrl }] },
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(/"ticketId" is not the address of a Desk ticket/);
		expect(desk()).toHaveLength(0);
	});

	it('builds the deep link from the portal when Zoho gives no webUrl', async () => {
		emu.configure({ omitDeskWebUrl: true });
		const [id] = emu.deskIds('tickets', ORG_A, 1);
		const result = await run({ operation: 'get', ticketId: rl('id', id) });
		expect(result.status).toBe('success');
		const [item] = outputOf(result);
		expect(item.json.webUrl).toBeUndefined();
		expect(item.json.deepLink).toBe(
			`https://desk.zoho.com/support/beamsupport/ShowHomePage.do#Cases/dv/${id}`,
		);
	});

	it('gives every listed ticket a deep link when Zoho gives no webUrl', async () => {
		emu.configure({ omitDeskWebUrl: true });
		const credential = emulatorCredential(emu, {}, { deskOrgId: ORG_B });
		const result = await run({ operation: 'getAll', returnAll: false, limit: 120 }, { credential });
		expect(result.status).toBe('success');
		const items = outputOf(result);
		expect(items).toHaveLength(120);
		for (const item of items) {
			expect(item.json.webUrl).toBeUndefined();
			expect(item.json.deepLink).toBe(
				`https://desk.zoho.com/support/beamlabs/ShowHomePage.do#Cases/dv/${String(item.json.id)}`,
			);
		}
		// The portal name comes from one organization lookup at most, not one per ticket.
		expect(deskTo(ORGS).length).toBeLessThanOrEqual(1);
	});
});

describe('case → organization errors', () => {
	it('explains a foreign organization ID from the credential', async () => {
		const credential = emulatorCredential(emu, {}, { deskOrgId: FOREIGN_ORG });
		const result = await run({ operation: 'getAll', returnAll: false, limit: 10 }, { credential });
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(/organization/i);
		expect(errorMessage(result)).toContain(
			`Desk organization ${FOREIGN_ORG} (from the credential field "Desk Organization ID") does not belong`,
		);
		expect(deskTo(TICKETS)[0].status).toBe(403);
		expect(deskTo(ORGS)).toHaveLength(0);
	});

	it('explains a foreign organization ID from the node option', async () => {
		const [id] = emu.deskIds('tickets', ORG_A, 1);
		const result = await run({
			operation: 'get',
			ticketId: rl('id', id),
			options: { deskOrgId: rl('id', FOREIGN_ORG) },
		});
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(/organization/i);
		expect(errorMessage(result)).toContain(
			`Desk organization ${FOREIGN_ORG} (from the node option "Desk Organization")`,
		);
	});

	it('refuses an organization ID that is not digits before sending anything', async () => {
		const result = await run({
			operation: 'getAll',
			returnAll: false,
			limit: 10,
			options: { deskOrgId: rl('id', 'beamsupport') },
		});
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(/organization/i);
		expect(desk()).toHaveLength(0);
	});
});

describe('case → update', () => {
	it('closes a ticket in Zoho', async () => {
		const id = [...emu.data.desk.tickets.values()].find(
			(ticket) => ticket.orgId === ORG_A && ticket.status === 'Open',
		)?.id as string;
		const result = await run({
			operation: 'update',
			ticketId: rl('id', id),
			dataMode: 'define',
			updateFields: { status: 'Closed', priority: 'Low' },
			customFields: { field: [{ name: 'cf_region', value: 'APAC' }] },
		});
		expect(result.status).toBe('success');
		const ticket = ticketOf(id);
		expect(ticket.status).toBe('Closed');
		expect(ticket.priority).toBe('Low');
		expect(ticket.cf?.cf_region).toBe('APAC');
		const [patch] = deskTo(`${TICKETS}/${id}`, 'PATCH');
		expect(patch.body).toEqual({ status: 'Closed', priority: 'Low', cf: { cf_region: 'APAC' } });
		const [item] = outputOf(result);
		expect(item.json.id).toBe(id);
		expect(item.json.status).toBe('Closed');
		expect(item.json.deepLink).toEqual(expect.stringContaining(id));
	});

	it('updates from JSON and from the input item, one PATCH per item, paired in order', async () => {
		const ids = emu.deskIds('tickets', ORG_A, 6).slice(3);
		const input = ids.map((id, index) => ({ id, priority: ['High', 'Medium', 'Low'][index] }));
		const autoMap = await run(
			{
				operation: 'update',
				ticketId: rl('id', '={{ $json.id }}'),
				dataMode: 'autoMap',
				options: { concurrency: 2 },
			},
			{ input },
		);
		expect(autoMap.status).toBe('success');
		const items = outputOf(autoMap);
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map(pairedIndex)).toEqual([0, 1, 2]);
		ids.forEach((id, index) => expect(ticketOf(id).priority).toBe(input[index].priority));
		expect(desk().filter((entry) => entry.method === 'PATCH')).toHaveLength(3);
		// The ID addresses the ticket; only the other fields are sent.
		expect(deskTo(`${TICKETS}/${ids[0]}`, 'PATCH')[0].body).toEqual({ priority: 'High' });

		emu.reset();
		const json = await run({
			operation: 'update',
			ticketId: rl('id', ids[0]),
			dataMode: 'json',
			fieldsJson: '{"status": "On Hold", "cf": {"cf_order_id": "ORD-4242"}}',
		});
		expect(json.status).toBe('success');
		expect(ticketOf(ids[0]).status).toBe('On Hold');
		expect(ticketOf(ids[0]).cf?.cf_order_id).toBe('ORD-4242');
	});

	it('keeps at most "Concurrency" updates in flight', async () => {
		emu.configure({ maxConcurrency: 2, latencyMs: 25 });
		const ids = emu.deskIds('tickets', ORG_A, 8);
		const result = await run(
			{
				operation: 'update',
				ticketId: rl('id', '={{ $json.id }}'),
				dataMode: 'define',
				updateFields: { priority: 'Medium' },
				options: { concurrency: 2 },
			},
			{ input: ids.map((id) => ({ id })) },
		);
		expect(result.status).toBe('success');
		expect(outputOf(result).map((item) => item.json.id)).toEqual(ids);
		expect(desk().filter((entry) => entry.method === 'PATCH')).toHaveLength(8);
		expect(desk().filter((entry) => entry.status === 429)).toHaveLength(0);
	});

	it('checks all 60 items before the first PATCH: a malformed ticket ID in item 10 means no PATCH at all', async () => {
		const ids = emu.deskIds('tickets', ORG_A, 60);
		const input = ids.map((id, index) => ({ id: index === 10 ? '1892000001000010OO' : id }));
		const before = ids.map((id) => ticketOf(id).priority);
		const result = await run(
			{
				operation: 'update',
				ticketId: rl('id', '={{ $json.id }}'),
				dataMode: 'define',
				updateFields: { priority: 'Low' },
			},
			{ input },
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(/ticketId/);
		expect(desk().filter((entry) => entry.method === 'PATCH')).toHaveLength(0);
		expect(ids.map((id) => ticketOf(id).priority)).toEqual(before);
	});

	it('Case → Update and Record → Update (Desk) write through the same path and send the same PATCH', async () => {
		const [id] = emu.deskIds('tickets', ORG_A, 1);
		const fieldsJson =
			'{"status": "On Hold", "ticketNumber": "101", "cf": {"cf_order_id": "ORD-7"}}';
		const viaCase = await run({
			operation: 'update',
			ticketId: rl('id', id),
			dataMode: 'json',
			fieldsJson,
		});
		const viaRecord = await run({
			resource: 'record',
			operation: 'update',
			app: 'desk',
			deskModule: 'tickets',
			recordId: rl('id', id),
			dataMode: 'json',
			fieldsJson,
		});
		expect([viaCase.status, viaRecord.status]).toEqual(['success', 'success']);
		const [first, second] = deskTo(`${TICKETS}/${id}`, 'PATCH');
		expect(first.body).toEqual({ status: 'On Hold', cf: { cf_order_id: 'ORD-7' } });
		expect(second.body).toEqual(first.body);
		expect(Object.keys(outputOf(viaCase)[0].json)).toEqual(
			Object.keys(outputOf(viaRecord)[0].json),
		);
	});

	it('refuses bad JSON before sending anything', async () => {
		const [id] = emu.deskIds('tickets', ORG_A, 1);
		const result = await run({
			operation: 'update',
			ticketId: rl('id', id),
			dataMode: 'json',
			fieldsJson: '{"status": Closed}',
		});
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(/fieldsJson/);
		expect(desk()).toHaveLength(0);
	});

	it('refuses control characters before sending anything', async () => {
		const [id] = emu.deskIds('tickets', ORG_A, 1);
		const result = await run({
			operation: 'update',
			ticketId: rl('id', id),
			dataMode: 'define',
			updateFields: { subject: 'Broken\u0000subject' },
		});
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(/subject/);
		expect(desk()).toHaveLength(0);
	});

	it('with Continue On Fail, pairs one error item to each failed input and keeps the others', async () => {
		const ids = emu.deskIds('tickets', ORG_A, 3);
		const missing = '189200000199999999';
		const input = [
			{ ticket: ids[0] },
			{ ticket: 'not-a-ticket' },
			{ ticket: missing },
			{ ticket: ids[1] },
		];
		const result = await run(
			{
				operation: 'update',
				ticketId: rl('id', '={{ $json.ticket }}'),
				dataMode: 'define',
				updateFields: { status: 'Closed' },
			},
			{ input, extra: { onError: 'continueRegularOutput' } },
		);
		expect(result.status).toBe('success');
		const items = outputOf(result);
		expect(items).toHaveLength(4);
		expect(items.map(pairedIndex)).toEqual([0, 1, 2, 3]);
		expect(items[0].json.id).toBe(ids[0]);
		expect(items[0].json.error).toBeUndefined();
		expect(items[1].json.error).toEqual(
			expect.objectContaining({ message: expect.stringMatching(/ticketId/) }),
		);
		expect(items[2].json.error).toEqual(
			expect.objectContaining({
				message: `No Desk ticket with ID ${missing} in organization ${ORG_A}`,
			}),
		);
		expect(items[3].json.id).toBe(ids[1]);
		expect(ticketOf(ids[0]).status).toBe('Closed');
		expect(ticketOf(ids[1]).status).toBe('Closed');
		// The bad ID never reached Zoho; the missing one did and failed there.
		expect(desk().filter((entry) => entry.method === 'PATCH')).toHaveLength(3);
	});
});

describe('case → search and create', () => {
	it('searches with free text and field filters, paged', async () => {
		const [departmentId] = emu.deskIds('departments', ORG_A, 1);
		const result = await run({
			operation: 'search',
			searchTerm: 'refund',
			returnAll: false,
			limit: 150,
			filters: { status: 'Open', departmentId: rl('id', departmentId) },
			options: { sortBy: 'createdTime', sortDescending: true },
		});
		expect(result.status).toBe('success');
		const searches = deskTo(SEARCH);
		expect(searches.length).toBeGreaterThan(0);
		expect(searches[0].query).toMatchObject({
			_all: 'refund',
			status: 'Open',
			departmentId,
			sortBy: '-createdTime',
			from: '0',
			limit: '100',
		});
		const items = outputOf(result);
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			expect(String(item.json.subject)).toMatch(/refund/i);
			const ticket = ticketOf(String(item.json.id));
			expect(ticket.status).toBe('Open');
			expect(ticket.departmentId).toBe(departmentId);
			expect(typeof item.json.deepLink).toBe('string');
		}
	});

	it('refuses a search with nothing to look for', async () => {
		const result = await run({ operation: 'search', searchTerm: '', returnAll: false, limit: 10 });
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(/search text or at least one filter/);
		expect(desk()).toHaveLength(0);
	});

	it('creates a ticket for a contact given by email, and one for a contact ID', async () => {
		const [departmentId] = emu.deskIds('departments', ORG_A, 1);
		const [contactId] = emu.deskIds('contacts', ORG_A, 1);
		const byEmail = await run({
			operation: 'create',
			subject: 'Printer is on fire',
			departmentId: rl('id', departmentId),
			contactBy: 'email',
			contactEmail: 'jane.doe@example.com',
			contactLastName: 'Doe',
			additionalFields: { description: 'Smoke everywhere', priority: 'High', channel: 'Phone' },
			customFields: { field: [{ name: 'cf_region', value: 'EMEA' }] },
		});
		expect(byEmail.status).toBe('success');
		const [created] = outputOf(byEmail);
		const stored = ticketOf(String(created.json.id));
		expect(stored).toMatchObject({
			subject: 'Printer is on fire',
			departmentId,
			priority: 'High',
			channel: 'Phone',
			orgId: ORG_A,
		});
		expect(created.json.deepLink).toEqual(expect.stringContaining(String(created.json.id)));
		const [post] = deskTo(TICKETS, 'POST');
		expect(post.body).toMatchObject({
			subject: 'Printer is on fire',
			departmentId,
			contact: { email: 'jane.doe@example.com', lastName: 'Doe' },
			cf: { cf_region: 'EMEA' },
		});

		const byId = await run({
			operation: 'create',
			subject: 'Second one',
			departmentId: rl('id', departmentId),
			contactBy: 'id',
			contactId,
		});
		expect(byId.status).toBe('success');
		expect(ticketOf(String(outputOf(byId)[0].json.id)).contactId).toBe(contactId);
	});
});

describe('examples', () => {
	const examples = path.resolve(__dirname, '..', '..', 'examples');

	it('case-get-many.json lists open tickets, newest first', async () => {
		const workflow = JSON.parse(fs.readFileSync(path.join(examples, 'case-get-many.json'), 'utf8'));
		const result = await runWorkflow({ workflow, emu });
		expect(result.status).toBe('success');
		const items: Item[] = result.output('Get Open Tickets');
		expect(items).toHaveLength(250);
		for (const item of items) {
			expect(['Open', 'On Hold']).toContain(item.json.status);
			expect(typeof item.json.deepLink).toBe('string');
		}
		const created = items.map((item) => String(item.json.createdTime));
		expect(created).toEqual([...created].sort().reverse());
	});

	it('case-update.json closes the ticket of its URL', async () => {
		const workflow = JSON.parse(fs.readFileSync(path.join(examples, 'case-update.json'), 'utf8'));
		const result = await runWorkflow({ workflow, emu });
		expect(result.status).toBe('success');
		const [item] = result.output('Close Ticket') as Item[];
		expect(ticketOf(String(item.json.id))).toMatchObject({ status: 'Closed', priority: 'High' });
		expect(item.json.deepLink).toEqual(expect.stringContaining(String(item.json.id)));
	});
});

describe('list searches for the resource locators', () => {
	it('lists tickets newest first, pages on, and searches all fields', async () => {
		const credential = emulatorCredential(emu, {}, { deskOrgId: ORG_A });
		const first = await listSearch('searchTickets', {}, undefined, undefined, credential);
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		expect(first.results[0].name).toMatch(/^#\d+ /);
		expect(first.results[0].url).toEqual(expect.stringContaining(first.results[0].value));
		const created = first.results.map((result) => ticketOf(result.value).createdTime);
		expect(created).toEqual([...created].sort().reverse());
		const second = await listSearch(
			'searchTickets',
			{},
			undefined,
			first.paginationToken,
			credential,
		);
		expect(second.results[0].value).not.toBe(first.results[0].value);
		expect(deskTo(TICKETS).map((entry) => single(entry.query.from))).toEqual(['0', '50']);

		const found = await listSearch('searchTickets', {}, 'refund', undefined, credential);
		expect(found.results.length).toBeGreaterThan(0);
		for (const result of found.results) expect(result.name).toMatch(/refund/i);
		expect(deskTo(SEARCH)[0].query._all).toBe('refund*');
	});

	it('lists departments and agents of the organization chosen in the node options', async () => {
		const departments = await listSearch('searchDepartments', {
			options: { deskOrgId: rl('id', ORG_B) },
		});
		expect(departments.results.map((result) => result.name)).toEqual(['Operations', 'Research']);
		expect(deskTo(ORGS)).toHaveLength(0);
		const billing = await listSearch(
			'searchDepartments',
			{},
			'bill',
			undefined,
			emulatorCredential(emu, {}, { deskOrgId: ORG_A }),
		);
		expect(billing.results.map((result) => result.name)).toEqual(['Billing']);

		const agents = await listSearch('searchAgents', { options: { deskOrgId: rl('id', ORG_A) } });
		expect(agents.results[0]).toEqual({ name: 'Unassigned', value: 'Unassigned' });
		expect(agents.results.length).toBeGreaterThan(1);
		expect(deskTo('/api/v1/agents')[0].query.status).toBe('ACTIVE');
	});

	it('lists the Desk organizations of the account, the default one first', async () => {
		const orgs = await listSearch('searchDeskOrganizations');
		expect(orgs.results.map((result) => result.value)).toEqual([ORG_A, ORG_B]);
		expect(orgs.results[0].name).toMatch(/Beam Support/);
		const labs = await listSearch('searchDeskOrganizations', {}, 'labs');
		expect(labs.results.map((result) => result.value)).toEqual([ORG_B]);
	});
});
