import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiPath, ModuleName, ZohoId } from '../config/ids';
import { MODULE_NAME, ZOHO_ID, ZOHO_ID_SOURCE } from '../config/ids';

/**
 * Input checks that run before any request. Every value that ends up in a URL path passes
 * through one of the branded types below, and `transport/paths.ts` only accepts those, so a
 * path can never be built from unchecked text.
 */
export type { ApiPath, ModuleName, ZohoId } from '../config/ids';
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_STRING_LENGTH = 100_000;

export function inputError(node: INode, itemIndex: number, message: string, description?: string) {
	return new NodeOperationError(node, message, { itemIndex, description });
}

/** How a refused value is shown in a message: short, and never more than 40 characters of it. */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') {
		const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
		return JSON.stringify(shown);
	}
	if (value === null || value === undefined) return 'nothing';
	if (typeof value === 'number') {
		if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
			return `the number ${value}, which has lost its last digits (too large for an exact number)`;
		}
		return `the number ${value}`;
	}
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A Zoho CRM or Desk record ID: digits only (Zoho IDs are 18-19 digit numbers). */
export function toZohoId(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
): ZohoId {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof text !== 'string' || !ZOHO_ID.test(text.trim())) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must be a Zoho ID (digits only, like 5725767000000412001), got ${describeValue(value)}`,
			'Zoho IDs are long numbers. Take the ID from the record URL or a previous Zoho Beam node output; a number typed in an expression may have lost its last digits, so map it as a string.',
		);
	}
	return text.trim() as ZohoId;
}

/**
 * The record page addresses of Zoho CRM and Desk (`…/tab/<Module>/<id>`, `…#Cases/dv/<id>`,
 * `…/details/<id>`); group 1 is the ID, which must not run on into more digits.
 */
/** A field API name that may be written (CRM and Desk alike): letters, digits, underscores. */
export const WRITABLE_FIELD_NAME = /^[A-Za-z$][A-Za-z0-9_$]{0,99}$/;

export const RECORD_URL_REGEX = `^https?://[^/]+/.*?(?:/tab/[A-Za-z0-9_]+/|/dv/|/details/)(${ZOHO_ID_SOURCE})(?![0-9])`;

/**
 * The Zoho ID in a pasted web address: an http(s) URL without a user name or password, whose
 * ID `pattern` (group 1) finds. The address is never requested; only the ID is used.
 */
export function toZohoIdFromUrl(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
	{ pattern, example, what }: { pattern: RegExp; example: string; what: string },
): ZohoId {
	const text = toCleanText(node, itemIndex, value, parameter, { maxLength: 2048 });
	const help = `Open the record in Zoho and copy the address from the browser, like ${example}.`;
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must be the http(s) address of ${what}, got ${describeValue(text)}`,
			help,
		);
	}
	if (url.username || url.password) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must not contain a user name or password`,
			help,
		);
	}
	const id = pattern.exec(text)?.[1];
	if (!id)
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" is not the address of ${what}: ${describeValue(text)}`,
			help,
		);
	return toZohoId(node, itemIndex, id, parameter);
}

