'use strict';
/** Deterministic generation of CRM records and of record timelines. */

// Module-scope bindings of hot globals: global lookups are slow inside a vm context (jest).
const { Math, Date } = globalThis;

const { createRng, hashString } = require('../prng');
const { crmDateTime, crmDate } = require('../time');
const { MODULES, MODULE_MAP, USERS, crmId, TIMELINE_CODE } = require('./crm-schema');
const N = require('./names');

const SEED_START = Date.UTC(2022, 0, 1);
const SEED_END = Date.UTC(2025, 0, 31);
const DAY = 86400000;

/** Shared, frozen `{name, id, email}` lookup values of the users. */
const USER_REFS = new Map(
	USERS.map((u) => [u.id, Object.freeze({ name: u.full_name, id: u.id, email: u.email })]),
);
/** @param {{id: string}} u */
const userRef = (u) =>
	/** @type {{name: string, id: string, email: string}} */ (USER_REFS.get(u.id));
const ACTIVE_USERS = USERS.filter((u) => u.status === 'active');

/** @typedef {Record<string, any> & {id: string}} CrmRecord */

/**
 * Generates all records of every module.
 * @param {number} seed
 * @param {Record<string, number>} counts module → record count
 * @returns {Record<string, Map<string, CrmRecord>>}
 */
function generateCrmRecords(seed, counts) {
	/** @type {Record<string, Map<string, CrmRecord>>} */
	const records = {};
	const order = ['Accounts', 'Contacts', 'Leads', 'Deals', 'Tasks', 'Shipments'];
	for (const name of order) {
		const mod = MODULE_MAP.get(name);
		if (!mod) throw new Error(`unknown module ${name}`);
		const count = counts[name] ?? mod.count;
		const rng = createRng(seed, `crm:${name}`);
		const map = new Map();
		const span = SEED_END - SEED_START - 40 * DAY;
		const accounts = records.Accounts ? Array.from(records.Accounts.values()) : [];
		const contacts = records.Contacts ? Array.from(records.Contacts.values()) : [];
		const deals = records.Deals ? Array.from(records.Deals.values()) : [];
		for (let i = 0; i < count; i++) {
			const created =
				SEED_START +
				Math.floor((i / Math.max(count, 1)) * span) +
				rng.int(0, Math.floor(span / Math.max(count, 1)));
			const modified = Math.min(
				SEED_END,
				created + rng.int(0, 400) * 3600000 + rng.int(0, 3599) * 1000,
			);
			const owner = rng.pick(ACTIVE_USERS);
			const creator = rng.pick(ACTIVE_USERS);
			const modifier = rng.pick(ACTIVE_USERS);
			const body = BUILDERS[name](rng, i, { accounts, contacts, deals });
			body.Owner = userRef(owner);
			body.Created_By = userRef(creator);
			body.Modified_By = userRef(modifier);
			body.Created_Time = crmDateTime(created);
			body.Modified_Time = crmDateTime(modified);
			body.Last_Activity_Time = rng.chance(0.7) ? body.Modified_Time : null;
			// Every field of the module is present (null when empty), in schema order, like Zoho's full record.
			/** @type {CrmRecord} */
			const r = { id: crmId(mod.code, i) };
			for (const f of mod.fields) r[f.api_name] = body[f.api_name] ?? null;
			if (name === 'Tasks') r.$se_module = body.$se_module ?? null;
			map.set(r.id, r);
		}
		records[name] = map;
	}
	return records;
}

const phone = (rng) => `+1 ${rng.int(201, 989)}-555-${String(rng.int(0, 9999)).padStart(4, '0')}`;
const money = (rng, min, max) => rng.int(min, max) * 100;
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
const sentence = (rng) => `${rng.pick(N.LOREM)} ${rng.pick(N.LOREM)}`;
const nameRef = (r, field) => Object.freeze({ name: r[field], id: r.id });

