'use strict';
/**
 * COQL: `POST /crm/v8/coql {select_query}`.
 * Grammar: select f1, f2 from Module [where cond] [order by f [asc|desc], …]
 *          [limit n | limit offset, n | limit n offset m]
 * cond: f (=|!=|<>|<|>|<=|>=) v | f [not] like 'x%' | f [not] in (v, …) | f is [not] null
 *       | f [not] between v and v | cond and|or cond | ( cond )
 */

const { crmError, CRM } = require('../errors');
const { findModule, isNonApiModule } = require('../data/crm-schema');
const { parseCrmDate, parseCrmDateTime } = require('../time');
const { hasScope } = require('../scopes');
const { isPlainObject } = require('./common');

const MAX_SELECT = 50;
const MAX_LIMIT = 2000;
const DEFAULT_LIMIT = 200;
const MAX_CRITERIA = 25;
const MAX_ROWS = 100000;
const KEYWORDS = new Set([
	'select',
	'from',
	'where',
	'and',
	'or',
	'order',
	'by',
	'asc',
	'desc',
	'limit',
	'offset',
	'like',
	'not',
	'in',
	'is',
	'null',
	'between',
	'true',
	'false',
]);

/** @typedef {{t: 'kw'|'ident'|'str'|'num'|'op'|'punc'|'eof', v: string, pos: number}} Token */

/** @param {string} clause @param {string} near */
const syntax = (clause, near) =>
	crmError(400, 'SYNTAX_ERROR', 'error occurred while parsing the query', { clause, near });

/** @param {string} text @returns {Token[]} */
function tokenize(text) {
	/** @type {Token[]} */
	const out = [];
	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		if (/\s/.test(ch)) {
			i++;
			continue;
		}
		if (ch === "'") {
			let v = '';
			let j = i + 1;
			let closed = false;
			while (j < text.length) {
				const c = text[j];
				if (c === '\\' && j + 1 < text.length) {
					v += text[j + 1];
					j += 2;
					continue;
				}
				if (c === "'") {
					closed = true;
					break;
				}
				v += c;
				j++;
			}
			if (!closed) throw syntax('query', text.slice(i, i + 20));
			out.push({ t: 'str', v, pos: i });
			i = j + 1;
			continue;
		}
		const num = /^-?\d+(\.\d+)?/.exec(text.slice(i));
		if (num && (ch !== '-' || /\d/.test(text[i + 1] ?? ''))) {
			out.push({ t: 'num', v: num[0], pos: i });
			i += num[0].length;
			continue;
		}
		const id = /^[A-Za-z_$][A-Za-z0-9_$.]*/.exec(text.slice(i));
		if (id) {
			const lower = id[0].toLowerCase();
			out.push(
				KEYWORDS.has(lower) ? { t: 'kw', v: lower, pos: i } : { t: 'ident', v: id[0], pos: i },
			);
			i += id[0].length;
			continue;
		}
		const op = /^(!=|<>|<=|>=|=|<|>)/.exec(text.slice(i));
		if (op) {
			out.push({ t: 'op', v: op[0] === '<>' ? '!=' : op[0], pos: i });
			i += op[0].length;
			continue;
		}
		if ('(),*'.includes(ch)) {
			out.push({ t: 'punc', v: ch, pos: i });
			i++;
			continue;
		}
		throw syntax('query', text.slice(i, i + 20));
	}
	out.push({ t: 'eof', v: '', pos: text.length });
	return out;
}

/**
 * @typedef {{t: 'str'|'num'|'bool', v: string}} Lit
 * @typedef {{type: 'cmp', field: string, op: string, value: Lit}
 *   | {type: 'like', field: string, not: boolean, value: Lit}
 *   | {type: 'in', field: string, not: boolean, values: Lit[]}
 *   | {type: 'null', field: string, not: boolean}
 *   | {type: 'between', field: string, not: boolean, low: Lit, high: Lit}
 *   | {type: 'and'|'or', left: Cond, right: Cond}} Cond
 */

