import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ParameterReader, readId, readModule, readOptions } from '../../helpers/params';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { crmOnly, deskOrgOption, optionsCollection, requestOptions } from '../common.descriptions';
import { batchOptions, readBatchSettings, runCrmWrite, triggerOption } from './crmWrite';
import { runDeskWrite } from './deskWrite';
import { dataModeProperties, readRecordFields, recordTarget } from './shared';

const properties: INodeProperties[] = [
	...recordTarget(
		'ID of the record to update, e.g. {{ $json.id }} to take the ID of the input item',
	),
	...dataModeProperties('update'),
	{
		displayName:
			'Update triggers Zoho workflow rules by default. Turn off "Trigger Automations" in the options when a workflow rule updates the same records, to avoid loops.',
		name: 'triggerNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { app: ['crm'] } },
	},
	optionsCollection([
		...batchOptions,
		deskOrgOption,
		{ ...triggerOption, displayOptions: crmOnly },
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const params = new ParameterReader(this, items);
	const app = this.getNodeParameter('app', 0) as string;
	if (app === 'desk') {
		return await runDeskWrite(this, session, items, {
			method: 'PATCH',
			prepare: (itemIndex) => ({
				id: readId(this, itemIndex, 'recordId', params),
				body: readRecordFields(this, itemIndex, items[itemIndex], { app: 'desk', params }),
			}),
		});
	}
	const triggers = readOptions(this, 0).triggers;
	return await runCrmWrite(this, session, items, {
		...readBatchSettings(this),
		prepare: (itemIndex) => ({
			module: readModule(this, itemIndex, params),
			record: {
				...readRecordFields(this, itemIndex, items[itemIndex], { params }),
				id: readId(this, itemIndex, 'recordId', params),
			},
		}),
		request: (module, records) => ({
			app: 'crm',
			method: 'PUT',
			path: crmPath('v8', module),
			body: Array.isArray(triggers) ? { data: records, trigger: triggers } : { data: records },
		}),
	});
}
