'use strict';
/**
 * CRM related records, lead conversion and tags:
 *   GET  /settings/related_lists?module=         https://www.zoho.com/crm/developer/docs/api/v8/related-list-meta.html
 *   GET|PUT|DELETE /{module}/{id}/{list}[/{rid}] https://www.zoho.com/crm/developer/docs/api/v8/get-related-records.html
 *                                                (update-related-records.html, delink-related-record.html)
 *   POST /Leads/{id}/actions/convert             https://www.zoho.com/crm/developer/docs/api/v8/convert-lead.html
 *   POST /{module}/actions/add_tags|remove_tags  https://www.zoho.com/crm/developer/docs/api/v8/add-tags.html
 * Rules and their tests: RULES.md, section "CRM — related records, lead conversion, tags".
 */

const { CRM, crmError, crmItemError } = require('../errors');
const { MODULE_MAP, USERS, crmId, META_CODE } = require('../data/crm-schema');
const { recordName } = require('../data/crm-seed');
const {
	fieldsParam,
	perPageParam,
	intParam,
	project,
	sortRecords,
	sortParams,
	isPlainObject,
	ID_RE,
	moduleOf,
	resolveModule,
	userRef,
} = require('./common');
const {
	validateFields,
	missingMandatory,
	applyCreate,
	applyUpdate,
	bulkStatus,
} = require('./writes');

const PAGE_LIMIT = 2000;
const MAX_RECORDS = 100;
const MAX_TAGS = 10;

/**
 * Related lists per module. `lookup`: the list holds the records of `module` whose lookup
 * field points at the parent (link sets it, unlink clears it). `linking`: a many-to-many list
 * with fields of its own (Deals → Contact_Roles with Contact_Role). `module: null`: a list of
 * something other than records.
 * @type {Record<string, {api_name: string, display_label: string, module: string|null, lookup?: string, relationFields?: string[]}[]>}
 */
const RELATED_LISTS = {
	Accounts: [
		{ api_name: 'Contacts', display_label: 'Contacts', module: 'Contacts', lookup: 'Account_Name' },
		{ api_name: 'Deals', display_label: 'Deals', module: 'Deals', lookup: 'Account_Name' },
		{ api_name: 'Shipments', display_label: 'Shipments', module: 'Shipments', lookup: 'Account' },
		{ api_name: 'Emails', display_label: 'Emails', module: null },
	],
	Contacts: [
		{ api_name: 'Deals', display_label: 'Deals', module: 'Deals', lookup: 'Contact_Name' },
		{ api_name: 'Tasks', display_label: 'Open Activities', module: 'Tasks', lookup: 'Who_Id' },
		{ api_name: 'Emails', display_label: 'Emails', module: null },
	],
	Deals: [
		{
			api_name: 'Contact_Roles',
			display_label: 'Contact Roles',
			module: 'Contacts',
			relationFields: ['Contact_Role'],
		},
		{ api_name: 'Tasks', display_label: 'Open Activities', module: 'Tasks', lookup: 'What_Id' },
	],
	Leads: [{ api_name: 'Emails', display_label: 'Emails', module: null }],
	Tasks: [],
	Shipments: [],
};

/** GET /settings/related_lists?module= @param {import('../server').Ctx} ctx */
function relatedListsMeta(ctx) {
	const name = ctx.query.get('module');
	if (name === null || name === '') throw CRM.requiredParam('module');
	const mod = resolveModule(ctx, name);
	const lists = RELATED_LISTS[mod.api_name] ?? [];
	return {
		status: 200,
		body: {
			related_lists: lists.map((list, index) => ({
				id: crmId(META_CODE, 400 + mod.code * 10 + index),
				sequence_number: String(index + 1),
				display_label: list.display_label,
				api_name: list.api_name,
				module: list.module
					? { api_name: list.module, id: MODULE_MAP.get(list.module)?.id ?? null }
					: null,
				name: list.api_name,
				action: null,
				href: list.module ? `${mod.api_name}/{ENTITYID}/${list.api_name}` : null,
				type: list.lookup || list.relationFields ? 'default' : 'multiselectlookup',
				connectedmodule: null,
				linkingmodule: list.relationFields ? 'Contact_Roles' : null,
			})),
		},
	};
}

