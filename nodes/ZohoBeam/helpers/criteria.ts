import type { INode } from 'n8n-workflow';

import { inputError, toCleanText } from './validation';

/** Zoho allows at most 10 conditions in one search criteria. */
export const MAX_CRITERIA = 10;
const CONDITION = /^\(\s*[A-Za-z_$][A-Za-z0-9_$.]*\s*:\s*[a-z_]+\s*:(?:[^()\\]|\\.)*\)$/;
const OPERATORS = new Set(['equals', 'not_equal', 'starts_with', 'in', 'not_in', 'greater_than', 'greater_equal', 'less_than', 'less_equal', 'between', 'contains', 'not_contains', 'ends_with']);

/** The innermost "(Field:op:value)" groups, or undefined when parentheses do not balance. */
function conditionsOf(criteria: string): string[] | undefined {
	let depth = 0;
	for (let index = 0; index < criteria.length; index++) {
		const char = criteria[index];
		if (char === '\\') index++;
		else if (char === '(') depth++;
		else if (char === ')' && --depth < 0) return undefined;
	}
	if (depth !== 0) return undefined;
	return criteria.match(/\((?:[^()\\]|\\.)*\)/g) ?? [];
}

/**
 * Checks a CRM criteria string before it is sent: balanced parentheses, every condition shaped
 * (Field:operator:value) with a known operator, at most 10 conditions, and only `and` / `or`
 * between them. Values are the user's data and reach Zoho URL-encoded as one query parameter.
 */
export function checkCriteria(node: INode, itemIndex: number, value: unknown): string {
	const criteria = toCleanText(node, itemIndex, value, 'criteria', { maxLength: 2000 });
	const conditions = conditionsOf(criteria);
	const help = 'Write conditions like (Last_Name:equals:Doe) joined with and/or, e.g. ((Last_Name:equals:Doe)and(City:starts_with:San)). Escape ( ) , \\ inside values with a backslash.';
	if (!conditions || conditions.length === 0) {
		throw inputError(node, itemIndex, `"criteria" is not valid Zoho criteria: ${JSON.stringify(criteria.slice(0, 80))}`, help);
	}
	for (const condition of conditions) {
		const operator = condition.slice(1).split(':')[1]?.trim();
		if (!CONDITION.test(condition) || !OPERATORS.has(operator)) {
			throw inputError(node, itemIndex, `"criteria" has an invalid condition ${JSON.stringify(condition.slice(0, 80))}`, help);
		}
	}
	if (conditions.length > MAX_CRITERIA) {
		throw inputError(node, itemIndex, `"criteria" has ${conditions.length} conditions; Zoho allows at most ${MAX_CRITERIA}`);
	}
	// What is left once conditions are removed may only be parentheses and and/or.
	const rest = conditions.reduce((text, condition) => text.replace(condition, ' '), criteria).replace(/[()]/g, ' ').trim();
	if (rest && !rest.split(/\s+/).every((word) => /^(and|or)$/i.test(word))) {
		throw inputError(node, itemIndex, `"criteria" may only join conditions with and / or, found ${JSON.stringify(rest.slice(0, 40))}`, help);
	}
	return criteria;
}

/** Escapes a value for use inside a criteria condition. */
export function escapeCriteriaValue(value: string): string {
	return value.replace(/[\\(),]/g, (char) => `\\${char}`);
}
