'use strict';
/** Deterministic generation of Zoho Desk organizations and their data. */

// Module-scope bindings of hot globals: global lookups are slow inside a vm context (jest).
const { Math, Date } = globalThis;

const { createRng, hashString } = require('../prng');
const { deskDateTime } = require('../time');
const N = require('./names');

const ORG_A = '60001234567';
const ORG_B = '60007654321';
const FOREIGN_ORG = '60009999999';

const DESK_START = Date.UTC(2023, 5, 1);
const DESK_NOW = Date.UTC(2025, 1, 1);
const HOUR = 3600000;

const TICKET_STATUSES = ['Open', 'On Hold', 'Escalated', 'Closed'];
/** status → statusType */
const STATUS_TYPE = { Open: 'Open', 'On Hold': 'On Hold', Escalated: 'Open', Closed: 'Closed' };
const PRIORITIES = ['High', 'Medium', 'Low'];
const CHANNELS = ['Email', 'Phone', 'Web', 'Chat', 'Twitter', 'Facebook', 'Forums'];
const CLASSIFICATIONS = ['Question', 'Problem', 'Request', 'Others'];
const REGIONS = ['AMER', 'EMEA', 'APAC'];
const TASK_STATUSES = [
	'Not Started',
	'In Progress',
	'Completed',
	'Deferred',
	'Waiting on someone else',
];
const TASK_PRIORITIES = ['Highest', 'High', 'Normal', 'Low', 'Lowest'];
const TASK_CATEGORIES = ['Call', 'Email', 'Meeting', 'Demo', 'Follow-up'];

/** Org definitions; `prefix` seeds the 18-digit IDs of the org's data. */
const ORG_DEFS = [
	{
		id: ORG_A,
		prefix: '1892',
		companyName: 'Beam Support',
		portalName: 'beamsupport',
		isDefault: true,
		edition: 'ENTERPRISE',
		departments: ['Support', 'Billing', 'Sales', 'Technical'],
		tickets: 5200,
		contacts: 650,
		accounts: 160,
		tasks: 220,
		agents: 10,
	},
	{
		id: ORG_B,
		prefix: '1893',
		companyName: 'Beam Labs',
		portalName: 'beamlabs',
		isDefault: false,
		edition: 'PROFESSIONAL',
		departments: ['Research', 'Operations'],
		tickets: 800,
		contacts: 600,
		accounts: 150,
		tasks: 200,
		agents: 8,
	},
];

const ENTITY_CODE = {
	tickets: '01',
	contacts: '02',
	accounts: '03',
	tasks: '04',
	departments: '05',
	agents: '06',
	views: '08',
};
/** 18-digit Desk ID. @param {string} prefix @param {keyof typeof ENTITY_CODE} entity @param {number} seq */
const deskId = (prefix, entity, seq) =>
	`${prefix}0000${ENTITY_CODE[entity]}${String(1000 + seq).padStart(8, '0')}`;

/**
 * @typedef {object} DeskSizes
 * @property {Record<string, number>} [tickets] orgId → ticket count
 * @property {Record<string, number>} [contacts]
 * @property {Record<string, number>} [accounts]
 * @property {Record<string, number>} [tasks]
 */

/**
 * @param {number} seed
 * @param {DeskSizes} [sizes]
 */
