'use strict';
/** CRM record writes: update (bulk / single), create, upsert — per-record results in request order. */

const { CRM, crmError, crmItemError } = require('../errors');
const { crmId, MODULE_MAP } = require('../data/crm-schema');
const { crmDateTime, zohoNow } = require('../time');
const { checkValue } = require('./values');
const { lookupResolver, currentUserRef, isPlainObject, ID_RE, moduleOf } = require('./common');
const { ensureTimeline, appendEntry } = require('./timeline');

const MAX_RECORDS = 100;
const TRIGGERS = ['workflow', 'approval', 'blueprint', 'pathfinder', 'orchestration'];
const TOP_LEVEL_KEYS = new Set([
	'data',
	'trigger',
	'duplicate_check_fields',
	'lar_id',
	'apply_feature_execution',
	'skip_feature_execution',
	'process',
]);
const DUPLICATE_CHECK_TYPES = new Set(['text', 'email', 'phone', 'website', 'integer']);

/**
 * Validates the request envelope `{data: [...], trigger?: [...]}`.
 * @param {import('../server').Ctx} ctx
 * @returns {{items: unknown[], body: Record<string, any>}}
 */
function envelope(ctx) {
	if (ctx.bodyKind === 'invalid') throw CRM.invalidBody();
	if (ctx.body === undefined)
		throw crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data' });
	if (!isPlainObject(ctx.body)) throw CRM.invalidBody('the request body must be a JSON object');
	const body = /** @type {Record<string, any>} */ (ctx.body);
	for (const key of Object.keys(body))
		if (!TOP_LEVEL_KEYS.has(key))
			throw crmError(400, 'INVALID_DATA', 'invalid data', { api_name: key });
	if (!('data' in body))
		throw crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data' });
	if (!Array.isArray(body.data))
		throw crmError(400, 'INVALID_DATA', 'invalid data', {
			api_name: 'data',
			expected_data_type: 'jsonarray',
		});
	if (body.data.length === 0)
		throw crmError(400, 'INVALID_DATA', 'the input data is empty', { api_name: 'data' });
	if (body.data.length > MAX_RECORDS)
		throw CRM.limit(
			{ api_name: 'data', limit: MAX_RECORDS },
			`only ${MAX_RECORDS} records can be processed at a time`,
		);
	if ('trigger' in body) {
		if (!Array.isArray(body.trigger) || body.trigger.some((t) => !TRIGGERS.includes(t)))
			throw crmError(400, 'INVALID_DATA', 'invalid data', {
				api_name: 'trigger',
				supported_values: TRIGGERS,
			});
	}
	ctx.entry.trigger = 'trigger' in body ? body.trigger : null;
	return { items: body.data, body };
}

/**
 * Validates the fields of one input record.
 * @param {import('../server').Ctx} ctx @param {import('../data/crm-schema').ModuleDef} mod
 * @param {Record<string, unknown>} item @param {number} index
 * @returns {{ok: true, changes: Record<string, unknown>} | {ok: false, error: object}}
 */
function validateFields(ctx, mod, item, index) {
	const resolve = lookupResolver(ctx);
	/** @type {Record<string, unknown>} */
	const changes = {};
	const path = (api) => `$.data[${index}].${api}`;
	for (const [key, value] of Object.entries(item)) {
		if (key === 'id') continue;
		if (key === '$se_module' && mod.api_name === 'Tasks') {
			if (value !== null && !(typeof value === 'string' && MODULE_MAP.has(value))) {
				return {
					ok: false,
					error: crmItemError('INVALID_DATA', 'invalid data', {
						api_name: key,
						json_path: path(key),
					}),
				};
			}
			changes[key] = value;
			continue;
		}
		const field = mod.fieldMap.get(key);
		if (!field)
			return {
				ok: false,
				error: crmItemError('INVALID_DATA', 'invalid field', {
					api_name: key,
					json_path: path(key),
				}),
			};
		if (field.read_only)
			return {
				ok: false,
				error: crmItemError('INVALID_DATA', 'the field is read only', {
					api_name: key,
					json_path: path(key),
				}),
			};
		const res = checkValue(field, value, resolve);
		if (!res.ok)
			return {
				ok: false,
				error: crmItemError(res.code, res.message, { ...res.details, json_path: path(key) }),
			};
		changes[key] = res.value;
	}
	return { ok: true, changes };
}

