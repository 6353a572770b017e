/* The editor experience: every list the UI loads comes from the account, and the node works as an AI tool. */
import { ORG_A, ORG_B, moduleRl } from '../harness/typed';
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, loadPackage } = require('../harness');
const { callMethod } = require('../harness/editor');
import * as fs from 'fs';
import * as path from 'path';
import { NodeHelpers, Workflow } from 'n8n-workflow';

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

async function nodeDescription() {
	const loader = await loadPackage();
	return loader.nodeTypes.zohoBeam.type.description;
}

/** Every property, nested ones (collections, fixed collections) included, with its parent. */
function allProperties(properties: any[], parent = ''): Array<{ property: any; parent: string }> {
	return properties.flatMap((property: any) => {
		const own = [{ property, parent }];
		if (property.type === 'collection')
			return [...own, ...allProperties(property.options, property.name)];
		if (property.type === 'fixedCollection')
			return [
				...own,
				...property.options.flatMap((group: any) => allProperties(group.values, property.name)),
			];
		return own;
	});
}

describe('lists in the editor', () => {
	it('has a method for every list, load-options and resource-mapper reference in the description', async () => {
		const loader = await loadPackage();
		const nodeType = loader.nodeTypes.zohoBeam.type;
		const references: Array<[string, string]> = [];
		const walk = (value: unknown) => {
			if (Array.isArray(value)) return value.forEach(walk);
			if (!value || typeof value !== 'object') return;
			const entry = value as Record<string, any>;
			if (typeof entry.searchListMethod === 'string')
				references.push(['listSearch', entry.searchListMethod]);
			if (typeof entry.loadOptionsMethod === 'string')
				references.push(['loadOptions', entry.loadOptionsMethod]);
			if (typeof entry.resourceMapperMethod === 'string')
				references.push(['resourceMapping', entry.resourceMapperMethod]);
			Object.values(entry).forEach(walk);
		};
		walk(nodeType.description.properties);
		expect(references.length).toBeGreaterThan(5);
		for (const [kind, method] of references)
			expect([kind, method, typeof nodeType.methods[kind][method]]).toEqual([
				kind,
				method,
				'function',
			]);
		// …and no method that nothing references (dead editor surface).
		const offered = Object.entries(
			nodeType.methods as Record<string, Record<string, unknown>>,
		).flatMap(([kind, methods]) => Object.keys(methods).map((method) => `${kind}.${method}`));
		const used = new Set(references.map(([kind, method]) => `${kind}.${method}`));
		expect(offered.filter((method) => !used.has(method))).toEqual([]);
	});

	it('lists the CRM modules the API supports, custom ones included, searchable', async () => {
		const all = await callMethod({
			emu,
			kind: 'listSearch',
			method: 'searchModules',
			parameters: { resource: 'record', operation: 'update' },
		});
		const values = all.results.map((r: any) => r.value);
		expect(values).toEqual(
			expect.arrayContaining(['Leads', 'Contacts', 'Accounts', 'Deals', 'Tasks', 'Shipments']),
		);
		expect(values).not.toContain('Home'); // not an API module
		const filtered = await callMethod({
			emu,
			kind: 'listSearch',
			method: 'searchModules',
			filter: 'ship',
			parameters: { resource: 'record', operation: 'update' },
		});
		expect(filtered.results).toEqual([{ name: 'Shipments', value: 'Shipments' }]);
	});

	it('maps columns with Zoho types for "Map Each Field Below", without read-only fields', async () => {
		const { fields } = await callMethod({
			emu,
			kind: 'resourceMapping',
			method: 'getColumns',
			parameters: { resource: 'record', operation: 'update', module: moduleRl('Leads') },
		});
		const byId = Object.fromEntries(fields.map((f: any) => [f.id, f]));
		// One record-ID input: the Record ID parameter. The mapper offers no id column to match on.
		expect(byId.id).toBeUndefined();
		expect(fields.filter((f: any) => f.canBeUsedToMatch)).toEqual([]);
		expect(byId.Lead_Status.type).toBe('options');
		expect(byId.Lead_Status.options.map((o: any) => o.value)).toContain('Contacted');
		expect(byId.No_of_Employees.type).toBe('number');
		expect(byId.Email_Opt_Out.type).toBe('boolean');
		expect(byId.Full_Name).toBeUndefined(); // read-only in Zoho
	});

	it('updates through "Map Each Field Below"', async () => {
		const [id] = emu.ids('Leads', 1);
		const columns = {
			mappingMode: 'defineBelow',
			value: { Lead_Status: 'Contacted', No_of_Employees: 42 },
			matchingColumns: ['id'],
			schema: [],
		};
		const result = await runWorkflow({
			emu,
			workflow: singleNodeWorkflow({
				resource: 'record',
				operation: 'update',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: id,
				dataMode: 'mapping',
				columns,
			}),
		});
		expect(result.status).toBe('success');
		expect(emu.data.crm.records.Leads.get(id)).toMatchObject({
			Lead_Status: 'Contacted',
			No_of_Employees: 42,
		});
	});
});

