import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { nodeOf } from '../../helpers/params';
import { parseJsonObject } from '../../helpers/validation';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	concurrencyOption,
	moduleLocator,
	optionsCollection,
	recordIdLocator,
	requestOptions,
} from '../common.descriptions';
import { relatedListLocator, relatedRecordLocator, runRelationChange } from './related';

const properties: INodeProperties[] = [
	appSelector(['crm']),
	moduleLocator,
	recordIdLocator('ID of the record to link to, or the address of its page in Zoho'),
	relatedListLocator,
	relatedRecordLocator(
		'ID of the record to add to the related list, or the address of its page in Zoho',
	),
	{
		displayName: 'Relation Fields (JSON)',
		name: 'relationFieldsJson',
		type: 'json',
		default: '{}',
		placeholder: '{"Contact_Role": "5725767000000006871"}',
		description:
			"Fields of the relation itself, where the related list has them (a contact's role on a deal, a campaign member's status). Empty for a plain link.",
	},
	optionsCollection([concurrencyOption, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['linkRelated'] } },
	properties,
);

/**
 * Adds a record to a related list of another record, per input item
 * (PUT /{module}/{id}/{related_list}, https://www.zoho.com/crm/developer/docs/api/v8/update-related-records.html).
 */
export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runRelationChange(this, session, items, {
		method: 'PUT',
		readFields: (itemIndex) => {
			const fields = parseJsonObject(
				nodeOf(this),
				itemIndex,
				this.getNodeParameter('relationFieldsJson', itemIndex, '{}'),
				'relationFieldsJson',
			);
			delete fields.id;
			return fields;
		},
	});
}