/** Mandatory fields missing from a new record. @param {import('../data/crm-schema').ModuleDef} mod @param {Record<string, unknown>} changes @param {number} index */
function missingMandatory(mod, changes, index) {
	for (const f of mod.fields) {
		if (f.mandatory && (changes[f.api_name] === undefined || changes[f.api_name] === null)) {
			return crmItemError('MANDATORY_NOT_FOUND', 'required field not found', {
				api_name: f.api_name,
				json_path: `$.data[${index}].${f.api_name}`,
			});
		}
	}
	return null;
}

/** Derived, read-only fields. @param {import('../data/crm-schema').ModuleDef} mod @param {Record<string, any>} r */
function recompute(mod, r) {
	if (mod.fieldMap.has('Full_Name'))
		r.Full_Name = [r.First_Name, r.Last_Name].filter(Boolean).join(' ');
	if (mod.api_name === 'Deals')
		r.Expected_Revenue =
			typeof r.Amount === 'number' && typeof r.Probability === 'number'
				? Math.round((r.Amount * r.Probability) / 100)
				: null;
}

/** @param {Record<string, any>} r */
const successDetails = (r) => ({
	Modified_Time: r.Modified_Time,
	Modified_By: { name: r.Modified_By.name, id: r.Modified_By.id },
	Created_Time: r.Created_Time,
	id: r.id,
	Created_By: { name: r.Created_By.name, id: r.Created_By.id },
});

/**
 * Applies validated changes to an existing record (never mutates nested values).
 * @param {import('../server').Ctx} ctx @param {import('../data/crm-schema').ModuleDef} mod
 * @param {Record<string, any>} existing @param {Record<string, unknown>} changes
 */
function applyUpdate(ctx, mod, existing, changes) {
	ensureTimeline(ctx, mod, existing);
	const history = Object.entries(changes)
		.filter(([k]) => mod.fieldMap.has(k))
		.map(([k, v]) => {
			const f = /** @type {any} */ (mod.fieldMap.get(k));
			return {
				api_name: k,
				id: `5725767007000${String(413000 + mod.fields.indexOf(f)).padStart(6, '0')}`,
				field_label: f.label,
				data_type: f.data_type,
				_value: { new: v, old: existing[k] ?? null },
			};
		});
	/** @type {Record<string, any>} */
	const updated = {
		...existing,
		...changes,
		Modified_Time: crmDateTime(zohoNow(ctx.config)),
		Modified_By: currentUserRef(),
	};
	recompute(mod, updated);
	ctx.data.crm.records[mod.api_name].set(updated.id, updated);
	appendEntry(ctx, mod, updated, {
		action: 'updated',
		field_history: history.length ? history : null,
	});
	ctx.core.countWrite(mod.api_name, updated.id);
	return updated;
}

/** @param {import('../server').Ctx} ctx @param {import('../data/crm-schema').ModuleDef} mod @param {Record<string, unknown>} changes */
function applyCreate(ctx, mod, changes) {
	const seq = ctx.data.crm.nextSeq[mod.api_name]++;
	const now = crmDateTime(zohoNow(ctx.config));
	const me = currentUserRef();
	/** @type {Record<string, any>} */
	const r = { id: crmId(mod.code, seq) };
	for (const f of mod.fields) r[f.api_name] = null;
	Object.assign(r, changes);
	if (!r.Owner) r.Owner = me;
	Object.assign(r, {
		Created_By: me,
		Modified_By: me,
		Created_Time: now,
		Modified_Time: now,
		Last_Activity_Time: null,
	});
	recompute(mod, r);
	ctx.data.crm.records[mod.api_name].set(r.id, r);
	ctx.data.crm.timeline.set(`${mod.api_name}:${r.id}`, []);
	appendEntry(ctx, mod, r, { action: 'added' });
	ctx.core.countWrite(mod.api_name, r.id);
	return r;
}

