'use strict';
/** Desk tickets: list, get, search, create, update, move to trash. */

const { deskError, deskParamError, DESK } = require('../errors');
const { deskDateTime, parseIso } = require('../time');
const D = require('../data/desk-seed');
const { hashString } = require('../prng');
const {
	allowParams,
	paging,
	sortParam,
	sortRows,
	enumListParam,
	findInOrg,
	present,
	apiAgent,
	ID_RE,
} = require('./common');
const { validateBody } = require('./validate');
const { appendHistory } = require('./history');

const INCLUDES = ['contacts', 'products', 'assignee', 'departments', 'team', 'isRead'];
const LIST_SORT = ['createdTime', 'dueDate', 'recentThread', 'ticketNumber', 'modifiedTime'];
const SEARCH_SORT = ['relevance', 'modifiedTime', 'createdTime', 'customerResponseTime'];

/** @param {import('../server').Ctx} ctx */
const orgTickets = (ctx) =>
	Array.from(ctx.data.desk.tickets.values()).filter(
		(/** @type {any} */ t) => t.orgId === ctx.orgId,
	);

/** @param {import('../server').Ctx} ctx */
function includeParam(ctx) {
	return enumListParam(ctx, 'include', INCLUDES) ?? [];
}

/**
 * Ticket output with requested `include`s; `description` only on single-ticket reads.
 * @param {import('../server').Ctx} ctx @param {Record<string, any>} t @param {string[]} include @param {boolean} full
 */
function presentTicket(ctx, t, include, full) {
	const out = present(ctx, 'tickets', t);
	if (!full) delete out.description;
	if (include.includes('contacts')) {
		const c = t.contactId ? ctx.data.desk.contacts.get(t.contactId) : null;
		out.contact = c
			? {
					id: c.id,
					firstName: c.firstName,
					lastName: c.lastName,
					email: c.email,
					phone: c.phone,
					mobile: c.mobile,
					type: c.type,
					isSpam: false,
					accountId: c.accountId,
				}
			: null;
	}
	if (include.includes('assignee')) {
		const a = t.assigneeId ? ctx.data.desk.agents.get(t.assigneeId) : null;
		out.assignee = a
			? {
					id: a.id,
					firstName: a.firstName,
					lastName: a.lastName,
					email: a.emailId,
					photoURL: a.photoURL,
				}
			: null;
	}
	if (include.includes('departments')) {
		const d = ctx.data.desk.departments.get(t.departmentId);
		out.department = d ? { id: d.id, name: d.name } : null;
	}
	if (include.includes('team')) out.team = null;
	if (include.includes('products')) out.product = null;
	if (include.includes('isRead')) out.isRead = hashString(t.id) % 3 !== 0;
	return out;
}

/** @param {import('../server').Ctx} ctx @param {string} name */
function deptParam(ctx, name = 'departmentId') {
	const raw = ctx.query.get(name);
	if (raw === null || raw === 'allDepartment') return null;
	const d = ID_RE.test(raw) ? ctx.data.desk.departments.get(raw) : null;
	if (!d || d.orgId !== ctx.orgId)
		throw deskParamError(
			name,
			`The value passed for '${name}' is not a department of this organization.`,
		);
	return raw;
}