/** @param {string} text */
function parse(text) {
	const toks = tokenize(text);
	let p = 0;
	let clause = 'select';
	const peek = () => toks[p];
	const next = () => toks[p++];
	const near = () => text.slice(peek().pos, peek().pos + 25) || 'end of query';
	const isKw = (kw) => peek().t === 'kw' && peek().v === kw;
	const expectKw = (kw) => {
		if (!isKw(kw)) throw syntax(clause, near());
		next();
	};
	const ident = () => {
		if (peek().t !== 'ident') throw syntax(clause, near());
		return next().v;
	};
	/** @returns {Lit} */
	const literal = () => {
		const t = peek();
		if (t.t === 'str') return { t: 'str', v: next().v };
		if (t.t === 'num') return { t: 'num', v: next().v };
		if (t.t === 'kw' && (t.v === 'true' || t.v === 'false')) return { t: 'bool', v: next().v };
		throw syntax(clause, near());
	};

	expectKw('select');
	const fields = [];
	for (;;) {
		if (peek().t === 'punc' && peek().v === '*') throw syntax(clause, near());
		const name = ident();
		if (peek().t === 'punc' && peek().v === '(')
			throw crmError(400, 'INVALID_QUERY', 'invalid query formed', {
				reason: 'aggregate functions are not emulated',
				near: name,
			});
		fields.push(name);
		if (peek().t === 'punc' && peek().v === ',') {
			next();
			continue;
		}
		break;
	}
	clause = 'from';
	expectKw('from');
	const module = ident();

	/** @type {Cond|null} */
	let where = null;
	if (isKw('where')) {
		clause = 'where';
		next();
		where = orExpr();
	}
	/** @type {{field: string, dir: 'asc'|'desc'}[]} */
	const orderBy = [];
	if (isKw('order')) {
		clause = 'order by';
		next();
		expectKw('by');
		for (;;) {
			const field = ident();
			/** @type {'asc'|'desc'} */
			let dir = 'asc';
			if (isKw('asc') || isKw('desc')) dir = /** @type {'asc'|'desc'} */ (next().v);
			orderBy.push({ field, dir });
			if (peek().t === 'punc' && peek().v === ',') {
				next();
				continue;
			}
			break;
		}
	}
	let limit = DEFAULT_LIMIT;
	let offset = 0;
	if (isKw('limit')) {
		clause = 'limit';
		next();
		const intTok = () => {
			if (peek().t !== 'num' || !/^\d+$/.test(peek().v)) throw syntax(clause, near());
			return Number(next().v);
		};
		const a = intTok();
		if (peek().t === 'punc' && peek().v === ',') {
			next();
			offset = a;
			limit = intTok();
		} else {
			limit = a;
			if (isKw('offset')) {
				next();
				offset = intTok();
			}
		}
	}
	if (peek().t !== 'eof') throw syntax(clause, near());
	return { fields, module, where, orderBy, limit, offset };

	/** @returns {Cond} */
	function orExpr() {
		let left = andExpr();
		while (isKw('or')) {
			next();
			left = { type: 'or', left, right: andExpr() };
		}
		return left;
	}
	/** @returns {Cond} */
	function andExpr() {
		let left = condition();
		while (isKw('and')) {
			next();
			left = { type: 'and', left, right: condition() };
		}
		return left;
	}
	/** @returns {Cond} */
	function condition() {
		if (peek().t === 'punc' && peek().v === '(') {
			next();
			const inner = orExpr();
			if (!(peek().t === 'punc' && peek().v === ')')) throw syntax(clause, near());
			next();
			return inner;
		}
		const field = ident();
		if (peek().t === 'op') return { type: 'cmp', field, op: next().v, value: literal() };
		if (isKw('is')) {
			next();
			let not = false;
			if (isKw('not')) {
				next();
				not = true;
			}
			expectKw('null');
			return { type: 'null', field, not };
		}
		let not = false;
		if (isKw('not')) {
			next();
			not = true;
		}
		if (isKw('like')) {
			next();
			if (peek().t !== 'str') throw syntax(clause, near());
			return { type: 'like', field, not, value: literal() };
		}
		if (isKw('in')) {
			next();
			if (!(peek().t === 'punc' && peek().v === '(')) throw syntax(clause, near());
			next();
			const values = [literal()];
			while (peek().t === 'punc' && peek().v === ',') {
				next();
				values.push(literal());
			}
			if (!(peek().t === 'punc' && peek().v === ')')) throw syntax(clause, near());
			next();
			return { type: 'in', field, not, values };
		}
		if (isKw('between')) {
			next();
			const low = literal();
			expectKw('and');
			return { type: 'between', field, not, low, high: literal() };
		}
		throw syntax(clause, near());
	}
}

/** @param {Cond} c @returns {number} */
const countConds = (c) =>
	c.type === 'and' || c.type === 'or' ? countConds(c.left) + countConds(c.right) : 1;