/** HTTP status of a bulk write. @param {number} ok @param {number} total @param {number} allOk */
const bulkStatus = (ok, total, allOk) => (ok === total ? allOk : ok === 0 ? 400 : 207);

/**
 * @param {import('../server').Ctx} ctx @param {unknown[]} items @param {string|null} pathId
 */
function updateItems(ctx, items, pathId) {
	const mod = moduleOf(ctx);
	const map = ctx.data.crm.records[mod.api_name];
	let ok = 0;
	const data = items.map((item, index) => {
		if (!isPlainObject(item))
			return crmItemError('INVALID_DATA', 'invalid data', { json_path: `$.data[${index}]` });
		const rec = /** @type {Record<string, unknown>} */ (item);
		let id = rec.id;
		if (pathId !== null) {
			if (id !== undefined && id !== pathId)
				return crmItemError('INVALID_DATA', 'the id given in the body does not match the URL', {
					api_name: 'id',
					json_path: `$.data[${index}].id`,
				});
			id = pathId;
		}
		if (id === undefined || id === null || id === '')
			return crmItemError('MANDATORY_NOT_FOUND', 'required field not found', {
				api_name: 'id',
				json_path: `$.data[${index}].id`,
			});
		if (typeof id !== 'string' || !ID_RE.test(id) || !map.has(id))
			return crmItemError('INVALID_DATA', 'the related id given seems to be invalid', {
				api_name: 'id',
				json_path: `$.data[${index}].id`,
			});
		const v = validateFields(ctx, mod, rec, index);
		if (!v.ok) return v.error;
		const updated = applyUpdate(
			ctx,
			mod,
			/** @type {Record<string, any>} */ (map.get(id)),
			v.changes,
		);
		ok++;
		return {
			code: 'SUCCESS',
			details: successDetails(updated),
			message: 'record updated',
			status: 'success',
		};
	});
	ctx.entry.records = ok;
	return { status: bulkStatus(ok, items.length, 200), body: { data } };
}

/** PUT /crm/v8/{module} @param {import('../server').Ctx} ctx */
function update(ctx) {
	const { items } = envelope(ctx);
	return updateItems(ctx, items, null);
}

/** PUT /crm/v8/{module}/{id} @param {import('../server').Ctx} ctx */
function updateOne(ctx) {
	if (!ID_RE.test(ctx.params.id))
		throw crmError(400, 'INVALID_DATA', 'the id given seems to be invalid', {
			resource_path_index: 1,
		});
	const { items } = envelope(ctx);
	if (items.length !== 1)
		throw crmError(400, 'INVALID_DATA', 'only one record can be updated with this URL', {
			api_name: 'data',
		});
	return updateItems(ctx, items, ctx.params.id);
}

/** POST /crm/v8/{module} @param {import('../server').Ctx} ctx */
function create(ctx) {
	const mod = moduleOf(ctx);
	const { items } = envelope(ctx);
	let ok = 0;
	const data = items.map((item, index) => {
		if (!isPlainObject(item))
			return crmItemError('INVALID_DATA', 'invalid data', { json_path: `$.data[${index}]` });
		const rec = /** @type {Record<string, unknown>} */ (item);
		if ('id' in rec)
			return crmItemError('INVALID_DATA', 'id cannot be given when creating a record', {
				api_name: 'id',
				json_path: `$.data[${index}].id`,
			});
		const v = validateFields(ctx, mod, rec, index);
		if (!v.ok) return v.error;
		const missing = missingMandatory(mod, v.changes, index);
		if (missing) return missing;
		const r = applyCreate(ctx, mod, v.changes);
		ok++;
		return {
			code: 'SUCCESS',
			details: successDetails(r),
			message: 'record added',
			status: 'success',
		};
	});
	ctx.entry.records = ok;
	return { status: bulkStatus(ok, items.length, 201), body: { data } };
}

