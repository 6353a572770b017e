import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ParameterReader } from '../../helpers/params';
import { nodeOf } from '../../helpers/params';
import type { ModuleName } from '../../helpers/validation';
import {
	describeValue,
	inputError,
	parseJsonObject,
	sanitizeJsonValue,
	WRITABLE_FIELD_NAME,
} from '../../helpers/validation';
import { chunk } from '../../transport/batching';
import {
	appSelector,
	crmModuleLocator,
	crmOnly,
	deskModuleSelector,
	recordIdLocator,
} from '../common.descriptions';
import { getCrmFields } from '../../transport/metadata';
import type { ZohoSession } from '../../transport/session';

/** Pieces the record operations share. */

export const CRM_MAX_FIELDS_PER_REQUEST = 50;

/** App, then the CRM module or the Desk module: the head of the operations offered for both apps. */
export function appAndModule(): INodeProperties[] {
	return [
		appSelector(['crm', 'desk']),
		crmModuleLocator(),
		{ ...deskModuleSelector, displayOptions: { show: { app: ['desk'] } } },
	];
}

/** App, module (CRM) or Desk module, and the record ID: the head of get / update / delete. */
export function recordTarget(recordIdDescription: string): INodeProperties[] {
	return [...appAndModule(), recordIdLocator(recordIdDescription)];
}

export const fieldsOption: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'string',
	default: '',
	placeholder: 'e.g. Last_Name,Email,Phone',
	description:
		'Comma-separated API names of the CRM fields to return. Empty: all fields of the module (Zoho needs fields listed; the node asks for at most 50 per request and merges).',
	displayOptions: crmOnly,
};

const FIELD_NAME = /^[A-Za-z_$][A-Za-z0-9_$.]{0,99}$/;

/** The requested field list, validated; empty means "all fields of the module". */
export function parseFieldList(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter = 'fields',
): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (typeof value !== 'string' && !Array.isArray(value)) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" must be field API names separated by commas, got ${describeValue(value)}`,
		);
	}
	const list = (Array.isArray(value) ? value : value.split(','))
		.map((entry) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== '');
	for (const field of list) {
		if (typeof field !== 'string' || !FIELD_NAME.test(field)) {
			throw inputError(
				node,
				itemIndex,
				`"${parameter}" has an invalid field name ${describeValue(field)}`,
				'Use CRM field API names separated by commas, like Last_Name,Email.',
			);
		}
	}
	return [...new Set(list)];
}

/**
 * Field groups of at most 50 (Zoho's limit per list request). With no explicit list, every
 * field of the module, from its metadata (fetched once per execution).
 */
export async function fieldGroups(
	session: ZohoSession,
	module: ModuleName,
	requested: string[],
	itemIndex: number,
): Promise<string[][]> {
	const names = requested.length
		? requested
		: (await getCrmFields(session, module, itemIndex)).map((field) => field.api_name);
	const withoutId = names.filter((name) => name !== 'id');
	return chunk(withoutId.length ? withoutId : ['id'], CRM_MAX_FIELDS_PER_REQUEST);
}

/** Merges the extra field groups of records fetched by ID into the records of the first group. */
export function mergeById(records: IDataObject[], extra: IDataObject[]): void {
	const byId = new Map(extra.map((record) => [String(record.id), record]));
	for (const record of records) Object.assign(record, byId.get(String(record.id)) ?? {});
}

export const MAX_FIELDS_PER_RECORD = 500;
/**
 * Keys the node adds to its own output, never fields to write; dropped when an item is
 * auto-mapped. CRM write results carry code/status/message/details, which are not CRM field
 * names; on Desk `status` is a real ticket field, so only our own keys are dropped there.
 */
const OUTPUT_ONLY_KEYS = {
	crm: new Set(['id', 'deepLink', 'error', 'code', 'status', 'message', 'details']),
	desk: new Set([
		'id',
		'deepLink',
		'error',
		'webUrl',
		'ticketNumber',
		'createdTime',
		'modifiedTime',
	]),
};

export const dataModeProperties = (
	operation: string,
	app: 'crm' | 'desk' | 'both' = 'both',
): INodeProperties[] => {
	const show = app === 'both' ? {} : { app: [app] };
	return [
		{
			displayName: 'Data Mode',
			name: 'dataMode',
			type: 'options',
			default: 'json',
			displayOptions: { show },
			options: [
				{
					name: 'Auto-Map Input Data',
					value: 'autoMap',
					description:
						"Use the input item's fields as Zoho field API names (the ID, deepLink and other Zoho Beam output keys are skipped)",
				},
				{
					name: 'Define Below as JSON',
					value: 'json',
					description: 'Write the fields as a JSON object of API names and values',
				},
				{
					name: 'Map Each Field Below',
					value: 'mapping',
					description: 'Pick fields of the module and map a value to each (CRM)',
				},
			],
			description: `How to provide the fields to ${operation}`,
		},
		{
			displayName: 'Fields (JSON)',
			name: 'fieldsJson',
			type: 'json',
			// Empty on purpose: a default that names fields would write them to every input record.
			default: '{}',
			placeholder: '{ "Lead_Status": "Contacted", "Email": "jane@example.com" }',
			description:
				'A JSON object of field API names and values, e.g. {"Email": "jane@example.com", "Lead_Status": "Contacted"}. The node refuses to write when it is empty.',
			displayOptions: { show: { ...show, dataMode: ['json'] } },
		},
		{
			displayName: 'Columns',
			name: 'columns',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			required: true,
			typeOptions: {
				loadOptionsDependsOn: ['module.value'],
				resourceMapper: {
					resourceMapperMethod: 'getColumns',
					// 'add' shows no "Field to match on": the Record ID parameter names the record.
					mode: 'add',
					fieldWords: { singular: 'field', plural: 'fields' },
					addAllFields: false,
					multiKeyMatch: false,
					supportAutoMap: true,
				},
			},
			displayOptions: { show: { app: ['crm'], dataMode: ['mapping'] } },
		},
	];
};

