import type { INode } from 'n8n-workflow';

import { inputError, toCleanText } from './validation';

/** Zoho allows at most 10 conditions in one search criteria. */
export const MAX_CRITERIA = 10;
export const MAX_CRITERIA_LENGTH = 2000;
const FIELD = /^[A-Za-z_$][A-Za-z0-9_$.]*$/;
const OPERATORS = new Set([
	'equals',
	'not_equal',
	'starts_with',
	'in',
	'not_in',
	'greater_than',
	'greater_equal',
	'less_than',
	'less_equal',
	'between',
	'contains',
	'not_contains',
	'ends_with',
]);
/** The only characters a backslash may escape inside a value. */
const ESCAPABLE = new Set(['(', ')', ',', '\\']);
const HELP =
	'Write conditions like (Last_Name:equals:Doe) joined with and/or, e.g. ((Last_Name:equals:Doe)and(City:starts_with:San)). Escape ( ) , \\ inside values with a backslash, like (Last_Name:equals:Smith \\(Jr\\)).';

type Token =
	| { kind: 'open' | 'close' }
	| { kind: 'word'; text: string }
	| { kind: 'condition'; text: string };

class CriteriaError extends Error {}

/**
 * Splits criteria into "(", ")", and/or words and whole "(Field:operator:value)" conditions.
 * A "(" starts a condition when the next ":" comes before the next "(" or ")".
 */
function tokenize(criteria: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < criteria.length) {
		const char = criteria[index];
		if (/\s/.test(char)) {
			index++;
		} else if (char === ')') {
			tokens.push({ kind: 'close' });
			index++;
		} else if (char === '(') {
			const rest = criteria.slice(index + 1);
			const colon = rest.search(/:/);
			const paren = rest.search(/[()]/);
			if (colon === -1 || (paren !== -1 && paren < colon)) {
				tokens.push({ kind: 'open' });
				index++;
				continue;
			}
			// A condition: read to the first unescaped ")"; escapes are checked here.
			let end = index + 1;
			for (; end < criteria.length; end++) {
				const inner = criteria[end];
				if (inner === '\\') {
					const escaped = criteria[end + 1];
					if (escaped === undefined || !ESCAPABLE.has(escaped)) {
						throw new CriteriaError(
							`a backslash may only escape ( ) , or \\, found ${JSON.stringify(criteria.slice(end, end + 2))}`,
						);
					}
					end++;
				} else if (inner === '(') {
					throw new CriteriaError(
						`an unescaped "(" inside the condition ${JSON.stringify(criteria.slice(index, end + 1).slice(0, 60))}`,
					);
				} else if (inner === ')') {
					break;
				}
			}
			if (end >= criteria.length) throw new CriteriaError('a condition is not closed with ")"');
			tokens.push({ kind: 'condition', text: criteria.slice(index, end + 1) });
			index = end + 1;
		} else {
			const match = /^[^\s()]+/.exec(criteria.slice(index));
			const word = match ? match[0] : char;
			tokens.push({ kind: 'word', text: word });
			index += word.length;
		}
	}
	return tokens;
}

function checkCondition(text: string): void {
	const body = text.slice(1, -1);
	const first = body.indexOf(':');
	const second = body.indexOf(':', first + 1);
	const field = body.slice(0, first).trim();
	const operator = second === -1 ? '' : body.slice(first + 1, second).trim();
	const value = second === -1 ? '' : body.slice(second + 1);
	if (second === -1 || !FIELD.test(field) || !OPERATORS.has(operator)) {
		throw new CriteriaError(
			`invalid condition ${JSON.stringify(text.slice(0, 80))}; operators are ${[...OPERATORS].join(', ')}`,
		);
	}
	if (value.trim() === '') {
		throw new CriteriaError(
			`the condition ${JSON.stringify(text.slice(0, 80))} has no value (Zoho writes an empty value as \${EMPTY})`,
		);
	}
}

/**
 * Checks the token list against the grammar  expr := term ((and|or) term)* ;
 * term := condition | "(" expr ")"  and returns the number of conditions.
 */
function parse(tokens: Token[]): number {
	let position = 0;
	let conditions = 0;
	const describe = (token: Token | undefined) =>
		token === undefined
			? 'the end'
			: token.kind === 'word' || token.kind === 'condition'
				? JSON.stringify(token.text.slice(0, 40))
				: token.kind === 'open'
					? '"("'
					: '")"';
	const term = (): void => {
		const token = tokens[position];
		if (token?.kind === 'condition') {
			checkCondition(token.text);
			conditions++;
			position++;
			return;
		}
		if (token?.kind === 'open') {
			position++;
			expression();
			if (tokens[position]?.kind !== 'close')
				throw new CriteriaError(`expected ")" but found ${describe(tokens[position])}`);
			position++;
			return;
		}
		throw new CriteriaError(
			`expected a condition like (Field:operator:value) but found ${describe(token)}`,
		);
	};
	const expression = (): void => {
		term();
		for (;;) {
			const token = tokens[position];
			if (token?.kind !== 'word') return;
			if (!/^(and|or)$/i.test(token.text))
				throw new CriteriaError(
					`conditions may only be joined with and / or, found ${describe(token)}`,
				);
			position++;
			term();
		}
	};
	expression();
	if (position < tokens.length)
		throw new CriteriaError(`unexpected ${describe(tokens[position])} after the last condition`);
	return conditions;
}

/** Whether the unescaped parentheses balance. */
function balanced(criteria: string): boolean {
	let depth = 0;
	for (let index = 0; index < criteria.length; index++) {
		const char = criteria[index];
		if (char === '\\') index++;
		else if (char === '(') depth++;
		else if (char === ')' && --depth < 0) return false;
	}
	return depth === 0;
}

/**
 * Checks a CRM criteria string before it is sent: every condition shaped (Field:operator:value)
 * with a known operator and a value, only and / or between conditions, balanced parentheses,
 * only ( ) , \ escaped in values, at most 10 conditions. Values are the user's data and reach
 * Zoho URL-encoded as one query parameter. `parameter` names the parameter in messages.
 */
export function checkCriteria(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter = 'criteria',
): string {
	const criteria = toCleanText(node, itemIndex, value, parameter, {
		maxLength: MAX_CRITERIA_LENGTH,
	});
	if (!balanced(criteria)) {
		throw inputError(node, itemIndex, `"${parameter}" has unbalanced parentheses`, HELP);
	}
	let conditions: number;
	try {
		conditions = parse(tokenize(criteria));
	} catch (error) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" is not valid Zoho criteria: ${(error as Error).message}`,
			HELP,
		);
	}
	if (conditions > MAX_CRITERIA) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" has ${conditions} conditions; Zoho allows at most ${MAX_CRITERIA}`,
			'Split the search into several, or use a COQL query.',
		);
	}
	return criteria;
}

/** Like checkCriteria, for an optional parameter: undefined when empty. */
export function checkOptionalCriteria(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter = 'criteria',
): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	return checkCriteria(node, itemIndex, value, parameter);
}