/**
 * Compiles a condition into a predicate with type checks.
 * @param {Cond} c @param {import('../data/crm-schema').ModuleDef} mod
 * @returns {(r: Record<string, any>) => boolean}
 */
function compile(c, mod) {
	if (c.type === 'and' || c.type === 'or') {
		const l = compile(c.left, mod);
		const r = compile(c.right, mod);
		return c.type === 'and' ? (x) => l(x) && r(x) : (x) => l(x) || r(x);
	}
	const api = /** @type {Exclude<Cond, {type: 'and'|'or'}>} */ (c).field;
	const field = api === 'id' ? { api_name: 'id', data_type: 'id' } : mod.fieldMap.get(api);
	if (!field) throw CRM.invalidQuery(`invalid column ${api}`, { column_name: api });
	const type = field.data_type;
	const bad = (why) => CRM.invalidQuery(why, { column_name: api });
	/** @param {Record<string, any>} r */
	let get = (r) => (r[api] === '' ? null : r[api]);
	/** @type {(l: Lit) => unknown} */
	let conv;
	let ordered = false;
	let textual = false;
	switch (type) {
		case 'integer':
		case 'double':
		case 'currency':
			ordered = true;
			conv = (l) => {
				if (l.t === 'bool' || !/^-?\d+(\.\d+)?$/.test(l.v)) throw bad(`${l.v} is not a number`);
				return Number(l.v);
			};
			break;
		case 'date':
			ordered = true;
			conv = (l) => {
				const t = l.t === 'str' ? parseCrmDate(l.v) : null;
				if (t === null) throw bad(`${l.v} is not a date (yyyy-MM-dd)`);
				return t;
			};
			get = (r) => (r[api] ? parseCrmDate(r[api]) : null);
			break;
		case 'datetime':
			ordered = true;
			conv = (l) => {
				const t = l.t === 'str' ? parseCrmDateTime(l.v) : null;
				if (t === null) throw bad(`${l.v} is not a datetime (yyyy-MM-ddTHH:mm:ss±HH:mm)`);
				return t;
			};
			get = (r) => (r[api] ? parseCrmDateTime(r[api]) : null);
			break;
		case 'boolean':
			conv = (l) => {
				if (l.v !== 'true' && l.v !== 'false') throw bad(`${l.v} is not a boolean`);
				return l.v === 'true';
			};
			break;
		case 'lookup':
		case 'ownerlookup':
		case 'id':
			conv = (l) => {
				if (!/^\d{1,19}$/.test(l.v)) throw bad(`${l.v} is not a record id`);
				return l.v;
			};
			if (type !== 'id') get = (r) => (r[api] && typeof r[api] === 'object' ? r[api].id : null);
			break;
		default:
			textual = true;
			conv = (l) => {
				if (l.t !== 'str') throw bad(`${l.v} must be a quoted string`);
				return l.v.toLowerCase();
			};
			get = (r) => (typeof r[api] === 'string' && r[api] !== '' ? r[api].toLowerCase() : null);
	}
	switch (c.type) {
		case 'null':
			return c.not
				? (r) => get(r) !== null && get(r) !== undefined
				: (r) => get(r) === null || get(r) === undefined;
		case 'cmp': {
			const v = conv(c.value);
			if (c.op === '=') return (r) => get(r) === v;
			if (c.op === '!=') return (r) => get(r) !== v;
			if (!ordered) throw bad(`operator ${c.op} is not supported for ${type} fields`);
			const f = {
				'<': (a, b) => a < b,
				'>': (a, b) => a > b,
				'<=': (a, b) => a <= b,
				'>=': (a, b) => a >= b,
			}[c.op];
			return (r) => {
				const x = get(r);
				return x !== null && x !== undefined && f(x, v);
			};
		}
		case 'like': {
			if (!textual) throw bad(`like is not supported for ${type} fields`);
			const pattern = String(c.value.v)
				.toLowerCase()
				.replace(/[.+?^${}()|[\]\\*]/g, '\\$&')
				.replace(/%/g, '.*');
			const re = new RegExp(`^${pattern}$`, 's');
			return (r) => {
				const x = get(r);
				return x !== null && re.test(String(x)) !== c.not;
			};
		}
		case 'in': {
			if (c.values.length > 100) throw bad('in accepts at most 100 values');
			const vs = c.values.map(conv);
			return (r) => vs.includes(get(r)) !== c.not;
		}
		case 'between': {
			if (!ordered) throw bad(`between is not supported for ${type} fields`);
			const lo = /** @type {number} */ (conv(c.low));
			const hi = /** @type {number} */ (conv(c.high));
			return (r) => {
				const x = get(r);
				if (x === null || x === undefined) return false;
				return (x >= lo && x <= hi) !== c.not;
			};
		}
		default:
			throw bad('unsupported condition');
	}
}