function generateDesk(seed, sizes = {}) {
	const orgs = [];
	const departments = new Map();
	const agents = new Map();
	const contacts = new Map();
	const accounts = new Map();
	const tickets = new Map();
	const tasks = new Map();
	const views = new Map();
	/** @type {Record<string, {tickets: number, contacts: number, accounts: number, tasks: number, ticketNumber: number}>} */
	const sequences = {};

	for (const def of ORG_DEFS) {
		const rng = createRng(seed, `desk:${def.id}`);
		const org = {
			id: def.id,
			companyName: def.companyName,
			portalName: def.portalName,
			portalURL: `https://desk.zoho.com/portal/${def.portalName}`,
			edition: def.edition,
			isDefault: def.isDefault,
			isAdminInOrg: true,
			isSandboxPortal: false,
			isPayloadEncryptionEnabled: false,
			currencyCode: 'USD',
			currencyLocale: 'US',
			currencySymbol: '$',
			employeeCount: String(def.agents),
			logoURL: null,
			faviconURL: null,
			description: `${def.companyName} help desk`,
			website: `https://www.${def.portalName}.example`,
		};
		orgs.push(org);

		const deptIds = def.departments.map((name, i) => {
			const id = deskId(def.prefix, 'departments', i);
			departments.set(id, {
				id,
				orgId: def.id,
				name,
				description: `${name} department`,
				isEnabled: true,
				isDefault: i === 0,
				hasLogo: false,
				isAssignToTeamEnabled: false,
				isVisibleInCustomerPortal: true,
				nameInCustomerPortal: name,
				sanitizedName: name.toLowerCase(),
				chatStatus: 'AVAILABLE',
				creatorId: null,
				createdTime: deskDateTime(DESK_START - 30 * 24 * HOUR),
			});
			return id;
		});

		const agentList = [];
		for (let i = 0; i < def.agents; i++) {
			const first = N.FIRST_NAMES[(i * 7 + def.agents) % N.FIRST_NAMES.length];
			const last = N.LAST_NAMES[(i * 11 + def.agents) % N.LAST_NAMES.length];
			const id = deskId(def.prefix, 'agents', i);
			const assoc = deptIds.filter((_d, k) => (i + k) % 2 === 0 || deptIds.length <= 2);
			const agent = {
				id,
				orgId: def.id,
				firstName: first,
				lastName: last,
				name: `${first} ${last}`,
				emailId: `${first}.${last}@${def.portalName}.example`.toLowerCase(),
				status: i === def.agents - 1 ? 'DISABLED' : 'ACTIVE',
				isConfirmed: true,
				zuid: String(700000 + i),
				roleId: deskId(def.prefix, 'agents', 900),
				profileId: deskId(def.prefix, 'agents', 901),
				associatedDepartmentIds: assoc.length ? assoc : [deptIds[0]],
				langCode: 'en_US',
				photoURL: `https://desk.zoho.com/api/v1/agents/${id}/photo?orgId=${def.id}`,
				phone: null,
				mobile: null,
				extn: null,
			};
			agents.set(id, agent);
			agentList.push(agent);
		}
		const activeAgents = agentList.filter((a) => a.status === 'ACTIVE');

		const accountList = [];
		const accountCount = sizes.accounts?.[def.id] ?? def.accounts;
		for (let i = 0; i < accountCount; i++) {
			const name = `${rng.pick(N.COMPANY_WORDS_A)} ${rng.pick(N.COMPANY_WORDS_B)} ${def.portalName.slice(4)} ${i + 1}`;
			const [city, country] = rng.pick(N.CITIES);
			const created = DESK_START + i * 20 * HOUR + rng.int(0, 19) * HOUR;
			const account = {
				id: deskId(def.prefix, 'accounts', i),
				orgId: def.id,
				accountName: name,
				email: `info${i + 1}@${name.split(' ')[0].toLowerCase()}.example`,
				website: `https://www.${name.replace(/\W+/g, '').toLowerCase()}.example`,
				phone: `+1 555 ${String(rng.int(0, 9999999)).padStart(7, '0')}`,
				industry: rng.pick([
					'Software',
					'Retail',
					'Healthcare',
					'Finance',
					'Education',
					'Manufacturing',
				]),
				description: null,
				ownerId: rng.pick(activeAgents).id,
				city,
				country,
				createdTime: deskDateTime(created),
				modifiedTime: deskDateTime(created + rng.int(0, 400) * HOUR),
				cf: { cf_segment: rng.pick(['SMB', 'Mid-Market', 'Enterprise']) },
			};
			accounts.set(account.id, account);
			accountList.push(account);
		}

		const contactList = [];
		const contactCount = sizes.contacts?.[def.id] ?? def.contacts;
		for (let i = 0; i < contactCount; i++) {
			const first = rng.pick(N.FIRST_NAMES);
			const last = rng.pick(N.LAST_NAMES);
			const [city, country] = rng.pick(N.CITIES);
			const account = accountList.length && rng.chance(0.8) ? rng.pick(accountList) : null;
			const created = DESK_START + i * 5 * HOUR + rng.int(0, 4) * HOUR;
			const contact = {
				id: deskId(def.prefix, 'contacts', i),
				orgId: def.id,
				firstName: first,
				lastName: last,
				email: `${first}.${last}.${i + 1}@customer-${def.portalName}.example`.toLowerCase(),
				secondaryEmail: null,
				phone: `+1 555 ${String(rng.int(0, 9999999)).padStart(7, '0')}`,
				mobile: rng.chance(0.4) ? `+1 555 ${String(rng.int(0, 9999999)).padStart(7, '0')}` : null,
				accountId: account ? account.id : null,
				ownerId: rng.pick(activeAgents).id,
				title: rng.pick(N.TITLES),
				type: null,
				description: null,
				city,
				country,
				isAnonymous: false,
				createdTime: deskDateTime(created),
				modifiedTime: deskDateTime(created + rng.int(0, 400) * HOUR),
				cf: { cf_tier: rng.pick(['Gold', 'Silver', 'Bronze']) },
			};
			contacts.set(contact.id, contact);
			contactList.push(contact);
		}

		const ticketCount = sizes.tickets?.[def.id] ?? def.tickets;
		const span = DESK_NOW - DESK_START - 10 * 24 * HOUR;
		const ticketList = [];
		for (let i = 0; i < ticketCount; i++) {
			const created =
				DESK_START +
				Math.floor((i / Math.max(ticketCount, 1)) * span) +
				rng.int(0, Math.max(1, Math.floor(span / Math.max(ticketCount, 1)) - 1));
			const roll = rng.next();
			const status =
				roll < 0.4 ? 'Open' : roll < 0.55 ? 'On Hold' : roll < 0.65 ? 'Escalated' : 'Closed';
			const contact = contactList.length ? rng.pick(contactList) : null;
			const deptIndex = i % deptIds.length;
			const deptId = deptIds[deptIndex];
			const eligible = activeAgents.filter((a) => a.associatedDepartmentIds.includes(deptId));
			const assignee = rng.chance(0.85) && eligible.length ? rng.pick(eligible) : null;
			const due = created + rng.int(4, 240) * HOUR;
			const modified = Math.min(
				DESK_NOW,
				created + rng.int(0, 300) * HOUR + rng.int(0, 3599) * 1000,
			);
			const closed =
				status === 'Closed' ? Math.min(DESK_NOW, created + rng.int(1, 200) * HOUR) : null;
			const priorityRoll = rng.next();
			const ticket = {
				id: deskId(def.prefix, 'tickets', i),
				orgId: def.id,
				ticketNumber: String(101 + i),
				subject: `${rng.pick(N.TICKET_SUBJECTS)} (#${101 + i})`,
				status,
				statusType: STATUS_TYPE[status],
				priority:
					priorityRoll < 0.2
						? 'High'
						: priorityRoll < 0.55
							? 'Medium'
							: priorityRoll < 0.85
								? 'Low'
								: null,
				channel: rng.pick(CHANNELS),
				departmentId: deptId,
				contactId: contact ? contact.id : null,
				accountId: contact ? contact.accountId : null,
				assigneeId: assignee ? assignee.id : null,
				teamId: null,
				productId: null,
				email: contact ? contact.email : null,
				phone: contact ? contact.phone : null,
				classification: rng.pick(CLASSIFICATIONS),
				category: null,
				language: 'English',
				createdTime: deskDateTime(created),
				modifiedTime: deskDateTime(Math.max(modified, closed ?? 0)),
				dueDate: status === 'Closed' ? null : deskDateTime(due),
				closedTime: closed === null ? null : deskDateTime(closed),
				customerResponseTime: deskDateTime(created + rng.int(0, 48) * HOUR),
				isSpam: rng.chance(0.02),
				isOverDue: status !== 'Closed' && due < DESK_NOW,
				isEscalated: status === 'Escalated' || rng.chance(0.03),
				threadCount: String(rng.int(1, 9)),
				commentCount: String(rng.int(0, 4)),
				description: `${rng.pick(N.LOREM)} ${rng.pick(N.LOREM)}`,
				cf: {
					cf_region: rng.pick(REGIONS),
					cf_order_id: rng.chance(0.6) ? `ORD-${rng.int(10000, 99999)}` : null,
				},
			};
			tickets.set(ticket.id, ticket);
			ticketList.push(ticket);
		}

		const taskCount = sizes.tasks?.[def.id] ?? def.tasks;
		for (let i = 0; i < taskCount; i++) {
			const created = DESK_START + i * 30 * HOUR + rng.int(0, 29) * HOUR;
			const status = rng.pick(TASK_STATUSES);
			const ticket = ticketList.length && rng.chance(0.7) ? rng.pick(ticketList) : null;
			const task = {
				id: deskId(def.prefix, 'tasks', i),
				orgId: def.id,
				subject: `${rng.pick(N.TASK_SUBJECTS)} (task ${i + 1})`,
				departmentId: ticket ? ticket.departmentId : rng.pick(deptIds),
				ticketId: ticket ? ticket.id : null,
				contactId: ticket ? ticket.contactId : null,
				dueDate: deskDateTime(created + rng.int(24, 400) * HOUR),
				status,
				priority: rng.pick(TASK_PRIORITIES),
				category: rng.pick(TASK_CATEGORIES),
				ownerId: rng.pick(activeAgents).id,
				creatorId: rng.pick(activeAgents).id,
				isCompleted: status === 'Completed',
				completedTime:
					status === 'Completed' ? deskDateTime(created + rng.int(1, 100) * HOUR) : null,
				description: rng.chance(0.3) ? rng.pick(N.LOREM) : null,
				createdTime: deskDateTime(created),
				modifiedTime: deskDateTime(created + rng.int(0, 200) * HOUR),
			};
			tasks.set(task.id, task);
		}

		views.set(deskId(def.prefix, 'views', 0), {
			id: deskId(def.prefix, 'views', 0),
			orgId: def.id,
			name: 'All Tickets',
			filter: null,
		});
		views.set(deskId(def.prefix, 'views', 1), {
			id: deskId(def.prefix, 'views', 1),
			orgId: def.id,
			name: 'Open Tickets',
			filter: { statusType: 'Open' },
		});

		sequences[def.id] = {
			tickets: ticketCount,
			contacts: contactCount,
			accounts: accountCount,
			tasks: taskCount,
			ticketNumber: 101 + ticketCount,
		};
	}

	return { orgs, departments, agents, contacts, accounts, tickets, tasks, views, sequences };
}

