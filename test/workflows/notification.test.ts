/* Notification (watch) channels, through n8n's real engine against the emulator. */
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, logLines } = require('../harness');

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const DAY = 24 * 3600 * 1000;
const NO_MS_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const watchRequests = (method?: string) =>
	emu.requests.filter(
		(r: any) =>
			r.app === 'crm' && r.path.endsWith('/actions/watch') && (!method || r.method === method),
	);
const run = (parameters: object, input?: object[], extra?: object) =>
	runWorkflow({ emu, workflow: singleNodeWorkflow(parameters, extra), input });
const continueOnFail = { onError: 'continueRegularOutput' };
const enable = (parameters: object = {}, input?: object[], extra?: object) =>
	run(
		{
			resource: 'notification',
			operation: 'enable',
			events: ['Leads.create', 'Deals.edit'],
			notifyUrl: 'https://example.com/zoho-hook',
			...parameters,
		},
		input,
		extra,
	);

describe('notification channel lifecycle', () => {
	it('enables, lists, renews and disables a channel; events and token survive the renewal', async () => {
		// Enable: channel ID and token generated, expiry one week ahead without milliseconds.
		const before = Date.now();
		const enabled = await enable({ options: { returnAffectedFieldValues: true } });
		expect(enabled.status).toBe('success');
		const [channel] = enabled.output('Zoho');
		expect(channel.pairedItem).toEqual({ item: 0 });
		const { channelId, token } = channel.json;
		expect(channelId).toMatch(/^\d+$/);
		expect(Number(channelId)).toBeGreaterThan(0);
		expect(Number(channelId)).toBeLessThan(2 ** 48);
		expect(token).toEqual(expect.any(String));
		expect(token.length).toBeGreaterThanOrEqual(16);
		expect(token.length).toBeLessThanOrEqual(50);
		expect(channel.json).toMatchObject({
			events: ['Leads.create', 'Deals.edit'],
			notifyUrl: 'https://example.com/zoho-hook',
			channelExpiry: expect.stringMatching(NO_MS_WITH_OFFSET),
			returnAffectedFieldValues: true,
			code: 'SUCCESS',
			status: 'success',
		});
		expect(channel.json.resourceUris).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/\/Leads$/),
				expect.stringMatching(/\/Deals$/),
			]),
		);
		const [post] = watchRequests('POST');
		expect(post.body.watch[0].channel_id).toBe(Number(channelId));
		expect(post.body.watch[0].channel_expiry).toMatch(NO_MS_WITH_OFFSET);
		const expiry = Date.parse(post.body.watch[0].channel_expiry);
		expect(expiry).toBeGreaterThan(before + 7 * DAY - 60_000);
		expect(expiry).toBeLessThanOrEqual(Date.now() + 7 * DAY);

		const stored = emu.data.crm.watch.get(channelId);
		expect(stored).toMatchObject({
			channel_id: channelId,
			events: ['Leads.create', 'Deals.edit'],
			notify_url: 'https://example.com/zoho-hook',
			token,
			return_affected_field_values: true,
		});
		const firstExpiry = stored.expiresAt;

		// List.
		const listed = await run({ resource: 'notification', operation: 'getAll', returnAll: true });
		expect(listed.status).toBe('success');
		const rows = listed.output('Zoho');
		expect(rows).toHaveLength(1);
		expect(rows[0].json).toMatchObject({
			channelId,
			events: ['Leads.create', 'Deals.edit'],
			notifyUrl: 'https://example.com/zoho-hook',
			token,
			channelExpiry: expect.stringMatching(NO_MS_WITH_OFFSET),
		});
		expect(rows[0].json.resourceUris).toHaveLength(2);

		// Renew: only the expiry given; the node reads the channel and resends events and token.
		const renewTo = new Date(Date.now() + 2 * DAY);
		const updated = await run({
			resource: 'notification',
			operation: 'update',
			channelId,
			channelExpiry: renewTo.toISOString(),
		});
		expect(updated.status).toBe('success');
		const [renewed] = updated.output('Zoho');
		expect(renewed.json).toMatchObject({
			channelId,
			events: ['Leads.create', 'Deals.edit'],
			channelExpiry: expect.stringMatching(NO_MS_WITH_OFFSET),
			code: 'SUCCESS',
		});
		const get = watchRequests('GET').pop();
		expect(get.query).toEqual({ channel_id: channelId });
		const [patch] = watchRequests('PATCH');
		expect(patch.body.watch[0]).toMatchObject({
			channel_id: Number(channelId),
			events: ['Leads.create', 'Deals.edit'],
			token,
		});
		expect(patch.body.watch[0].channel_expiry).toMatch(NO_MS_WITH_OFFSET);
		const afterUpdate = emu.data.crm.watch.get(channelId);
		expect(afterUpdate.events).toEqual(['Leads.create', 'Deals.edit']);
		expect(afterUpdate.token).toBe(token);
		expect(afterUpdate.expiresAt).not.toBe(firstExpiry);
		expect(Math.abs(afterUpdate.expiresAt - renewTo.getTime())).toBeLessThan(1000);

		// Disable.
		const disabled = await run({
			resource: 'notification',
			operation: 'disable',
			channelIds: channelId,
		});
		expect(disabled.status).toBe('success');
		expect(disabled.output('Zoho')[0].json).toMatchObject({
			channelId,
			disabled: true,
			code: 'SUCCESS',
			status: 'success',
		});
		expect(watchRequests('DELETE')[0].query).toEqual({ channel_ids: channelId });
		expect(emu.data.crm.watch.has(channelId)).toBe(false);
	});

	it('enables with a given ID, token, expiry and options', async () => {
		const expiry = new Date(Date.now() + 3 * DAY + 1234);
		const condition = [
			{
				type: 'field_selection',
				module: { api_name: 'Deals' },
				field_selection: { field: { api_name: 'Stage' } },
			},
		];
		const result = await enable({
			channelId: '1000000068001',
			token: 'my-verify-token',
			channelExpiry: expiry.toISOString(),
			options: { notifyOnRelatedAction: true, notificationCondition: JSON.stringify(condition) },
		});
		expect(result.status).toBe('success');
		expect(result.output('Zoho')[0].json).toMatchObject({
			channelId: '1000000068001',
			token: 'my-verify-token',
			notifyOnRelatedAction: true,
		});
		const sent = watchRequests('POST')[0].body.watch[0];
		expect(sent).toMatchObject({
			channel_id: 1000000068001,
			token: 'my-verify-token',
			notify_on_related_action: true,
			notification_condition: condition,
		});
		expect(sent.channel_expiry).toBe(
			new Date(Math.floor(expiry.getTime() / 1000) * 1000).toISOString().replace('.000Z', '+00:00'),
		);
		expect(emu.data.crm.watch.get('1000000068001')).toMatchObject({
			token: 'my-verify-token',
			notify_on_related_action: true,
		});
	});

	it('reads a date-picker value without offset in the workflow time zone', async () => {
		const target = Math.floor((Date.now() + 3 * DAY) / 1000) * 1000;
		const parts = Object.fromEntries(
			new Intl.DateTimeFormat('en-US', {
				timeZone: 'America/New_York',
				hourCycle: 'h23',
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				second: '2-digit',
			})
				.formatToParts(new Date(target))
				.map((part) => [part.type, part.value]),
		);
		const wallClock = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
		const result = await enable({ channelId: '31', channelExpiry: wallClock });
		expect(result.status).toBe('success');
		expect(watchRequests('POST')[0].body.watch[0].channel_expiry).toBe(
			new Date(target).toISOString().replace('.000Z', '+00:00'),
		);
		expect(emu.data.crm.watch.get('31').expiresAt).toBe(target);
	});

	it('updates the events, keeping the token it reads from the channel', async () => {
		await enable({ channelId: '4242', token: 'keep-me' });
		const result = await run({
			resource: 'notification',
			operation: 'update',
			channelId: '4242',
			events: ['Contacts.all'],
		});
		expect(result.status).toBe('success');
		expect(emu.data.crm.watch.get('4242')).toMatchObject({
			events: ['Contacts.all'],
			token: 'keep-me',
		});
		expect(watchRequests('PATCH')[0].body.watch[0]).toEqual({
			channel_id: 4242,
			events: ['Contacts.all'],
			token: 'keep-me',
		});
	});

	it('lists channels page by page, and up to the limit', async () => {
		const input = Array.from({ length: 205 }, (_, n) => ({ id: String(1000 + n) }));
		const enabled = await enable({ channelId: '={{ $json.id }}' }, input);
		expect(enabled.output('Zoho')).toHaveLength(205);
		expect(emu.data.crm.watch.size).toBe(205);
		const all = await run({ resource: 'notification', operation: 'getAll', returnAll: true });
		expect(all.output('Zoho').map((item: any) => item.json.channelId)).toEqual(
			input.map((entry) => entry.id),
		);
		expect(watchRequests('GET').map((r: any) => r.query)).toEqual([
			{ page: '1', per_page: '200' },
			{ page: '2', per_page: '200' },
		]);
		const result = await run({ resource: 'notification', operation: 'getAll', limit: 2 });
		expect(result.status).toBe('success');
		expect(result.output('Zoho').map((item: any) => item.json.channelId)).toEqual(['1000', '1001']);
		expect(watchRequests('GET').pop().query).toEqual({ page: '1', per_page: '2' });
		const filtered = await run({
			resource: 'notification',
			operation: 'getAll',
			returnAll: true,
			options: { channelId: '1013' },
		});
		expect(filtered.output('Zoho').map((item: any) => item.json.channelId)).toEqual(['1013']);
	});

	it('disables several channels given as a list', async () => {
		for (const id of ['21', '22']) await enable({ channelId: id });
		const result = await run({
			resource: 'notification',
			operation: 'disable',
			channelIds: '={{ ["21", "22"] }}',
		});
		expect(result.status).toBe('success');
		expect(result.output('Zoho').map((item: any) => item.json.channelId)).toEqual(['21', '22']);
		expect(emu.data.crm.watch.size).toBe(0);
	});
});