/** Comparable form of a duplicate-check value. @param {unknown} v */
const dupKey = (v) =>
	typeof v === 'string' ? v.trim().toLowerCase() : typeof v === 'number' ? String(v) : null;

/** POST /crm/v8/{module}/upsert @param {import('../server').Ctx} ctx */
function upsert(ctx) {
	const mod = moduleOf(ctx);
	const { items, body } = envelope(ctx);
	let dupFields = mod.duplicateCheck;
	if ('duplicate_check_fields' in body) {
		const d = body.duplicate_check_fields;
		if (!Array.isArray(d) || d.length === 0 || d.some((x) => typeof x !== 'string'))
			throw crmError(400, 'INVALID_DATA', 'invalid data', { api_name: 'duplicate_check_fields' });
		for (const name of d) {
			const f = mod.fieldMap.get(name);
			if (!f || f.read_only || !DUPLICATE_CHECK_TYPES.has(f.data_type))
				throw crmError(400, 'INVALID_DATA', 'the given field cannot be used to check duplicates', {
					api_name: 'duplicate_check_fields',
					field: name,
				});
		}
		dupFields = Array.from(new Set(d));
	}
	const map = ctx.data.crm.records[mod.api_name];
	/** @type {Map<string, Map<string, string>>} field → value → id (lowest id wins) */
	const index = new Map(dupFields.map((f) => [f, new Map()]));
	const ordered = Array.from(map.values()).sort((a, b) => (a.id < b.id ? -1 : 1));
	for (const r of ordered) {
		for (const f of dupFields) {
			const k = dupKey(r[f]);
			const m = index.get(f);
			if (k !== null && m && !m.has(k)) m.set(k, r.id);
		}
	}
	let ok = 0;
	const data = items.map((item, i) => {
		if (!isPlainObject(item))
			return crmItemError('INVALID_DATA', 'invalid data', { json_path: `$.data[${i}]` });
		const rec = /** @type {Record<string, unknown>} */ (item);
		if ('id' in rec)
			return crmItemError(
				'INVALID_DATA',
				'id is not supported by upsert; use duplicate_check_fields',
				{ api_name: 'id', json_path: `$.data[${i}].id` },
			);
		const v = validateFields(ctx, mod, rec, i);
		if (!v.ok) return v.error;
		let matchId = null;
		let matchField = null;
		for (const f of dupFields) {
			const k = dupKey(v.changes[f]);
			const hit = k !== null ? index.get(f)?.get(k) : undefined;
			if (hit && map.has(hit)) {
				matchId = hit;
				matchField = f;
				break;
			}
		}
		let r;
		let action;
		if (matchId) {
			r = applyUpdate(ctx, mod, /** @type {Record<string, any>} */ (map.get(matchId)), v.changes);
			action = 'update';
		} else {
			const missing = missingMandatory(mod, v.changes, i);
			if (missing) return missing;
			r = applyCreate(ctx, mod, v.changes);
			action = 'insert';
		}
		for (const f of dupFields) {
			const k = dupKey(r[f]);
			const m = index.get(f);
			if (k !== null && m && !m.has(k)) m.set(k, r.id);
		}
		ok++;
		return {
			code: 'SUCCESS',
			duplicate_field: matchField,
			action,
			details: successDetails(r),
			message: action === 'update' ? 'record updated' : 'record added',
			status: 'success',
		};
	});
	ctx.entry.records = ok;
	return { status: bulkStatus(ok, items.length, 200), body: { data } };
}

module.exports = {
	update,
	updateOne,
	create,
	upsert,
	MAX_RECORDS,
	validateFields,
	missingMandatory,
	applyCreate,
	applyUpdate,
	bulkStatus,
};