/** @type {Record<string, (rng: import('../prng').Rng, i: number, rel: {accounts: CrmRecord[], contacts: CrmRecord[], deals: CrmRecord[]}) => Record<string, unknown>>} */
const BUILDERS = {
	Accounts(rng, i) {
		const name = `${rng.pick(N.COMPANY_WORDS_A)} ${rng.pick(N.COMPANY_WORDS_B)} ${i + 1}`;
		const [city, country] = rng.pick(N.CITIES);
		const mod = MODULE_MAP.get('Accounts');
		return {
			Account_Name: name,
			Phone: phone(rng),
			Website: `https://www.${slug(name)}.example`,
			Account_Type: rng.pick(pick(mod, 'Account_Type')),
			Industry: rng.pick(pick(mod, 'Industry')),
			Ownership: rng.chance(0.6) ? rng.pick(pick(mod, 'Ownership')) : null,
			Rating: rng.chance(0.5) ? rng.pick(pick(mod, 'Rating')) : null,
			Annual_Revenue: money(rng, 1000, 500000),
			Employees: rng.int(1, 20000),
			Billing_City: city,
			Billing_Country: country,
			Description: rng.chance(0.3) ? sentence(rng) : null,
			Health_Score: Math.round(rng.next() * 1000) / 10,
		};
	},
	Contacts(rng, i, rel) {
		const first = rng.pick(N.FIRST_NAMES);
		const last = rng.pick(N.LAST_NAMES);
		const [city, country] = rng.pick(N.CITIES);
		const account = rel.accounts.length && rng.chance(0.85) ? rng.pick(rel.accounts) : null;
		const mod = MODULE_MAP.get('Contacts');
		return {
			First_Name: first,
			Last_Name: last,
			Full_Name: `${first} ${last}`,
			Email: rng.chance(0.95) ? `${first}.${last}.${i + 1}@example.org`.toLowerCase() : null,
			Phone: phone(rng),
			Mobile: rng.chance(0.5) ? phone(rng) : null,
			Account_Name: account ? nameRef(account, 'Account_Name') : null,
			Title: rng.pick(N.TITLES),
			Department: rng.pick(N.DEPARTMENTS),
			Lead_Source: rng.pick(pick(mod, 'Lead_Source')),
			Mailing_City: city,
			Mailing_Country: country,
			Date_of_Birth: rng.chance(0.4)
				? crmDate(Date.UTC(rng.int(1955, 2002), rng.int(0, 11), rng.int(1, 28)))
				: null,
			Email_Opt_Out: rng.chance(0.12),
			Description: rng.chance(0.2) ? sentence(rng) : null,
			Loyalty_Points: rng.int(0, 5000),
		};
	},
	Leads(rng, i) {
		const first = rng.pick(N.FIRST_NAMES);
		const last = rng.pick(N.LAST_NAMES);
		const company = `${rng.pick(N.COMPANY_WORDS_A)} ${rng.pick(N.COMPANY_WORDS_B)}`;
		const [city, country] = rng.pick(N.CITIES);
		const mod = MODULE_MAP.get('Leads');
		return {
			First_Name: first,
			Last_Name: last,
			Full_Name: `${first} ${last}`,
			Email: rng.chance(0.95) ? `${first}.${last}.${i + 1}@example.com`.toLowerCase() : null,
			Phone: phone(rng),
			Mobile: rng.chance(0.4) ? phone(rng) : null,
			Company: company,
			Lead_Status: rng.pick(pick(mod, 'Lead_Status')),
			Lead_Source: rng.pick(pick(mod, 'Lead_Source')),
			Industry: rng.chance(0.7) ? rng.pick(pick(mod, 'Industry')) : null,
			Rating: rng.chance(0.4) ? rng.pick(pick(mod, 'Rating')) : null,
			Annual_Revenue: rng.chance(0.6) ? money(rng, 100, 200000) : null,
			No_of_Employees: rng.chance(0.6) ? rng.int(1, 5000) : null,
			Email_Opt_Out: rng.chance(0.1),
			Website: rng.chance(0.5) ? `https://www.${slug(company)}.example` : null,
			City: city,
			Country: country,
			Description: rng.chance(0.2) ? sentence(rng) : null,
			Follow_Up_Date: rng.chance(0.5)
				? crmDate(Date.UTC(2025, rng.int(0, 11), rng.int(1, 28)))
				: null,
			Lead_Score: rng.int(0, 100),
		};
	},
	Deals(rng, i, rel) {
		const account = rel.accounts.length ? rng.pick(rel.accounts) : null;
		const contact = rel.contacts.length && rng.chance(0.8) ? rng.pick(rel.contacts) : null;
		const mod = MODULE_MAP.get('Deals');
		const stage = rng.pick(pick(mod, 'Stage'));
		const amount = money(rng, 10, 100000);
		const probability =
			stage === 'Closed Won' ? 100 : stage.startsWith('Closed Lost') ? 0 : rng.int(10, 90);
		return {
			Deal_Name: `${account ? account.Account_Name : 'Direct'} - ${rng.pick(N.PRODUCTS)} #${i + 1}`,
			Stage: stage,
			Amount: amount,
			Closing_Date: crmDate(Date.UTC(rng.int(2023, 2025), rng.int(0, 11), rng.int(1, 28))),
			Account_Name: account ? nameRef(account, 'Account_Name') : null,
			Contact_Name: contact ? nameRef(contact, 'Full_Name') : null,
			Probability: probability,
			Expected_Revenue: Math.round((amount * probability) / 100),
			Type: rng.pick(pick(mod, 'Type')),
			Lead_Source: rng.pick(pick(mod, 'Lead_Source')),
			Next_Step: rng.chance(0.5) ? rng.pick(N.TASK_SUBJECTS) : null,
			Description: rng.chance(0.2) ? sentence(rng) : null,
			Is_Priority: rng.chance(0.15),
		};
	},
	Tasks(rng, i, rel) {
		const mod = MODULE_MAP.get('Tasks');
		const deal = rel.deals.length ? rng.pick(rel.deals) : null;
		const contact = rel.contacts.length && rng.chance(0.7) ? rng.pick(rel.contacts) : null;
		const status = rng.pick(pick(mod, 'Status'));
		return {
			Subject: `${rng.pick(N.TASK_SUBJECTS)} #${i + 1}`,
			Due_Date: crmDate(Date.UTC(2025, rng.int(0, 11), rng.int(1, 28))),
			Status: status,
			Priority: rng.pick(pick(mod, 'Priority')),
			What_Id: deal ? nameRef(deal, 'Deal_Name') : null,
			$se_module: deal ? 'Deals' : null,
			Who_Id: contact ? nameRef(contact, 'Full_Name') : null,
			Send_Notification_Email: rng.chance(0.2),
			Description: rng.chance(0.3) ? sentence(rng) : null,
			Closed_Time:
				status === 'Completed'
					? crmDateTime(Date.UTC(2024, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23)))
					: null,
		};
	},
	Shipments(rng, i, rel) {
		const mod = MODULE_MAP.get('Shipments');
		const account = rel.accounts.length ? rng.pick(rel.accounts) : null;
		const status = rng.pick(pick(mod, 'Shipment_Status'));
		const shipped = Date.UTC(2024, rng.int(0, 11), rng.int(1, 28));
		return {
			Name: `SHP-${String(100000 + i)}`,
			Tracking_Number: `${rng.pick(['1Z', 'JD', 'FX', 'US'])}${rng.int(100000000, 999999999)}`,
			Carrier: rng.pick(pick(mod, 'Carrier')),
			Shipment_Status: status,
			Weight_Kg: Math.round(rng.next() * 5000) / 100,
			Pieces: rng.int(1, 12),
			Declared_Value: money(rng, 1, 5000),
			Insured: rng.chance(0.3),
			Shipped_On: crmDate(shipped),
			Delivered_At:
				status === 'Delivered'
					? crmDateTime(shipped + rng.int(1, 9) * DAY + rng.int(0, 86399) * 1000)
					: null,
			Account: account ? nameRef(account, 'Account_Name') : null,
			Contact_Email: rng.chance(0.8) ? `shipping${i + 1}@example.net` : null,
			Contact_Phone: rng.chance(0.6) ? phone(rng) : null,
		};
	},
};