/** GET /api/v1/tickets @param {import('../server').Ctx} ctx */
function list(ctx) {
	allowParams(ctx, [
		'from',
		'limit',
		'departmentId',
		'assignee',
		'status',
		'channel',
		'priority',
		'sortBy',
		'include',
		'viewId',
	]);
	const { from, limit } = paging(ctx, { maxLimit: 100 });
	const sort = sortParam(ctx, LIST_SORT, '-createdTime');
	const include = includeParam(ctx);
	const dept = deptParam(ctx);
	const status = enumListParam(ctx, 'status', D.TICKET_STATUSES);
	const channel = enumListParam(ctx, 'channel', D.CHANNELS);
	const priority = enumListParam(ctx, 'priority', D.PRIORITIES);
	let assignees = null;
	const assigneeRaw = ctx.query.get('assignee');
	if (assigneeRaw !== null) {
		assignees = assigneeRaw.split(',').map((s) => s.trim());
		for (const a of assignees) {
			if (a === 'Unassigned') continue;
			const agent = ID_RE.test(a) ? ctx.data.desk.agents.get(a) : null;
			if (!agent || agent.orgId !== ctx.orgId)
				throw deskParamError(
					'assignee',
					`The value '${a}' passed for 'assignee' is not an agent ID or 'Unassigned'.`,
				);
		}
	}
	let view = null;
	const viewId = ctx.query.get('viewId');
	if (viewId !== null) {
		view = ID_RE.test(viewId) ? ctx.data.desk.views.get(viewId) : null;
		if (!view || view.orgId !== ctx.orgId)
			throw deskParamError('viewId', `The view '${viewId}' does not exist.`);
	}
	let rows = orgTickets(ctx).filter((t) => {
		if (dept && t.departmentId !== dept) return false;
		if (status && !status.includes(t.status)) return false;
		if (channel && !channel.includes(t.channel)) return false;
		if (priority && !priority.includes(t.priority)) return false;
		if (assignees && !assignees.includes(t.assigneeId ?? 'Unassigned')) return false;
		if (view && view.filter && t.statusType !== view.filter.statusType) return false;
		return true;
	});
	const sortField = sort.field === 'recentThread' ? 'modifiedTime' : sort.field;
	rows = sortRows(rows, { field: sortField, desc: sort.desc });
	const slice = rows.slice(from, from + limit);
	if (slice.length === 0) return { status: 204 };
	ctx.entry.records = slice.length;
	return { status: 200, body: { data: slice.map((t) => presentTicket(ctx, t, include, false)) } };
}

/** GET /api/v1/tickets/{id} @param {import('../server').Ctx} ctx */
function getOne(ctx) {
	allowParams(ctx, ['include']);
	const include = includeParam(ctx);
	const t = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	ctx.entry.records = 1;
	return { status: 200, body: presentTicket(ctx, t, include, true) };
}

/** Text matcher: `*` is a wildcard; otherwise a case-insensitive phrase match. @param {string} pattern */
function textMatcher(pattern) {
	const p = pattern.toLowerCase();
	if (p.includes('*')) {
		const re = new RegExp(
			`(^|\\W)${p
				.split('*')
				.map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
				.join('.*')}($|\\W)`,
			's',
		);
		return (/** @type {unknown} */ v) => typeof v === 'string' && re.test(v.toLowerCase());
	}
	return (/** @type {unknown} */ v) => typeof v === 'string' && v.toLowerCase().includes(p);
}

/** `<iso>,<iso>` @param {import('../server').Ctx} ctx @param {string} name */
function rangeParam(ctx, name) {
	const raw = ctx.query.get(name);
	if (raw === null) return null;
	const parts = raw.split(',');
	const [a, b] = parts.map((p) => parseIso(p.trim()));
	if (parts.length !== 2 || a === null || b === null || a > b)
		throw deskParamError(
			name,
			`The value passed for '${name}' must be '<from ISO time>,<to ISO time>'.`,
		);
	return [a, b];
}

/** `${empty}` / `${notempty}` / exact id. @param {import('../server').Ctx} ctx @param {string} name */
function idFilter(ctx, name) {
	const raw = ctx.query.get(name);
	if (raw === null) return null;
	if (raw === '${empty}') return (/** @type {unknown} */ v) => v === null || v === undefined;
	if (raw === '${notempty}') return (/** @type {unknown} */ v) => v !== null && v !== undefined;
	const ids = raw.split(',');
	if (ids.some((i) => !ID_RE.test(i)))
		throw deskParamError(name, `The value passed for '${name}' is not an ID.`);
	return (/** @type {unknown} */ v) => ids.includes(String(v));
}