/** A CRM module API name (Leads, Deals, Shipments, Custom_Module1 …). */
export function toModuleName(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter = 'module',
): ModuleName {
	if (typeof value !== 'string' || !MODULE_NAME.test(value.trim())) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must be a CRM module API name like Leads or Deals, got ${describeValue(value)}`,
			'Module API names start with a letter and contain only letters, digits and underscores. Pick the module from the list to be sure.',
		);
	}
	return value.trim() as ModuleName;
}

export function isSafeKey(key: string): boolean {
	return !FORBIDDEN_KEYS.has(key);
}

/** JSON nested deeper than this is never a Zoho payload (and would exhaust the stack). */
export const MAX_JSON_DEPTH = 32;
/** C0 control characters and DEL, except tab, line feed and carriage return. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function where(path: string): string {
	return path ? ` at ${path}` : '';
}

/** An object whose prototype is Object.prototype (of any realm) or null: what JSON.parse makes. */
function isPlainObject(value: object): boolean {
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * Copies a plain JSON-like value, refusing what Zoho should never receive: keys that could
 * pollute prototypes (`__proto__`, `constructor`, `prototype`, at any depth), objects whose
 * prototype was replaced (`{"__proto__": …}` in an expression), control characters other
 * than tab and line breaks, strings longer than Zoho would ever accept, numbers JSON cannot
 * carry (NaN, Infinity) and absurd nesting. Dates (and anything else with `toJSON`) become
 * what JSON.stringify would send.
 */
export function sanitizeJsonValue(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
	path = '',
	depth = 0,
): unknown {
	if (typeof value === 'string') {
		if (value.length > MAX_STRING_LENGTH) {
			throw inputError(
				node,
				itemIndex,
				`"${parameter}" has a value longer than ${MAX_STRING_LENGTH} characters${where(path)}`,
			);
		}
		if (CONTROL_CHARACTERS.test(value)) {
			throw inputError(
				node,
				itemIndex,
				`"${parameter}" has a value with control characters${where(path)}`,
				'NUL, escape and the other control characters are never part of Zoho data (tabs and line breaks are fine); remove them from the value.',
			);
		}
		return value;
	}
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) {
			throw inputError(
				node,
				itemIndex,
				`"${parameter}" has the number ${value}${where(path)}, which JSON cannot carry`,
			);
		}
		return value;
	}
	if (value === null || typeof value === 'boolean') return value;
	if (depth >= MAX_JSON_DEPTH) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" is nested deeper than ${MAX_JSON_DEPTH} levels${where(path)}`,
		);
	}
	if (Array.isArray(value)) {
		return value.map((entry, index) =>
			sanitizeJsonValue(node, itemIndex, entry, parameter, `${path}[${index}]`, depth + 1),
		);
	}
	if (typeof value === 'object') {
		const toJSON = (value as { toJSON?: unknown }).toJSON;
		if (typeof toJSON === 'function') {
			return sanitizeJsonValue(node, itemIndex, toJSON.call(value), parameter, path, depth + 1);
		}
		if (!isPlainObject(value)) {
			throw inputError(
				node,
				itemIndex,
				`"${parameter}" contains an object with a replaced prototype${where(path)}`,
				'Write plain JSON objects. A "__proto__" key in an expression sets the prototype of the object instead of adding a field; Zoho has no such field.',
			);
		}
		const copy: IDataObject = {};
		for (const [key, entry] of Object.entries(value as IDataObject)) {
			if (!isSafeKey(key)) {
				throw inputError(
					node,
					itemIndex,
					`"${parameter}" contains the forbidden key "${key}"${where(path)}`,
					'Keys named __proto__, constructor or prototype are never Zoho fields; remove them.',
				);
			}
			if (CONTROL_CHARACTERS.test(key) || key.length > 200) {
				throw inputError(
					node,
					itemIndex,
					`"${parameter}" has a key with control characters or over 200 characters${where(path)}`,
					'Keys are Zoho API names such as Last_Name; rename the key.',
				);
			}
			if (entry === undefined) continue;
			copy[key] = sanitizeJsonValue(
				node,
				itemIndex,
				entry,
				parameter,
				path ? `${path}.${key}` : key,
				depth + 1,
			) as IDataObject[string];
		}
		return copy;
	}
	throw inputError(
		node,
		itemIndex,
		`"${parameter}" contains ${describeValue(value)}${where(path)}, which JSON cannot carry`,
	);
}

/** Parses a JSON object parameter (string or already-parsed object from an expression). */
export function parseJsonObject(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
): IDataObject {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw inputError(
				node,
				itemIndex,
				`"${parameter}" is not valid JSON: ${(error as Error).message}`,
				'Write a JSON object such as {"Last_Name": "Doe", "Email": "jane@example.com"}.',
			);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must be a JSON object of field names and values, got ${describeValue(parsed)}`,
		);
	}
	const unsafe = typeof value === 'string' ? findUnsafeInteger(value) : undefined;
	if (unsafe) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" has the number ${unsafe.literal}${where(unsafe.path)}, which is too large to be kept exactly (it would be sent as ${String(Number(unsafe.literal))})`,
			`Zoho IDs are longer than JSON numbers can carry. Put the value in quotes, like "${unsafe.path.split('.').pop() ?? 'id'}": "${unsafe.literal}".`,
		);
	}
	return sanitizeJsonValue(node, itemIndex, parsed, parameter) as IDataObject;
}