// ---------------------------------------------------------------- history

const EVENT_CATEGORIES = [
	'CommentHistory',
	'WorkflowHistory',
	'SLAHistory',
	'AssignmentRuleHistory',
	'BlueprintHistory',
	'ApprovalHistory',
	'TimeEntryHistory',
	'TaskHistory',
	'TicketHistory',
];

/**
 * History events of a ticket, oldest first. Deterministic in (seed, ticket id).
 * Internal keys (`_category`, `_fields`) are stripped when answered.
 * @param {number} seed
 * @param {Record<string, any>} ticket
 * @param {number} count
 * @param {Map<string, any>} agents
 */
function generateHistory(seed, ticket, count, agents) {
	const rng = createRng(seed, `history:${ticket.id}`);
	const orgAgents = Array.from(agents.values()).filter((a) => a.orgId === ticket.orgId);
	const created = Date.parse(ticket.createdTime);
	const end = Math.max(created + 60000, Date.parse(ticket.modifiedTime));
	const step = (end - created) / Math.max(count, 1);
	const events = [];
	for (let i = 0; i < count; i++) {
		const at = Math.floor(created + i * step + rng.next() * step * 0.9);
		const agent = rng.pick(orgAgents);
		const actor = { id: agent.id, name: agent.name, type: 'AGENT', photoURL: agent.photoURL };
		if (i === 0) {
			events.push({
				eventName: 'TicketCreated',
				eventTime: deskDateTime(at),
				source: 'EMAIL',
				actor: { id: ticket.contactId, name: 'Customer', type: 'END_USER', photoURL: null },
				eventInfo: [
					{
						propertyName: 'Subject',
						propertyValue: ticket.subject,
						propertyType: 'Text',
						systemProperty: true,
					},
					{
						propertyName: 'Status',
						propertyValue: 'Open',
						propertyType: 'Picklist',
						systemProperty: true,
					},
				],
				_category: 'TicketHistory',
				_fields: ['subject', 'status'],
			});
			continue;
		}
		const roll = rng.next();
		if (roll < 0.25) {
			events.push({
				eventName: 'TicketCommented',
				eventTime: deskDateTime(at),
				source: 'WEB',
				actor,
				eventInfo: [
					{
						propertyName: 'Comment',
						propertyValue: rng.pick(N.LOREM),
						propertyType: 'Text',
						systemProperty: false,
					},
				],
				_category: 'CommentHistory',
				_fields: [],
			});
		} else if (roll < 0.35) {
			events.push({
				eventName: 'SLAViolated',
				eventTime: deskDateTime(at),
				source: 'SYSTEM',
				actor: { id: null, name: 'System', type: 'SYSTEM', photoURL: null },
				eventInfo: [
					{
						propertyName: 'SLA',
						propertyValue: 'Standard SLA',
						propertyType: 'Text',
						systemProperty: true,
					},
				],
				_category: 'SLAHistory',
				_fields: [],
			});
		} else {
			const workflow = roll < 0.45;
			const change = rng.pick(HISTORY_CHANGES);
			const [prev, next] = change.values(rng, orgAgents);
			events.push({
				eventName: 'TicketUpdated',
				eventTime: deskDateTime(at),
				source: workflow ? 'WORKFLOW' : rng.pick(['WEB', 'API']),
				actor: workflow
					? { id: null, name: 'Workflow: Auto triage', type: 'SYSTEM', photoURL: null }
					: actor,
				eventInfo: [
					{
						propertyName: change.label,
						propertyValue: { previousValue: prev, updatedValue: next },
						propertyType: change.type,
						systemProperty: change.field !== 'cf_region',
					},
				],
				_category: workflow ? 'WorkflowHistory' : 'TicketHistory',
				_fields: [change.field],
			});
		}
	}
	return events;
}