describe('notification refusals', () => {
	it('refuses an expiry more than a week ahead before any request', async () => {
		const result = await enable({ channelExpiry: new Date(Date.now() + 8 * DAY).toISOString() });
		expect(result.status).toBe('error');
		const error = result.nodeError('Zoho');
		expect(error.message).toMatch(/"channelExpiry" .* is more than one week ahead/);
		expect(error.context.itemIndex).toBe(0);
		expect(watchRequests()).toHaveLength(0);
		expect(emu.data.crm.watch.size).toBe(0);
	});

	it('refuses an expiry in the past, also on update, before any request', async () => {
		const past = await enable({ channelExpiry: '2020-01-01T00:00:00+00:00' });
		expect(past.nodeError('Zoho').message).toMatch(/"channelExpiry" .* is in the past/);
		const update = await run({
			resource: 'notification',
			operation: 'update',
			channelId: '77',
			channelExpiry: new Date(Date.now() + 30 * DAY).toISOString(),
		});
		expect(update.nodeError('Zoho').message).toMatch(/more than one week ahead/);
		expect(watchRequests()).toHaveLength(0);
	});

	it('refuses bad URLs, events, IDs, tokens and JSON before any request, naming item and parameter', async () => {
		const cases: Array<[object, RegExp]> = [
			[{ notifyUrl: 'ftp://example.com/hook' }, /"notifyUrl" must use http or https/],
			[{ notifyUrl: 'not a url' }, /"notifyUrl" must be a full URL/],
			[{ events: ['Leads.explode'] }, /"events" has an invalid event "Leads.explode"/],
			[{ events: '={{ [] }}' }, /"events" needs at least one event/],
			[{ channelId: '12ab' }, /"channelId" must be a channel ID/],
			[{ token: 't'.repeat(51) }, /"token" is 51 characters long; the limit is 50/],
			[
				{ options: { notificationCondition: '[{"type": ' } },
				/"notificationCondition" is not valid JSON/,
			],
			[
				{ options: { notificationCondition: '[1]' } },
				/"notificationCondition" must be a JSON object or an array of objects/,
			],
			[{ notifyUrl: 'https://example.com/\u0007' }, /"notifyUrl" contains control characters/],
		];
		for (const [parameters, message] of cases) {
			const result = await enable(parameters, [{}], continueOnFail);
			const [item] = result.output('Zoho');
			expect(item.json.error.message).toMatch(message);
			expect(item.json.error.message).not.toMatch(/\[item/);
		}
		const disable = await run(
			{ resource: 'notification', operation: 'disable', channelIds: '123,abc' },
			[{}],
			continueOnFail,
		);
		expect(disable.output('Zoho')[0].json.error.message).toMatch(
			/"channelIds" must be a channel ID .*"abc"/,
		);
		expect(watchRequests()).toHaveLength(0);
	});

	it('never shows the token in an error, even when Zoho refuses the channel', async () => {
		const secret = 'super-secret-token-123';
		await enable({ channelId: '555', token: secret });
		const duplicate = await enable({ channelId: '555', token: secret }, [{}], continueOnFail);
		const [item] = duplicate.output('Zoho');
		expect(item.json.error.code).toBe('DUPLICATE_DATA');
		expect(JSON.stringify(item.json)).not.toContain(secret);
		const tooLong = await enable({ token: `${secret}${'x'.repeat(40)}` });
		const error = tooLong.nodeError('Zoho');
		expect(error.message).toMatch(/"token" is 62 characters long/);
		expect(
			`${error.message} ${error.description} ${JSON.stringify(error.errorResponse ?? {})}`,
		).not.toContain(secret);
		expect(logLines.join('\n')).not.toContain(secret);
	});

	it('watches custom modules (Zoho lists "Custom" among the supported modules)', async () => {
		const result = await enable(
			{ events: ['Shipments.create', 'Shipments.edit'] },
			[{}],
			continueOnFail,
		);
		const [item] = result.output('Zoho');
		expect(item.json.error).toBeUndefined();
		expect(item.json.events).toEqual(['Shipments.create', 'Shipments.edit']);
		expect(emu.data.crm.watch.get(item.json.channelId).events).toEqual([
			'Shipments.create',
			'Shipments.edit',
		]);
	});

	it('pairs errors with their input items under Continue On Fail', async () => {
		const input = [{ days: 2 }, { days: 9 }, { days: 3 }];
		const result = await enable(
			{ channelExpiry: '={{ $now.plus($json.days, "days").toISO() }}' },
			input,
			continueOnFail,
		);
		expect(result.status).toBe('success');
		const out = result.output('Zoho');
		expect(out).toHaveLength(3);
		expect(out.map((item: any) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(out[0].json.channelId).toMatch(/^\d+$/);
		expect(out[1].json.error.message).toMatch(/more than one week ahead/);
		expect(out[2].json.channelId).toMatch(/^\d+$/);
		expect(watchRequests('POST')).toHaveLength(2);
		expect(emu.data.crm.watch.size).toBe(2);
	});

	it('reports a channel that does not exist on update and disable', async () => {
		const update = await run(
			{ resource: 'notification', operation: 'update', channelId: '999' },
			[{}],
			continueOnFail,
		);
		expect(update.output('Zoho')[0].json.error.message).toMatch(
			/No notification channel with ID 999/,
		);
		expect(watchRequests('PATCH')).toHaveLength(0);
		const disable = await run(
			{ resource: 'notification', operation: 'disable', channelIds: '999' },
			[{}],
			continueOnFail,
		);
		expect(disable.output('Zoho')[0].json.error.message).toMatch(/999/);
	});
});

describe('example workflow', () => {
	it('examples/notification-enable.json enables a channel for https://example.com/zoho-hook', async () => {
		const workflow = require('../../examples/notification-enable.json');
		const result = await runWorkflow({ emu, workflow });
		expect(result.status).toBe('success');
		const [channel] = result.output('Enable Channel');
		expect(channel.json).toMatchObject({
			events: ['Leads.create', 'Deals.edit'],
			notifyUrl: 'https://example.com/zoho-hook',
			returnAffectedFieldValues: true,
			status: 'success',
		});
		expect(emu.data.crm.watch.get(channel.json.channelId)).toMatchObject({
			notify_url: 'https://example.com/zoho-hook',
			token: channel.json.token,
		});
	});
});

describe('editor lists (load options) against the emulator', () => {
	const { callMethod } = require('../harness/editor');
	const loadOptions = async (method: string) =>
		await callMethod({
			emu,
			kind: 'loadOptions',
			method,
			parameters: { resource: 'notification', operation: 'enable' },
			path: 'parameters.events',
		});

	it('lists create/edit/delete/all events of the standard and custom modules', async () => {
		const options = await loadOptions('getNotificationEvents');
		const values = options.map((option: any) => option.value);
		expect(values).toEqual(
			expect.arrayContaining([
				'Leads.create',
				'Leads.edit',
				'Leads.delete',
				'Leads.all',
				'Deals.edit',
				'Contacts.all',
			]),
		);
		expect(values).toEqual(
			expect.arrayContaining([
				'Shipments.create',
				'Shipments.edit',
				'Shipments.delete',
				'Shipments.all',
			]),
		);
		expect(values.some((value: string) => /^(Home|Feeds|Reports)\./.test(value))).toBe(false);
		expect(options.find((option: any) => option.value === 'Leads.create').name).toBe(
			'Leads: Created',
		);
	});

	it('lists the signal namespaces defined in the CRM', async () => {
		const options = await loadOptions('getSignalNamespaces');
		expect(options).toEqual([
			{ name: 'Deal alert (beam.deal_alert)', value: 'beam.deal_alert' },
			{ name: 'Ticket escalation (beam.ticket_escalation)', value: 'beam.ticket_escalation' },
		]);
		expect(emu.requests.filter((r: any) => r.path === '/crm/v2/settings/signals')).toHaveLength(1);
	});
});
