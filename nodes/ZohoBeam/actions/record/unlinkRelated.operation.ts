import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

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
	recordIdLocator('ID of the record to unlink from, or the address of its page in Zoho'),
	relatedListLocator,
	relatedRecordLocator(
		'ID of the record to remove from the related list (the record itself is kept)',
	),
	optionsCollection([concurrencyOption, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['unlinkRelated'] } },
	properties,
);

/**
 * Removes a record from a related list, per input item; both records stay
 * (DELETE /{module}/{id}/{related_list}/{related_id}, https://www.zoho.com/crm/developer/docs/api/v8/delink-related-records.html).
 */
export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runRelationChange(this, session, items, { method: 'DELETE' });
}