const HISTORY_CHANGES = [
	{
		field: 'status',
		label: 'Status',
		type: 'Picklist',
		values: (rng) => [rng.pick(TICKET_STATUSES), rng.pick(TICKET_STATUSES)],
	},
	{
		field: 'priority',
		label: 'Priority',
		type: 'Picklist',
		values: (rng) => [rng.pick(PRIORITIES), rng.pick(PRIORITIES)],
	},
	{
		field: 'assigneeId',
		label: 'Assignee',
		type: 'LookUp',
		values: (rng, agents) => [rng.pick(agents).name, rng.pick(agents).name],
	},
	{
		field: 'dueDate',
		label: 'Due Date',
		type: 'DateTime',
		values: (rng) => [
			deskDateTime(DESK_START + rng.int(0, 10000) * HOUR),
			deskDateTime(DESK_START + rng.int(0, 10000) * HOUR),
		],
	},
	{
		field: 'cf_region',
		label: 'Region',
		type: 'Picklist',
		values: (rng) => [rng.pick(REGIONS), rng.pick(REGIONS)],
	},
];

/** Default lazy history length for an ordinary ticket (2–6 events). @param {string} id */
const defaultHistoryLength = (id) => 2 + (hashString(id) % 5);

module.exports = {
	generateDesk,
	generateHistory,
	defaultHistoryLength,
	deskId,
	ORG_A,
	ORG_B,
	FOREIGN_ORG,
	ORG_DEFS,
	TICKET_STATUSES,
	STATUS_TYPE,
	PRIORITIES,
	CHANNELS,
	CLASSIFICATIONS,
	REGIONS,
	TASK_STATUSES,
	TASK_PRIORITIES,
	EVENT_CATEGORIES,
	DESK_NOW,
};
