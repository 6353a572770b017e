/**
 * Safe by default: n8n saves only the parameters a user changed, so whatever a default says is
 * what a freshly added node does. For every operation of every resource (read from the built
 * node's description, so operations added later are covered too) this runs the node with only
 * the required choices made (resource, operation, app, module or ticket) on input items shaped
 * like a Get Many's output, and checks in the emulator's request log that nothing was written.
 */
import type { LogEntry } from '../harness/typed';
import { ORG_A } from '../harness/typed';
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, emulatorCredential, loadPackage } = require('../harness');

interface Property {
	name: string;
	type: string;
	default?: unknown;
	options?: Array<{ value: string; action?: string }>;
	displayOptions?: { show?: Record<string, unknown[]> };
}

/** Reads Zoho serves through POST (the query travels in the body). */
const READS_BY_POST = new Set(['/crm/v8/coql']);

let emu: any;
let properties: Property[];
beforeAll(async () => {
	emu = await startEmulator();
	const loader = await loadPackage();
	properties = loader.nodeTypes.zohoBeam.type.description.properties;
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const shownFor = (
	property: Property,
	resource: string,
	operation: string,
	app?: string,
): boolean => {
	const show = property.displayOptions?.show ?? {};
	if (show.resource && !show.resource.includes(resource)) return false;
	if (show.operation && !show.operation.includes(operation)) return false;
	if (app && show.app && !show.app.includes(app)) return false;
	return true;
};

/** Every resource → operation → app combination the editor offers. */
function combinations(): Array<[string, string, string | undefined]> {
	const resources = (properties.find((p) => p.name === 'resource')?.options ?? []).map(
		(o) => o.value,
	);
	const out: Array<[string, string, string | undefined]> = [];
	for (const resource of resources) {
		const selector = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		for (const { value: operation } of selector?.options ?? []) {
			const appParameter = properties.find(
				(p) => p.name === 'app' && shownFor(p, resource, operation),
			);
			const apps = appParameter?.options?.map((o) => o.value) ?? [undefined];
			for (const app of apps) out.push([resource, operation, app]);
		}
	}
	return out;
}

const isWrite = (entry: LogEntry) =>
	(entry.app === 'crm' || entry.app === 'desk') &&
	(['PUT', 'PATCH', 'DELETE'].includes(entry.method) ||
		(entry.method === 'POST' && !READS_BY_POST.has(entry.path)));

describe('parameter defaults never write', () => {
	it('covers the write operations of every resource', () => {
		const names = combinations().map(
			([resource, operation, app]) => `${resource}.${operation}${app ? `.${app}` : ''}`,
		);
		for (const write of [
			'record.create.crm',
			'record.create.desk',
			'record.update.crm',
			'record.update.desk',
			'record.upsert.crm',
			'record.delete.crm',
			'record.delete.desk',
			'case.create',
			'case.update',
			'signal.send.crm',
			'notification.enable',
			'notification.update',
			'notification.disable',
		]) {
			expect(names).toContain(write);
		}
	});

	it('the Record resource starts on a read, and the JSON fields start empty', () => {
		const selector = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('record'),
		);
		expect(selector?.default).toBe('get');
		for (const fieldsJson of properties.filter((p) => p.name === 'fieldsJson'))
			expect(JSON.parse(String(fieldsJson.default))).toEqual({});
		for (const recordId of properties.filter((p) => p.name === 'recordId')) {
			const value =
				typeof recordId.default === 'object' && recordId.default !== null
					? (recordId.default as { value: unknown }).value
					: recordId.default;
			expect(value).toBe('');
		}
	});

	it('running any operation with only the required choices made sends no write', async () => {
		const checked: string[] = [];
		for (const [resource, operation, app] of combinations()) {
			emu.reset();
			const crmIds: string[] = emu.ids('Leads', 2);
			const ticketIds: string[] = emu.deskIds('tickets', ORG_A, 2);
			const ids = app === 'desk' || resource === 'case' ? ticketIds : crmIds;
			// What a Get Many hands on: records with their ID, fields and deep link.
			const input = ids.map((id) => ({
				id,
				Last_Name: 'Doe',
				subject: 'Printer on fire',
				deepLink: 'https://crm.zoho.com/x',
			}));
			const parameters: Record<string, unknown> = { resource, operation };
			if (app) parameters.app = app;
			const shown = (name: string) =>
				properties.some((p) => p.name === name && shownFor(p, resource, operation, app));
			if (shown('module') && app !== 'desk')
				parameters.module = { __rl: true, mode: 'list', value: 'Leads' };
			if (shown('ticketId'))
				parameters.ticketId = { __rl: true, mode: 'list', value: ticketIds[0] };
			const before = JSON.stringify([
				...emu.data.crm.records.Leads.values(),
				...emu.data.desk.tickets.values(),
			]);
			// Either n8n refuses to start (a required parameter is empty) or the node runs; both are
			// fine as long as nothing reaches Zoho. Continue On Fail keeps refusals per item.
			const outcome = await runWorkflow({
				emu,
				credential: emulatorCredential(emu, {}, { deskOrgId: ORG_A }),
				workflow: singleNodeWorkflow(parameters, { onError: 'continueRegularOutput' }),
				input,
			}).then(
				(result: { status: string }) => result.status,
				(error: Error) => error.name,
			);
			expect(['success', 'WorkflowHasIssuesError']).toContain(outcome);
			const writes = (emu.requests as LogEntry[])
				.filter(isWrite)
				.map((entry) => `${entry.method} ${entry.path}`);
			expect({ resource, operation, app, writes }).toEqual({
				resource,
				operation,
				app,
				writes: [],
			});
			expect(
				JSON.stringify([...emu.data.crm.records.Leads.values(), ...emu.data.desk.tickets.values()]),
			).toBe(before);
			checked.push(`${resource}.${operation}`);
		}
		expect(checked.length).toBeGreaterThanOrEqual(20);
	});

	it.each([
		['create', {}],
		['update', { recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }],
		['upsert', {}],
	])(
		'record %s with the default (empty) JSON fields is refused before any request, naming the fix',
		async (operation, extra) => {
			const [id] = emu.ids('Leads', 1);
			const result = await runWorkflow({
				emu,
				workflow: singleNodeWorkflow({
					resource: 'record',
					operation,
					module: { __rl: true, mode: 'list', value: 'Leads' },
					...extra,
				}),
				input: [{ id, Last_Name: 'Keep' }],
			});
			expect(result.status).toBe('error');
			expect(result.nodeError('Zoho').message).toMatch(
				/Nothing to write: "fieldsJson" gives no fields/,
			);
			expect(emu.requests.filter((entry: LogEntry) => entry.app === 'crm')).toEqual([]);
			expect(emu.data.crm.records.Leads.get(id).Last_Name).not.toBe('Doe');
		},
	);
});