/**
 * The parent record, the related list and the module of its records; 404 for a missing
 * parent, 400 for a list the module does not have.
 * @param {import('../server').Ctx} ctx
 */
function resolveRelation(ctx) {
	const mod = moduleOf(ctx);
	const id = ctx.params.id;
	if (!ID_RE.test(id))
		throw crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', {
			resource_path_index: 1,
		});
	// A segment that cannot be a related list name is not a related-records URL at all.
	if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(ctx.params.related)) throw CRM.invalidUrl();
	const list = (RELATED_LISTS[mod.api_name] ?? []).find(
		(entry) => entry.api_name === ctx.params.related,
	);
	if (!list)
		throw crmError(400, 'INVALID_DATA', 'the relation name given seems to be invalid', {
			api_name: ctx.params.related,
			resource_path_index: 2,
		});
	if (!list.module)
		throw crmError(400, 'NOT_SUPPORTED', 'the related list is not supported for this operation', {
			api_name: list.api_name,
		});
	const parent = ctx.data.crm.records[mod.api_name].get(id);
	if (!parent)
		throw crmError(404, 'INVALID_DATA', 'the related id given seems to be invalid', {
			id,
			resource_path_index: 1,
		});
	const relMod = /** @type {import('../data/crm-schema').ModuleDef} */ (
		MODULE_MAP.get(list.module)
	);
	return { mod, parent, list, relMod };
}

/** Many-to-many relations (Contact_Roles), created on first use. @param {import('../server').Ctx} ctx */
function relations(ctx, key) {
	const crm = /** @type {any} */ (ctx.data.crm);
	if (!crm.relations) crm.relations = new Map();
	let map = crm.relations.get(key);
	if (!map) {
		map = new Map();
		crm.relations.set(key, map);
	}
	return /** @type {Map<string, Record<string, unknown>>} */ (map);
}

/** The records in a related list, with the relation's own fields for linking lists. */
function members(ctx, rel) {
	const { mod, parent, list, relMod } = rel;
	const records = ctx.data.crm.records[relMod.api_name];
	if (list.lookup)
		return Array.from(records.values()).filter(
			(r) => r[list.lookup] && r[list.lookup].id === parent.id,
		);
	const linked = relations(ctx, `${mod.api_name}:${parent.id}:${list.api_name}`);
	return Array.from(linked, ([rid, fields]) =>
		records.has(rid) ? { ...records.get(rid), ...fields } : null,
	).filter(Boolean);
}

