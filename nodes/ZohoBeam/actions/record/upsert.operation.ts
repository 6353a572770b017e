import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader, readModule, readOptions } from '../../helpers/params';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	moduleLocator,
	optionsCollection,
	requestOptions,
} from '../common.descriptions';
import { batchOptions, readBatchSettings, runCrmWrite, triggerOption } from './crmWrite';
import { dataModeProperties, parseFieldList, readRecordFields } from './shared';

const properties: INodeProperties[] = [
	appSelector(['crm']),
	moduleLocator,
	...dataModeProperties('create or update'),
	optionsCollection([
		...batchOptions,
		{
			displayName: 'Duplicate Check Fields',
			name: 'duplicateCheckFields',
			type: 'string',
			default: '',
			placeholder: 'e.g. Email',
			description:
				"Comma-separated API names of the fields that identify an existing record. Empty: the module's own duplicate check (Email for Leads and Contacts, for example).",
		},
		triggerOption,
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['upsert'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const params = new ParameterReader(this, items);
	const options = readOptions(this, 0);
	const duplicateCheckFields = parseFieldList(
		this.getNode(),
		0,
		options.duplicateCheckFields,
		'duplicateCheckFields',
	);
	const triggers = options.triggers;
	return await runCrmWrite(this, session, items, {
		...readBatchSettings(this),
		prepare: (itemIndex) => ({
			module: readModule(this, itemIndex, params),
			record: readRecordFields(this, itemIndex, items[itemIndex], { params }),
		}),
		request: (module, records) => ({
			app: 'crm',
			method: 'POST',
			path: crmPath('v8', module, 'upsert'),
			// Not resent after a 5xx or reset: a record whose duplicate-check fields are empty is
			// inserted again each time, and a resend reports "update" for what the first one inserted.
			idempotent: false,
			body: {
				data: records,
				...(duplicateCheckFields.length ? { duplicate_check_fields: duplicateCheckFields } : {}),
				...(Array.isArray(triggers) ? { trigger: triggers } : {}),
			},
		}),
	});
}
