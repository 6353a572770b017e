import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import type { ModuleName } from '../../helpers/validation';
import { inputError } from '../../helpers/validation';
import { chunk } from '../../transport/batching';
import { getCrmFields } from '../../transport/metadata';
import type { ZohoSession } from '../../transport/session';

/** Pieces the record operations share. */

export const CRM_MAX_FIELDS_PER_REQUEST = 50;

export const fieldsOption: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'string',
	default: '',
	placeholder: 'e.g. Last_Name,Email,Phone',
	description:
		'Comma-separated API names of the CRM fields to return. Empty: all fields of the module (Zoho needs fields listed; the node asks for at most 50 per request and merges).',
	displayOptions: { show: { '/app': ['crm'] } },
};

export const deskOrgOption: INodeProperties = {
	displayName: 'Desk Organization ID',
	name: 'deskOrgId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 60001234567',
	description: "Desk organization to use for this node. Empty: the credential's, else the one found automatically.",
	displayOptions: { show: { '/app': ['desk'] } },
};

const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$.]{0,99}$/;

/** The requested field list, validated; empty means "all fields of the module". */
export function parseFieldList(node: INode, itemIndex: number, value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = (Array.isArray(value) ? value : String(value).split(',')).map((entry) => String(entry).trim()).filter(Boolean);
	for (const field of list) {
		if (!FIELD_NAME.test(field)) {
			throw inputError(node, itemIndex, `"fields" has an invalid field name ${JSON.stringify(field.slice(0, 40))}`, 'Use CRM field API names separated by commas, like Last_Name,Email.');
		}
	}
	return [...new Set(list)];
}

/**
 * Field groups of at most 50 (Zoho's limit per list request). With no explicit list, every
 * field of the module, from its metadata (fetched once per execution).
 */
export async function fieldGroups(session: ZohoSession, module: ModuleName, requested: string[], itemIndex: number): Promise<string[][]> {
	const names = requested.length ? requested : (await getCrmFields(session, module, itemIndex)).map((field) => field.api_name);
	const withoutId = names.filter((name) => name !== 'id');
	return chunk(withoutId.length ? withoutId : ['id'], CRM_MAX_FIELDS_PER_REQUEST);
}

/** Merges the extra field groups of records fetched by ID into the records of the first group. */
export function mergeById(records: IDataObject[], extra: IDataObject[]): void {
	const byId = new Map(extra.map((record) => [String(record.id), record]));
	for (const record of records) Object.assign(record, byId.get(String(record.id)) ?? {});
}