/** GET /{module}/{id}/{list}: like listing records (fields mandatory, page ≤ 2,000, then page_token). */
function getRelated(ctx) {
	const rel = resolveRelation(ctx);
	const q = ctx.query;
	const fields = fieldsParam(q, rel.relMod, ctx.version === 8);
	const extra = rel.list.relationFields ?? [];
	const tokenRaw = q.get('page_token');
	if (q.get('page') !== null && tokenRaw !== null)
		throw crmError(400, 'INVALID_DATA', 'page and page_token cannot be used together', {
			param_name: 'page_token',
			conflicts_with: 'page',
		});
	let perPage = perPageParam(q);
	const scope = `${rel.mod.api_name}:${rel.parent.id}:${rel.list.api_name}`;
	let offset;
	let sort;
	if (tokenRaw !== null) {
		const state = ctx.core.pageTokens.get(tokenRaw);
		if (!state || state.kind !== 'related' || state.scope !== scope)
			throw CRM.invalidParam('page_token', {}, 'invalid or expired page_token');
		offset = state.offset;
		if (q.get('per_page') === null) perPage = state.perPage;
		sort = /** @type {any} */ (state.params);
	} else {
		const page = intParam(q, 'page', { min: 1, def: 1 });
		if (page * perPage > PAGE_LIMIT) {
			throw crmError(
				400,
				'DISCRETE_PAGINATION_LIMIT_EXCEEDED',
				`only the first ${PAGE_LIMIT} records can be fetched with the page parameter; use page_token to fetch more`,
				{ limit: PAGE_LIMIT },
			);
		}
		offset = (page - 1) * perPage;
		sort = sortParams(q);
	}
	const rows = sortRecords(members(ctx, rel), sort.sortBy, sort.sortOrder);
	const slice = rows.slice(offset, offset + perPage);
	if (slice.length === 0) return { status: 204 };
	const more = offset + slice.length < rows.length;
	const next = more
		? ctx.core.pageTokens.issue({
				kind: 'related',
				scope,
				offset: offset + perPage,
				perPage,
				params: sort,
			})
		: null;
	ctx.entry.records = slice.length;
	return {
		status: 200,
		body: {
			data: slice.map((r) => {
				const out = project(r, fields);
				for (const f of extra) out[f] = r[f] ?? null;
				return out;
			}),
			info: {
				per_page: perPage,
				count: slice.length,
				page: Math.floor(offset / perPage) + 1,
				more_records: more,
				next_page_token: next ? next.token : null,
				previous_page_token: null,
				page_token_expiry: next
					? new Date(next.expiry).toISOString().replace(/\.\d{3}Z$/, '+00:00')
					: null,
			},
		},
	};
}

/** GET /{module}/{id}/{list}/{rid}: one related record (fields optional), 204 when it is not in the list. */
function getRelatedOne(ctx) {
	const rel = resolveRelation(ctx);
	const fields = fieldsParam(ctx.query, rel.relMod, false);
	const found = members(ctx, rel).find((r) => r.id === ctx.params.rid);
	if (!found) return { status: 204 };
	const out = project(found, fields);
	for (const f of rel.list.relationFields ?? []) out[f] = found[f] ?? null;
	ctx.entry.records = 1;
	return { status: 200, body: { data: [out] } };
}

/** Links one record; returns Zoho's per-record answer. */
function linkOne(ctx, rel, item, index) {
	if (!isPlainObject(item))
		return crmItemError('INVALID_DATA', 'invalid data', { json_path: `$.data[${index}]` });
	const rid = item.id;
	if (rid === undefined)
		return crmItemError('MANDATORY_NOT_FOUND', 'required field not found', {
			api_name: 'id',
			json_path: `$.data[${index}].id`,
		});
	const target =
		typeof rid === 'string' && ID_RE.test(rid)
			? ctx.data.crm.records[rel.relMod.api_name].get(rid)
			: undefined;
	if (!target)
		return crmItemError('INVALID_DATA', 'the related id given seems to be invalid', {
			id: String(rid),
			api_name: 'id',
		});
	const allowed = rel.list.relationFields ?? [];
	const fields = {};
	for (const [key, value] of Object.entries(item)) {
		if (key === 'id') continue;
		if (!allowed.includes(key))
			return crmItemError('INVALID_DATA', 'invalid data', {
				api_name: key,
				json_path: `$.data[${index}].${key}`,
			});
		if (value !== null && (typeof value !== 'string' || value.length > 100))
			return crmItemError('INVALID_DATA', 'invalid data', {
				api_name: key,
				expected_data_type: 'text',
			});
		fields[key] = value;
	}
	if (rel.list.lookup) {
		applyUpdate(ctx, rel.relMod, target, {
			[rel.list.lookup]: { name: recordName(rel.mod, rel.parent), id: rel.parent.id },
		});
	} else {
		relations(ctx, `${rel.mod.api_name}:${rel.parent.id}:${rel.list.api_name}`).set(
			target.id,
			fields,
		);
	}
	return {
		code: 'SUCCESS',
		details: { id: target.id },
		message: 'relation updated',
		status: 'success',
	};
}

