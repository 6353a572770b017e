import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { crmLinker } from '../../helpers/links';
import { nodeOf, readId, readModule, toApiModule } from '../../helpers/params';
import { parseJsonObject } from '../../helpers/validation';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { appSelector, concurrencyOption, moduleLocator, optionsCollection, readConcurrency, recordIdLocator, requestOptions } from '../common.descriptions';
import { readRelatedTarget, relatedListLocator, relatedModuleOf, relatedRecordLocator, relationResult } from './related';

const properties: INodeProperties[] = [
	appSelector(['crm']),
	moduleLocator,
	recordIdLocator('ID of the record to link to, or the address of its page in Zoho'),
	relatedListLocator,
	relatedRecordLocator('ID of the record to add to the related list, or the address of its page in Zoho'),
	{
		displayName: 'Relation Fields (JSON)',
		name: 'relationFieldsJson',
		type: 'json',
		default: '{}',
		placeholder: '{"Contact_Role": "5725767000000006871"}',
		description: "Fields of the relation itself, where the related list has them (a contact's role on a deal, a campaign member's status). Empty for a plain link.",
	},
	optionsCollection([concurrencyOption, ...requestOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['linkRelated'] } }, properties);

/**
 * Adds a record to a related list of another record, per input item
 * (PUT /{module}/{id}/{related_list}, https://www.zoho.com/crm/developer/docs/api/v8/update-related-records.html).
 */
export async function execute(this: IExecuteFunctions, session: ZohoSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		items,
		async (itemIndex) => {
			const target = readRelatedTarget(this, itemIndex, readModule(this, itemIndex));
			const relatedId = readId(this, itemIndex, 'relatedRecordId');
			const fields = parseJsonObject(nodeOf(this), itemIndex, this.getNodeParameter('relationFieldsJson', itemIndex, '{}'), 'relationFieldsJson');
			delete fields.id;
			target.module = await toApiModule(this, session, target.module, itemIndex);
			const relatedModule = await relatedModuleOf(session, target, itemIndex);
			const response = await session.request<{ data?: IDataObject[] }>({
				app: 'crm',
				method: 'PUT',
				path: crmPath('v8', target.module, target.recordId, target.relatedList),
				body: { data: [{ ...fields, id: relatedId }] },
				itemIndex,
				perRecordKey: 'data',
			});
			return [relationResult(this, response.body?.data?.[0], { target, relatedId, link: await crmLinker(session, relatedModule), itemIndex })];
		},
		readConcurrency(this),
	);
}