/**
 * The first unquoted integer in valid JSON text that a JavaScript number cannot hold exactly
 * (beyond 2^53), with its path: JSON.parse would silently round `5725767000000411001` to
 * `…411000`, an ID of another record. Only the raw text still shows the real digits.
 */
function findUnsafeInteger(text: string): { path: string; literal: string } | undefined {
	const path: Array<string | number> = [];
	const containers: Array<'object' | 'array'> = [];
	let expectKey = false;
	for (let at = 0; at < text.length; at++) {
		const char = text[at];
		if (char === '"') {
			let end = at + 1;
			while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
			if (expectKey) path[path.length - 1] = JSON.parse(text.slice(at, end + 1)) as string;
			at = end;
		} else if (char === '{' || char === '[') {
			containers.push(char === '{' ? 'object' : 'array');
			path.push(char === '{' ? '' : 0);
			expectKey = char === '{';
		} else if (char === '}' || char === ']') {
			containers.pop();
			path.pop();
		} else if (char === ',') {
			const top = containers.length - 1;
			if (containers[top] === 'array') path[top] = (path[top] as number) + 1;
			expectKey = containers[top] === 'object';
		} else if (char === ':') {
			expectKey = false;
		} else if (char === '-' || (char >= '0' && char <= '9')) {
			const literal =
				/^-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(at))?.[0] ?? char;
			if (/^-?[0-9]+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
				const shown = path
					.map((key, index) =>
						typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`,
					)
					.join('');
				return { path: shown, literal };
			}
			at += literal.length - 1;
		}
	}
	return undefined;
}

const isOneOf = <T extends string>(allowed: readonly T[], value: unknown): value is T =>
	allowed.some((entry) => entry === value);

/**
 * The one "value must be one of" reader: a value from a fixed list (options a user could also
 * set by expression).
 */
export function oneOf<T extends string>(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
	allowed: readonly T[],
): T {
	if (!isOneOf(allowed, value)) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must be one of ${allowed.join(', ')}, got ${describeValue(value)}`,
		);
	}
	return value;
}

/** Several values of a fixed list (a multi-option, or text separated by commas), each checked, without repeats. */
export function someOf<T extends string>(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
	allowed: readonly T[],
): T[] {
	const list = (
		Array.isArray(value)
			? value
			: typeof value === 'string'
				? value.split(',')
				: value === undefined || value === null
					? []
					: [value]
	)
		.map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== '');
	const picked: T[] = [];
	for (const entry of list) {
		if (!isOneOf(allowed, entry)) {
			throw inputError(
				node,
				itemIndex,
				`"${parameter}" has an unknown value ${describeValue(entry)}; use ${allowed.join(', ')}`,
			);
		}
		if (!picked.includes(entry)) picked.push(entry);
	}
	return picked;
}

/** A plain text parameter, trimmed, refusing control characters and absurd lengths. */
export function toCleanText(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
	{ maxLength = 2000, required = true }: { maxLength?: number; required?: boolean } = {},
): string {
	if (value === undefined || value === null || value === '') {
		if (required) throw inputError(node, itemIndex, `"${parameter}" is required`);
		return '';
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw inputError(node, itemIndex, `"${parameter}" must be text, got ${describeValue(value)}`);
	}
	if (
		typeof value === 'number' &&
		(!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)))
	) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" got ${describeValue(value)}`,
			'Numbers this large cannot be kept exactly; map the value as text (for example from the output of a previous node) instead of as a number.',
		);
	}
	const text = String(value).trim();
	// Tabs and newlines are fine in text; NUL and the other control characters never are.
	if (CONTROL_CHARACTERS.test(text)) {
		throw inputError(node, itemIndex, `"${parameter}" contains control characters; remove them`);
	}
	if (text.length > maxLength) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" is ${text.length} characters long; the limit is ${maxLength}`,
		);
	}
	if (required && text === '') throw inputError(node, itemIndex, `"${parameter}" is required`);
	return text;
}

/** An optional text parameter as toCleanText reads it; undefined when empty. */
export function toOptionalText(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
	maxLength = 255,
): string | undefined {
	const text = toCleanText(node, itemIndex, value, parameter, { maxLength, required: false });
	return text === '' ? undefined : text;
}

/**
 * An optional Zoho ID; undefined when empty. Text longer than `maxLength` is refused as too
 * long before it is checked as an ID (a pasted address, for instance, gets that message).
 */
