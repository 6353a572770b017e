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