/** GET /api/v1/tickets/search @param {import('../server').Ctx} ctx */
function search(ctx) {
	allowParams(ctx, [
		'_all',
		'subject',
		'description',
		'email',
		'ticketNumber',
		'status',
		'priority',
		'channel',
		'assigneeId',
		'departmentId',
		'contactId',
		'accountId',
		'createdTimeRange',
		'modifiedTimeRange',
		'sortBy',
		'from',
		'limit',
	]);
	const { from, limit } = paging(ctx, { maxLimit: 100 });
	const sort = sortParam(ctx, SEARCH_SORT, 'relevance');
	/** @type {((t: Record<string, any>) => boolean)[]} */
	const preds = [];
	const q = ctx.query;
	const all = q.get('_all');
	if (all !== null) {
		const m = textMatcher(all);
		preds.push((t) => m(t.subject) || m(t.description) || m(t.email) || m(t.ticketNumber));
	}
	for (const f of ['subject', 'description', 'email']) {
		const v = q.get(f);
		if (v !== null) {
			const m = textMatcher(v);
			preds.push((t) => m(t[f]));
		}
	}
	const num = q.get('ticketNumber');
	if (num !== null) preds.push((t) => t.ticketNumber === num);
	const status = enumListParam(ctx, 'status', D.TICKET_STATUSES);
	if (status) preds.push((t) => status.includes(t.status));
	const channel = enumListParam(ctx, 'channel', D.CHANNELS);
	if (channel) preds.push((t) => channel.includes(t.channel));
	const prRaw = q.get('priority');
	if (prRaw === '${empty}') preds.push((t) => t.priority === null);
	else {
		const priority = enumListParam(ctx, 'priority', D.PRIORITIES);
		if (priority) preds.push((t) => priority.includes(t.priority));
	}
	for (const f of ['assigneeId', 'contactId', 'accountId']) {
		const m = idFilter(ctx, f);
		if (m) preds.push((t) => m(t[f]));
	}
	const dept = deptParam(ctx);
	if (dept) preds.push((t) => t.departmentId === dept);
	for (const [param, field] of [
		['createdTimeRange', 'createdTime'],
		['modifiedTimeRange', 'modifiedTime'],
	]) {
		const r = rangeParam(ctx, param);
		if (r) preds.push((t) => Date.parse(t[field]) >= r[0] && Date.parse(t[field]) <= r[1]);
	}
	if (preds.length === 0)
		throw deskError(422, 'UNPROCESSABLE_ENTITY', 'At least one search parameter is required.', [
			{
				fieldName: '_all',
				errorType: 'missing',
				errorMessage: 'At least one search parameter is required.',
			},
		]);
	let rows = orgTickets(ctx).filter((t) => preds.every((p) => p(t)));
	const field = sort.field === 'relevance' ? 'modifiedTime' : sort.field;
	rows = sortRows(rows, { field, desc: sort.field === 'relevance' ? true : sort.desc });
	const slice = rows.slice(from, from + limit);
	if (slice.length === 0) return { status: 204 };
	ctx.entry.records = slice.length;
	return {
		status: 200,
		body: { data: slice.map((t) => presentTicket(ctx, t, [], false)), count: rows.length },
	};
}

/** statusType and closedTime follow status. @param {Record<string, any>} t @param {number} now */
function deriveStatus(t, now) {
	t.statusType = D.STATUS_TYPE[/** @type {keyof typeof D.STATUS_TYPE} */ (t.status)];
	if (t.status === 'Escalated') t.isEscalated = true;
	if (t.statusType === 'Closed') {
		if (!t.closedTime) t.closedTime = deskDateTime(now);
		t.isOverDue = false;
	} else {
		t.closedTime = null;
		t.isOverDue = Boolean(t.dueDate) && Date.parse(t.dueDate) < now;
	}
}

