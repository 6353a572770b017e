/* Records on Zoho Desk (tickets, contacts, accounts, tasks), through the real engine. */
import { ORG_A } from '../harness/typed';
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, emulatorCredential } = require('../harness');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const deskRequests = (method?: string) =>
	emu.requests.filter((r: any) => r.app === 'desk' && (!method || r.method === method));
// A fixed org ID keeps these tests independent of the per-credential discovery cache.
const run = (parameters: object, input?: object[], extra?: object) =>
	runWorkflow({
		emu,
		credential: emulatorCredential(emu, {}, { deskOrgId: ORG_A }),
		workflow: singleNodeWorkflow(parameters, extra),
		input,
	});

describe('record update (Desk)', () => {
	it.each([
		['tickets', { status: 'Closed' }, 'Cases'],
		['contacts', { title: 'Head of Ops' }, 'Contacts'],
		['accounts', { website: 'https://beam.example.com' }, 'Accounts'],
	])('updates a %s record with PATCH and returns its deep link', async (entity, fields, tab) => {
		const [id] = emu.deskIds(entity, ORG_A, 1);
		const result = await run({
			resource: 'record',
			operation: 'update',
			app: 'desk',
			deskModule: entity,
			recordId: id,
			dataMode: 'json',
			fieldsJson: JSON.stringify(fields),
		});
		expect(result.status).toBe('success');
		const [item] = result.output('Zoho');
		expect(item.json).toMatchObject({ id, ...fields });
		expect(item.json.deepLink).toMatch(new RegExp(`#${tab}/dv/${id}$`));
		const patches = deskRequests('PATCH');
		expect(patches).toHaveLength(1);
		expect(patches[0].path).toBe(`/api/v1/${entity}/${id}`);
		expect(emu.data.desk[entity].get(id)).toMatchObject(fields);
	});

	it('maps a field Zoho refuses to its own item with Continue On Fail', async () => {
		const ids: string[] = emu.deskIds('tickets', ORG_A, 2);
		const input = [
			{ id: ids[0], status: 'Closed' },
			{ id: ids[1], status: 'Not A Status' },
		];
		const result = await run(
			{
				resource: 'record',
				operation: 'update',
				app: 'desk',
				deskModule: 'tickets',
				recordId: '={{ $json.id }}',
				dataMode: 'autoMap',
			},
			input,
			{ onError: 'continueRegularOutput' },
		);
		const out = result.output('Zoho');
		expect(out).toHaveLength(2);
		expect(out[0].json.status).toBe('Closed');
		expect(out[1].json.error.message).toMatch(/status/i);
		expect(out.map((i: any) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses a non-numeric Desk ID before any request', async () => {
		const result = await run({
			resource: 'record',
			operation: 'update',
			app: 'desk',
			deskModule: 'tickets',
			recordId: '123?x=1',
			dataMode: 'json',
			fieldsJson: '{"status":"Closed"}',
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(/recordId.*Zoho ID/);
		expect(deskRequests()).toHaveLength(0);
	});
});

describe('record get, getAll, create, delete (Desk)', () => {
	it('lists 250 contacts in 3 pages of at most 100', async () => {
		const out = (
			await run({
				resource: 'record',
				operation: 'getAll',
				app: 'desk',
				deskModule: 'contacts',
				limit: 250,
			})
		).output('Zoho');
		expect(out).toHaveLength(250);
		expect(deskRequests('GET').map((r: any) => [r.query.from, r.query.limit])).toEqual([
			['0', '100'],
			['100', '100'],
			['200', '50'],
		]);
		expect(out[0].json.deepLink).toMatch(/#Contacts\/dv\/\d+$/);
	});

	it('gets a ticket', async () => {
		const [id] = emu.deskIds('tickets', ORG_A, 1);
		const [item] = (
			await run({
				resource: 'record',
				operation: 'get',
				app: 'desk',
				deskModule: 'tickets',
				recordId: id,
			})
		).output('Zoho');
		expect(item.json.id).toBe(id);
		expect(item.json.deepLink).toContain(`/support/beamsupport/ShowHomePage.do#Cases/dv/${id}`);
	});

	it('creates a contact and moves it to the trash', async () => {
		const created = (
			await run({
				resource: 'record',
				operation: 'create',
				app: 'desk',
				deskModule: 'contacts',
				dataMode: 'json',
				fieldsJson: '{"lastName":"Created","email":"created@example.com"}',
			})
		).output('Zoho');
		const id = created[0].json.id;
		expect(emu.data.desk.contacts.get(id).lastName).toBe('Created');
		const deleted = (
			await run({
				resource: 'record',
				operation: 'delete',
				app: 'desk',
				deskModule: 'contacts',
				recordId: id,
			})
		).output('Zoho');
		expect(deleted[0].json).toMatchObject({
			id,
			deleted: true,
			deepLink: expect.stringContaining(`#Contacts/dv/${id}`),
		});
		const trash = deskRequests('POST').find((r: any) => r.path.endsWith('/moveToTrash'));
		expect(trash.body).toEqual({ contactIds: [id] });
	});
});
