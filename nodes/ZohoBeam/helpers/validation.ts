import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Input checks that run before any request. Every value that ends up in a URL path passes
 * through one of the branded types below, and `transport/paths.ts` only accepts those, so a
 * path can never be built from unchecked text.
 */
export type ZohoId = string & { readonly __brand: 'ZohoId' };
export type ModuleName = string & { readonly __brand: 'ModuleName' };

const ZOHO_ID = /^[0-9]{5,25}$/;
const MODULE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_STRING_LENGTH = 100_000;

export function inputError(node: INode, itemIndex: number, message: string, description?: string) {
	return new NodeOperationError(node, message, { itemIndex, description });
}

function describeValue(value: unknown): string {
	if (typeof value === 'string') {
		const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
		return JSON.stringify(shown);
	}
	if (value === null || value === undefined) return 'nothing';
	return `a ${Array.isArray(value) ? 'list' : typeof value}`;
}

/** A Zoho CRM or Desk record ID: digits only (Zoho IDs are 18-19 digit numbers). */
export function toZohoId(node: INode, itemIndex: number, value: unknown, parameter: string): ZohoId {
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

export function toZohoIds(node: INode, itemIndex: number, value: unknown, parameter: string): ZohoId[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
	const ids = list.map((entry) =>
		toZohoId(node, itemIndex, typeof entry === 'string' ? entry.trim() : entry, parameter),
	);
	if (ids.length === 0) throw inputError(node, itemIndex, `"${parameter}" needs at least one ID`);
	return ids;
}

/** A CRM module API name (Leads, Deals, Shipments, Custom_Module1 …). */
export function toModuleName(node: INode, itemIndex: number, value: unknown, parameter = 'module'): ModuleName {
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

/**
 * Copies a plain JSON-like value, refusing keys that could pollute prototypes
 * (`__proto__`, `constructor`, `prototype`) and strings longer than Zoho would ever accept.
 */
export function sanitizeJsonValue(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
	path = '',
): unknown {
	if (typeof value === 'string') {
		if (value.length > MAX_STRING_LENGTH) {
			throw inputError(
				node,
				itemIndex,
				`"${parameter}" has a value longer than ${MAX_STRING_LENGTH} characters${path ? ` at ${path}` : ''}`,
			);
		}
		return value;
	}
	if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
	if (Array.isArray(value)) {
		return value.map((entry, index) => sanitizeJsonValue(node, itemIndex, entry, parameter, `${path}[${index}]`));
	}
	if (typeof value === 'object') {
		const copy: IDataObject = {};
		for (const [key, entry] of Object.entries(value as IDataObject)) {
			if (!isSafeKey(key)) {
				throw inputError(node, itemIndex, `"${parameter}" contains the forbidden key "${key}"${path ? ` at ${path}` : ''}`, 'Keys named __proto__, constructor or prototype are never Zoho fields; remove them.');
			}
			if (entry === undefined) continue;
			copy[key] = sanitizeJsonValue(node, itemIndex, entry, parameter, path ? `${path}.${key}` : key) as IDataObject[string];
		}
		return copy;
	}
	throw inputError(node, itemIndex, `"${parameter}" contains ${describeValue(value)}${path ? ` at ${path}` : ''}, which JSON cannot carry`);
}

/** Parses a JSON object parameter (string or already-parsed object from an expression). */
export function parseJsonObject(node: INode, itemIndex: number, value: unknown, parameter: string): IDataObject {
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
		throw inputError(node, itemIndex, `"${parameter}" must be a JSON object of field names and values, got ${describeValue(parsed)}`);
	}
	return sanitizeJsonValue(node, itemIndex, parsed, parameter) as IDataObject;
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
	const text = String(value).trim();
	// Tabs and newlines are fine in text; NUL and the other control characters never are.
	if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) {
		throw inputError(node, itemIndex, `"${parameter}" contains control characters; remove them`);
	}
	if (text.length > maxLength) {
		throw inputError(node, itemIndex, `"${parameter}" is ${text.length} characters long; the limit is ${maxLength}`);
	}
	if (required && text === '') throw inputError(node, itemIndex, `"${parameter}" is required`);
	return text;
}

/** An http(s) URL without credentials in it. */
export function toHttpUrl(node: INode, itemIndex: number, value: unknown, parameter: string): string {
	const text = toCleanText(node, itemIndex, value, parameter, { maxLength: 2048 });
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw inputError(node, itemIndex, `"${parameter}" must be a full URL like https://example.com/hook, got ${describeValue(value)}`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw inputError(node, itemIndex, `"${parameter}" must use http or https, got ${url.protocol}`);
	}
	if (url.username || url.password) {
		throw inputError(node, itemIndex, `"${parameter}" must not contain a user name or password`);
	}
	return url.toString();
}