/** PUT /{module}/{id}/{list} (≤ 100) and PUT /{module}/{id}/{list}/{rid} (one). */
function link(ctx) {
	const rel = resolveRelation(ctx);
	if (ctx.bodyKind === 'invalid') throw CRM.invalidBody();
	const body = ctx.body;
	if (!isPlainObject(body) || !('data' in body))
		throw crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data' });
	if (!Array.isArray(body.data) || body.data.length === 0)
		throw crmError(400, 'INVALID_DATA', 'invalid data', {
			api_name: 'data',
			expected_data_type: 'jsonarray',
		});
	if (body.data.length > MAX_RECORDS)
		throw CRM.limit(
			{ api_name: 'data', limit: MAX_RECORDS },
			`only ${MAX_RECORDS} records can be processed at a time`,
		);
	const single = ctx.params.rid;
	if (
		single !== undefined &&
		(body.data.length !== 1 ||
			!isPlainObject(body.data[0]) ||
			(body.data[0].id !== undefined && body.data[0].id !== single))
	) {
		throw crmError(400, 'INVALID_DATA', 'only the record in the URL can be updated with this URL', {
			api_name: 'data',
		});
	}
	const items = single !== undefined ? [{ ...body.data[0], id: single }] : body.data;
	let ok = 0;
	const data = items.map((item, index) => {
		const result = linkOne(ctx, rel, item, index);
		if (result.status === 'success') ok++;
		return result;
	});
	ctx.entry.records = ok;
	return { status: bulkStatus(ok, items.length, 200), body: { data } };
}

/** DELETE /{module}/{id}/{list}?ids= (≤ 100) and DELETE /{module}/{id}/{list}/{rid}. */
function unlink(ctx) {
	const rel = resolveRelation(ctx);
	let ids;
	if (ctx.params.rid !== undefined) {
		ids = [ctx.params.rid];
	} else {
		const raw = ctx.query.get('ids');
		if (raw === null || raw.trim() === '') throw CRM.requiredParam('ids');
		ids = raw.split(',').map((s) => s.trim());
		if (ids.length > MAX_RECORDS) throw CRM.limit({ param_name: 'ids', limit: MAX_RECORDS });
	}
	const linked = rel.list.lookup
		? null
		: relations(ctx, `${rel.mod.api_name}:${rel.parent.id}:${rel.list.api_name}`);
	const records = ctx.data.crm.records[rel.relMod.api_name];
	let ok = 0;
	const data = ids.map((rid) => {
		const target = ID_RE.test(rid) ? records.get(rid) : undefined;
		const related =
			target && (linked ? linked.has(rid) : target[rel.list.lookup]?.id === rel.parent.id);
		if (!target || !related)
			return crmItemError('INVALID_DATA', 'the given record is not related to the parent record', {
				id: rid,
			});
		if (linked) linked.delete(rid);
		else applyUpdate(ctx, rel.relMod, target, { [rel.list.lookup]: null });
		ok++;
		return {
			code: 'SUCCESS',
			details: { id: rid },
			message: 'relation removed',
			status: 'success',
		};
	});
	ctx.entry.records = ok;
	return { status: bulkStatus(ok, ids.length, 200), body: { data } };
}

// ------------------------------------------------------------------ lead conversion

const CONVERT_KEYS = new Set([
	'overwrite',
	'notify_lead_owner',
	'notify_new_entity_owner',
	'move_attachments_to',
	'Accounts',
	'Contacts',
	'assign_to',
	'Deals',
	'carry_over_tags',
]);
const LEAD_TO_CONTACT = [
	'First_Name',
	'Last_Name',
	'Email',
	'Phone',
	'Mobile',
	'Lead_Source',
	'Description',
];
const LEAD_TO_ACCOUNT = {
	Company: 'Account_Name',
	Phone: 'Phone',
	Website: 'Website',
	Industry: 'Industry',
	Annual_Revenue: 'Annual_Revenue',
	City: 'Billing_City',
	Country: 'Billing_Country',
};

