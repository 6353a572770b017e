/*
 * Zoho Beam Trigger (polling): scheduled polls through n8n-core's PollTriggerExecutor and
 * PollContext, static data kept between polls the way n8n keeps it, against the emulator.
 */
const { startEmulator } = require('../emulator');
const { emulatorCredential } = require('../harness');
const { pollTrigger } = require('../harness/poll');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => {
	emu.reset();
	emu.configure({
		clockOffsetMs: 0,
		faults: { rate429: 0, rate500: 0, paths: null, retryAfterSec: null },
	});
	emu.onRequest(null);
});

const moduleRl = (value: string) => ({ __rl: true, mode: 'list', value });
const crmTrigger = (event: string, options: object = {}, module = 'Leads') =>
	pollTrigger({ emu, parameters: { app: 'crm', module: moduleRl(module), event, options } });
const deskTrigger = (deskModule: string, event: string, options: object = {}) =>
	pollTrigger({ emu, parameters: { app: 'desk', deskModule, event, options } });

/** A CRM timestamp `seconds` after 2026-01-01 (later than every seeded record). */
const at = (seconds: number) =>
	`${new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString().slice(0, 19)}+00:00`;

/** Changes records in the emulator's store directly, so tests control Zoho's timestamps to the second. */
function touch(
	ids: string[],
	time: (index: number) => string,
	module = 'Leads',
	extra: object = {},
) {
	const map = emu.data.crm.records[module];
	ids.forEach((id, index) =>
		map.set(id, Object.freeze({ ...map.get(id), Modified_Time: time(index), ...extra })),
	);
}

async function api(method: string, path: string, body?: object) {
	const token = emu.issueToken();
	const headers: Record<string, string> = {
		Authorization: `Zoho-oauthtoken ${token.access_token}`,
		'content-type': 'application/json',
	};
	if (path.startsWith('/api/v1')) headers.orgId = emu.deskOrgIds.A;
	const response = await fetch(`${emu.url}${path}`, {
		method,
		headers,
		body: body ? JSON.stringify(body) : undefined,
	});
	expect(response.status).toBeLessThan(300);
	return response.status === 204 ? null : await response.json();
}

const ids = (items: any[] | null) => (items ?? []).map((item) => item.id);
const listRequests = (result: any, path = '/crm/v8/Leads') =>
	result.requests.filter((entry: any) => entry.path === path);

/** Polls until a poll emits nothing; returns every emitted item in order. */
async function drain(trigger: any, maxPolls = 50) {
	const all: any[] = [];
	for (let poll = 0; poll < maxPolls; poll++) {
		const result = await trigger.poll();
		expect(result.error).toBeUndefined();
		if (!result.items) return all;
		all.push(...result.items);
	}
	throw new Error('the trigger never went quiet');
}

