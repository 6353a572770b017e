'use strict';
/** Zoho Desk: organizations and orgId rules, tickets (list/get/search/create/update/trash), contacts/accounts/tasks, counts, history. */

const { useEmulator } = require('./testkit');

const t = useEmulator();
beforeEach(() => t.emu.reset());

const A = '60001234567';
const B = '60007654321';
const ticketsOf = (orgId) =>
	Array.from(t.emu.data.desk.tickets.values()).filter((x) => x.orgId === orgId);

describe('organizations and orgId', () => {
	test('GET /organizations needs no orgId and lists the token’s orgs', async () => {
		const res = await t.desk('GET', '/organizations', { orgId: null });
		expect(res.status).toBe(200);
		expect(res.body.data.map((o) => o.id)).toEqual([A, B]);
		expect(res.body.data[0]).toMatchObject({
			companyName: 'Beam Support',
			portalName: 'beamsupport',
			isDefault: true,
			edition: 'ENTERPRISE',
		});
		expect(res.body.data[1]).toMatchObject({
			companyName: 'Beam Labs',
			portalName: 'beamlabs',
			isDefault: false,
		});
		const limited = t.emu.issueToken({ deskOrgIds: [B] }).access_token;
		expect(
			(
				await t.desk('GET', '/accessibleOrganizations', { orgId: null, token: limited })
			).body.data.map((o) => o.id),
		).toEqual([B]);
	});

	test('missing orgId → 400 INVALID_DATA; non-numeric → 422; orgId as query param accepted', async () => {
		const res = await t.desk('GET', '/tickets', { orgId: null });
		expect(res.status).toBe(400);
		expect(res.body.errorCode).toBe('INVALID_DATA');
		expect(res.body.message).toContain('orgId');
		const bad = await t.desk('GET', '/tickets', { orgId: 'beamsupport' });
		expect(bad.status).toBe(422);
		expect(bad.body.errorCode).toBe('UNPROCESSABLE_ENTITY');
		expect(
			(await t.desk('GET', '/tickets', { orgId: null, query: { orgId: A, limit: 1 } })).status,
		).toBe(200);
	});

	test('an org the token does not belong to → 403 OAUTH_ORG_MISMATCH', async () => {
		const foreign = await t.desk('GET', '/tickets', { orgId: '60009999999' });
		expect(foreign.status).toBe(403);
		expect(foreign.body).toEqual({
			errorCode: 'OAUTH_ORG_MISMATCH',
			message: 'The OAuth token does not belong to the organization.',
		});
		const onlyA = t.emu.issueToken({ deskOrgIds: [A] }).access_token;
		expect((await t.desk('GET', '/tickets', { orgId: B, token: onlyA })).status).toBe(403);
		expect(
			(await t.desk('GET', '/tickets', { orgId: A, token: onlyA, query: { limit: 1 } })).status,
		).toBe(200);
	});

	test('unknown path → 404 URL_NOT_FOUND; wrong method → 405', async () => {
		const res = await t.desk('GET', '/widgets');
		expect(res.status).toBe(404);
		expect(res.body.errorCode).toBe('URL_NOT_FOUND');
		expect((await t.desk('DELETE', '/tickets')).status).toBe(405);
	});

	test('departments and agents', async () => {
		const d = await t.desk('GET', '/departments', { query: { limit: 100 } });
		expect(d.body.data).toHaveLength(4);
		expect(d.body.data[0]).toEqual(
			expect.objectContaining({
				id: expect.stringMatching(/^\d{18}$/),
				name: 'Support',
				isEnabled: true,
			}),
		);
		expect(
			(await t.desk('GET', '/departments', { orgId: B })).body.data.map((x) => x.name),
		).toEqual(['Research', 'Operations']);
		const agents = await t.desk('GET', '/agents', { query: { limit: 100 } });
		expect(agents.body.data.length).toBeGreaterThanOrEqual(8);
		expect(
			(await t.desk('GET', '/agents', { orgId: B, query: { limit: 100 } })).body.data.length,
		).toBeGreaterThanOrEqual(8);
	});
});