/** `{id}` of an existing record of `module`, or an error item. */
function existing(ctx, value, module, key) {
	const id = isPlainObject(value) ? value.id : undefined;
	const r =
		typeof id === 'string' && ID_RE.test(id) ? ctx.data.crm.records[module].get(id) : undefined;
	return (
		r ??
		crmItemError('INVALID_DATA', 'the related id given seems to be invalid', {
			api_name: key,
			json_path: `$.data[0].${key}.id`,
		})
	);
}

/** Validates one conversion request; returns an error item or what to do. */
function checkConversion(ctx, input) {
	if (!isPlainObject(input))
		return { error: crmItemError('INVALID_DATA', 'invalid data', { json_path: '$.data[0]' }) };
	for (const [key, value] of Object.entries(input)) {
		if (!CONVERT_KEYS.has(key))
			return {
				error: crmItemError('INVALID_DATA', 'invalid data', {
					api_name: key,
					json_path: `$.data[0].${key}`,
				}),
			};
		if (
			['overwrite', 'notify_lead_owner', 'notify_new_entity_owner', 'carry_over_tags'].includes(
				key,
			) &&
			typeof value !== 'boolean'
		) {
			return {
				error: crmItemError('INVALID_DATA', 'invalid data', {
					api_name: key,
					expected_data_type: 'boolean',
				}),
			};
		}
	}
	const plan = { account: null, contact: null, owner: null, deal: null };
	if (input.Accounts !== undefined) {
		const r = existing(ctx, input.Accounts, 'Accounts', 'Accounts');
		if (r.status === 'error') return { error: r };
		plan.account = r;
	}
	if (input.Contacts !== undefined) {
		const r = existing(ctx, input.Contacts, 'Contacts', 'Contacts');
		if (r.status === 'error') return { error: r };
		plan.contact = r;
	}
	if (input.assign_to !== undefined) {
		const id = isPlainObject(input.assign_to) ? input.assign_to.id : undefined;
		const user = USERS.find((u) => u.id === id && u.status === 'active');
		if (!user)
			return {
				error: crmItemError('INVALID_DATA', 'the related id given seems to be invalid', {
					api_name: 'assign_to',
					json_path: '$.data[0].assign_to.id',
				}),
			};
		plan.owner = userRef(user);
	}
	if (input.Deals !== undefined) {
		const deals = /** @type {import('../data/crm-schema').ModuleDef} */ (MODULE_MAP.get('Deals'));
		if (!isPlainObject(input.Deals))
			return {
				error: crmItemError('INVALID_DATA', 'invalid data', {
					api_name: 'Deals',
					expected_data_type: 'jsonobject',
				}),
			};
		const v = validateFields(ctx, deals, input.Deals, 0);
		if (!v.ok)
			return {
				error: {
					...v.error,
					details: {
						...v.error.details,
						json_path: String(v.error.details.json_path ?? '').replace(
							'$.data[0].',
							'$.data[0].Deals.',
						),
					},
				},
			};
		const missing = missingMandatory(deals, v.changes, 0);
		if (missing)
			return {
				error: {
					...missing,
					details: { ...missing.details, json_path: `$.data[0].Deals.${missing.details.api_name}` },
				},
			};
		plan.deal = v.changes;
	}
	return { plan };
}