describe('first activation, quiet polls and manual tests', () => {
	it('activation sets the cursor at Zoho’s newest record without emitting history, in one request', async () => {
		const trigger = await crmTrigger('createdOrUpdated');
		const result = await trigger.activate();
		expect(result.error).toBeUndefined();
		expect(result.items).toBeNull();
		expect(result.requests).toHaveLength(1);
		expect(result.requests[0].query).toMatchObject({
			sort_by: 'Modified_Time',
			sort_order: 'desc',
		});
		const newest = Array.from(emu.data.crm.records.Leads.values())
			.map((r: any) => r.Modified_Time)
			.sort()
			.pop();
		expect(trigger.staticData.zohoBeamPoll.cursor.time).toBe(newest);
		expect(await drain(trigger)).toEqual([]);
	});

	it('a quiet poll is one request, starts no execution and leaves the saved cursor alone', async () => {
		const trigger = await crmTrigger('createdOrUpdated');
		await trigger.activate();
		await trigger.poll();
		const saved = JSON.stringify(trigger.saved);
		const result = await trigger.poll();
		expect(result.items).toBeNull();
		expect(result.error).toBeUndefined();
		expect(result.requests).toHaveLength(1);
		expect(result.requests[0].path).toBe('/crm/v8/Leads');
		expect(result.requests[0].query.fields).toBe('Modified_Time');
		expect(trigger.executions).toHaveLength(0);
		expect(JSON.stringify(trigger.saved)).toBe(saved);
	});

	it('a quiet poll after records were emitted still costs one request (the cursor’s own second comes back and is skipped)', async () => {
		const trigger = await crmTrigger('createdOrUpdated');
		await trigger.activate();
		touch(emu.ids('Leads', 2), () => at(10));
		expect(ids((await trigger.poll()).items)).toHaveLength(2);
		const quiet = await trigger.poll();
		expect(quiet.items).toBeNull();
		expect(quiet.requests).toHaveLength(1);
	});

	it('"Fetch Test Event" returns the newest few records and leaves the cursor alone', async () => {
		const trigger = await crmTrigger('createdOrUpdated');
		await trigger.activate();
		const before = JSON.stringify(trigger.staticData);
		touch(emu.ids('Leads', 5), (i) => at(100 + i));
		const test = await trigger.fetchTestEvent();
		expect(test.status).toBe('success');
		expect(ids(test.items)).toEqual(emu.ids('Leads', 5).slice(2).reverse());
		for (const item of test.items) {
			expect(Object.keys(item).slice(0, 3)).toEqual(['id', 'deepLink', 'event']);
			expect(item.event).toBe('updated');
		}
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		// The scheduled polls still see all five changes.
		expect(ids(await drain(trigger))).toEqual(emu.ids('Leads', 5));
	});

	it('refuses a bad module name before any request, naming the parameter', async () => {
		const trigger = await pollTrigger({
			emu,
			parameters: {
				app: 'crm',
				module: { __rl: true, mode: 'name', value: 'Leads;DROP' },
				event: 'created',
			},
		});
		const result = await trigger.activate();
		expect(result.error?.message).toMatch(/module/);
		expect(result.requests).toHaveLength(0);
	});

	it('a token without the module scope fails the activation with the action node’s scope error', async () => {
		const credential = emulatorCredential(emu, {
			scopes: ['ZohoCRM.settings.ALL', 'ZohoCRM.org.READ'],
		});
		const trigger = await pollTrigger({
			emu,
			credential,
			parameters: { app: 'crm', module: moduleRl('Leads'), event: 'created' },
		});
		const result = await trigger.activate();
		expect(result.error?.message).toMatch(/scope|permission/i);
		expect(trigger.staticData).toEqual({});
	});
});

describe('CRM events', () => {
	async function changeSome() {
		const [a, b, c] = emu.ids('Leads', 3);
		await api('PUT', '/crm/v8/Leads', {
			data: [a, b, c].map((id) => ({ id, Lead_Status: 'Contacted' })),
		});
		const created = await api('POST', '/crm/v8/Leads', {
			data: [{ Last_Name: 'Newcomer' }, { Last_Name: 'Second' }],
		});
		return { updated: [a, b, c], created: created.data.map((row: any) => row.details.id) };
	}

	it('createdOrUpdated: every change once, labelled, with all fields and the deep link first', async () => {
		const trigger = await crmTrigger('createdOrUpdated');
		await trigger.activate();
		const { updated, created } = await changeSome();
		const result = await trigger.poll();
		expect(result.error).toBeUndefined();
		expect(ids(result.items).sort()).toEqual([...updated, ...created].sort());
		for (const item of result.items) {
			expect(Object.keys(item).slice(0, 3)).toEqual(['id', 'deepLink', 'event']);
			expect(item.deepLink).toBe(`https://crm.zoho.com/crm/org74822955/tab/Leads/${item.id}`);
			expect(item.event).toBe(created.includes(item.id) ? 'created' : 'updated');
			expect(item).toHaveProperty('Email');
			expect(item).toHaveProperty('Lead_Status');
		}
		expect(await drain(trigger)).toEqual([]);
	});

	it('created and updated are told apart', async () => {
		const createdTrigger = await crmTrigger('created');
		const updatedTrigger = await crmTrigger('updated');
		await createdTrigger.activate();
		await updatedTrigger.activate();
		const { updated, created } = await changeSome();
		const news = await createdTrigger.poll();
		expect(ids(news.items).sort()).toEqual([...created].sort());
		for (const item of news.items) expect(item.event).toBe('created');
		const changes = await updatedTrigger.poll();
		expect(ids(changes.items).sort()).toEqual([...updated].sort());
		for (const item of changes.items) expect(item.event).toBe('updated');
		// A created record changed later is an update, not a second creation.
		await api('PUT', '/crm/v8/Leads', { data: [{ id: created[0], Lead_Status: 'Contacted' }] });
		touch([created[0]], () => at(3600 * 24 * 400)); // a later second than its creation
		expect(await drain(createdTrigger)).toEqual([]);
		expect(ids(await drain(updatedTrigger))).toEqual([created[0]]);
	});

	it('an explicit field list returns those fields (and the timestamps) without reading field metadata', async () => {
		const trigger = await crmTrigger('createdOrUpdated', { fields: 'Last_Name,Email' });
		await trigger.activate();
		touch(emu.ids('Leads', 1), () => at(5));
		const result = await trigger.poll();
		expect(Object.keys(result.items[0]).sort()).toEqual([
			'Created_Time',
			'Email',
			'Last_Name',
			'Modified_Time',
			'deepLink',
			'event',
			'id',
		]);
		expect(result.requests.some((entry: any) => entry.path === '/crm/v8/settings/fields')).toBe(
			false,
		);
	});

	it('deleted: Zoho’s deleted records list, each deletion once', async () => {
		const trigger = await crmTrigger('deleted');
		await trigger.activate();
		const gone = emu.ids('Leads', 3);
		await api('DELETE', `/crm/v8/Leads?ids=${gone.join(',')}`);
		const result = await trigger.poll();
		expect(result.error).toBeUndefined();
		expect(ids(result.items).sort()).toEqual([...gone].sort());
		for (const item of result.items) {
			expect(item.event).toBe('deleted');
			expect(item.deepLink).toBe(`https://crm.zoho.com/crm/org74822955/tab/Leads/${item.id}`);
			expect(item.deleted_time).toEqual(expect.any(String));
		}
		expect(listRequests(result, '/crm/v8/Leads/deleted')[0].query).toMatchObject({ type: 'all' });
		const quiet = await trigger.poll();
		expect(quiet.items).toBeNull();
		expect(quiet.requests).toHaveLength(1);
		const next = emu.ids('Leads', 1)[0];
		await api('DELETE', `/crm/v8/Leads?ids=${next}`);
		expect(ids((await trigger.poll()).items)).toEqual([next]);
	});
});

