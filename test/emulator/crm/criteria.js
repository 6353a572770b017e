'use strict';
/**
 * Zoho CRM search criteria: `(Field:operator:value)` combined with `and` / `or` and
 * nested parentheses. Values escape `\(`, `\)`, `\,` and `\\`; unescaped commas separate
 * multiple values (`in`, `between`, and the multi-value form of equals/starts_with).
 */

const { parseCrmDate, parseCrmDateTime } = require('../time');
const { CRM } = require('../errors');

const MAX_CRITERIA = 10;

const OPERATORS_BY_TYPE = {
	text: ['equals', 'not_equal', 'starts_with', 'in'],
	number: [
		'equals',
		'not_equal',
		'greater_than',
		'greater_equal',
		'less_than',
		'less_equal',
		'between',
		'in',
	],
	time: [
		'equals',
		'not_equal',
		'greater_than',
		'greater_equal',
		'less_than',
		'less_equal',
		'between',
		'in',
	],
	boolean: ['equals', 'not_equal'],
	lookup: ['equals', 'not_equal', 'in'],
};
const ALL_OPERATORS = new Set(Object.values(OPERATORS_BY_TYPE).flat());

/** @param {string} dataType */
function typeClass(dataType) {
	switch (dataType) {
		case 'integer':
		case 'double':
		case 'currency':
			return 'number';
		case 'date':
		case 'datetime':
			return 'time';
		case 'boolean':
			return 'boolean';
		case 'lookup':
		case 'ownerlookup':
			return 'lookup';
		default:
			return 'text';
	}
}

/**
 * @typedef {{type: 'leaf', field: string, op: string, values: string[]} | {type: 'and'|'or', left: Node, right: Node}} Node
 */

/**
 * Parses criteria text into a tree. Throws ApiError INVALID_QUERY on malformed input.
 * @param {string} text
 * @returns {Node}
 */
