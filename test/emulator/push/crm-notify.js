'use strict';
/**
 * CRM notification callbacks: a record created, updated or deleted through the API is reported
 * to every live watch channel subscribed to `<Module>.<create|edit|delete|all>`, with a POST to
 * its notify_url carrying Zoho's callback body (server_time, query_params, module, resource_uri,
 * ids, affected_fields, operation, channel_id, token). Expired channels get nothing.
 */

const { send } = require('./deliver');

/** Zoho's callback `operation` → the watch event action. */
const ACTION = { insert: 'create', update: 'edit', delete: 'delete' };

/** @param {any} out @returns {any[]} */
const rows = (out) => (out && out.body && Array.isArray(out.body.data) ? out.body.data : []);
/** @param {any} row */
const okRow = (row) => row && row.status === 'success' && row.details && row.details.id;

/**
 * What a successful CRM call changed: per operation, the ids and their changed fields.
 * @param {import('../server').Ctx} ctx @param {{status: number, body?: any}} out
 * @returns {{operation: 'insert'|'update'|'delete', id: string, fields: string[]}[]}
 */
function changes(ctx, out) {
	if (!ctx.mod || out.status >= 300) return [];
	const segments = ctx.path.split('/').slice(3);
	const sent = Array.isArray(/** @type {any} */ (ctx.body)?.data)
		? /** @type {any} */ (ctx.body).data
		: [];
	const fieldsOf = (/** @type {number} */ i) =>
		Object.keys(sent[i] ?? {}).filter((k) => k !== 'id' && !k.startsWith('$'));
	const list = [];
	if (ctx.method === 'DELETE') {
		for (const row of rows(out))
			if (okRow(row))
				list.push({
					operation: /** @type {const} */ ('delete'),
					id: String(row.details.id),
					fields: [],
				});
		return list;
	}
	const upsert = segments[1] === 'upsert';
	rows(out).forEach((row, i) => {
		if (!okRow(row)) return;
		const operation = upsert
			? row.action === 'update'
				? 'update'
				: 'insert'
			: ctx.method === 'POST'
				? 'insert'
				: 'update';
		list.push({
			operation: /** @type {'insert'|'update'} */ (operation),
			id: String(row.details.id),
			fields: fieldsOf(i),
		});
	});
	return list;
}

/**
 * Sends the callbacks for one API call (after it was answered).
 * @param {import('../server').Ctx} ctx @param {{status: number, body?: any}} out
 */
function notifyChannels(ctx, out) {
	if (!(/** @type {Map<string, any>} */ (ctx.data.crm.watch).size)) return;
	const changed = changes(ctx, out);
	if (!changed.length) return;
	const module = /** @type {any} */ (ctx.mod).api_name;
	const channels = /** @type {Map<string, any>} */ (ctx.data.crm.watch);
	const now = Date.now();
	for (const operation of /** @type {const} */ (['insert', 'update', 'delete'])) {
		const group = changed.filter((c) => c.operation === operation);
		if (!group.length) continue;
		for (const ch of channels.values()) {
			if (ch.expiresAt <= now) continue;
			const events = ch.events ?? [];
			if (!events.includes(`${module}.${ACTION[operation]}`) && !events.includes(`${module}.all`))
				continue;
			/** @type {Record<string, unknown>} */
			const body = {
				server_time: now,
				query_params: {},
				module,
				resource_uri: `${ctx.baseUrl}/crm/v8/${module}`,
				ids: group.map((c) => c.id),
				affected_fields: operation === 'update' ? group.map((c) => ({ [c.id]: c.fields })) : [],
				operation,
				channel_id: Number(ch.channel_id),
				token: ch.token,
			};
			if (ch.return_affected_field_values && operation !== 'delete') {
				const records = ctx.data.crm.records[module];
				body.affected_values = group.map((c) => {
					const record = records.get(c.id) ?? {};
					return {
						record_id: c.id,
						values: Object.fromEntries(c.fields.map((f) => [f, record[f] ?? null])),
					};
				});
			}
			send(ctx.core, { app: 'crm', kind: 'callback', method: 'POST', url: ch.notify_url, body });
		}
	}
}

module.exports = { notifyChannels, changes };