describe('AI agent tool', () => {
	it('is usable as a tool, and every operation has an action an agent can read', async () => {
		const loader = await loadPackage();
		const description = loader.nodeTypes.zohoBeam.type.description;
		expect(description.usableAsTool).toBe(true);
		const operations = description.properties.filter((p: any) => p.name === 'operation');
		for (const selector of operations)
			for (const option of selector.options) expect(option.action).toMatch(/^[A-Z][a-z]+ /);
	});

	it('runs an operation the way the tool path calls it: $fromAI placeholders filled from the tool call', async () => {
		const [id] = emu.ids('Deals', 1);
		const parameters = {
			resource: 'record',
			operation: 'get',
			app: 'crm',
			module: {
				__rl: true,
				mode: 'name',
				value: "={{ $fromAI('module', 'CRM module API name, e.g. Deals', 'string') }}",
			},
			recordId: "={{ $fromAI('recordId', 'ID of the CRM record', 'string') }}",
		};
		const result = await runWorkflow({
			emu,
			workflow: singleNodeWorkflow(parameters),
			input: [{ module: 'Deals', recordId: id }],
		});
		expect(result.status).toBe('success');
		const [item] = result.output('Zoho');
		expect(item.json.id).toBe(id);
		expect(item.json.deepLink).toMatch(/\/tab\/Potentials\//);
	});

	it('gives an agent a clear, actionable error for a bad argument', async () => {
		const parameters = {
			resource: 'record',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: "={{ $fromAI('recordId', 'ID of the CRM record', 'string') }}",
		};
		const result = await runWorkflow({
			emu,
			workflow: singleNodeWorkflow(parameters),
			input: [{ recordId: 'the lead called Jane' }],
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(/recordId.*must be a Zoho ID/);
	});
});

describe('editor walk-through fixes', () => {
	it('1. "Map Each Field Below" has one record-ID input: the mapper matches on nothing', async () => {
		const columns = allProperties((await nodeDescription()).properties).filter(
			({ property }) => property.type === 'resourceMapper',
		);
		expect(columns.length).toBeGreaterThan(0);
		for (const { property } of columns)
			expect(property.typeOptions.resourceMapper.mode).toBe('add');
		// A saved workflow whose mapper still names the id column keeps working: the Record ID counts.
		const [id, other] = emu.ids('Leads', 2);
		const saved = {
			mappingMode: 'defineBelow',
			value: { id: other, City: 'Bergen' },
			matchingColumns: ['id'],
			schema: [],
		};
		const result = await runWorkflow({
			emu,
			workflow: singleNodeWorkflow({
				resource: 'record',
				operation: 'update',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: id,
				dataMode: 'mapping',
				columns: saved,
			}),
		});
		expect(result.status).toBe('success');
		expect(emu.data.crm.records.Leads.get(id).City).toBe('Bergen');
		expect(emu.data.crm.records.Leads.get(other).City).not.toBe('Bergen');
	});

	it('2. ticket, department and agent pickers reload when the Desk organization changes, and a stale department is refused', async () => {
		const pickers = allProperties((await nodeDescription()).properties).filter(({ property }) =>
			(property.modes ?? []).some((mode: any) =>
				['searchTickets', 'searchDepartments', 'searchAgents'].includes(
					mode.typeOptions?.searchListMethod,
				),
			),
		);
		expect(pickers.length).toBeGreaterThanOrEqual(5);
		for (const { property } of pickers)
			expect([property.name, property.typeOptions?.loadOptionsDependsOn]).toEqual([
				property.name,
				['options.deskOrgId.value'],
			]);

		const orgB = (
			await callMethod({
				emu,
				kind: 'listSearch',
				method: 'searchDepartments',
				parameters: {
					resource: 'case',
					operation: 'getAll',
					options: { deskOrgId: { __rl: true, mode: 'list', value: ORG_B } },
				},
				path: 'parameters.filters.departmentId',
			})
		).results;
		expect(orgB.map((d: any) => d.name).sort()).toEqual(['Operations', 'Research']);
		// The department picked for organization B, after the option was switched back to A.
		const result = await runWorkflow({
			emu,
			workflow: singleNodeWorkflow({
				resource: 'case',
				operation: 'getAll',
				limit: 5,
				filters: { departmentId: { __rl: true, mode: 'list', value: orgB[0].value } },
				options: { deskOrgId: { __rl: true, mode: 'list', value: ORG_A } },
			}),
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(
			new RegExp(`Department ${orgB[0].value} is not in the Desk organization ${ORG_A}`),
		);
		expect(emu.requests.filter((r: any) => r.path === '/api/v1/tickets')).toEqual([]);
	});

	it('3. ticket picker labels name the number once', async () => {
		const { results } = await callMethod({
			emu,
			kind: 'listSearch',
			method: 'searchTickets',
			parameters: {
				resource: 'case',
				operation: 'get',
				options: { deskOrgId: { __rl: true, mode: 'id', value: ORG_A } },
			},
			path: 'parameters.ticketId',
		});
		expect(results.length).toBeGreaterThan(0);
		for (const { name } of results) {
			const number = /^#(\d+) /.exec(name)?.[1];
			expect(number).toBeDefined();
			expect(name.split(number).length - 1).toBe(1);
		}
	});

	it("4. the credential points to Zoho's API Console of each data center and says where the redirect URL goes", async () => {
		const loader = await loadPackage();
		const properties = loader.credentialTypes.zohoBeamOAuth2Api.type.properties;
		const dataCenters = properties
			.find((p: any) => p.name === 'dataCenter')
			.options.map((o: any) => o.value)
			.filter((v: string) => v !== 'custom');
		const notices = properties.filter((p: any) => p.type === 'notice');
		for (const dataCenter of dataCenters) {
			const shown = notices.filter((n: any) =>
				n.displayOptions?.show?.dataCenter?.includes(dataCenter),
			);
			expect(shown).toHaveLength(1);
			expect(shown[0].displayName).toMatch(/https:\/\/api-console\.zoho(cloud)?\.[a-z.]+ /);
			expect(shown[0].displayName).toMatch(/OAuth Redirect URL.*"Authorized Redirect URIs"/);
		}
		expect(
			notices.find((n: any) => n.displayOptions.show.dataCenter.includes('eu')).displayName,
		).toContain('https://api-console.zoho.eu');
	});

	it("5. ships an output schema for every operation where n8n's resolveSchema looks for it", async () => {
		const loader = await loadPackage();
		// n8n: dirname(sourcePath of the node)/__schema__/v<version>/<resource>/<operation>.json
		const nodeDir = path.dirname(
			path.join(loader.directory, loader.known.nodes.zohoBeam.sourcePath),
		);
		const description = await nodeDescription();
		const resources = description.properties
			.find((p: any) => p.name === 'resource')
			.options.map((o: any) => o.value);
		let checked = 0;
		for (const resource of ['record', 'case', 'signal', 'notification', 'timeline'].filter((r) =>
			resources.includes(r),
		)) {
			const selector = description.properties.find(
				(p: any) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource),
			);
			for (const { value } of selector.options) {
				const file = path.join(nodeDir, '__schema__', 'v1.0.0', resource, `${value}.json`);
				expect([file, fs.existsSync(file)]).toEqual([file, true]);
				const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
				expect(schema.type).toBe('object');
				checked++;
			}
		}
		expect(checked).toBeGreaterThanOrEqual(21);
		// The schema names what the operation really returns.
		const [id] = emu.ids('Leads', 1);
		const result = await runWorkflow({
			emu,
			workflow: singleNodeWorkflow({
				resource: 'record',
				operation: 'get',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: id,
			}),
		});
		const schema = JSON.parse(
			fs.readFileSync(path.join(nodeDir, '__schema__', 'v1.0.0', 'record', 'get.json'), 'utf8'),
		);
		expect(Object.keys(schema.properties)).toEqual(
			expect.arrayContaining(Object.keys(result.output('Zoho')[0].json)),
		);
	});

	it('6. id and deepLink are the first two columns of every record item', async () => {
		const [ticketId] = emu.deskIds('tickets', ORG_A, 1);
		const runs = [
			{ resource: 'record', operation: 'getAll', app: 'crm', module: moduleRl('Leads'), limit: 3 },
			{
				resource: 'record',
				operation: 'get',
				app: 'desk',
				deskModule: 'tickets',
				recordId: { __rl: true, mode: 'id', value: ticketId },
				options: { deskOrgId: ORG_A },
			},
			{
				resource: 'case',
				operation: 'getAll',
				limit: 3,
				options: { deskOrgId: { __rl: true, mode: 'id', value: ORG_A } },
			},
			{
				resource: 'record',
				operation: 'update',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: emu.ids('Leads', 1)[0],
				fieldsJson: '{"City":"Oslo"}',
			},
		];
		for (const parameters of runs) {
			const result = await runWorkflow({ emu, workflow: singleNodeWorkflow(parameters) });
			expect(result.status).toBe('success');
			for (const item of result.output('Zoho'))
				expect(Object.keys(item.json).slice(0, 2)).toEqual(['id', 'deepLink']);
		}
	});

	it('8. the canvas subtitle reads "Update: Leads", not internal values', async () => {
		const description = await nodeDescription();
		const loader = await loadPackage();
		const subtitleOf = (parameters: Record<string, unknown>) => {
			const node = {
				id: 'z',
				name: 'Zoho',
				type: 'n8n-nodes-zoho-beam.zohoBeam',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: {} as any,
			};
			// The editor fills in the defaults before it evaluates the subtitle.
			node.parameters =
				NodeHelpers.getNodeParameters(
					description.properties,
					parameters as any,
					true,
					false,
					node as any,
					description,
				) ?? {};
			const nodeTypes = {
				getByName: () => loader.nodeTypes.zohoBeam.type,
				getByNameAndVersion: () => loader.nodeTypes.zohoBeam.type,
				getKnownTypes: () => ({}),
			};
			const workflow = new Workflow({
				nodes: [node],
				connections: {},
				active: false,
				nodeTypes: nodeTypes as any,
			});
			return workflow.expression.getSimpleParameterValue(
				node as any,
				description.subtitle,
				'internal',
				{},
			);
		};
		expect(subtitleOf({ resource: 'record', operation: 'update', module: moduleRl('Leads') })).toBe(
			'Update: Leads',
		);
		expect(
			subtitleOf({ resource: 'record', operation: 'getAll', app: 'desk', deskModule: 'contacts' }),
		).toBe('Get Many: Contacts');
		expect(
			subtitleOf({
				resource: 'record',
				operation: 'upsert',
				module: { __rl: true, mode: 'name', value: 'Deals' },
			}),
		).toBe('Create or Update: Deals');
		expect(subtitleOf({ resource: 'case', operation: 'getAll' })).toBe('Get Many: Tickets');
		expect(subtitleOf({ resource: 'signal', operation: 'countByField', app: 'desk' })).toBe(
			'Count by Field: Tickets',
		);
		expect(subtitleOf({ resource: 'notification', operation: 'enable' })).toBe('Enable: Channels');
		// Every operation of these resources gets its label from the subtitle, not its internal value.
		for (const resource of ['record', 'case', 'signal', 'notification', 'timeline']) {
			const selector = description.properties.find(
				(p: any) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource),
			);
			for (const option of selector.options)
				expect(
					String(subtitleOf({ resource, operation: option.value })).startsWith(`${option.name}: `),
				).toBe(true);
		}
	});

	it('9. filter and option lists are sorted alphabetically', async () => {
		const unsorted: string[] = [];
		for (const { property, parent } of allProperties((await nodeDescription()).properties)) {
			const names: string[] | undefined =
				property.type === 'collection'
					? property.options.map((o: any) => o.displayName)
					: ['options', 'multiOptions'].includes(property.type) && Array.isArray(property.options)
						? property.options.map((o: any) => o.name)
						: undefined;
			if (!names || property.name === 'operation') continue;
			const sorted = [...names].sort((a, b) => a.localeCompare(b));
			if (names.join('|') !== sorted.join('|'))
				unsorted.push(`${parent}/${property.name}: ${names.join(', ')}`);
		}
		expect(unsorted).toEqual([]);
	});
});
