'use strict';
/** CRM metadata: /org, /users, /settings/modules, /settings/fields, /settings/custom_views. */

const { CRM, crmError } = require('../errors');
const {
	MODULES,
	NON_API_MODULES,
	CUSTOM_VIEWS,
	USERS,
	CURRENT_USER,
	ORG,
	META_CODE,
	crmId,
} = require('../data/crm-schema');
const { intParam, perPageParam, resolveModule, ID_RE } = require('./common');

/** GET /org @param {import('../server').Ctx} _ctx */
const org = (_ctx) => ({
	status: 200,
	body: { org: [{ ...ORG, license_details: { ...ORG.license_details } }] },
});

const USER_TYPES = {
	AllUsers: () => true,
	ActiveUsers: (u) => u.status === 'active',
	DeactiveUsers: (u) => u.status !== 'active',
	ConfirmedUsers: (u) => u.confirm,
	NotConfirmedUsers: (u) => !u.confirm,
	DeletedUsers: () => false,
	ActiveConfirmedUsers: (u) => u.status === 'active' && u.confirm,
	AdminUsers: (u) => u.profile.name === 'Administrator',
	ActiveConfirmedAdmins: (u) =>
		u.status === 'active' && u.confirm && u.profile.name === 'Administrator',
	CurrentUser: (u) => u.id === CURRENT_USER.id,
};

/** GET /users?type= @param {import('../server').Ctx} ctx */
function users(ctx) {
	const type = ctx.query.get('type') ?? 'AllUsers';
	const filter = USER_TYPES[/** @type {keyof typeof USER_TYPES} */ (type)];
	if (!filter) throw CRM.invalidParam('type', { supported_values: Object.keys(USER_TYPES) });
	const perPage = perPageParam(ctx.query);
	const page = intParam(ctx.query, 'page', { min: 1, def: 1 });
	const all = USERS.filter(filter);
	const slice = all.slice((page - 1) * perPage, page * perPage);
	if (slice.length === 0) return { status: 204 };
	return {
		status: 200,
		body: {
			users: slice.map((u) => ({ ...u })),
			info: {
				per_page: perPage,
				count: slice.length,
				page,
				more_records: page * perPage < all.length,
			},
		},
	};
}

/** GET /users/{id} @param {import('../server').Ctx} ctx */
function user(ctx) {
	const id = ctx.params.id;
	if (!ID_RE.test(id))
		throw crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', {
			resource_path_index: 1,
		});
	const u = USERS.find((x) => x.id === id);
	if (!u) return { status: 204 };
	return { status: 200, body: { users: [{ ...u }] } };
}

/** GET /users/actions/count @param {import('../server').Ctx} ctx */
function usersCount(ctx) {
	const type = ctx.query.get('type') ?? 'AllUsers';
	const filter = USER_TYPES[/** @type {keyof typeof USER_TYPES} */ (type)];
	if (!filter) throw CRM.invalidParam('type', { supported_values: Object.keys(USER_TYPES) });
	return { status: 200, body: { count: USERS.filter(filter).length } };
}

/** @param {import('../data/crm-schema').ModuleDef} m */
const moduleInfo = (m) => ({
	id: m.id,
	api_name: m.api_name,
	module_name: m.module_name,
	singular_label: m.singular_label,
	plural_label: m.plural_label,
	generated_type: m.generated_type,
	api_supported: true,
	creatable: true,
	editable: true,
	deletable: true,
	viewable: true,
	global_search_supported: true,
	feeds_required: false,
	notification_supported: m.watchable,
	timeline_supported: true,
});

/** GET /settings/modules @param {import('../server').Ctx} _ctx */
function modules(_ctx) {
	const nonApi = NON_API_MODULES.map((m) => ({
		...m,
		api_supported: false,
		creatable: false,
		editable: false,
		deletable: false,
		viewable: true,
		global_search_supported: false,
		feeds_required: false,
		notification_supported: false,
		timeline_supported: false,
	}));
	return { status: 200, body: { modules: [...MODULES.map(moduleInfo), ...nonApi] } };
}

/** GET /settings/modules/{module} @param {import('../server').Ctx} ctx */
function moduleOne(ctx) {
	const mod = resolveModule(ctx, ctx.params.module);
	return { status: 200, body: { modules: [moduleInfo(mod)] } };
}

/** @param {import('../server').Ctx} ctx */
function moduleParam(ctx) {
	const name = ctx.query.get('module');
	if (name === null || name === '') throw CRM.requiredParam('module');
	return resolveModule(ctx, name);
}

/** GET /settings/fields?module= @param {import('../server').Ctx} ctx */
function fields(ctx) {
	const mod = moduleParam(ctx);
	return {
		status: 200,
		body: {
			fields: mod.fields.map((f, i) => ({
				api_name: f.api_name,
				field_label: f.label,
				display_label: f.label,
				data_type: f.data_type,
				json_type:
					{
						integer: 'integer',
						double: 'double',
						currency: 'double',
						boolean: 'boolean',
						lookup: 'jsonobject',
						ownerlookup: 'jsonobject',
					}[f.data_type] ?? 'string',
				system_mandatory: f.mandatory,
				read_only: f.read_only,
				field_read_only: f.read_only,
				custom_field: f.custom,
				length: f.length,
				visible: true,
				pick_list_values: (f.pick_list ?? []).map((v, k) => ({
					display_value: v,
					actual_value: v,
					sequence_number: k + 1,
					id: crmId(META_CODE, 1000 + k),
				})),
				lookup:
					f.data_type === 'lookup' && f.lookup_module
						? {
								module: {
									api_name: f.lookup_module,
									id: MODULES.find((m) => m.api_name === f.lookup_module)?.id ?? null,
								},
							}
						: {},
				id: `5725767007000${String(413000 + i).padStart(6, '0')}`,
			})),
		},
	};
}

/** GET /settings/custom_views?module= @param {import('../server').Ctx} ctx */
function customViews(ctx) {
	const mod = moduleParam(ctx);
	const views = CUSTOM_VIEWS.filter((v) => v.module === mod.api_name);
	return {
		status: 200,
		body: {
			custom_views: views.map((v, i) => ({
				id: v.id,
				name: v.name,
				display_value: v.name,
				system_name: i === 0 ? 'ALLVIEWS' : null,
				default: i === 0,
				criteria: v.criteria,
			})),
			info: {
				per_page: 200,
				count: views.length,
				page: 1,
				more_records: false,
				default: views[0].id,
			},
		},
	};
}

module.exports = { org, users, user, usersCount, modules, moduleOne, fields, customViews };