export function toOptionalZohoId(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
	maxLength = 40,
): ZohoId | undefined {
	const text = toOptionalText(node, itemIndex, value, parameter, maxLength);
	return text === undefined ? undefined : toZohoId(node, itemIndex, text, parameter);
}

/** Invisible formatting characters (zero-width, bidi overrides, soft hyphen, BOM …). */
const INVISIBLE = /\p{Cf}/u;

/**
 * An http(s) URL without credentials in it, as the URL parser normalizes it. Refuses
 * invisible characters, which the parser would silently drop from a host name or hide in a
 * path, so the URL that is used is the URL the user sees.
 */
export function toHttpUrl(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
): string {
	const text = toCleanText(node, itemIndex, value, parameter, { maxLength: 2048 });
	const help =
		'Enter a full address starting with https:// (or http://), like https://example.com/hook.';
	if (INVISIBLE.test(text)) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" contains invisible characters (zero-width or text-direction marks)`,
			'Type or paste the address again without them.',
		);
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must be a full URL like https://example.com/hook, got ${describeValue(value)}`,
			help,
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must use http or https, got ${url.protocol}`,
			help,
		);
	}
	if (url.username || url.password) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must not contain a user name or password`,
			'Remove the user:password@ part; pass secrets some other way, for example as a query parameter the receiver checks.',
		);
	}
	if (!url.hostname) throw inputError(node, itemIndex, `"${parameter}" has no host name`, help);
	return url.toString();
}

const API_PATH_BASES = { crm: /^\/crm\/v\d+(?:\.\d+)?\//, desk: /^\/api\/v1\// } as const;
/** Letters, digits and `_ - . ~ /`, plus percent escapes that are not `/`, `\` or `.`. */
const API_PATH_CHARACTERS = /^(?:[A-Za-z0-9_\-.~/]|%(?![2][Ff]|[5][Cc]|[2][Ee])[0-9A-Fa-f]{2})+$/;

/**
 * A path the API call may request: relative to the app's API base and never able to leave it.
 * Refuses absolute URLs (`https://…`, `//host/…`), a query string or fragment in the path,
 * `.` and `..` segments (also percent-encoded), empty segments, and anything outside
 * `/crm/v<N>/…` (CRM) or `/api/v1/…` (Desk). Returns the path with a leading slash.
 */
export function toApiPath(
	node: INode,
	itemIndex: number,
	value: unknown,
	app: 'crm' | 'desk',
): ApiPath {
	const text = toCleanText(node, itemIndex, value, 'path', { maxLength: 2000 });
	const example =
		app === 'crm' ? '/crm/v8/Leads/5725767000000412001' : '/api/v1/tickets/1892000000143237';
	const help = `Give the path after the host, like ${example}; put query parameters in "Query (JSON)".`;
	if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text) || text.startsWith('//') || text.startsWith('\\')) {
		throw inputError(
			node,
			itemIndex,
			`"path" must be a path on the Zoho ${app === 'crm' ? 'CRM' : 'Desk'} API, not a full URL or another host: ${describeValue(text)}`,
			`The node always sends the call to the data center of your credential. ${help}`,
		);
	}
	if (/[?#]/.test(text))
		throw inputError(node, itemIndex, '"path" must not contain "?" or "#"', help);
	const path = text.startsWith('/') ? text : `/${text}`;
	if (!API_PATH_CHARACTERS.test(path) || INVISIBLE.test(path)) {
		throw inputError(
			node,
			itemIndex,
			`"path" contains characters a Zoho API path never has: ${describeValue(text)}`,
			help,
		);
	}
	const segments = path.slice(1).split('/');
	if (segments.some((segment) => segment === '' || /^(?:\.|%2e){1,2}$/i.test(segment))) {
		throw inputError(
			node,
			itemIndex,
			'"path" must not contain "..", "." or empty segments ("//")',
			help,
		);
	}
	if (!API_PATH_BASES[app].test(path)) {
		const base = app === 'crm' ? '/crm/v8/' : '/api/v1/';
		throw inputError(
			node,
			itemIndex,
			`"path" is outside the Zoho ${app === 'crm' ? 'CRM' : 'Desk'} API: it must start with ${base}`,
			help,
		);
	}
	return path as ApiPath;
}