/** POST /api/v1/tickets @param {import('../server').Ctx} ctx */
function create(ctx) {
	allowParams(ctx, []);
	const v = validateBody(ctx, 'tickets', 'create');
	const desk = ctx.data.desk;
	const seq = desk.sequences[/** @type {string} */ (ctx.orgId)];
	const prefix = /** @type {string} */ (ctx.orgId) === D.ORG_A ? '1892' : '1893';
	let contactId = /** @type {string|undefined} */ (v.contactId);
	if (!contactId && v.contact) {
		const c = /** @type {Record<string, any>} */ (v.contact);
		const existing = c.email
			? Array.from(desk.contacts.values()).find(
					(x) =>
						x.orgId === ctx.orgId &&
						x.email &&
						String(x.email).toLowerCase() === String(c.email).toLowerCase(),
				)
			: null;
		if (existing) contactId = existing.id;
		else {
			const now = deskDateTime(Date.now());
			const nc = {
				id: D.deskId(prefix, 'contacts', seq.contacts++),
				orgId: ctx.orgId,
				firstName: c.firstName ?? null,
				lastName: c.lastName ?? c.email,
				email: c.email ?? null,
				secondaryEmail: null,
				phone: c.phone ?? null,
				mobile: c.mobile ?? null,
				accountId: null,
				ownerId: null,
				title: null,
				type: null,
				description: null,
				city: null,
				country: null,
				isAnonymous: false,
				createdTime: now,
				modifiedTime: now,
				cf: { cf_tier: null },
			};
			desk.contacts.set(nc.id, nc);
			contactId = nc.id;
		}
	}
	const contact = contactId ? desk.contacts.get(contactId) : null;
	const now = Date.now();
	const t = {
		id: D.deskId(prefix, 'tickets', seq.tickets++),
		orgId: ctx.orgId,
		ticketNumber: String(seq.ticketNumber++),
		subject: v.subject,
		status: v.status ?? 'Open',
		statusType: 'Open',
		priority: v.priority ?? null,
		channel: v.channel ?? 'Email',
		departmentId: v.departmentId,
		contactId: contactId ?? null,
		accountId: v.accountId !== undefined ? v.accountId : contact ? contact.accountId : null,
		assigneeId: v.assigneeId ?? null,
		teamId: null,
		productId: null,
		email: v.email !== undefined ? v.email : contact ? contact.email : null,
		phone: v.phone !== undefined ? v.phone : contact ? contact.phone : null,
		classification: v.classification ?? null,
		category: v.category ?? null,
		language: v.language ?? 'English',
		createdTime: deskDateTime(now),
		modifiedTime: deskDateTime(now),
		dueDate: v.dueDate ? deskDateTime(/** @type {number} */ (parseIso(v.dueDate))) : null,
		closedTime: null,
		customerResponseTime: deskDateTime(now),
		isSpam: false,
		isOverDue: false,
		isEscalated: false,
		threadCount: '1',
		commentCount: '0',
		description: v.description ?? null,
		cf: { cf_region: null, cf_order_id: null, .../** @type {object} */ (v.cf ?? {}) },
	};
	deriveStatus(t, now);
	desk.tickets.set(t.id, t);
	desk.history.set(t.id, []);
	const agent = apiAgent(ctx);
	appendHistory(ctx, t.id, {
		eventName: 'TicketCreated',
		source: 'API',
		actor: agent
			? { id: agent.id, name: agent.name, type: 'AGENT', photoURL: agent.photoURL }
			: null,
		eventInfo: [
			{
				propertyName: 'Subject',
				propertyValue: t.subject,
				propertyType: 'Text',
				systemProperty: true,
			},
		],
		_category: 'TicketHistory',
		_fields: ['subject'],
	});
	ctx.core.countWrite('tickets', t.id);
	ctx.entry.records = 1;
	return { status: 200, body: presentTicket(ctx, t, [], true) };
}

const LABELS = {
	subject: 'Subject',
	status: 'Status',
	priority: 'Priority',
	channel: 'Channel',
	departmentId: 'Department',
	contactId: 'Contact',
	accountId: 'Account',
	assigneeId: 'Assignee',
	dueDate: 'Due Date',
	description: 'Description',
	email: 'Email',
	phone: 'Phone',
	classification: 'Classification',
	category: 'Category',
	language: 'Language',
};

