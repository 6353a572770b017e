'use strict';
/**
 * Builds the emulator's data store. A pristine store is generated once per
 * (seed, sizes) and cached; every reset copies its Maps. Records are frozen and shared:
 * handlers never mutate a record, they store a new object (copy-on-write), so a reset
 * only has to copy Map entries.
 */

const { generateCrmRecords, generateTimeline, MODULES } = require('./crm-seed');
const { generateDesk, generateHistory, ORG_A, FOREIGN_ORG } = require('./desk-seed');
const { MODULE_MAP } = require('./crm-schema');

/**
 * @typedef {object} SeedSizes
 * @property {Record<string, number>} [crm] module API name → record count
 * @property {import('./desk-seed').DeskSizes} [desk]
 */

/**
 * @typedef {object} SeedOptions
 * @property {number} [seed]
 * @property {SeedSizes} [sizes]
 */

/** Seeded timeline sizes of notable records. */
const BIG_TIMELINES = [
	{ module: 'Leads', count: 1000, signalEvery: 0 },
	{ module: 'Deals', count: 250, signalEvery: 25 },
	{ module: 'Contacts', count: 30, signalEvery: 5 },
];
const BIG_HISTORY = 120;

/** @type {Map<string, ReturnType<typeof buildPristine>>} */
const cache = new Map();

/** @param {unknown} sizes */
function validateSizes(sizes) {
	if (sizes === undefined) return;
	if (sizes === null || typeof sizes !== 'object' || Array.isArray(sizes))
		throw new TypeError('sizes must be an object');
	for (const [key, value] of Object.entries(sizes)) {
		if (key === 'crm') {
			for (const [mod, n] of Object.entries(value ?? {})) {
				if (!MODULE_MAP.has(mod)) throw new TypeError(`sizes.crm: unknown module ${mod}`);
				if (!Number.isInteger(n) || n < 1 || n > 200000)
					throw new TypeError(`sizes.crm.${mod} must be an integer 1–200000`);
			}
		} else if (key === 'desk') {
			for (const [entity, perOrg] of Object.entries(value ?? {})) {
				if (!['tickets', 'contacts', 'accounts', 'tasks'].includes(entity))
					throw new TypeError(`sizes.desk: unknown entity ${entity}`);
				for (const [org, n] of Object.entries(perOrg ?? {})) {
					if (!/^\d+$/.test(org)) throw new TypeError(`sizes.desk.${entity}: bad org id ${org}`);
					if (!Number.isInteger(n) || n < 1 || n > 100000)
						throw new TypeError(`sizes.desk.${entity}.${org} must be an integer 1–100000`);
				}
			}
		} else {
			throw new TypeError(`unknown sizes key ${key}`);
		}
	}
}

/** @param {number} seed @param {SeedSizes} sizes */
function buildPristine(seed, sizes) {
	const records = generateCrmRecords(seed, sizes.crm ?? {});
	/** @type {Map<string, object[]>} */
	const timeline = new Map();
	for (const big of BIG_TIMELINES) {
		const mod = MODULE_MAP.get(big.module);
		const first = records[big.module].values().next().value;
		if (mod && first)
			timeline.set(
				`${big.module}:${first.id}`,
				generateTimeline(seed, mod, first, big.count, { signalEvery: big.signalEvery }),
			);
	}
	const desk = generateDesk(seed, sizes.desk ?? {});
	/** @type {Map<string, object[]>} */
	const history = new Map();
	const firstTicket = Array.from(desk.tickets.values()).find((t) => t.orgId === ORG_A);
	if (firstTicket)
		history.set(firstTicket.id, generateHistory(seed, firstTicket, BIG_HISTORY, desk.agents));
	/** @type {Record<string, number>} */
	const nextSeq = {};
	for (const m of MODULES) nextSeq[m.api_name] = records[m.api_name].size;
	for (const map of Object.values(records)) freezeMap(map);
	for (const name of ['departments', 'agents', 'contacts', 'accounts', 'tickets', 'tasks', 'views'])
		freezeMap(desk[name]);
	for (const list of [...timeline.values(), ...history.values()])
		for (const e of list) Object.freeze(e);
	return { records, timeline, desk, history, nextSeq };
}

/**
 * Freezes a record and its nested values (lookups, cf): the live store shares pristine
 * records, and handlers always replace a record instead of mutating it.
 * @param {Record<string, any>} r
 */
function freezeRecord(r) {
	for (const v of Object.values(r)) if (v !== null && typeof v === 'object') Object.freeze(v);
	return Object.freeze(r);
}

/** @param {Map<string, Record<string, any>>} map */
function freezeMap(map) {
	for (const v of map.values()) freezeRecord(v);
	return map;
}

/**
 * Returns a fresh, mutable store for the given seed and sizes.
 * @param {number} seed
 * @param {SeedSizes} [sizes]
 */
function createStore(seed, sizes = {}) {
	validateSizes(sizes);
	const key = JSON.stringify([seed, sizes]);
	let pristine = cache.get(key);
	if (!pristine) {
		pristine = buildPristine(seed, sizes);
		const oldest = cache.keys().next().value;
		if (cache.size > 4 && oldest !== undefined) cache.delete(oldest);
		cache.set(key, pristine);
	}
	/** @type {Record<string, Map<string, Record<string, any>>>} */
	const records = {};
	for (const [name, map] of Object.entries(pristine.records)) records[name] = new Map(map);
	const d = pristine.desk;
	const desk = {
		orgs: d.orgs.map((o) => ({ ...o })),
		foreignOrgIds: [FOREIGN_ORG],
		/** ticket id → events, oldest first; other tickets are generated on first use */
		history: new Map(Array.from(pristine.history, ([k, v]) => [k, v.slice()])),
		sequences: JSON.parse(JSON.stringify(d.sequences)),
	};
	for (const name of ['departments', 'agents', 'contacts', 'accounts', 'tickets', 'tasks', 'views'])
		desk[name] = new Map(d[name]);
	return {
		seed,
		crm: {
			records,
			/** `${module}:${id}` → entries, oldest first; other records are generated on first use */
			timeline: new Map(Array.from(pristine.timeline, ([k, v]) => [k, v.slice()])),
			/** channel_id (string) → channel */
			watch: new Map(),
			/** raised signals, oldest first */
			signals: /** @type {Record<string, unknown>[]} */ ([]),
			nextSeq: { ...pristine.nextSeq },
		},
		desk,
	};
}

module.exports = { createStore, validateSizes };