/** @param {import('./crm-schema').ModuleDef|undefined} mod @param {string} api */
function pick(mod, api) {
	const f = mod && mod.fieldMap.get(api);
	if (!f || !f.pick_list) throw new Error(`no pick list for ${api}`);
	return f.pick_list;
}

// ---------------------------------------------------------------- timeline

/** Display name of a record. @param {import('./crm-schema').ModuleDef} mod @param {Record<string, any>} r */
function recordName(mod, r) {
	const v = r[mod.nameField];
	if (typeof v === 'string' && v) return v;
	if (mod.nameField === 'Full_Name') return [r.First_Name, r.Last_Name].filter(Boolean).join(' ');
	return r.id;
}

const TIMELINE_FIELD_TYPES = new Set([
	'text',
	'picklist',
	'integer',
	'currency',
	'double',
	'boolean',
	'date',
	'email',
	'phone',
]);

/**
 * Builds `count` timeline entries for a record, oldest first. Deterministic in (seed, record id).
 * @param {number} seed
 * @param {import('./crm-schema').ModuleDef} mod
 * @param {Record<string, any>} record
 * @param {number} count
 * @param {{signalEvery?: number}} [opts] every n-th entry (n>0) is a `signals` entry
 */
function generateTimeline(seed, mod, record, count, opts = {}) {
	const rng = createRng(seed, `timeline:${record.id}`);
	const created = Date.parse(String(record.Created_Time));
	const modified = Math.max(created + 60000, Date.parse(String(record.Modified_Time)));
	const step = (modified - created) / Math.max(count, 1);
	const fields = mod.fields.filter((f) => !f.read_only && TIMELINE_FIELD_TYPES.has(f.data_type));
	const moduleRef = { api_name: mod.api_name, id: mod.id };
	const recordRef = { name: recordName(mod, record), id: record.id, module: moduleRef };
	const base = hashString(record.id) % 100000;
	const entries = [];
	for (let i = 0; i < count; i++) {
		const at = Math.floor(created + i * step + rng.next() * step * 0.9);
		const who = rng.pick(ACTIVE_USERS);
		const id = `${'57257670'}${TIMELINE_CODE}${String(base * 100000 + i)
			.padStart(10, '0')
			.slice(-10)}`;
		/** @type {Record<string, any>} */
		const entry = {
			id,
			audited_time: crmDateTime(at),
			action: 'updated',
			source: 'crm_ui',
			extension: null,
			type: 'audit',
			done_by: { name: who.full_name, id: who.id },
			record: recordRef,
			related_record: null,
			automation_details: null,
			field_history: null,
		};
		if (i === 0) {
			entry.action = 'added';
		} else if (opts.signalEvery && i % opts.signalEvery === 0) {
			entry.action = 'added';
			entry.type = 'signals';
			entry.source = 'signals';
			entry.extension = { name: 'Beam', namespace: 'beam.deal_alert' };
			entry.signal_details = {
				namespace: 'beam.deal_alert',
				subject: `Signal ${i}`,
				message: `Automated signal number ${i}`,
			};
		} else {
			const roll = rng.next();
			if (roll < 0.12) {
				entry.action = 'note_added';
				entry.related_record = {
					name: `Note ${i}`,
					id: `${'57257670'}9${String(base * 100000 + i)
						.padStart(10, '0')
						.slice(-10)}`,
					module: { name: 'Notes', api_name: 'Notes', id: '5725767007000412900' },
				};
			} else {
				if (roll < 0.22) {
					entry.source = 'workflow';
					entry.automation_details = {
						type: 'workflow_rule',
						rule: { name: 'Auto-assign follow up', id: '5725767007000412901' },
						pathfinder: null,
					};
				} else if (roll < 0.35) {
					entry.source = 'crm_api';
				}
				const changed = fields.length ? [rng.pick(fields)] : [];
				if (fields.length > 1 && rng.chance(0.3)) changed.push(rng.pick(fields));
				entry.field_history = changed.map((f, k) => fieldChange(rng, f, k));
			}
		}
		entries.push(entry);
	}
	return entries;
}