/** POST /Leads/{id}/actions/convert @param {import('../server').Ctx} ctx */
function convert(ctx) {
	const mod = moduleOf(ctx);
	if (mod.api_name !== 'Leads') throw CRM.invalidUrl();
	if (ctx.bodyKind === 'invalid') throw CRM.invalidBody();
	const body = ctx.body;
	if (!isPlainObject(body) || !Array.isArray(body.data))
		throw crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data' });
	if (body.data.length !== 1)
		throw crmError(400, 'INVALID_DATA', 'only one lead can be converted at a time', {
			api_name: 'data',
		});
	const id = ctx.params.id;
	const lead = ID_RE.test(id) ? ctx.data.crm.records.Leads.get(id) : undefined;
	if (!lead)
		return {
			status: 400,
			body: {
				data: [
					crmItemError(
						'INVALID_DATA',
						'the id given seems to be invalid or the lead is already converted',
						{ id },
					),
				],
			},
		};
	const checked = checkConversion(ctx, body.data[0]);
	if (checked.error) return { status: 400, body: { data: [checked.error] } };
	const { plan } = checked;
	const input = body.data[0];
	const owner = plan.owner ?? lead.Owner;
	const accountsMod = /** @type {any} */ (MODULE_MAP.get('Accounts'));
	const contactsMod = /** @type {any} */ (MODULE_MAP.get('Contacts'));
	const dealsMod = /** @type {any} */ (MODULE_MAP.get('Deals'));

	let account = plan.account;
	if (!account && lead.Company) {
		const changes = { Owner: owner };
		for (const [from, to] of Object.entries(LEAD_TO_ACCOUNT))
			if (lead[from] !== null && lead[from] !== undefined) changes[to] = lead[from];
		account = applyCreate(ctx, accountsMod, changes);
	}
	const accountRef = account ? { name: recordName(accountsMod, account), id: account.id } : null;
	const fromLead = {};
	for (const f of LEAD_TO_CONTACT)
		if (lead[f] !== null && lead[f] !== undefined) fromLead[f] = lead[f];
	let contact = plan.contact;
	if (contact) {
		const changes = input.overwrite === true ? { ...fromLead } : {};
		if (accountRef && !contact.Account_Name) changes.Account_Name = accountRef;
		if (Object.keys(changes).length) contact = applyUpdate(ctx, contactsMod, contact, changes);
	} else {
		contact = applyCreate(ctx, contactsMod, {
			...fromLead,
			Account_Name: accountRef,
			Owner: owner,
		});
	}
	const contactRef = { name: recordName(contactsMod, contact), id: contact.id };
	let dealRef = null;
	if (plan.deal) {
		const deal = applyCreate(ctx, dealsMod, {
			Owner: owner,
			Lead_Source: lead.Lead_Source ?? null,
			...plan.deal,
			Account_Name: accountRef,
			Contact_Name: contactRef,
		});
		dealRef = { name: recordName(dealsMod, deal), id: deal.id };
	}
	ctx.data.crm.records.Leads.delete(lead.id);
	const crm = /** @type {any} */ (ctx.data.crm);
	if (!crm.convertedLeads) crm.convertedLeads = new Map();
	crm.convertedLeads.set(lead.id, { Contacts: contactRef, Accounts: accountRef, Deals: dealRef });
	ctx.entry.records = 1;
	return {
		status: 200,
		body: {
			data: [
				{
					code: 'SUCCESS',
					details: { Contacts: contactRef, Deals: dealRef, Accounts: accountRef },
					message: 'Successfully converted',
					status: 'success',
				},
			],
		},
	};
}

// ------------------------------------------------------------------ tags

/** The module's tags by lower-case name, created on first use. */
function tagRegistry(ctx, mod) {
	const crm = /** @type {any} */ (ctx.data.crm);
	if (!crm.tags) crm.tags = new Map();
	if (!crm.tags.has(mod.api_name)) crm.tags.set(mod.api_name, new Map());
	return /** @type {Map<string, {name: string, id: string, color_code: string}>} */ (
		crm.tags.get(mod.api_name)
	);
}

