import type { FieldType, ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { toModuleName } from '../helpers/validation';
import type { CrmField } from '../transport/metadata';
import { getCrmFields } from '../transport/metadata';
import { ZohoSession } from '../transport/session';

const FIELD_TYPES: Record<string, FieldType> = {
	integer: 'number',
	bigint: 'number',
	double: 'number',
	currency: 'number',
	percent: 'number',
	decimal: 'number',
	boolean: 'boolean',
	date: 'dateTime',
	datetime: 'dateTime',
	picklist: 'options',
	multiselectpicklist: 'array',
	lookup: 'object',
	ownerlookup: 'object',
};

function toMapperField(field: CrmField) {
	const type = FIELD_TYPES[field.data_type] ?? 'string';
	return {
		id: field.api_name,
		displayName: `${field.display_label ?? field.field_label ?? field.api_name} (${field.api_name})`,
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type,
		readOnly: field.read_only === true,
		removed: false,
		options:
			type === 'options'
				? (field.pick_list_values ?? []).map((value) => ({
						name: value.display_value,
						value: value.actual_value,
					}))
				: undefined,
	};
}

/** Columns of the selected CRM module for "Map Each Field Below", typed from Zoho's field metadata. */
export async function getColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const session = await ZohoSession.open(this);
	const module = toModuleName(
		this.getNode(),
		0,
		this.getNodeParameter('module', undefined, { extractValue: true }),
	);
	const fields = await getCrmFields(session, module);
	// No `id` column: the record to update is the Record ID parameter, the one place an ID is entered.
	const columns = fields
		.filter((field) => field.read_only !== true && field.api_name !== 'id')
		.map(toMapperField);
	return { fields: columns };
}