/** @param {import('../prng').Rng} rng @param {import('./crm-schema').FieldDef} f @param {number} k */
function fieldChange(rng, f, k) {
	let oldV;
	let newV;
	switch (f.data_type) {
		case 'picklist':
			oldV = rng.pick(f.pick_list || ['-None-']);
			newV = rng.pick(f.pick_list || ['-None-']);
			break;
		case 'integer':
		case 'currency':
		case 'double':
			oldV = rng.int(0, 1000);
			newV = rng.int(0, 1000);
			break;
		case 'boolean':
			oldV = rng.chance(0.5);
			newV = !oldV;
			break;
		case 'date':
			oldV = crmDate(Date.UTC(2024, rng.int(0, 11), rng.int(1, 28)));
			newV = crmDate(Date.UTC(2025, rng.int(0, 11), rng.int(1, 28)));
			break;
		default:
			oldV = `${f.label} ${rng.int(1, 99)}`;
			newV = `${f.label} ${rng.int(100, 199)}`;
	}
	return {
		api_name: f.api_name,
		id: `5725767007000${String(413000 + k + rng.int(0, 99)).padStart(6, '0')}`,
		field_label: f.label,
		data_type: f.data_type,
		_value: { new: newV === undefined ? null : newV, old: oldV === undefined ? null : oldV },
	};
}

/** Default lazy timeline length for an ordinary record (2–6 entries). @param {string} id */
const defaultTimelineLength = (id) => 2 + (hashString(id) % 5);

module.exports = {
	generateCrmRecords,
	generateTimeline,
	defaultTimelineLength,
	recordName,
	SEED_START,
	SEED_END,
	MODULES,
};