/** Validates `{tags, ids, over_write?}`. @param {import('../server').Ctx} ctx @param {boolean} adding */
function tagRequest(ctx, adding) {
	if (ctx.bodyKind === 'invalid') throw CRM.invalidBody();
	const body = ctx.body;
	if (!isPlainObject(body))
		throw crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'tags' });
	const allowed = adding ? ['tags', 'ids', 'over_write'] : ['tags', 'ids'];
	for (const key of Object.keys(body))
		if (!allowed.includes(key))
			throw crmError(400, 'INVALID_DATA', 'invalid data', { api_name: key });
	if (!Array.isArray(body.tags) || body.tags.length === 0)
		throw crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'tags' });
	if (body.tags.length > MAX_TAGS)
		throw CRM.limit(
			{ api_name: 'tags', limit: MAX_TAGS },
			`only ${MAX_TAGS} tags can be given at a time`,
		);
	for (const tag of body.tags) {
		if (
			!isPlainObject(tag) ||
			typeof tag.name !== 'string' ||
			tag.name.trim() === '' ||
			tag.name.length > 50
		)
			throw crmError(400, 'INVALID_DATA', 'invalid data', {
				api_name: 'name',
				json_path: '$.tags',
			});
	}
	if (!Array.isArray(body.ids) || body.ids.length === 0)
		throw crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'ids' });
	if (body.ids.length > MAX_RECORDS)
		throw CRM.limit(
			{ api_name: 'ids', limit: MAX_RECORDS },
			`only ${MAX_RECORDS} records can be tagged at a time`,
		);
	if ('over_write' in body && typeof body.over_write !== 'boolean')
		throw crmError(400, 'INVALID_DATA', 'invalid data', {
			api_name: 'over_write',
			expected_data_type: 'boolean',
		});
	return {
		names: body.tags.map((tag) => tag.name.trim()),
		ids: body.ids,
		overwrite: body.over_write === true,
	};
}

/** POST /{module}/actions/add_tags and remove_tags. */
function tagAction(adding) {
	return (/** @type {import('../server').Ctx} */ ctx) => {
		const mod = moduleOf(ctx);
		const { names, ids, overwrite } = tagRequest(ctx, adding);
		const registry = tagRegistry(ctx, mod);
		const records = ctx.data.crm.records[mod.api_name];
		let ok = 0;
		const data = ids.map((id) => {
			const r = typeof id === 'string' && ID_RE.test(id) ? records.get(id) : undefined;
			if (!r)
				return crmItemError('INVALID_DATA', 'the id given seems to be invalid', { id: String(id) });
			const current = Array.isArray(r.Tag) ? r.Tag : [];
			let next;
			if (adding) {
				next = overwrite ? [] : current.slice();
				for (const name of names) {
					if (next.some((tag) => tag.name.toLowerCase() === name.toLowerCase())) continue;
					let tag = registry.get(name.toLowerCase());
					if (!tag) {
						tag = {
							name,
							id: crmId(META_CODE, 600 + registry.size + mod.code * 1000),
							color_code: '#57B1FD',
						};
						registry.set(name.toLowerCase(), tag);
					}
					next.push({ ...tag });
				}
				if (next.length > MAX_TAGS)
					return crmItemError('LIMIT_EXCEEDED', `a record can have at most ${MAX_TAGS} tags`, {
						id,
						limit: MAX_TAGS,
					});
			} else {
				const drop = new Set(names.map((name) => name.toLowerCase()));
				next = current.filter((tag) => !drop.has(tag.name.toLowerCase()));
			}
			applyUpdate(ctx, mod, r, { Tag: next });
			ok++;
			return {
				code: 'SUCCESS',
				details: { id, tags: next.map((tag) => tag.name) },
				message: adding ? 'tags updated successfully' : 'tags removed successfully',
				status: 'success',
			};
		});
		ctx.entry.records = ok;
		return { status: bulkStatus(ok, ids.length, 200), body: { data } };
	};
}

module.exports = {
	RELATED_LISTS,
	relatedListsMeta,
	getRelated,
	getRelatedOne,
	link,
	unlink,
	convert,
	addTags: tagAction(true),
	removeTags: tagAction(false),
};
