import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { EMAIL } from '../../config/ids';
import { inputError, toOptionalText } from '../../helpers/validation';

/** Pieces the signal operations share. */

/** The Desk ticket filters both counts offer, typed as IDs (the counts have no pickers). */
export const ticketAssigneeOption: INodeProperties = {
	displayName: 'Assignee ID',
	name: 'assigneeId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 1892000000056007',
	description: 'Count only tickets assigned to this agent',
};

export const ticketDepartmentOption: INodeProperties = {
	displayName: 'Department ID',
	name: 'departmentId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 1892000000006907',
	description: 'Count only tickets of this department. Empty: all departments.',
};

export function optionalEmail(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
): string | undefined {
	const email = toOptionalText(node, itemIndex, value, parameter, 320);
	if (email !== undefined && !EMAIL.test(email)) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must be an email address like jane@example.com, got ${JSON.stringify(email.slice(0, 40))}`,
		);
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
	for (const [key, value] of Object.entries(query))
		if (value !== undefined && value !== '') out[key] = value;
	return out;
}
