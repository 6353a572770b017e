'use strict';
/** CRM Notification (watch) API and custom signals. */

const { useEmulator } = require('./testkit');

const t = useEmulator();
beforeEach(() => t.emu.reset());

const pad = (n) => String(n).padStart(2, '0');
/** Zoho datetime with offset, `msAhead` from now. */
function expiry(msAhead, offset = '+00:00') {
	const d = new Date(Date.now() + msAhead);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offset}`;
}
const HOUR = 3600000;
const watch = (method, body, query) => t.crm(method, '/actions/watch', { body, query });
const item = (extra = {}) => ({
	channel_id: 1000001,
	events: ['Leads.create', 'Deals.edit'],
	notify_url: 'https://hooks.example.com/zoho',
	token: 'verify-me',
	...extra,
});

describe('watch: enable', () => {
	test('201 with details.events per module; default expiry 1 h', async () => {
		const res = await watch('POST', { watch: [item({ channel_expiry: undefined })] });
		expect(res.status).toBe(201);
		const w = res.body.watch[0];
		expect(w).toMatchObject({ code: 'SUCCESS', status: 'success' });
		expect(w.details.events.map((e) => e.resource_name).sort()).toEqual(['Deals', 'Leads']);
		expect(w.details.events[0]).toEqual(
			expect.objectContaining({
				channel_expiry: expect.stringMatching(/\+00:00$/),
				resource_uri: expect.stringContaining('/crm/v8/'),
				resource_id: expect.any(String),
				channel_id: '1000001',
			}),
		);
		const ms = Date.parse(w.details.events[0].channel_expiry) - Date.now();
		expect(ms).toBeGreaterThan(HOUR - 5000);
		expect(ms).toBeLessThanOrEqual(HOUR);
		expect(t.emu.data.crm.watch.get('1000001')).toMatchObject({
			token: 'verify-me',
			notify_url: 'https://hooks.example.com/zoho',
		});
	});

	test.each([
		['expiry > 7 days ahead', { channel_expiry: expiry(8 * 24 * HOUR) }, 'channel_expiry'],
		['expiry in the past', { channel_expiry: expiry(-HOUR) }, 'channel_expiry'],
		[
			'expiry with milliseconds',
			{ channel_expiry: new Date(Date.now() + HOUR).toISOString().replace('Z', '+00:00') },
			'channel_expiry',
		],
		[
			'expiry with Z',
			{ channel_expiry: new Date(Date.now() + HOUR).toISOString().slice(0, 19) + 'Z' },
			'channel_expiry',
		],
		['expiry not ISO', { channel_expiry: 'tomorrow' }, 'channel_expiry'],
		['token > 50 chars', { token: 'x'.repeat(51) }, 'token'],
		['unknown module', { events: ['Widgets.create'] }, 'events'],
		['bad operation', { events: ['Leads.update'] }, 'events'],
		['notify_url not http(s)', { notify_url: 'ftp://example.com/x' }, 'notify_url'],
		['channel_id not a number', { channel_id: '1000001' }, 'channel_id'],
	])('%s → per-item INVALID_DATA, HTTP 400 when all fail', async (_name, extra, api) => {
		const res = await watch('POST', { watch: [item(extra)] });
		expect(res.status).toBe(400);
		expect(res.body.watch[0]).toMatchObject({
			code: 'INVALID_DATA',
			status: 'error',
			details: { api_name: api },
		});
		expect(t.emu.data.crm.watch.size).toBe(0);
	});

	test('expiry within 7 days with an offset is accepted; duplicate channel → DUPLICATE_DATA; mixed → 207', async () => {
		const ok = await watch('POST', {
			watch: [item({ channel_expiry: expiry(6 * 24 * HOUR, '+05:30') })],
		});
		expect(ok.status).toBe(201);
		const res = await watch('POST', {
			watch: [item(), item({ channel_id: 1000002, events: ['Contacts.delete', 'Accounts.all'] })],
		});
		expect(res.status).toBe(207);
		expect(res.body.watch[0]).toMatchObject({
			code: 'DUPLICATE_DATA',
			details: { api_name: 'channel_id' },
		});
		expect(res.body.watch[1].code).toBe('SUCCESS');
		expect((await watch('POST', {})).body).toMatchObject({
			code: 'MANDATORY_NOT_FOUND',
			details: { api_name: 'watch' },
		});
	});
});

describe('watch: list, update, disable', () => {
	beforeEach(async () => {
		await watch('POST', {
			watch: [item(), item({ channel_id: 1000002, events: ['Contacts.all'], token: 'b' })],
		});
	});

	test('GET lists channels, filters by channel_id/module; 204 when none', async () => {
		const all = await watch('GET');
		expect(all.status).toBe(200);
		expect(all.body.watch.map((w) => w.channel_id)).toEqual(['1000001', '1000002']);
		expect(all.body.watch[0]).toMatchObject({
			notify_url: 'https://hooks.example.com/zoho',
			token: 'verify-me',
			channel_expiry: expect.any(String),
		});
		expect(all.body.watch[0].events.map((e) => e.resource_name).sort()).toEqual(['Deals', 'Leads']);
		expect(all.body.info).toMatchObject({ count: 2, more_records: false });
		expect(
			(await watch('GET', undefined, { module: 'Contacts' })).body.watch.map((w) => w.channel_id),
		).toEqual(['1000002']);
		expect((await watch('GET', undefined, { channel_id: '1000001' })).body.watch).toHaveLength(1);
		expect((await watch('GET', undefined, { channel_id: '42' })).status).toBe(204);
	});

	test('PATCH without events/token nulls them (like Zoho); with them keeps them', async () => {
		const res = await watch('PATCH', {
			watch: [{ channel_id: 1000001, channel_expiry: expiry(2 * HOUR) }],
		});
		expect(res.status).toBe(200);
		const ch = t.emu.data.crm.watch.get('1000001');
		expect(ch.events).toBeNull();
		expect(ch.token).toBeNull();
		expect(ch.notify_url).toBe('https://hooks.example.com/zoho');
		await watch('PATCH', {
			watch: [
				{
					channel_id: 1000001,
					events: ['Leads.all'],
					token: 'again',
					channel_expiry: expiry(3 * HOUR),
				},
			],
		});
		expect(t.emu.data.crm.watch.get('1000001')).toMatchObject({
			events: ['Leads.all'],
			token: 'again',
		});
		const unknown = await watch('PATCH', { watch: [{ channel_id: 999, events: ['Leads.all'] }] });
		expect(unknown.status).toBe(400);
		expect(unknown.body.watch[0]).toMatchObject({
			code: 'INVALID_DATA',
			details: { api_name: 'channel_id' },
		});
		expect(
			(
				await watch('PATCH', {
					watch: [
						{ channel_id: 1000001, events: ['Leads.all'], channel_expiry: expiry(9 * 24 * HOUR) },
					],
				})
			).status,
		).toBe(400);
	});

	test('PUT replaces the channel (omitted values reset); needs events and notify_url', async () => {
		const res = await watch('PUT', {
			watch: [
				{ channel_id: 1000002, events: ['Deals.create'], notify_url: 'https://new.example.com/h' },
			],
		});
		expect(res.status).toBe(200);
		expect(t.emu.data.crm.watch.get('1000002')).toMatchObject({
			events: ['Deals.create'],
			notify_url: 'https://new.example.com/h',
			token: null,
		});
		expect(
			(await watch('PUT', { watch: [{ channel_id: 1000002, events: ['Deals.create'] }] })).body
				.watch[0].code,
		).toBe('MANDATORY_NOT_FOUND');
	});

	test('DELETE ?channel_ids= un-subscribes; unknown ids → INVALID_DATA; missing param → 400', async () => {
		const res = await watch('DELETE', undefined, { channel_ids: '1000001,1000002' });
		expect(res.status).toBe(200);
		expect(res.body.watch[0]).toMatchObject({
			code: 'SUCCESS',
			status: 'success',
			message: 'Successfully un-subscribed from actions-watch',
		});
		expect(t.emu.data.crm.watch.size).toBe(0);
		expect((await watch('DELETE', undefined, { channel_ids: '1000001' })).body.watch[0].code).toBe(
			'INVALID_DATA',
		);
		expect((await watch('DELETE')).body.code).toBe('REQUIRED_PARAM_MISSING');
		expect((await watch('GET')).status).toBe(204);
	});

	test('the v2 path works too', async () => {
		expect((await t.crm('GET', '/actions/watch', { version: 2 })).body.watch).toHaveLength(2);
	});
});

describe('signals', () => {
	const raise = (body) => t.crm('POST', '/signals/notifications', { version: 2, body });
	const sig = (extra = {}) => ({
		signal_namespace: 'beam.deal_alert',
		subject: 'Deal at risk',
		message: 'No activity for *14* days',
		id: t.emu.firstId('Deals'),
		...extra,
	});

	test('GET /crm/v2/settings/signals lists the two seeded signals', async () => {
		const res = await t.crm('GET', '/settings/signals', { version: 2 });
		expect(res.body.signals.map((s) => s.namespace)).toEqual([
			'beam.deal_alert',
			'beam.ticket_escalation',
		]);
		expect(res.body.signals[0]).toMatchObject({
			id: expect.any(String),
			display_label: 'Deal alert',
			enabled: true,
		});
	});

	test('raising a signal stores it and adds a signals timeline entry', async () => {
		const id = t.emu.ids('Deals', 2)[1];
		const res = await raise({
			signals: [
				sig({
					id,
					actions: [
						{ type: 'link', open_in: 'tab', display_name: 'Open', url: 'https://example.com/x' },
					],
				}),
			],
		});
		expect(res.status).toBe(200);
		expect(res.body.signals[0]).toMatchObject({
			code: 'SUCCESS',
			status: 'success',
			message: 'signal raised',
			details: { id },
		});
		expect(t.emu.data.crm.signals).toHaveLength(1);
		expect(t.emu.data.crm.signals[0]).toMatchObject({
			signal_namespace: 'beam.deal_alert',
			record: { module: 'Deals', id },
		});
		const tl = await t.crm('GET', `/Deals/${id}/__timeline`, {
			query: { include_timeline_type: 'signals', include: 'type', per_page: 1 },
		});
		expect(tl.body.__timeline[0]).toMatchObject({
			type: 'signals',
			signal_details: { subject: 'Deal at risk' },
		});
		const byEmail = await raise({
			signals: [
				sig({
					id: undefined,
					email: t.emu.data.crm.records.Leads.get(t.emu.firstId('Leads')).Email,
				}),
			],
		});
		expect(byEmail.body.signals[0].details.id).toBe(t.emu.firstId('Leads'));
	});

	test('validation: missing signals, namespace, subject/message length, id/email, actions', async () => {
		expect((await raise({})).body).toMatchObject({
			code: 'MANDATORY_NOT_FOUND',
			details: { api_name: 'signals' },
		});
		const res = await raise({
			signals: [
				sig({ signal_namespace: 'nope.nothing' }),
				sig({ subject: 's'.repeat(101) }),
				sig({ message: 'm'.repeat(1001) }),
				sig({ id: undefined }),
				sig({ id: '5725767003999999999' }),
				sig({
					actions: [
						{ type: 'button', open_in: 'tab', display_name: 'x', url: 'https://x.example' },
					],
				}),
			],
		});
		expect(res.status).toBe(400);
		expect(res.body.signals.map((s) => [s.code, s.details.api_name])).toEqual([
			['INVALID_DATA', 'signal_namespace'],
			['INVALID_DATA', 'subject'],
			['INVALID_DATA', 'message'],
			['MANDATORY_NOT_FOUND', 'id'],
			['INVALID_DATA', 'id'],
			['INVALID_DATA', 'actions'],
		]);
		const mixed = await raise({ signals: [sig(), sig({ subject: '' })] });
		expect(mixed.status).toBe(207);
		expect(
			(await raise({ signals: [sig({ subject: 's'.repeat(100), message: 'm'.repeat(1000) })] }))
				.status,
		).toBe(200);
	});

	test('signals endpoints exist only on /crm/v2', async () => {
		expect(
			(await t.crm('POST', '/signals/notifications', { body: { signals: [sig()] } })).status,
		).toBe(404);
		expect((await t.crm('GET', '/settings/signals')).status).toBe(404);
	});
});
