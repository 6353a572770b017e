/**
 * Every date parameter goes through helpers/dates.ts: a date-picker value (wall-clock time
 * without offset) is read in the workflow's time zone (settings.timezone), an ISO string with
 * an offset is taken as it is. Two zones, one on each side of UTC, through the real engine.
 */
import type { LogEntry } from '../harness/typed';
import { ORG_A } from '../harness/typed';
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, emulatorCredential } = require('../harness');

const NEW_YORK = 'America/New_York'; // UTC-5 in January
const KOLKATA = 'Asia/Kolkata'; // UTC+5:30

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

function run(timezone: string, parameters: object) {
	const workflow = { ...singleNodeWorkflow(parameters), settings: { timezone } };
	return runWorkflow({
		emu,
		workflow,
		credential: emulatorCredential(emu, {}, { deskOrgId: ORG_A }),
	});
}
const requests = (method: string, path: string): LogEntry[] =>
	emu.requests.filter((r: LogEntry) => r.method === method && r.path === path);

describe('Record → Get Many "Modified Since"', () => {
	/** Four leads changed on 2025-01-31 at 03:00, 06:00, 12:00 and 15:00 UTC; every other lead long before. */
	function stampLeads(): string[] {
		const leads = emu.data.crm.records.Leads;
		const stamp = (id: string, time: string) =>
			leads.set(id, { ...leads.get(id), Modified_Time: time });
		for (const id of [...leads.keys()]) stamp(id, '2020-01-01T00:00:00+00:00');
		const ids: string[] = emu.ids('Leads', 4);
		['03', '06', '12', '15'].forEach((hour, index) =>
			stamp(ids[index], `2025-01-31T${hour}:00:00+00:00`),
		);
		return ids;
	}
	const getAll = (timezone: string, modifiedSince: string) =>
		run(timezone, {
			resource: 'record',
			operation: 'getAll',
			app: 'crm',
			module: { __rl: true, mode: 'list', value: 'Leads' },
			returnAll: true,
			options: { fields: 'Last_Name', modifiedSince },
		});

	it.each([
		// 09:30 in New York is 14:30 UTC: only the 15:00 lead changed after it.
		[NEW_YORK, '2025-01-31T09:30:00', [3]],
		// 09:30 in Kolkata is 04:00 UTC: the 06:00, 12:00 and 15:00 leads.
		[KOLKATA, '2025-01-31T09:30:00', [1, 2, 3]],
		// An offset is taken as given, whatever the workflow's zone: 07:30 UTC.
		[NEW_YORK, '2025-01-31T09:30:00+02:00', [2, 3]],
		[KOLKATA, '2025-01-31T09:30:00+02:00', [2, 3]],
		[KOLKATA, '2025-01-31T07:30:00Z', [2, 3]],
	])('in %s, %s returns the right leads', async (timezone, since, expected) => {
		const ids = stampLeads();
		const result = await getAll(timezone, since);
		expect(result.status).toBe('success');
		expect(
			result
				.output('Zoho')
				.map((item: { json: { id: string } }) => item.json.id)
				.sort(),
		).toEqual(expected.map((index) => ids[index]).sort());
	});
});

describe('Case → Get Many time filters and Case → Update due date', () => {
	it.each([
		[NEW_YORK, '2024-01-01T05:00:00.000Z', '2024-03-01T05:00:00.000Z'],
		[KOLKATA, '2023-12-31T18:30:00.000Z', '2024-02-29T18:30:00.000Z'],
	])('in %s, created after/before midnight are sent as %s,%s', async (timezone, from, to) => {
		const result = await run(timezone, {
			resource: 'case',
			operation: 'getAll',
			limit: 5,
			filters: { createdAfter: '2024-01-01T00:00:00', createdBefore: '2024-03-01T00:00:00' },
		});
		expect(result.status).toBe('success');
		expect(requests('GET', '/api/v1/tickets/search')[0].query.createdTimeRange).toBe(
			`${from},${to}`,
		);
	});

	it.each([
		[NEW_YORK, '2025-03-01T17:00:00', '2025-03-01T22:00:00.000Z'],
		[KOLKATA, '2025-03-01T17:00:00', '2025-03-01T11:30:00.000Z'],
		[KOLKATA, '2025-03-01T17:00:00-05:00', '2025-03-01T22:00:00.000Z'],
		// New York switches to daylight time on 2025-03-09: UTC-4 from then on.
		[NEW_YORK, '2025-03-10 17:00', '2025-03-10T21:00:00.000Z'],
	])('in %s, due date %s is sent as %s', async (timezone, dueDate, sent) => {
		const [ticketId] = emu.deskIds('tickets', ORG_A, 1);
		const result = await run(timezone, {
			resource: 'case',
			operation: 'update',
			ticketId: { __rl: true, mode: 'id', value: ticketId },
			updateFields: { dueDate },
		});
		expect(result.status).toBe('success');
		expect(requests('PATCH', `/api/v1/tickets/${ticketId}`)[0].body.dueDate).toBe(sent);
	});

	it('refuses a date that does not exist before any request, naming the parameter', async () => {
		const [ticketId] = emu.deskIds('tickets', ORG_A, 1);
		const result = await run(KOLKATA, {
			resource: 'case',
			operation: 'update',
			ticketId: { __rl: true, mode: 'id', value: ticketId },
			updateFields: { dueDate: '2025-02-30T10:00:00' },
		});
		expect(result.status).toBe('error');
		expect(result.nodeError('Zoho').message).toMatch(/"dueDate" is not a valid date and time/);
		expect(emu.requests.filter((r: LogEntry) => r.app === 'desk' && r.method === 'PATCH')).toEqual(
			[],
		);
	});
});

describe('Notification → Enable expiry', () => {
	it('reads a wall-clock expiry in Asia/Kolkata (UTC+5:30)', async () => {
		const target = Math.floor((Date.now() + 3 * 24 * 3600 * 1000) / 1000) * 1000;
		const wallClock = new Date(target + 5.5 * 3600 * 1000).toISOString().slice(0, 19);
		const result = await run(KOLKATA, {
			resource: 'notification',
			operation: 'enable',
			events: ['Leads.create'],
			notifyUrl: 'https://example.com/hook',
			channelId: '77',
			channelExpiry: wallClock,
		});
		expect(result.status).toBe('success');
		const [request] = requests('POST', '/crm/v8/actions/watch');
		expect((request.body.watch as Array<{ channel_expiry: string }>)[0].channel_expiry).toBe(
			new Date(target).toISOString().replace('.000Z', '+00:00'),
		);
	});
});
