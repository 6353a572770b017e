'use strict';
/** Desk organizations, departments and agents. */

const { deskParamError } = require('../errors');
const { allowParams, paging, findInOrg, ID_RE } = require('./common');

/** Orgs the token belongs to. @param {import('../server').Ctx} ctx */
function tokenOrgs(ctx) {
	const ids = ctx.token ? ctx.token.deskOrgIds : [];
	return ctx.data.desk.orgs.filter((/** @type {any} */ o) => ids.includes(o.id));
}

/** GET /api/v1/organizations and /accessibleOrganizations @param {import('../server').Ctx} ctx */
function organizations(ctx) {
	allowParams(ctx, []);
	const orgs = tokenOrgs(ctx);
	if (orgs.length === 0) return { status: 204 };
	return { status: 200, body: { data: orgs.map((/** @type {any} */ o) => ({ ...o })) } };
}

/** GET /api/v1/organizations/{id} @param {import('../server').Ctx} ctx */
function organization(ctx) {
	allowParams(ctx, []);
	const id = ctx.params.id;
	if (!ID_RE.test(id)) throw deskParamError('id');
	const org = tokenOrgs(ctx).find((/** @type {any} */ o) => o.id === id);
	if (!org)
		return {
			status: 404,
			body: { errorCode: 'URL_NOT_FOUND', message: 'The URL you requested could not be found.' },
		};
	return { status: 200, body: { ...org } };
}

/** @param {Record<string, any>} r */
const strip = (r) => {
	const { orgId: _o, ...out } = r;
	return out;
};

/** GET /api/v1/departments @param {import('../server').Ctx} ctx */
function departments(ctx) {
	allowParams(ctx, ['from', 'limit', 'isEnabled']);
	const { from, limit } = paging(ctx, { maxLimit: 200, defLimit: 10 });
	const en = ctx.query.get('isEnabled');
	if (en !== null && en !== 'true' && en !== 'false') throw deskParamError('isEnabled');
	const rows = Array.from(ctx.data.desk.departments.values())
		.filter(
			(/** @type {any} */ d) =>
				d.orgId === ctx.orgId && (en === null || String(d.isEnabled) === en),
		)
		.sort((a, b) => (a.id < b.id ? -1 : 1));
	const slice = rows.slice(from, from + limit);
	if (slice.length === 0) return { status: 204 };
	return { status: 200, body: { data: slice.map(strip) } };
}

/** GET /api/v1/departments/{id} @param {import('../server').Ctx} ctx */
function department(ctx) {
	allowParams(ctx, []);
	return { status: 200, body: strip(findInOrg(ctx, ctx.data.desk.departments, ctx.params.id)) };
}

/** GET /api/v1/agents @param {import('../server').Ctx} ctx */
function agents(ctx) {
	allowParams(ctx, ['from', 'limit', 'status', 'departmentIds']);
	const { from, limit } = paging(ctx, { maxLimit: 200, defLimit: 10 });
	const status = ctx.query.get('status');
	if (status !== null && status !== 'ACTIVE' && status !== 'DISABLED')
		throw deskParamError('status');
	const deptRaw = ctx.query.get('departmentIds');
	const depts = deptRaw === null ? null : deptRaw.split(',');
	if (depts && depts.some((d) => !ID_RE.test(d))) throw deskParamError('departmentIds');
	const rows = Array.from(ctx.data.desk.agents.values())
		.filter(
			(/** @type {any} */ a) =>
				a.orgId === ctx.orgId &&
				(status === null || a.status === status) &&
				(!depts || a.associatedDepartmentIds.some((/** @type {string} */ d) => depts.includes(d))),
		)
		.sort((a, b) => (a.id < b.id ? -1 : 1));
	const slice = rows.slice(from, from + limit);
	if (slice.length === 0) return { status: 204 };
	return { status: 200, body: { data: slice.map(strip) } };
}

/** GET /api/v1/agents/{id} @param {import('../server').Ctx} ctx */
function agent(ctx) {
	allowParams(ctx, []);
	return { status: 200, body: strip(findInOrg(ctx, ctx.data.desk.agents, ctx.params.id)) };
}

module.exports = { organizations, organization, departments, department, agents, agent };