/** Fields an operation lets the user pick in the editor ("Define Below" / "Map Each Field Below"). */
export interface EditorFields {
	/** Parameter names to quote in messages, e.g. `"updateFields" and "customFields"`. */
	source: string;
	read: (itemIndex: number) => IDataObject;
}

/** The resource mapper's values ("Map Each Field Below"), without the record ID. */
function mappedColumns(fn: IExecuteFunctions): EditorFields {
	return {
		source: '"columns"',
		read: (itemIndex) => {
			const columns = fn.getNodeParameter('columns.value', itemIndex, {}) as IDataObject | null;
			const raw = sanitizeJsonValue(nodeOf(fn), itemIndex, columns ?? {}, 'columns') as IDataObject;
			return Object.fromEntries(
				Object.entries(raw).filter(
					([key, value]) => key !== 'id' && value !== null && value !== '',
				),
			);
		},
	};
}

/**
 * The one field-writing reader (CRM and Desk, Record and Case): the fields one item writes,
 * from the chosen data mode, checked: API-name keys only, no prototype keys, nothing empty,
 * not more than Zoho could take. `mapping` (Record) and `define` (Case) are the same idea,
 * fields picked in the editor, and each is accepted wherever the other is saved.
 */
export function readRecordFields(
	fn: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	{
		app = 'crm',
		params,
		editor,
	}: { app?: 'crm' | 'desk'; params?: ParameterReader; editor?: EditorFields } = {},
): IDataObject {
	const node = nodeOf(fn);
	const read = (name: string, fallback: unknown) =>
		params
			? params.get(name, itemIndex, fallback)
			: fn.getNodeParameter(name, itemIndex, fallback as never);
	const mode = read('dataMode', 'json') as string;
	const picked = editor ?? mappedColumns(fn);
	const source =
		mode === 'autoMap' ? 'the input item' : mode === 'json' ? '"fieldsJson"' : picked.source;
	const outputOnly = (key: string) => OUTPUT_ONLY_KEYS[app].has(key) || key.startsWith('$');
	let fields: IDataObject;
	if (mode === 'autoMap') {
		const raw = sanitizeJsonValue(node, itemIndex, item.json, 'input item') as IDataObject;
		fields = Object.fromEntries(Object.entries(raw).filter(([key]) => !outputOnly(key)));
	} else if (mode === 'mapping' || mode === 'define') {
		fields = picked.read(itemIndex);
	} else if (mode === 'json') {
		fields = parseJsonObject(node, itemIndex, read('fieldsJson', '{}'), 'fieldsJson');
		// A Desk ticket pasted as JSON carries its read-only keys; a CRM record's ID comes from Record ID.
		if (app === 'desk')
			fields = Object.fromEntries(Object.entries(fields).filter(([key]) => !outputOnly(key)));
	} else {
		throw inputError(
			node,
			itemIndex,
			`"dataMode" must be autoMap, json, mapping or define, got ${JSON.stringify(mode)}`,
		);
	}
	for (const key of Object.keys(fields)) {
		if (!WRITABLE_FIELD_NAME.test(key)) {
			throw inputError(
				node,
				itemIndex,
				`${source} has the field name ${JSON.stringify(key.slice(0, 60))}, which is not a Zoho field API name`,
				app === 'desk'
					? 'Desk field API names contain only letters, digits and underscores (e.g. subject, dueDate); custom fields go in "cf".'
					: 'Zoho field API names contain only letters, digits and underscores (e.g. Last_Name). Rename the field with an Edit Fields node, or use "Map Each Field Below".',
			);
		}
	}
	const count = Object.keys(fields).length;
	if (count === 0) {
		throw inputError(
			node,
			itemIndex,
			`Nothing to write: ${source} ${source.includes(' and ') ? 'give' : 'gives'} no fields for this item`,
			app === 'desk'
				? 'Add at least one field to write, e.g. {"status": "Closed"}.'
				: 'Add at least one field, e.g. {"Lead_Status": "Contacted"}.',
		);
	}
	if (count > MAX_FIELDS_PER_RECORD) {
		throw inputError(
			node,
			itemIndex,
			`Too many fields in ${source} (${count}); a Zoho record has at most ${MAX_FIELDS_PER_RECORD}`,
		);
	}
	return fields;
}