function parseCriteria(text) {
	let pos = 0;
	/** @param {string} reason @returns {never} */
	const fail = (reason) => {
		throw CRM.invalidQuery(reason, { position: pos });
	};
	const skipWs = () => {
		while (pos < text.length && text[pos] === ' ') pos++;
	};

	/** @param {boolean} parenthesized */
	function leaf(parenthesized) {
		const fieldMatch = /^[A-Za-z_$][A-Za-z0-9_$.]*/.exec(text.slice(pos));
		if (!fieldMatch) return fail('expected a field API name');
		const field = fieldMatch[0];
		pos += field.length;
		if (text[pos] !== ':') fail(`expected ':' after ${field}`);
		pos++;
		const opMatch = /^[a-z_]+/.exec(text.slice(pos));
		if (!opMatch) return fail('expected an operator');
		const op = opMatch[0];
		pos += op.length;
		if (!ALL_OPERATORS.has(op)) fail(`unknown operator ${op}`);
		if (text[pos] !== ':') fail(`expected ':' after operator ${op}`);
		pos++;
		const values = [];
		let current = '';
		let sawAny = false;
		while (pos < text.length) {
			const ch = text[pos];
			if (ch === '\\') {
				const nx = text[pos + 1];
				if (nx === '(' || nx === ')' || nx === ',' || nx === '\\') {
					current += nx;
					pos += 2;
					sawAny = true;
					continue;
				}
				fail('invalid escape sequence in value');
			}
			if (ch === ')' && parenthesized) break;
			if (ch === '(' || ch === ')') fail('unescaped parenthesis in value');
			if (ch === ',') {
				values.push(current);
				current = '';
				pos++;
				continue;
			}
			current += ch;
			sawAny = true;
			pos++;
		}
		values.push(current);
		if (!sawAny || values.some((v) => v === '')) fail('empty value');
		return { type: /** @type {const} */ ('leaf'), field, op, values };
	}

	/** @returns {Node} */
	function primary() {
		skipWs();
		if (text[pos] !== '(') fail("expected '('");
		pos++;
		skipWs();
		/** @type {Node} */
		let node;
		if (text[pos] === '(') {
			node = expression();
		} else {
			node = leaf(true);
		}
		skipWs();
		if (text[pos] !== ')') fail("expected ')'");
		pos++;
		return node;
	}

	/** @returns {string|null} */
	function connector() {
		skipWs();
		const m = /^(and|or)(?=\s*\()/i.exec(text.slice(pos));
		if (!m) return null;
		pos += m[0].length;
		return m[1].toLowerCase();
	}

	/** `and` binds tighter than `or`. @returns {Node} */
	function expression() {
		/** @type {Node} */
		let left = andChain();
		for (;;) {
			const save = pos;
			const c = connector();
			if (c !== 'or') {
				pos = save;
				return left;
			}
			left = { type: 'or', left, right: andChain() };
		}
	}
	/** @returns {Node} */
	function andChain() {
		/** @type {Node} */
		let left = primary();
		for (;;) {
			const save = pos;
			const c = connector();
			if (c !== 'and') {
				pos = save;
				return left;
			}
			left = { type: 'and', left, right: primary() };
		}
	}

	if (typeof text !== 'string' || !text.trim()) fail('empty criteria');
	/** @type {Node} */
	let root;
	skipWs();
	if (text[pos] === '(') {
		root = expression();
	} else {
		root = leaf(false); // bare `Field:op:value`
	}
	skipWs();
	if (pos !== text.length) fail(`unexpected text at ${pos}`);
	return root;
}

/** @param {Node} node @returns {number} */
function countLeaves(node) {
	return node.type === 'leaf' ? 1 : countLeaves(node.left) + countLeaves(node.right);
}

/**
 * Compiles a criteria tree into a record predicate, validating fields, operators and values.
 * @param {Node} node
 * @param {import('../data/crm-schema').ModuleDef} mod
 * @returns {(r: Record<string, any>) => boolean}
 */
function compile(node, mod) {
	if (node.type !== 'leaf') {
		const l = compile(node.left, mod);
		const r = compile(node.right, mod);
		return node.type === 'and' ? (rec) => l(rec) && r(rec) : (rec) => l(rec) || r(rec);
	}
	const { field: api, op, values } = node;
	const field = api === 'id' ? { api_name: 'id', data_type: 'lookup' } : mod.fieldMap.get(api);
	if (!field) throw CRM.invalidQuery(`invalid field ${api}`, { api_name: api });
	const cls = api === 'id' ? 'lookup' : typeClass(field.data_type);
	if (!OPERATORS_BY_TYPE[cls].includes(op))
		throw CRM.invalidQuery(`operator ${op} is not supported for ${field.data_type} fields`, {
			api_name: api,
			operator: op,
		});
	if (op === 'between' && values.length !== 2)
		throw CRM.invalidQuery('between needs exactly two values', { api_name: api });
	if (values.length > 100) throw CRM.invalidQuery('too many values', { api_name: api });

	/** @type {(v: string) => unknown} */
	let conv;
	/** @type {(r: Record<string, any>) => unknown} */
	let get = (r) => r[api];
	switch (cls) {
		case 'number':
			conv = (v) => {
				if (!/^-?\d+(\.\d+)?$/.test(v))
					throw CRM.invalidQuery(`${v} is not a number`, { api_name: api });
				return Number(v);
			};
			break;
		case 'time':
			if (field.data_type === 'date') {
				conv = (v) => {
					const t = parseCrmDate(v);
					if (t === null)
						throw CRM.invalidQuery(`${v} is not a date (yyyy-MM-dd)`, { api_name: api });
					return t;
				};
				get = (r) => (r[api] ? parseCrmDate(r[api]) : null);
			} else {
				conv = (v) => {
					const t = parseCrmDateTime(v);
					if (t === null)
						throw CRM.invalidQuery(`${v} is not a datetime (yyyy-MM-ddTHH:mm:ss±HH:mm)`, {
							api_name: api,
						});
					return t;
				};
				get = (r) => (r[api] ? parseCrmDateTime(r[api]) : null);
			}
			break;
		case 'boolean':
			conv = (v) => {
				if (v !== 'true' && v !== 'false')
					throw CRM.invalidQuery(`${v} is not a boolean`, { api_name: api });
				return v === 'true';
			};
			break;
		case 'lookup':
			conv = (v) => {
				if (!/^\d{1,19}$/.test(v))
					throw CRM.invalidQuery(`${v} is not a record id`, { api_name: api });
				return v;
			};
			if (api !== 'id') get = (r) => (r[api] && typeof r[api] === 'object' ? r[api].id : null);
			break;
		default:
			conv = (v) => v.toLowerCase();
			get = (r) => (typeof r[api] === 'string' ? r[api].toLowerCase() : r[api]);
	}
	const vals = values.map(conv);
	switch (op) {
		case 'equals':
		case 'in':
			return (r) => vals.includes(get(r));
		case 'not_equal':
			return (r) => !vals.includes(get(r));
		case 'starts_with':
			return (r) => {
				const v = get(r);
				return typeof v === 'string' && vals.some((p) => v.startsWith(String(p)));
			};
		case 'greater_than':
			return (r) => cmp(get(r), vals[0], (a, b) => a > b);
		case 'greater_equal':
			return (r) => cmp(get(r), vals[0], (a, b) => a >= b);
		case 'less_than':
			return (r) => cmp(get(r), vals[0], (a, b) => a < b);
		case 'less_equal':
			return (r) => cmp(get(r), vals[0], (a, b) => a <= b);
		case 'between':
			return (r) =>
				cmp(get(r), vals[0], (a, b) => a >= b) && cmp(get(r), vals[1], (a, b) => a <= b);
		default:
			throw CRM.invalidQuery(`unknown operator ${op}`);
	}
}

/** @param {unknown} a @param {unknown} b @param {(a: number, b: number) => boolean} f */
const cmp = (a, b, f) => typeof a === 'number' && typeof b === 'number' && f(a, b);

/**
 * Parses, limits and compiles criteria for a module.
 * @param {string} text @param {import('../data/crm-schema').ModuleDef} mod
 */
function criteriaPredicate(text, mod) {
	const tree = parseCriteria(text);
	const n = countLeaves(tree);
	if (n > MAX_CRITERIA)
		throw CRM.limit(
			{ param_name: 'criteria', limit: MAX_CRITERIA },
			`the number of criteria exceeds the limit of ${MAX_CRITERIA}`,
		);
	return compile(tree, mod);
}

module.exports = { parseCriteria, countLeaves, criteriaPredicate, MAX_CRITERIA };