describe('the cursor: nothing missed, nothing twice', () => {
	it('records sharing one Modified_Time second are split across polls by the cap, and a latecomer in that second still comes', async () => {
		const trigger = await crmTrigger('createdOrUpdated', { maxRecords: 2 });
		await trigger.activate();
		const five = emu.ids('Leads', 5);
		touch(five, () => at(60));
		const first = await trigger.poll();
		expect(ids(first.items)).toEqual(five.slice(0, 2));
		const second = await trigger.poll();
		expect(ids(second.items)).toEqual(five.slice(2, 4));
		// Another record is stamped with the same second after the polls read it.
		const late = emu.ids('Leads', 6)[5];
		touch([late], () => at(60));
		const third = await trigger.poll();
		expect(ids(third.items)).toEqual([five[4], late]);
		expect(await drain(trigger)).toEqual([]);
	});

	it('more than 2,000 changes in one second: page tokens past 2,000, every record once', async () => {
		const trigger = await crmTrigger('createdOrUpdated', {
			maxRecords: 10000,
			fields: 'Last_Name',
		});
		await trigger.activate();
		const many = emu.ids('Leads', 2500);
		touch(many, () => at(120));
		const result = await trigger.poll();
		expect(result.error).toBeUndefined();
		expect(ids(result.items).sort()).toEqual([...many].sort());
		expect(listRequests(result).some((entry: any) => entry.query.page_token)).toBe(true);
		expect(await drain(trigger)).toEqual([]);
	});

	it('more changes than the cap: the rest comes in the next polls, oldest first, none lost', async () => {
		const trigger = await crmTrigger('createdOrUpdated', { fields: 'Last_Name' });
		await trigger.activate();
		const many = emu.ids('Leads', 1200);
		touch(many, (i) => at(1000 + i));
		const polls: string[][] = [];
		for (let poll = 0; poll < 4; poll++) polls.push(ids((await trigger.poll()).items));
		expect(polls.map((list) => list.length)).toEqual([500, 500, 200, 0]);
		expect(polls.flat()).toEqual(many);
	});

	it('records changed again or deleted while a poll is paging are neither skipped nor doubled', async () => {
		const trigger = await crmTrigger('createdOrUpdated', {
			maxRecords: 10000,
			fields: 'Last_Name',
		});
		await trigger.activate();
		const batch = emu.ids('Leads', 450);
		touch(batch, (i) => at(2000 + i));
		const [movedAgain, deleted] = [batch[10], batch[20]];
		let listCalls = 0;
		emu.onRequest((entry: any) => {
			if (
				entry.method !== 'GET' ||
				entry.path !== '/crm/v8/Leads' ||
				entry.query.fields === 'Modified_Time'
			)
				return;
			listCalls++;
			if (listCalls === 2) {
				// Between the first and the second page: one record of page 1 changes again, one is deleted.
				touch([movedAgain], () => at(9000), 'Leads', { Last_Name: 'Changed again' });
				emu.data.crm.records.Leads.delete(deleted);
			}
		});
		const result = await trigger.poll();
		emu.onRequest(null);
		expect(result.error).toBeUndefined();
		const emitted = ids(result.items);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect([...emitted].sort()).toEqual([...batch].sort());
		expect(result.items.find((item: any) => item.id === movedAgain).Last_Name).toBe(
			'Changed again',
		);
		expect(await drain(trigger)).toEqual([]);
	});

	it('a poll that fails halfway emits nothing and keeps its cursor; the next poll brings every change once', async () => {
		const trigger = await crmTrigger('createdOrUpdated', {
			maxRecords: 10000,
			fields: 'Last_Name',
			maxAttempts: 1,
		});
		await trigger.activate();
		const batch = emu.ids('Leads', 450);
		touch(batch, (i) => at(3000 + i));
		const before = JSON.stringify(trigger.staticData);
		let listCalls = 0;
		emu.onRequest((entry: any) => {
			if (entry.path !== '/crm/v8/Leads' || entry.query.fields === 'Modified_Time') return;
			if (++listCalls === 2) emu.configure({ faults: { rate500: 1, paths: '^/crm/v8/Leads$' } });
		});
		const failed = await trigger.poll();
		emu.onRequest(null);
		emu.configure({ faults: { rate500: 0, paths: null } });
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toMatch(/500|Zoho|server/i);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		expect(ids(await drain(trigger))).toEqual(batch);
	});

	it('uses Zoho’s timestamps, not n8n’s clock: changes stamped hours behind or ahead of n8n are all caught', async () => {
		for (const offsetHours of [-5, 3]) {
			emu.reset();
			emu.configure({ clockOffsetMs: offsetHours * 3600 * 1000 });
			const trigger = await crmTrigger('createdOrUpdated');
			await trigger.activate();
			const [a, b] = emu.ids('Leads', 2);
			await api('PUT', '/crm/v8/Leads', { data: [{ id: a, Lead_Status: 'Contacted' }] });
			const stamped = Date.parse(emu.data.crm.records.Leads.get(a).Modified_Time);
			expect(Math.abs(stamped - (Date.now() + offsetHours * 3600 * 1000))).toBeLessThan(5000);
			expect(ids((await trigger.poll()).items)).toEqual([a]);
			await api('PUT', '/crm/v8/Leads', { data: [{ id: b, Lead_Status: 'Contacted' }] });
			expect(ids((await trigger.poll()).items)).toEqual([b]);
			expect(await drain(trigger)).toEqual([]);
		}
	});

	it('the cursor survives an n8n restart (saved static data) and a changed module starts afresh', async () => {
		const trigger = await crmTrigger('createdOrUpdated');
		await trigger.activate();
		await trigger.poll();
		touch(emu.ids('Leads', 2), () => at(50));
		trigger.restart();
		expect(ids((await trigger.poll()).items)).toEqual(emu.ids('Leads', 2));
		trigger.restart();
		expect(await drain(trigger)).toEqual([]);
		// Another module: its own first poll (nothing emitted), not the Leads cursor.
		touch(emu.ids('Contacts', 1), () => at(60), 'Contacts');
		trigger.node.parameters.module = moduleRl('Contacts');
		trigger.restart();
		const fresh = await trigger.poll();
		expect(fresh.items).toBeNull();
		expect(trigger.staticData.zohoBeamPoll.key).toBe('crm|Contacts|changes');
		expect(trigger.staticData.zohoBeamPoll.cursor.time).toBe(at(60));
		touch(emu.ids('Contacts', 2).slice(1), () => at(61), 'Contacts');
		expect(ids((await trigger.poll()).items)).toEqual(emu.ids('Contacts', 2).slice(1));
	});

	it('rides out a 429 like the action node', async () => {
		const trigger = await crmTrigger('createdOrUpdated');
		await trigger.activate();
		touch(emu.ids('Leads', 1), () => at(70));
		let calls = 0;
		emu.onRequest((entry: any) => {
			if (entry.path !== '/crm/v8/Leads') return;
			calls++;
			emu.configure({
				faults: { rate429: calls === 1 ? 1 : 0, retryAfterSec: 0, paths: '^/crm/v8/Leads$' },
			});
		});
		const result = await trigger.poll();
		emu.onRequest(null);
		expect(result.error).toBeUndefined();
		expect(result.requests[0].status).toBe(429);
		expect(ids(result.items)).toEqual(emu.ids('Leads', 1));
	});
});