/** PATCH /api/v1/tickets/{id} @param {import('../server').Ctx} ctx */
function update(ctx) {
	allowParams(ctx, []);
	const existing = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	const v = validateBody(ctx, 'tickets', 'update');
	const now = Date.now();
	const t = { ...existing };
	/** @type {{propertyName: string, propertyValue: {previousValue: unknown, updatedValue: unknown}, propertyType: string, systemProperty: boolean}[]} */
	const info = [];
	const fields = [];
	for (const [k, val] of Object.entries(v)) {
		if (k === 'cf') {
			const cf = { ...existing.cf, .../** @type {object} */ (val) };
			for (const [ck, cv] of Object.entries(/** @type {Record<string, unknown>} */ (val))) {
				if (existing.cf[ck] !== cv) {
					info.push({
						propertyName: ck,
						propertyValue: { previousValue: existing.cf[ck] ?? null, updatedValue: cv },
						propertyType: 'Text',
						systemProperty: false,
					});
					fields.push(ck);
				}
			}
			t.cf = cf;
			continue;
		}
		const next = k === 'dueDate' && val ? deskDateTime(/** @type {number} */ (parseIso(val))) : val;
		if (existing[k] !== next) {
			info.push({
				propertyName: LABELS[/** @type {keyof typeof LABELS} */ (k)] ?? k,
				propertyValue: { previousValue: existing[k] ?? null, updatedValue: next },
				propertyType: k.endsWith('Id') ? 'LookUp' : 'Text',
				systemProperty: true,
			});
			fields.push(k);
		}
		t[k] = next;
	}
	t.modifiedTime = deskDateTime(now);
	deriveStatus(t, now);
	ctx.data.desk.tickets.set(t.id, t);
	const agent = apiAgent(ctx);
	appendHistory(ctx, t.id, {
		eventName: 'TicketUpdated',
		source: 'API',
		actor: agent
			? { id: agent.id, name: agent.name, type: 'AGENT', photoURL: agent.photoURL }
			: null,
		eventInfo: info,
		_category: 'TicketHistory',
		_fields: fields,
	});
	ctx.core.countWrite('tickets', t.id);
	ctx.entry.records = 1;
	return { status: 200, body: presentTicket(ctx, t, [], true) };
}

/**
 * POST /api/v1/{entity}/moveToTrash with `{<idsKey>: [...]}` → 204.
 * @param {'tickets'|'contacts'|'accounts'|'tasks'} entity @param {string} idsKey
 */
function moveToTrash(entity, idsKey) {
	/** @param {import('../server').Ctx} ctx */
	return (ctx) => {
		allowParams(ctx, []);
		const body = /** @type {any} */ (ctx.body);
		if (
			ctx.bodyKind === 'invalid' ||
			body === null ||
			typeof body !== 'object' ||
			Array.isArray(body)
		)
			throw deskError(422, 'UNPROCESSABLE_ENTITY', 'The request body must be a JSON object.');
		for (const k of Object.keys(body))
			if (k !== idsKey)
				throw deskError(422, 'INVALID_DATA', 'An invalid value is passed in the request body.', [
					{
						fieldName: `/${k}`,
						errorType: 'invalid',
						errorMessage: `'${k}' is not a valid field.`,
					},
				]);
		const ids = body[idsKey];
		if (!Array.isArray(ids) || ids.length === 0)
			throw deskError(422, 'INVALID_DATA', 'An invalid value is passed in the request body.', [
				{
					fieldName: `/${idsKey}`,
					errorType: 'missing',
					errorMessage: `'${idsKey}' must be a non-empty array of IDs.`,
				},
			]);
		if (ids.length > 100)
			throw deskError(422, 'INVALID_DATA', 'An invalid value is passed in the request body.', [
				{
					fieldName: `/${idsKey}`,
					errorType: 'invalid',
					errorMessage: `At most 100 IDs can be trashed at a time.`,
				},
			]);
		const map = ctx.data.desk[entity];
		const bad = ids.filter(
			(id) =>
				typeof id !== 'string' ||
				!ID_RE.test(id) ||
				!map.get(id) ||
				map.get(id).orgId !== ctx.orgId,
		);
		if (bad.length)
			throw deskError(
				422,
				'INVALID_DATA',
				'An invalid value is passed in the request body.',
				bad.map((id) => ({
					fieldName: `/${idsKey}`,
					errorType: 'invalid',
					errorMessage: `'${id}' does not exist.`,
				})),
			);
		for (const id of ids) map.delete(id);
		ctx.entry.records = ids.length;
		return { status: 204 };
	};
}

module.exports = {
	list,
	getOne,
	search,
	create,
	update,
	moveToTrash,
	orgTickets,
	rangeParam,
	DESK,
};