/** Value for ORDER BY comparisons. @param {Record<string, any>} r @param {string} f */
function sortValue(r, f) {
	const v = r[f];
	if (v === null || v === undefined || v === '') return null;
	if (typeof v === 'object') return String(v.name ?? v.id).toLowerCase();
	if (typeof v === 'string') return v.toLowerCase();
	return v;
}

/** COQL output of a record: selected fields (+ id); lookups as `{id}`. @param {Record<string, any>} r @param {string[]} fields */
function row(r, fields) {
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const f of fields) {
		const v = r[f];
		out[f] = v && typeof v === 'object' ? { id: v.id } : (v ?? null);
	}
	out.id = r.id;
	return out;
}

/** POST /crm/v8/coql @param {import('../server').Ctx} ctx */
function query(ctx) {
	if (ctx.bodyKind === 'invalid') throw CRM.invalidBody();
	if (!isPlainObject(ctx.body) || !('select_query' in /** @type {object} */ (ctx.body)))
		throw crmError(400, 'MANDATORY_NOT_FOUND', 'required field not found', {
			api_name: 'select_query',
		});
	const text = /** @type {any} */ (ctx.body).select_query;
	if (typeof text !== 'string' || !text.trim())
		throw crmError(400, 'INVALID_DATA', 'invalid data', { api_name: 'select_query' });
	const q = parse(text);
	const mod = findModule(q.module);
	if (!mod) {
		throw CRM.invalidQuery(
			isNonApiModule(q.module)
				? `module ${q.module} is not supported`
				: `invalid module ${q.module}`,
			{ module: q.module },
		);
	}
	if (
		!hasScope(/** @type {string[]} */ (ctx.token?.scopes), {
			service: 'ZohoCRM',
			family: 'modules',
			sub: mod.api_name,
			customSub: mod.generated_type === 'custom',
			op: 'READ',
		})
	) {
		throw CRM.scopeMismatch();
	}
	const fields = Array.from(new Set(q.fields));
	if (fields.length > MAX_SELECT)
		throw CRM.limit(
			{ clause: 'select', limit: MAX_SELECT },
			`a maximum of ${MAX_SELECT} fields can be selected`,
		);
	for (const f of [...fields, ...q.orderBy.map((o) => o.field)]) {
		if (f !== 'id' && !mod.fieldMap.has(f))
			throw CRM.invalidQuery(`invalid column ${f}`, { column_name: f });
	}
	if (q.where && countConds(q.where) > MAX_CRITERIA)
		throw CRM.limit(
			{ clause: 'where', limit: MAX_CRITERIA },
			`a maximum of ${MAX_CRITERIA} criteria are allowed in where`,
		);
	if (q.limit < 1 || q.limit > MAX_LIMIT)
		throw CRM.limit(
			{ clause: 'limit', limit: MAX_LIMIT },
			`limit must be between 1 and ${MAX_LIMIT}`,
		);
	if (q.offset + q.limit > MAX_ROWS)
		throw CRM.limit(
			{ clause: 'offset', limit: MAX_ROWS },
			`only ${MAX_ROWS} records can be fetched with COQL`,
		);
	const pred = q.where ? compile(q.where, mod) : null;
	let rows = Array.from(ctx.data.crm.records[mod.api_name].values());
	if (pred) rows = rows.filter(pred);
	const order = q.orderBy.length ? q.orderBy : [{ field: 'id', dir: 'asc' }];
	rows.sort((a, b) => {
		for (const o of order) {
			const av = sortValue(a, o.field);
			const bv = sortValue(b, o.field);
			if (av === bv) continue;
			if (av === null) return 1;
			if (bv === null) return -1;
			const c = av < bv ? -1 : 1;
			return o.dir === 'asc' ? c : -c;
		}
		return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	});
	const slice = rows.slice(q.offset, q.offset + q.limit);
	if (slice.length === 0) return { status: 204 };
	ctx.entry.records = slice.length;
	return {
		status: 200,
		body: {
			data: slice.map((r) => row(r, fields)),
			info: { count: slice.length, more_records: q.offset + slice.length < rows.length },
		},
	};
}

module.exports = { query, parse, tokenize, MAX_LIMIT, MAX_SELECT, MAX_CRITERIA };