describe('Desk', () => {
	const ticketsOf = (filter: (t: any) => boolean = () => true) =>
		Array.from(emu.data.desk.tickets.values()).filter(
			(t: any) => t.orgId === emu.deskOrgIds.A && filter(t),
		) as any[];

	it('tickets: created and updated since the cursor, through the ticket search, each once', async () => {
		const trigger = await deskTrigger('tickets', 'createdOrUpdated');
		const activation = await trigger.activate();
		expect(activation.error).toBeUndefined();
		const [a, b] = ticketsOf().slice(0, 2);
		await api('PATCH', `/api/v1/tickets/${a.id}`, { priority: 'High' });
		await api('PATCH', `/api/v1/tickets/${b.id}`, { priority: 'Low' });
		const created = await api('POST', '/api/v1/tickets', {
			subject: 'Printer on fire',
			departmentId: a.departmentId,
			contactId: a.contactId,
		});
		const result = await trigger.poll();
		expect(result.error).toBeUndefined();
		expect(ids(result.items).sort()).toEqual([a.id, b.id, created.id].sort());
		for (const item of result.items) {
			expect(Object.keys(item).slice(0, 3)).toEqual(['id', 'deepLink', 'event']);
			expect(item.deepLink).toMatch(/^https:\/\/desk\.zoho\.com\/support\/.+#Cases\/dv\//);
			expect(item.event).toBe(item.id === created.id ? 'created' : 'updated');
		}
		const search = listRequests(result, '/api/v1/tickets/search');
		expect(search[0].query).toMatchObject({ sortBy: 'modifiedTime' });
		expect(search[0].query.modifiedTimeRange).toEqual(expect.any(String));
		const quiet = await trigger.poll();
		expect(quiet.items).toBeNull();
		expect(quiet.requests).toHaveLength(1);
	});

	it('tickets: department and status filters go to Zoho’s search', async () => {
		const [first] = ticketsOf();
		const trigger = await deskTrigger('tickets', 'updated', {
			departmentId: { __rl: true, mode: 'id', value: first.departmentId },
			status: 'Open',
		});
		await trigger.activate();
		const inDept = ticketsOf(
			(t) => t.departmentId === first.departmentId && t.status === 'Open',
		).slice(0, 2);
		const otherDept = ticketsOf(
			(t) => t.departmentId !== first.departmentId && t.status === 'Open',
		).slice(0, 1);
		for (const ticket of [...inDept, ...otherDept])
			await api('PATCH', `/api/v1/tickets/${ticket.id}`, { priority: 'High' });
		const result = await trigger.poll();
		expect(ids(result.items).sort()).toEqual(inDept.map((t) => t.id).sort());
		expect(listRequests(result, '/api/v1/tickets/search')[0].query).toMatchObject({
			departmentId: first.departmentId,
			status: 'Open',
		});
	});

	it('contacts: changes since the cursor through Zoho’s contact search', async () => {
		const trigger = await deskTrigger('contacts', 'createdOrUpdated');
		await trigger.activate();
		const contacts = Array.from(emu.data.desk.contacts.values())
			.filter((c: any) => c.orgId === emu.deskOrgIds.A)
			.slice(0, 2) as any[];
		for (const contact of contacts)
			await api('PATCH', `/api/v1/contacts/${contact.id}`, { description: 'VIP' });
		const result = await trigger.poll();
		expect(ids(result.items).sort()).toEqual(contacts.map((c) => c.id).sort());
		for (const item of result.items) expect(item.event).toBe('updated');
		expect(listRequests(result, '/api/v1/contacts/search')[0].query).toMatchObject({
			sortBy: 'modifiedTime',
		});
		expect((await trigger.poll()).items).toBeNull();
	});

	it('a Desk organization the account does not belong to fails the activation with the node’s explanation', async () => {
		const credential = emulatorCredential(emu, {}, { deskOrgId: emu.deskOrgIds.foreign });
		const trigger = await pollTrigger({
			emu,
			credential,
			parameters: { app: 'desk', deskModule: 'tickets', event: 'created' },
		});
		const result = await trigger.activate();
		expect(result.error?.message).toMatch(/does not belong to the connected Zoho account/);
		expect(result.error?.message).toMatch(/credential field "Desk Organization ID"/);
		expect(trigger.staticData).toEqual({});
	});

	it('"Fetch Test Event" on tickets returns the newest few', async () => {
		const trigger = await deskTrigger('tickets', 'created');
		const test = await trigger.fetchTestEvent();
		expect(test.status).toBe('success');
		expect(test.items).toHaveLength(3);
		for (const item of test.items) expect(item.event).toBe('created');
		expect(trigger.staticData).toEqual({});
	});
});
