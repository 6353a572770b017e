import type { IDataObject, INode } from 'n8n-workflow';

import { inputError, toCleanText } from '../../helpers/validation';

/** Pieces the signal operations share. */

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{1,63}$/;

/** Reads a free-text option: undefined when empty, else trimmed text without control characters. */
export function optionalText(node: INode, itemIndex: number, value: unknown, parameter: string, maxLength = 255): string | undefined {
	const text = toCleanText(node, itemIndex, value, parameter, { maxLength, required: false });
	return text === '' ? undefined : text;
}

export function optionalEmail(node: INode, itemIndex: number, value: unknown, parameter: string): string | undefined {
	const email = optionalText(node, itemIndex, value, parameter, 320);
	if (email !== undefined && !EMAIL.test(email)) {
		throw inputError(node, itemIndex, `"${parameter}" must be an email address like jane@example.com, got ${JSON.stringify(email.slice(0, 40))}`);
	}
	return email;
}

/**
 * A CRM search criteria string such as `(Lead_Status:equals:Contacted)` or
 * `((Lead_Source:equals:Web)and(Annual_Revenue:greater_than:10000))`: wrapped in parentheses,
 * balanced (escaped `\(` `\)` inside values do not count), at most 10 conditions.
 */
export function toCriteria(node: INode, itemIndex: number, value: unknown, parameter = 'criteria'): string | undefined {
	const criteria = optionalText(node, itemIndex, value, parameter, 10_000);
	if (criteria === undefined) return undefined;
	const hint = 'Write criteria as (Field_API_Name:operator:value), and combine conditions like ((Lead_Source:equals:Web)and(Lead_Status:equals:Contacted)). Escape ( ) and , inside values with a backslash.';
	if (!criteria.startsWith('(') || !criteria.endsWith(')')) {
		throw inputError(node, itemIndex, `"${parameter}" must be wrapped in parentheses, like (Lead_Status:equals:Contacted)`, hint);
	}
	let depth = 0;
	let conditions = 0;
	for (let index = 0; index < criteria.length && depth >= 0; index++) {
		const char = criteria[index];
		if (char === '\\') {
			index++;
		} else if (char === '(') {
			depth++;
			if (criteria[index + 1] !== '(') conditions++;
		} else if (char === ')') {
			depth--;
		}
	}
	if (depth !== 0) throw inputError(node, itemIndex, `"${parameter}" has unbalanced parentheses`, hint);
	if (conditions > 10) {
		throw inputError(node, itemIndex, `"${parameter}" has ${conditions} conditions; Zoho allows at most 10 in one search`, hint);
	}
	return criteria;
}

/** Zoho sends counts as strings or numbers; the node always outputs numbers. */
export function toCount(value: unknown): number {
	const count = typeof value === 'number' ? value : Number(String(value ?? '0').trim() || '0');
	return Number.isFinite(count) ? count : 0;
}

/** Copies only the defined, non-empty values of a query string. */
export function compactQuery(query: Record<string, string | undefined>): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') out[key] = value;
	return out;
}
