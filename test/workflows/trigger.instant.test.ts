/*
 * Zoho Beam Instant Trigger: lifecycle through n8n-core's HookContext, callbacks from the
 * emulator (real HTTP POSTs) handed to the node through n8n-core's WebhookContext.
 */
const { startEmulator } = require('../emulator');
const { startTrigger } = require('../harness/webhook');
const { runWorkflow } = require('../harness');

let emu: any;
let token: string;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => {
	emu.reset();
	emu.data.crm.watch.clear();
	token = emu.issueToken().access_token;
});

const DAY = 24 * 3600 * 1000;
const triggers: any[] = [];
afterEach(async () => {
	while (triggers.length) await triggers.pop().close();
});
async function trigger(parameters: object) {
	const t = await startTrigger({ emu, parameters });
	triggers.push(t);
	return t;
}

/** A change made through the emulator's API by someone else (a Zoho user, another integration). */
async function api(
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
) {
	const res = await fetch(`${emu.url}${path}`, {
		method,
		headers: {
			authorization: `Zoho-oauthtoken ${token}`,
			'content-type': 'application/json',
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const post = (url: string, body: unknown) =>
	fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	}).then(async (res) => ({ status: res.status, body: await res.text() }));
/** Waits until the emulator's callbacks are delivered and the trigger has finished handling them. */
async function settle(t: any) {
	await emu.settleDeliveries();
	await t.idle();
}
const watchCalls = (method: string) =>
	emu.requests.filter((r: any) => r.path.endsWith('/actions/watch') && r.method === method);
const callbacks = () => emu.deliveries.filter((d: any) => d.kind === 'callback');

describe('CRM: notification channel lifecycle (HookContext)', () => {
	it('creates a channel pointing at the webhook URL with a random 48-character token, finds it, removes it', async () => {
		const t = await trigger({ app: 'crm', events: ['Leads.create', 'Leads.edit'] });
		expect(await t.checkExists()).toBe(false);
		expect(await t.create()).toBe(true);
		const { channelId, token: secret, expiresAt } = t.state;
		expect(channelId).toMatch(/^\d+$/);
		expect(secret).toMatch(/^[A-Za-z0-9_-]{48}$/);
		expect(expiresAt).toBeGreaterThan(Date.now() + 7 * DAY - 15 * 60_000);
		const stored = emu.data.crm.watch.get(channelId);
		expect(stored).toMatchObject({
			notify_url: t.url,
			token: secret,
			events: ['Leads.create', 'Leads.edit'],
		});
		expect(t.url).toMatch(/\/webhook\/beam-hook-1\/webhook$/);

		// Another activation gets another token.
		const other = await trigger({ app: 'crm', events: ['Leads.create'] });
		await other.create();
		expect(other.state.token).not.toBe(secret);

		expect(await t.checkExists()).toBe(true);
		expect(watchCalls('PATCH')).toHaveLength(0); // plenty of time left: no renewal
		expect(await t.delete()).toBe(true);
		expect(emu.data.crm.watch.has(channelId)).toBe(false);
		expect(t.state.channelId).toBeUndefined();
		expect(await t.checkExists()).toBe(false);
	});

	it('checkExists replaces a channel whose events no longer match the node', async () => {
		const t = await trigger({ app: 'crm', events: ['Leads.create'] });
		await t.create();
		const first = t.state.channelId;
		t.workflow.getNode('Zoho Trigger').parameters.events = ['Deals.edit'];
		expect(await t.checkExists()).toBe(false);
		expect(emu.data.crm.watch.has(first)).toBe(false);
		await t.activate();
		expect(emu.data.crm.watch.get(t.state.channelId).events).toEqual(['Deals.edit']);
	});

	it('refuses invalid events before any request', async () => {
		const t = await trigger({ app: 'crm', events: ['Leads.update'] });
		await expect(t.create()).rejects.toThrow(/invalid event "Leads.update"/);
		expect(watchCalls('POST')).toHaveLength(0);
	});
});

describe('CRM: callbacks from the emulator (WebhookContext)', () => {
	it('emits one item per changed record, with event, module, deepLink and the changed fields', async () => {
		const t = await trigger({ app: 'crm', events: ['Leads.all'] });
		await t.activate();
		const ids = emu.ids('Leads', 3);
		const res = await api('PUT', '/crm/v8/Leads', {
			data: ids.map((id: string) => ({ id, Lead_Status: 'Contacted' })),
		});
		expect(res.status).toBe(200);
		await settle(t);
		expect(callbacks()).toHaveLength(1);
		expect(callbacks()[0].status).toBe(200);
		expect(t.executions).toHaveLength(1);
		const items = t.executions[0];
		expect(items.map((item: any) => item.id)).toEqual(ids);
		expect(Object.keys(items[0]).slice(0, 4)).toEqual(['id', 'deepLink', 'event', 'module']);
		expect(items[0]).toMatchObject({
			event: 'edit',
			module: 'Leads',
			affectedFields: ['Lead_Status'],
			deepLink: expect.stringMatching(/^https:\/\/crm\.zoho\.com\/crm\/.+\/tab\/Leads\/\d+$/),
		});
		expect(JSON.stringify(items)).not.toContain(t.state.token);

		// create and delete arrive as their own events
		const created = await api('POST', '/crm/v8/Leads', {
			data: [{ Last_Name: 'Instant', Company: 'Beam' }],
		});
		const newId = created.body.data[0].details.id;
		await api('DELETE', `/crm/v8/Leads/${newId}`);
		await settle(t);
		expect(
			t.executions.slice(1).map((run: any[]) => run.map((item) => [item.event, item.id])),
		).toEqual([[['create', newId]], [['delete', newId]]]);
	});

	it('Fetch Records reads the full records, at most 100 ids per request', async () => {
		const t = await trigger({
			app: 'crm',
			events: ['Leads.edit'],
			options: { fetchRecords: true },
		});
		await t.activate();
		const [id] = emu.ids('Leads', 1);
		await api('PUT', '/crm/v8/Leads', { data: [{ id, Last_Name: 'Fetched' }] });
		await settle(t);
		const [item] = t.executions[0];
		expect(item).toMatchObject({
			id,
			event: 'edit',
			module: 'Leads',
			Last_Name: 'Fetched',
			affectedFields: ['Last_Name'],
		});
		expect(item.Email).toBeDefined();

		// A callback naming 150 records (Zoho may batch them): read in requests of at most 100 ids.
		const many = emu.ids('Leads', 150);
		const before = emu.requests.length;
		const answer = await post(t.url, {
			module: 'Leads',
			operation: 'update',
			ids: many,
			channel_id: Number(t.state.channelId),
			token: t.state.token,
			server_time: Date.now(),
			query_params: {},
			affected_fields: [],
		});
		expect(answer.status).toBe(200);
		await t.idle();
		const reads = emu.requests
			.slice(before)
			.filter((r: any) => r.method === 'GET' && r.path === '/crm/v8/Leads' && r.query.ids);
		const idCounts = reads.map((r: any) => String(r.query.ids).split(',').length);
		expect(Math.max(...idCounts)).toBeLessThanOrEqual(100);
		expect(new Set(reads.flatMap((r: any) => String(r.query.ids).split(','))).size).toBe(150);
		const last = t.executions[t.executions.length - 1];
		expect(last).toHaveLength(150);
		expect(
			last.every((row: any) => typeof row.Last_Name === 'string' && row.fetchError === undefined),
		).toBe(true);
	});

	it('answers forged and unknown callbacks with 401 and starts nothing', async () => {
		const t = await trigger({ app: 'crm', events: ['Leads.edit'] });
		await t.activate();
		const { channelId, token: secret } = t.state;
		const base = {
			module: 'Leads',
			operation: 'update',
			ids: [emu.firstId('Leads')],
			server_time: Date.now(),
			query_params: {},
		};
		const forged = [
			{ ...base, channel_id: Number(channelId), token: `${secret.slice(0, -1)}x` },
			{ ...base, channel_id: Number(channelId), token: secret.slice(0, 20) },
			{ ...base, channel_id: Number(channelId) },
			{ ...base, channel_id: 42, token: secret },
			[],
		];
		for (const body of forged) expect((await post(t.url, body)).status).toBe(401);
		// A real Zoho channel of someone else pointing at this URL (its own token): refused too.
		await api('POST', '/crm/v8/actions/watch', {
			watch: [
				{ channel_id: 777, events: ['Leads.edit'], notify_url: t.url, token: 'someone-else' },
			],
		});
		await api('PUT', '/crm/v8/Leads', {
			data: [{ id: emu.firstId('Leads'), Lead_Status: 'Lost Lead' }],
		});
		await settle(t);
		const delivered = callbacks().map((d: any) => [d.body.channel_id, d.status]);
		expect(delivered).toHaveLength(2);
		expect(delivered).toEqual(
			expect.arrayContaining([
				[777, 401],
				[Number(channelId), 200],
			]),
		);
		expect(t.executions).toHaveLength(1);
		expect(t.calls.filter((c: any) => c.status === 401)).toHaveLength(forged.length + 1);
		expect(t.errors).toEqual([]);
	});

	it('renews a channel with less than half a week left when a callback arrives: events, token and URL resent', async () => {
		const t = await trigger({ app: 'crm', events: ['Leads.edit'] });
		await t.activate();
		const { channelId, token: secret } = t.state;
		emu.setChannelExpiry(channelId, Date.now() + 2 * DAY);
		t.state.expiresAt = Date.now() + 2 * DAY;
		await api('PUT', '/crm/v8/Leads', {
			data: [{ id: emu.firstId('Leads'), Lead_Status: 'Contacted' }],
		});
		await settle(t);
		expect(t.executions).toHaveLength(1);
		const [patch] = watchCalls('PATCH');
		expect(patch.body.watch[0]).toMatchObject({
			channel_id: Number(channelId),
			events: ['Leads.edit'],
			notify_url: t.url,
		});
		expect(Object.keys(patch.body.watch[0])).toContain('token');
		const stored = emu.data.crm.watch.get(channelId);
		expect(stored.token).toBe(secret);
		expect(stored.events).toEqual(['Leads.edit']);
		expect(stored.expiresAt).toBeGreaterThan(Date.now() + 6.5 * DAY);
		expect(t.state.expiresAt).toBe(Date.parse(new Date(stored.expiresAt).toISOString()));

		// The next callback finds plenty of time left: no second PATCH.
		await api('PUT', '/crm/v8/Leads', {
			data: [{ id: emu.firstId('Leads'), Lead_Status: 'Lost Lead' }],
		});
		await settle(t);
		expect(watchCalls('PATCH')).toHaveLength(1);
		expect(t.executions).toHaveLength(2);
	});

	it('renews on checkExists (n8n start / reactivation); an expired channel is replaced', async () => {
		const t = await trigger({ app: 'crm', events: ['Leads.edit'] });
		await t.activate();
		const first = t.state.channelId;
		emu.setChannelExpiry(first, Date.now() + DAY);
		expect(await t.checkExists()).toBe(true);
		expect(watchCalls('PATCH')).toHaveLength(1);
		expect(emu.data.crm.watch.get(first).expiresAt).toBeGreaterThan(Date.now() + 6.5 * DAY);

		// Expired: Zoho dropped it, nothing is delivered, and activation makes a new one.
		emu.setChannelExpiry(first, Date.now() - 1000);
		await api('PUT', '/crm/v8/Leads', {
			data: [{ id: emu.firstId('Leads'), Lead_Status: 'Contacted' }],
		});
		await settle(t);
		expect(callbacks()).toHaveLength(0);
		expect(await t.checkExists()).toBe(false);
		await t.create();
		expect(t.state.channelId).not.toBe(first);
		await api('PUT', '/crm/v8/Leads', {
			data: [{ id: emu.firstId('Leads'), Lead_Status: 'Lost Lead' }],
		});
		await settle(t);
		expect(t.executions).toHaveLength(1);
	});

	it('watches custom modules', async () => {
		const t = await trigger({ app: 'crm', events: ['Shipments.create'] });
		await t.activate();
		const created = await api('POST', '/crm/v8/Shipments', { data: [{ Name: 'SHP-instant' }] });
		expect(created.status).toBe(201);
		await settle(t);
		expect(t.executions[0]).toEqual([
			expect.objectContaining({
				id: created.body.data[0].details.id,
				event: 'create',
				module: 'Shipments',
			}),
		]);
	});

	it('a record changed by a Zoho Beam workflow reaches the trigger', async () => {
		const t = await trigger({ app: 'crm', events: ['Deals.edit'] });
		await t.activate();
		const [dealId] = emu.ids('Deals', 1);
		const result = await runWorkflow({
			emu,
			workflow: {
				nodes: [
					{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
					{
						name: 'Zoho',
						type: 'n8n-nodes-zoho-beam.zohoBeam',
						typeVersion: 1,
						parameters: {
							resource: 'record',
							operation: 'update',
							app: 'crm',
							module: { mode: 'name', value: 'Deals' },
							recordId: { mode: 'id', value: dealId },
							dataMode: 'json',
							fieldsJson: '{"Stage":"Closed Won"}',
						},
					},
				],
				connections: { Start: { main: [[{ node: 'Zoho', type: 'main', index: 0 }]] } },
			},
		});
		expect(result.status).toBe('success');
		await settle(t);
		expect(t.executions[0]).toEqual([
			expect.objectContaining({
				id: dealId,
				event: 'edit',
				module: 'Deals',
				affectedFields: ['Stage'],
				deepLink: expect.stringMatching(/\/tab\/Potentials\//),
			}),
		]);
	});
});

describe('Desk: webhook lifecycle and events', () => {
	const ORG = () => emu.deskOrgIds.A;
	const newTicket = async (subject: string, headers: Record<string, string> = {}) => {
		const [departmentId] = emu.deskIds('departments', ORG(), 1);
		const [contactId] = emu.deskIds('contacts', ORG(), 1);
		return await api(
			'POST',
			'/api/v1/tickets',
			{ subject, departmentId, contactId },
			{ orgId: ORG(), ...headers },
		);
	};

	it('creates the webhook (answering the validation GET), delivers event arrays, deletes it', async () => {
		const t = await trigger({ app: 'desk', deskEvents: ['Ticket_Add', 'Ticket_Update'] });
		expect(await t.checkExists()).toBe(false);
		await t.create();
		const validation = emu.deliveries.find((d: any) => d.kind === 'validation');
		expect(validation).toMatchObject({ method: 'GET', status: 200 });
		expect(t.calls[0]).toMatchObject({ method: 'GET', status: 200, executed: false });
		const [hook] = emu.data.desk.webhooks.values();
		expect(hook.url).toBe(`${t.url}?beamKey=${t.state.secret}`);
		expect(t.state.secret).toMatch(/^[A-Za-z0-9_-]{48}$/);
		expect(hook.subscriptions).toEqual({
			Ticket_Add: null,
			Ticket_Update: { includePrevState: true },
		});
		expect(await t.checkExists()).toBe(true);

		const created = await newTicket('Printer on fire');
		await settle(t);
		const [item] = t.executions[0];
		expect(Object.keys(item).slice(0, 4)).toEqual(['id', 'deepLink', 'event', 'module']);
		expect(item).toMatchObject({
			id: created.body.id,
			event: 'Ticket_Add',
			module: 'tickets',
			subject: 'Printer on fire',
			orgId: ORG(),
			deepLink: created.body.webUrl,
		});
		expect(item.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);

		await api(
			'PATCH',
			`/api/v1/tickets/${created.body.id}`,
			{ priority: 'High' },
			{ orgId: ORG() },
		);
		await settle(t);
		expect(t.executions[1][0]).toMatchObject({
			id: created.body.id,
			event: 'Ticket_Update',
			priority: 'High',
			prevState: { priority: created.body.priority ?? null },
		});

		await t.delete();
		expect(emu.data.desk.webhooks.size).toBe(0);
		expect(await t.checkExists()).toBe(false);
	});

	it('emits one item per event of an array; forged calls get 401', async () => {
		const t = await trigger({ app: 'desk', deskEvents: ['Ticket_Add', 'Contact_Update'] });
		await t.activate();
		const [ticketId] = emu.deskIds('tickets', ORG(), 1);
		const [contactId] = emu.deskIds('contacts', ORG(), 1);
		const events = [
			{
				eventType: 'Ticket_Add',
				orgId: ORG(),
				eventTime: String(Date.now()),
				payload: {
					id: ticketId,
					subject: 'A',
					webUrl: `https://desk.zoho.com/support/beam/ShowHomePage.do#Cases/dv/${ticketId}`,
				},
			},
			{
				eventType: 'Contact_Update',
				orgId: ORG(),
				eventTime: String(Date.now()),
				payload: { id: contactId, lastName: 'B' },
				prevState: { lastName: 'A' },
			},
		];
		const good = await post(`${t.url}?beamKey=${t.state.secret}`, events);
		expect(good.status).toBe(200);
		expect(t.executions[0].map((item: any) => [item.event, item.id, item.module])).toEqual([
			['Ticket_Add', ticketId, 'tickets'],
			['Contact_Update', contactId, 'contacts'],
		]);
		expect(t.executions[0][1]).toMatchObject({
			prevState: { lastName: 'A' },
			deepLink: expect.stringMatching(new RegExp(`#Contacts/dv/${contactId}$`)),
		});

		expect((await post(t.url, events)).status).toBe(401);
		expect((await post(`${t.url}?beamKey=${t.state.secret.slice(1)}x`, events)).status).toBe(401);
		expect(t.executions).toHaveLength(1);
	});

	it('acknowledges before the slow work: the answer does not wait for the record reads', async () => {
		const t = await trigger({
			app: 'crm',
			events: ['Leads.edit'],
			options: { fetchRecords: true },
		});
		await t.activate();
		// Every Zoho request now takes 300 ms; Fetch Records needs at least one. The answer must
		// come before that work is done, not after it.
		emu.configure({ latencyMs: 300 });
		const [id] = emu.ids('Leads', 1);
		const answer = await post(t.url, {
			module: 'Leads',
			operation: 'update',
			ids: [id],
			channel_id: Number(t.state.channelId),
			token: t.state.token,
			server_time: Date.now(),
			query_params: {},
			affected_fields: [],
		});
		expect(answer.status).toBe(200);
		expect(t.executions).toHaveLength(0);
		await t.idle();
		expect(t.executions[0][0]).toMatchObject({ id, event: 'edit', Last_Name: expect.any(String) });
	});

	it('passes ignoreSourceId and options; writes made with that source ID do not come back', async () => {
		const sourceId = '49ad222a-f812-11e7-8c3f-9a214cf093ae';
		const t = await trigger({
			app: 'desk',
			deskEvents: ['Ticket_Add', 'Ticket_Update', 'Ticket_Thread_Add'],
			options: {
				ignoreSourceId: sourceId,
				ticketFields: 'status,priority',
				threadDirection: 'in',
				includeAutomation: true,
			},
		});
		await t.activate();
		const [hook] = emu.data.desk.webhooks.values();
		expect(hook).toMatchObject({
			ignoreSourceId: sourceId,
			includeEventsFrom: ['AUTOMATION'],
			subscriptions: {
				Ticket_Add: null,
				Ticket_Update: { includePrevState: true, fields: ['status', 'priority'] },
				Ticket_Thread_Add: { direction: 'in' },
			},
		});
		await newTicket('from our own workflow', { sourceId });
		await newTicket('from someone else');
		await settle(t);
		expect(t.executions.map((run: any[]) => run[0].subject)).toEqual(['from someone else']);
	});

	it('names the missing scope when the credential lacks Desk.events', async () => {
		const { emulatorCredential } = require('../harness');
		const { ALL_SCOPES } = require('../emulator');
		const credential = emulatorCredential(emu, {
			scopes: ALL_SCOPES.filter((scope: string) => !scope.startsWith('Desk.events')),
		});
		const t = await startTrigger({
			emu,
			parameters: { app: 'desk', deskEvents: ['Ticket_Add'] },
			credential,
		});
		triggers.push(t);
		await expect(t.create()).rejects.toThrow(/Desk webhooks \(scope Desk\.events\.ALL\)/);
		expect(emu.data.desk.webhooks?.size ?? 0).toBe(0);
	});

	it('says clearly when the portal has no webhook slot left, and checks options before any request', async () => {
		emu.configure({ deskWebhookLimit: 0 });
		const t = await trigger({ app: 'desk', deskEvents: ['Ticket_Add'] });
		await expect(t.create()).rejects.toThrow(/no webhook left/);
		const bad = await trigger({
			app: 'desk',
			deskEvents: ['Ticket_Add'],
			options: { ignoreSourceId: 'not-a-uuid' },
		});
		const before = emu.requests.length;
		await expect(bad.create()).rejects.toThrow(/"ignoreSourceId" must be a UUID/);
		const tooMany = await trigger({
			app: 'desk',
			deskEvents: ['Ticket_Update'],
			options: { ticketFields: 'a,b,c,d,e,f' },
		});
		await expect(tooMany.create()).rejects.toThrow(/at most 5/);
		expect(emu.requests.length).toBe(before);
	});
});

describe('examples/notification-renew.json (scheduled renewal for quiet weeks)', () => {
	it('renews the trigger channel for another week; token and events stay, callbacks still verify', async () => {
		const t = await trigger({ app: 'crm', events: ['Leads.edit'] });
		await t.activate();
		const { channelId, token: secret } = t.state;
		emu.setChannelExpiry(channelId, Date.now() + DAY);
		const result = await runWorkflow({
			emu,
			workflow: require('../../examples/notification-renew.json'),
		});
		expect(result.status).toBe('success');
		expect(result.output('Renew Channel').map((item: any) => item.json.channelId)).toEqual([
			channelId,
		]);
		const stored = emu.data.crm.watch.get(channelId);
		expect(stored).toMatchObject({ token: secret, events: ['Leads.edit'], notify_url: t.url });
		expect(stored.expiresAt).toBeGreaterThan(Date.now() + 6.5 * DAY);

		await api('PUT', '/crm/v8/Leads', {
			data: [{ id: emu.firstId('Leads'), Lead_Status: 'Contacted' }],
		});
		await settle(t);
		expect(t.executions).toHaveLength(1);
	});
});