describe('ticket list', () => {
	test('limit 1–100, else 422 with Zoho’s message', async () => {
		for (const limit of [101, 0, 'x']) {
			const res = await t.desk('GET', '/tickets', { query: { limit } });
			expect(res.status).toBe(422);
			expect(res.body).toMatchObject({
				errorCode: 'UNPROCESSABLE_ENTITY',
				message: "The value passed for field 'limit' exceeds the range of '1-100'.",
			});
		}
		expect((await t.desk('GET', '/tickets', { query: { limit: 100 } })).body.data).toHaveLength(
			100,
		);
	});

	test('default 10 per page; from is a 0-based offset; 204 after the last page', async () => {
		const first = await t.desk('GET', '/tickets', { query: { sortBy: 'ticketNumber' } });
		expect(first.body.data).toHaveLength(10);
		expect(first.body.data[0].ticketNumber).toBe('101');
		const from1 = await t.desk('GET', '/tickets', {
			query: { sortBy: 'ticketNumber', from: 1, limit: 1 },
		});
		expect(from1.body.data[0].ticketNumber).toBe('102');
		const total = ticketsOf(B).length;
		expect(total).toBe(800);
		const last = await t.desk('GET', '/tickets', { orgId: B, query: { from: 700, limit: 100 } });
		expect(last.body.data).toHaveLength(100);
		const past = await t.desk('GET', '/tickets', { orgId: B, query: { from: 800, limit: 100 } });
		expect(past.status).toBe(204);
		expect(past.text).toBe('');
	});

	test('paging org A (5,200 tickets) with from/limit returns every ticket once', async () => {
		const seen = new Set();
		for (let from = 0; ; from += 100) {
			const res = await t.desk('GET', '/tickets', {
				query: { from, limit: 100, sortBy: 'createdTime' },
			});
			if (res.status === 204) break;
			for (const x of res.body.data) seen.add(x.id);
		}
		expect(seen.size).toBe(5200);
	});

	test('filters: departmentId, status, assignee (incl. Unassigned), channel, priority', async () => {
		const dept = t.emu.deskIds('departments', A, 2)[1];
		const res = await t.desk('GET', '/tickets', {
			query: { departmentId: dept, status: 'Open,On Hold', channel: 'Email', limit: 100 },
		});
		expect(
			res.body.data.every(
				(x) =>
					x.departmentId === dept &&
					['Open', 'On Hold'].includes(x.status) &&
					x.channel === 'Email',
			),
		).toBe(true);
		const un = await t.desk('GET', '/tickets', { query: { assignee: 'Unassigned', limit: 100 } });
		expect(un.body.data.every((x) => x.assigneeId === null)).toBe(true);
		const agent = ticketsOf(A).find((x) => x.assigneeId).assigneeId;
		const mine = await t.desk('GET', '/tickets', {
			query: { assignee: agent, priority: 'High', limit: 100 },
		});
		expect(mine.body.data.every((x) => x.assigneeId === agent && x.priority === 'High')).toBe(true);
		expect((await t.desk('GET', '/tickets', { query: { status: 'Pending' } })).status).toBe(422);
		expect((await t.desk('GET', '/tickets', { query: { assignee: '123' } })).status).toBe(422);
		expect(
			(
				await t.desk('GET', '/tickets', {
					query: { departmentId: t.emu.deskIds('departments', B, 1)[0] },
				})
			).status,
		).toBe(422);
	});

	test('unknown query params, sortBy and include values → 422', async () => {
		expect((await t.desk('GET', '/tickets', { query: { foo: 1 } })).status).toBe(422);
		expect((await t.desk('GET', '/tickets', { query: { sortBy: 'subject' } })).status).toBe(422);
		expect(
			(await t.desk('GET', '/tickets', { query: { include: 'contacts,everything' } })).status,
		).toBe(422);
	});

	test('sortBy with - prefix, include adds related objects, webUrl (or omitted)', async () => {
		const res = await t.desk('GET', '/tickets', {
			query: { sortBy: '-ticketNumber', include: 'contacts,assignee,departments', limit: 3 },
		});
		const [x] = res.body.data;
		expect(x.ticketNumber).toBe('5300');
		expect(x.department).toEqual({ id: x.departmentId, name: expect.any(String) });
		expect(x.contact).toMatchObject({ id: x.contactId, email: expect.any(String) });
		expect(x).toHaveProperty('assignee');
		expect(x.webUrl).toBe(
			`https://desk.zoho.com/support/beamsupport/ShowHomePage.do#Cases/dv/${x.id}`,
		);
		expect(x).not.toHaveProperty('orgId');
		t.emu.configure({ omitDeskWebUrl: true });
		expect(
			(await t.desk('GET', '/tickets', { query: { limit: 1 } })).body.data[0],
		).not.toHaveProperty('webUrl');
		t.emu.configure({ omitDeskWebUrl: false, deskWebUrl: 'https://desk.zoho.eu' });
		expect(
			(await t.desk('GET', '/tickets', { orgId: B, query: { limit: 1 } })).body.data[0].webUrl,
		).toMatch(/^https:\/\/desk\.zoho\.eu\/support\/beamlabs\//);
	});
});

describe('single ticket', () => {
	test('get: full ticket; another org’s ticket → 404; malformed id → 422', async () => {
		const id = t.emu.deskIds('tickets', A, 1)[0];
		const res = await t.desk('GET', `/tickets/${id}`);
		expect(res.status).toBe(200);
		expect(res.body).toEqual(
			expect.objectContaining({
				id,
				ticketNumber: '101',
				subject: expect.any(String),
				status: expect.any(String),
				statusType: expect.any(String),
				channel: expect.any(String),
				departmentId: expect.any(String),
				createdTime: expect.any(String),
				description: expect.any(String),
				cf: { cf_region: expect.any(String), cf_order_id: expect.anything() },
				threadCount: expect.stringMatching(/^\d+$/),
				isSpam: expect.any(Boolean),
				isOverDue: expect.any(Boolean),
				isEscalated: expect.any(Boolean),
			}),
		);
		const other = await t.desk('GET', `/tickets/${id}`, { orgId: B });
		expect(other.status).toBe(404);
		expect(other.body.errorCode).toBe('URL_NOT_FOUND');
		expect((await t.desk('GET', '/tickets/abc')).status).toBe(422);
	});

	test('create: required fields, enums, cf keys, unknown fields → 422 INVALID_DATA with errors[]', async () => {
		const res = await t.desk('POST', '/tickets', {
			body: { priority: 'Urgent', cf: { cf_nope: 'x' }, foo: 1 },
		});
		expect(res.status).toBe(422);
		expect(res.body.errorCode).toBe('INVALID_DATA');
		expect(res.body.message).toBe('An invalid value is passed in the request body.');
		const errs = Object.fromEntries(res.body.errors.map((e) => [e.fieldName, e.errorType]));
		expect(errs).toMatchObject({
			'/subject': 'missing',
			'/departmentId': 'missing',
			'/contactId': 'missing',
			'/priority': 'invalid',
			'/cf/cf_nope': 'invalid',
			'/foo': 'invalid',
		});
		const dept = t.emu.deskIds('departments', A, 1)[0];
		const ok = await t.desk('POST', '/tickets', {
			body: {
				subject: 'Printer on fire',
				departmentId: dept,
				contact: { lastName: 'Doe', email: 'jane.doe@example.com' },
				priority: 'High',
				cf: { cf_region: 'EMEA' },
			},
		});
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({
			subject: 'Printer on fire',
			status: 'Open',
			statusType: 'Open',
			priority: 'High',
			ticketNumber: '5301',
			cf: { cf_region: 'EMEA', cf_order_id: null },
		});
		expect(ok.body.id).toMatch(/^\d{18}$/);
		expect(t.emu.data.desk.tickets.get(ok.body.id).orgId).toBe(A);
		expect(t.emu.stats.writesByRecord.tickets[ok.body.id]).toBe(1);
		expect(
			(
				await t.desk('POST', '/tickets', {
					body: { subject: 'x', departmentId: dept, contactId: t.emu.deskIds('contacts', B, 1)[0] },
				})
			).body.errors[0],
		).toMatchObject({ fieldName: '/contactId', errorType: 'invalid' });
	});

	test('PATCH: partial, validated, statusType/closedTime follow status, history event appended, writesByRecord', async () => {
		const x = ticketsOf(A).find((k) => k.status === 'Open');
		const res = await t.desk('PATCH', `/tickets/${x.id}`, {
			body: { status: 'Closed', priority: 'Low', cf: { cf_order_id: 'ORD-1' } },
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			id: x.id,
			status: 'Closed',
			statusType: 'Closed',
			priority: 'Low',
			closedTime: expect.any(String),
			cf: { cf_order_id: 'ORD-1', cf_region: x.cf.cf_region },
		});
		expect(Date.parse(res.body.modifiedTime)).toBeGreaterThan(Date.parse(x.modifiedTime));
		expect(res.body.subject).toBe(x.subject);
		const hist = await t.desk('GET', `/tickets/${x.id}/History`, { query: { limit: 1 } });
		expect(hist.body.data[0]).toMatchObject({ eventName: 'TicketUpdated', source: 'API' });
		expect(hist.body.data[0].eventInfo.map((e) => e.propertyName).sort()).toEqual([
			'Priority',
			'Status',
			'cf_order_id',
		]);
		expect(t.emu.stats.writesByRecord.tickets).toEqual({ [x.id]: 1 });
		const bad = await t.desk('PATCH', `/tickets/${x.id}`, {
			body: { status: 'Done', subject: '', ticketNumber: '1' },
		});
		expect(bad.status).toBe(422);
		expect(bad.body.errors.map((e) => [e.fieldName, e.errorType]).sort()).toEqual([
			['/status', 'invalid'],
			['/subject', 'missing'],
			['/ticketNumber', 'invalid'],
		]);
		expect(
			(await t.desk('PATCH', `/tickets/${x.id}`, { orgId: B, body: { priority: 'High' } })).status,
		).toBe(404);
	});

	test('moveToTrash → 204; unknown ids → 422', async () => {
		const [a, b] = t.emu.deskIds('tickets', B, 2);
		const res = await t.desk('POST', '/tickets/moveToTrash', {
			orgId: B,
			body: { ticketIds: [a, b] },
		});
		expect(res.status).toBe(204);
		expect(t.emu.data.desk.tickets.has(a)).toBe(false);
		expect(
			(await t.desk('POST', '/tickets/moveToTrash', { orgId: B, body: { ticketIds: [a] } })).status,
		).toBe(422);
		expect((await t.desk('POST', '/tickets/moveToTrash', { orgId: B, body: {} })).status).toBe(422);
	});
});

describe('ticket search', () => {
	test('wildcards, filters, time ranges → {data, count}; 204 when none; limit ≤ 100', async () => {
		const res = await t.desk('GET', '/tickets/search', { query: { subject: 'pass*', limit: 5 } });
		expect(res.status).toBe(200);
		expect(res.body.data.length).toBe(5);
		const expected = ticketsOf(A).filter((x) => /(^|\W)pass/i.test(x.subject)).length;
		expect(res.body.count).toBe(expected);
		const range = '2024-01-01T00:00:00.000Z,2024-01-31T23:59:59.000Z';
		const r2 = await t.desk('GET', '/tickets/search', {
			query: { createdTimeRange: range, status: 'Closed', sortBy: '-createdTime', limit: 100 },
		});
		const exp2 = ticketsOf(A).filter(
			(x) =>
				x.status === 'Closed' &&
				x.createdTime >= '2024-01-01' &&
				x.createdTime <= '2024-01-31T23:59:59.000Z',
		);
		expect(r2.body.count).toBe(exp2.length);
		expect(r2.body.data.every((x) => x.status === 'Closed')).toBe(true);
		expect((await t.desk('GET', '/tickets/search', { query: { subject: 'zzzz*' } })).status).toBe(
			204,
		);
		expect(
			(await t.desk('GET', '/tickets/search', { query: { subject: 'a*', limit: 101 } })).status,
		).toBe(422);
		expect(
			(await t.desk('GET', '/tickets/search', { query: { createdTimeRange: 'yesterday' } })).status,
		).toBe(422);
		expect(
			(await t.desk('GET', '/tickets/search', { query: { sortBy: 'subject', subject: 'a*' } }))
				.status,
		).toBe(422);
		expect(
			(
				await t.desk('GET', '/tickets/search', { query: { assigneeId: '${empty}', limit: 100 } })
			).body.data.every((x) => x.assigneeId === null),
		).toBe(true);
	});
});

describe('counts', () => {
	test('ticketsCount with filters', async () => {
		expect((await t.desk('GET', '/ticketsCount')).body).toEqual({ count: 5200 });
		const dept = t.emu.deskIds('departments', A, 1)[0];
		const res = await t.desk('GET', '/ticketsCount', {
			query: { departmentId: dept, status: 'Open' },
		});
		expect(res.body.count).toBe(
			ticketsOf(A).filter((x) => x.departmentId === dept && x.status === 'Open').length,
		);
		expect(
			(await t.desk('GET', '/ticketsCount', { query: { viewType: 'overdueTickets' } })).body.count,
		).toBe(ticketsOf(A).filter((x) => x.isOverDue).length);
		expect((await t.desk('GET', '/ticketsCount', { query: { viewType: 'nope' } })).status).toBe(
			422,
		);
	});

	test('ticketsCountByFieldValues: counts are strings; field required and validated', async () => {
		const res = await t.desk('GET', '/ticketsCountByFieldValues', {
			orgId: B,
			query: { field: 'statusType,status,priority,channel,spam,overDue,escalated' },
		});
		expect(res.status).toBe(200);
		expect(Object.keys(res.body).sort()).toEqual([
			'channel',
			'escalated',
			'overDue',
			'priority',
			'spam',
			'status',
			'statusType',
		]);
		for (const list of Object.values(res.body))
			for (const v of list) expect(typeof v.count).toBe('string');
		const open = res.body.statusType.find((v) => v.value === 'OPEN');
		expect(open.count).toBe(String(ticketsOf(B).filter((x) => x.statusType === 'Open').length));
		const spamTrue = res.body.spam.find((v) => v.value === 'true');
		expect(Number(spamTrue.count)).toBe(ticketsOf(B).filter((x) => x.isSpam).length);
		const sum = res.body.status.reduce((n, v) => n + Number(v.count), 0);
		expect(sum).toBe(800);
		expect((await t.desk('GET', '/ticketsCountByFieldValues')).status).toBe(422);
		expect(
			(await t.desk('GET', '/ticketsCountByFieldValues', { query: { field: 'color' } })).status,
		).toBe(422);
	});
});

describe('history', () => {
	test('first ticket of org A has 120 events, newest first; limit 1–50; 204 past the end', async () => {
		const id = t.emu.deskIds('tickets', A, 1)[0];
		const seen = [];
		for (let from = 0; ; from += 50) {
			const res = await t.desk('GET', `/tickets/${id}/History`, { query: { from, limit: 50 } });
			if (res.status === 204) break;
			seen.push(...res.body.data);
		}
		expect(seen).toHaveLength(120);
		const times = seen.map((e) => e.eventTime);
		expect(times).toEqual([...times].sort().reverse());
		expect(seen[119].eventName).toBe('TicketCreated');
		expect(seen[0]).toEqual(
			expect.objectContaining({
				eventName: expect.any(String),
				eventTime: expect.any(String),
				actor: expect.objectContaining({ name: expect.any(String), type: expect.any(String) }),
				source: expect.any(String),
				eventInfo: expect.any(Array),
			}),
		);
		expect(seen[0]).not.toHaveProperty('_category');
		const bad = await t.desk('GET', `/tickets/${id}/History`, { query: { limit: 51 } });
		expect(bad.status).toBe(422);
		expect(bad.body.message).toBe(
			"The value passed for field 'limit' exceeds the range of '1-50'.",
		);
	});

	test('eventFilter, fieldName filters; unknown eventFilter → 422; other tickets have a few events', async () => {
		const id = t.emu.deskIds('tickets', A, 1)[0];
		const comments = await t.desk('GET', `/tickets/${id}/History`, {
			query: { eventFilter: 'CommentHistory', limit: 50 },
		});
		expect(comments.body.data.every((e) => e.eventName === 'TicketCommented')).toBe(true);
		const status = await t.desk('GET', `/tickets/${id}/History`, {
			query: { fieldName: 'status', limit: 50 },
		});
		expect(
			status.body.data.every((e) => e.eventInfo.some((i) => i.propertyName === 'Status')),
		).toBe(true);
		expect(
			(await t.desk('GET', `/tickets/${id}/History`, { query: { eventFilter: 'Everything' } }))
				.status,
		).toBe(422);
		const other = await t.desk('GET', `/tickets/${t.emu.deskIds('tickets', B, 1)[0]}/History`, {
			orgId: B,
			query: { limit: 50 },
		});
		expect(other.body.data.length).toBeGreaterThanOrEqual(2);
		expect(other.body.data.length).toBeLessThanOrEqual(6);
	});
});

describe('contacts, accounts, tasks', () => {
	test('contacts: list/get/create/update; lastName required, email validated, duplicate email', async () => {
		const list = await t.desk('GET', '/contacts', { query: { limit: 100, sortBy: 'lastName' } });
		expect(list.body.data).toHaveLength(100);
		expect(list.body.data[0].webUrl).toContain('#Contacts/dv/');
		const bad = await t.desk('POST', '/contacts', { body: { firstName: 'A', email: 'nope' } });
		expect(bad.status).toBe(422);
		expect(bad.body.errors.map((e) => [e.fieldName, e.errorType]).sort()).toEqual([
			['/email', 'invalid'],
			['/lastName', 'missing'],
		]);
		const ok = await t.desk('POST', '/contacts', {
			body: { lastName: 'Lovelace', email: 'ada@example.com' },
		});
		expect(ok.status).toBe(200);
		expect(
			(await t.desk('POST', '/contacts', { body: { lastName: 'Other', email: 'ADA@example.com' } }))
				.body.errors[0].errorType,
		).toBe('duplicate');
		const up = await t.desk('PATCH', `/contacts/${ok.body.id}`, { body: { title: 'Countess' } });
		expect(up.body.title).toBe('Countess');
		expect(t.emu.stats.writesByRecord.contacts[ok.body.id]).toBe(2);
		expect((await t.desk('GET', `/contacts/${ok.body.id}`)).body.lastName).toBe('Lovelace');
		expect((await t.desk('GET', `/contacts/${ok.body.id}`, { orgId: B })).status).toBe(404);
		expect(
			(await t.desk('POST', '/contacts/moveToTrash', { body: { contactIds: [ok.body.id] } }))
				.status,
		).toBe(204);
	});

	test('accounts: accountName required; trash with accountIds', async () => {
		expect(
			(await t.desk('POST', '/accounts', { body: { website: 'x' } })).body.errors[0],
		).toMatchObject({ fieldName: '/accountName', errorType: 'missing' });
		const ok = await t.desk('POST', '/accounts', {
			body: { accountName: 'Analytical Engines Ltd' },
		});
		expect(ok.status).toBe(200);
		expect((await t.desk('GET', '/accounts', { query: { limit: 100 } })).body.data.length).toBe(
			100,
		);
		expect(
			(await t.desk('POST', '/accounts/moveToTrash', { body: { accountIds: [ok.body.id] } }))
				.status,
		).toBe(204);
	});

	test('tasks: subject + departmentId required; status validated; moveToTrash {entityIds} and DELETE /tasks/{id}', async () => {
		const miss = await t.desk('POST', '/tasks', { body: { status: 'Sleeping' } });
		expect(miss.body.errors.map((e) => [e.fieldName, e.errorType]).sort()).toEqual([
			['/departmentId', 'missing'],
			['/status', 'invalid'],
			['/subject', 'missing'],
		]);
		const dept = t.emu.deskIds('departments', A, 1)[0];
		const ok = await t.desk('POST', '/tasks', {
			body: {
				subject: 'Call back',
				departmentId: dept,
				dueDate: '2025-03-01T10:00:00.000Z',
				status: 'Completed',
			},
		});
		expect(ok.status).toBe(200);
		expect(ok.body).toMatchObject({ isCompleted: true, completedTime: expect.any(String) });
		const listed = await t.desk('GET', '/tasks', { query: { departmentId: dept, limit: 100 } });
		expect(listed.body.data.every((x) => x.departmentId === dept)).toBe(true);
		expect((await t.desk('DELETE', `/tasks/${ok.body.id}`)).status).toBe(204);
		const [x] = t.emu.deskIds('tasks', A, 1);
		expect((await t.desk('POST', '/tasks/moveToTrash', { body: { entityIds: [x] } })).status).toBe(
			204,
		);
		expect((await t.desk('GET', `/tasks/${x}`)).status).toBe(404);
	});
});
