'use strict';
/** Shared helpers of the Desk handlers: parameters, paging, IDs, output shapes. */

const { deskError, deskParamError, DESK } = require('../errors');

const ID_RE = /^\d{1,19}$/;

/**
 * Rejects query parameters the endpoint does not know (Zoho Desk answers 422).
 * @param {import('../server').Ctx} ctx @param {string[]} allowed
 */
function allowParams(ctx, allowed) {
	for (const key of ctx.query.keys()) {
		if (key === 'orgId') continue;
		if (!allowed.includes(key))
			throw deskError(
				422,
				'UNPROCESSABLE_ENTITY',
				`The parameter '${key}' is not supported by this API.`,
				[{ fieldName: key, errorType: 'invalid', errorMessage: `Unknown parameter '${key}'.` }],
			);
	}
}

/**
 * `from` (0-based offset; `from=1` skips the first item) and `limit` (range check).
 * @param {import('../server').Ctx} ctx @param {{maxLimit: number, defLimit?: number}} o
 */
function paging(ctx, o) {
	const fromRaw = ctx.query.get('from');
	let from = 0;
	if (fromRaw !== null) {
		if (!/^\d+$/.test(fromRaw))
			throw deskParamError(
				'from',
				"The value passed for field 'from' must be a non-negative integer.",
			);
		from = Number(fromRaw);
		const max = ctx.config.deskMaxFrom;
		if (typeof max === 'number' && from > max)
			throw deskParamError(
				'from',
				`The value passed for field 'from' exceeds the range of '0-${max}'.`,
			);
	}
	const limitRaw = ctx.query.get('limit');
	let limit = o.defLimit ?? 10;
	if (limitRaw !== null) {
		const n = /^-?\d+$/.test(limitRaw) ? Number(limitRaw) : NaN;
		if (!(n >= 1 && n <= o.maxLimit)) {
			throw deskError(
				422,
				'UNPROCESSABLE_ENTITY',
				`The value passed for field 'limit' exceeds the range of '1-${o.maxLimit}'.`,
				[
					{
						fieldName: 'limit',
						errorType: 'invalid',
						errorMessage: `The value passed for field 'limit' exceeds the range of '1-${o.maxLimit}'.`,
					},
				],
			);
		}
		limit = n;
	}
	return { from, limit };
}

/**
 * `sortBy` with optional `-` prefix for descending order.
 * @param {import('../server').Ctx} ctx @param {string[]} allowed @param {string} def
 */
function sortParam(ctx, allowed, def) {
	const raw = ctx.query.get('sortBy') ?? def;
	const desc = raw.startsWith('-');
	const field = desc ? raw.slice(1) : raw;
	if (!allowed.includes(field))
		throw deskParamError(
			'sortBy',
			`The value passed for field 'sortBy' must be one of ${allowed.join(', ')} (prefix '-' for descending).`,
		);
	return { field, desc };
}

/** Sorts by a field (ISO times and numeric strings compare correctly), ties by id. @param {Record<string, any>[]} rows @param {{field: string, desc: boolean}} s */
function sortRows(rows, s) {
	const dir = s.desc ? -1 : 1;
	const numeric = s.field === 'ticketNumber';
	return rows.sort((a, b) => {
		let av = a[s.field];
		let bv = b[s.field];
		if (numeric) {
			av = Number(av);
			bv = Number(bv);
		} else if (
			typeof av === 'string' &&
			typeof bv === 'string' &&
			!s.field.endsWith('Time') &&
			s.field !== 'dueDate'
		) {
			av = av.toLowerCase();
			bv = bv.toLowerCase();
		}
		if (av === bv) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
		if (av === null || av === undefined) return 1;
		if (bv === null || bv === undefined) return -1;
		return av < bv ? -dir : dir;
	});
}

/** Comma list parameter validated against allowed values (case-insensitive); returns canonical values. @param {import('../server').Ctx} ctx @param {string} name @param {readonly string[]} allowed */
function enumListParam(ctx, name, allowed) {
	const raw = ctx.query.get(name);
	if (raw === null) return null;
	const out = [];
	for (const part of raw.split(',').map((s) => s.trim())) {
		const hit = allowed.find((a) => a.toLowerCase() === part.toLowerCase());
		if (!hit) throw deskParamError(name, `The value '${part}' passed for '${name}' is invalid.`);
		out.push(hit);
	}
	return out;
}

/**
 * A record of the org by id: malformed → 422, missing or in another org → 404.
 * @param {import('../server').Ctx} ctx @param {Map<string, Record<string, any>>} map @param {string} id
 */
function findInOrg(ctx, map, id) {
	if (!ID_RE.test(id)) throw deskParamError('id', `The id '${id}' is not a valid ID.`);
	const r = map.get(id);
	if (!r || r.orgId !== ctx.orgId) throw DESK.notFound();
	return r;
}

/** @param {import('../server').Ctx} ctx */
function portalOf(ctx) {
	const org = ctx.data.desk.orgs.find((/** @type {any} */ o) => o.id === ctx.orgId);
	return org ? org.portalName : 'portal';
}

const WEB_SECTIONS = {
	tickets: 'Cases',
	contacts: 'Contacts',
	accounts: 'Accounts',
	tasks: 'Tasks',
};

/**
 * Output copy: internal keys stripped, `webUrl` added unless omitDeskWebUrl.
 * @param {import('../server').Ctx} ctx @param {'tickets'|'contacts'|'accounts'|'tasks'} entity @param {Record<string, any>} r
 */
function present(ctx, entity, r) {
	const { orgId: _o, ...out } = r;
	if (out.cf && typeof out.cf === 'object') out.cf = { ...out.cf };
	if (!ctx.config.omitDeskWebUrl)
		out.webUrl = `${ctx.config.deskWebUrl}/support/${portalOf(ctx)}/ShowHomePage.do#${WEB_SECTIONS[entity]}/dv/${r.id}`;
	return out;
}

/** Agents of the org as a Map id → agent. @param {import('../server').Ctx} ctx */
const orgAgents = (ctx) =>
	Array.from(ctx.data.desk.agents.values()).filter((/** @type {any} */ a) => a.orgId === ctx.orgId);

/** First active agent of the org: the API user of this emulator. @param {import('../server').Ctx} ctx */
const apiAgent = (ctx) => orgAgents(ctx).find((/** @type {any} */ a) => a.status === 'ACTIVE');

module.exports = {
	allowParams,
	paging,
	sortParam,
	sortRows,
	enumListParam,
	findInOrg,
	present,
	orgAgents,
	apiAgent,
	portalOf,
	ID_RE,
};
