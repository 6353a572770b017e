/* The editor experience: every list the UI loads comes from the account, and the node works as an AI tool. */
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, loadPackage } = require('../harness');
const { callMethod } = require('../harness/editor');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const moduleRl = (value: string) => ({ __rl: true, mode: 'list', value });

describe('lists in the editor', () => {
	it('has a method for every list, load-options and resource-mapper reference in the description', async () => {
		const loader = await loadPackage();
		const nodeType = loader.nodeTypes.zohoBeam.type;
		const references: Array<[string, string]> = [];
		const walk = (value: unknown) => {
			if (Array.isArray(value)) return value.forEach(walk);
			if (!value || typeof value !== 'object') return;
			const entry = value as Record<string, any>;
			if (typeof entry.searchListMethod === 'string') references.push(['listSearch', entry.searchListMethod]);
			if (typeof entry.loadOptionsMethod === 'string') references.push(['loadOptions', entry.loadOptionsMethod]);
			if (typeof entry.resourceMapperMethod === 'string') references.push(['resourceMapping', entry.resourceMapperMethod]);
			Object.values(entry).forEach(walk);
		};
		walk(nodeType.description.properties);
		expect(references.length).toBeGreaterThan(5);
		for (const [kind, method] of references) expect([kind, method, typeof nodeType.methods[kind][method]]).toEqual([kind, method, 'function']);
	});

	it('lists the CRM modules the API supports, custom ones included, searchable', async () => {
		const all = await callMethod({ emu, kind: 'listSearch', method: 'searchModules', parameters: { resource: 'record', operation: 'update' } });
		const values = all.results.map((r: any) => r.value);
		expect(values).toEqual(expect.arrayContaining(['Leads', 'Contacts', 'Accounts', 'Deals', 'Tasks', 'Shipments']));
		expect(values).not.toContain('Home'); // not an API module
		const filtered = await callMethod({ emu, kind: 'listSearch', method: 'searchModules', filter: 'ship', parameters: { resource: 'record', operation: 'update' } });
		expect(filtered.results).toEqual([{ name: 'Shipments', value: 'Shipments' }]);
	});

	it('loads the fields of the chosen module', async () => {
		const fields = await callMethod({ emu, kind: 'loadOptions', method: 'getModuleFields', parameters: { resource: 'record', operation: 'getAll', module: moduleRl('Deals') } });
		const values = fields.map((f: any) => f.value);
		expect(values).toEqual(expect.arrayContaining(['Deal_Name', 'Stage', 'Amount', 'Is_Priority']));
	});

	it('maps columns with Zoho types for "Map Each Field Below", without read-only fields', async () => {
		const { fields } = await callMethod({ emu, kind: 'resourceMapping', method: 'getColumns', parameters: { resource: 'record', operation: 'update', module: moduleRl('Leads') } });
		const byId = Object.fromEntries(fields.map((f: any) => [f.id, f]));
		expect(byId.id).toMatchObject({ required: true, canBeUsedToMatch: true });
		expect(byId.Lead_Status.type).toBe('options');
		expect(byId.Lead_Status.options.map((o: any) => o.value)).toContain('Contacted');
		expect(byId.No_of_Employees.type).toBe('number');
		expect(byId.Email_Opt_Out.type).toBe('boolean');
		expect(byId.Full_Name).toBeUndefined(); // read-only in Zoho
	});

	it('updates through "Map Each Field Below"', async () => {
		const [id] = emu.ids('Leads', 1);
		const columns = { mappingMode: 'defineBelow', value: { Lead_Status: 'Contacted', No_of_Employees: 42 }, matchingColumns: ['id'], schema: [] };
		const result = await runWorkflow({ emu, workflow: singleNodeWorkflow({ resource: 'record', operation: 'update', app: 'crm', module: moduleRl('Leads'), recordId: id, dataMode: 'mapping', columns }) });
		expect(result.status).toBe('success');
		expect(emu.data.crm.records.Leads.get(id)).toMatchObject({ Lead_Status: 'Contacted', No_of_Employees: 42 });
	});
});

describe('AI agent tool', () => {
	it('is usable as a tool, and every operation has an action an agent can read', async () => {
		const loader = await loadPackage();
		const description = loader.nodeTypes.zohoBeam.type.description;
		expect(description.usableAsTool).toBe(true);
		const operations = description.properties.filter((p: any) => p.name === 'operation');
		for (const selector of operations) for (const option of selector.options) expect(option.action).toMatch(/^[A-Z][a-z]+ /);
	});

	it('runs an operation the way the tool path calls it: $fromAI placeholders filled from the tool call', async () => {
		const [id] = emu.ids('Deals', 1);
		const parameters = {
			resource: 'record',
			operation: 'get',
			app: 'crm',
			module: { __rl: true, mode: 'name', value: "={{ $fromAI('module', 'CRM module API name, e.g. Deals', 'string') }}" },
			recordId: "={{ $fromAI('recordId', 'ID of the CRM record', 'string') }}",
		};
		const result = await runWorkflow({ emu, workflow: singleNodeWorkflow(parameters), input: [{ module: 'Deals', recordId: id }] });
		expect(result.status).toBe('success');
		const [item] = result.output('Zoho');
		expect(item.json.id).toBe(id);
		expect(item.json.deepLink).toMatch(/\/tab\/Potentials\//);
	});

	it('gives an agent a clear, actionable error for a bad argument', async () => {
		const parameters = { resource: 'record', operation: 'get', app: 'crm', module: moduleRl('Leads'), recordId: "={{ $fromAI('recordId', 'ID of the CRM record', 'string') }}" };
		const result = await runWorkflow({ emu, workflow: singleNodeWorkflow(parameters), input: [{ recordId: 'the lead called Jane' }] });
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(/recordId.*must be a Zoho ID/);
	});
});
