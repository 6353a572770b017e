import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { crmLinker } from '../../helpers/links';
import { readId, readModule, toApiModule } from '../../helpers/params';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { appSelector, concurrencyOption, moduleLocator, optionsCollection, readConcurrency, recordIdLocator, requestOptions } from '../common.descriptions';
import { readRelatedTarget, relatedListLocator, relatedModuleOf, relatedRecordLocator, relationResult } from './related';

const properties: INodeProperties[] = [
	appSelector(['crm']),
	moduleLocator,
	recordIdLocator('ID of the record to unlink from, or the address of its page in Zoho'),
	relatedListLocator,
	relatedRecordLocator('ID of the record to remove from the related list (the record itself is kept)'),
	optionsCollection([concurrencyOption, ...requestOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['record'], operation: ['unlinkRelated'] } }, properties);

/**
 * Removes a record from a related list, per input item; both records stay
 * (DELETE /{module}/{id}/{related_list}/{related_id}, https://www.zoho.com/crm/developer/docs/api/v8/delink-related-record.html).
 */
export async function execute(this: IExecuteFunctions, session: ZohoSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		items,
		async (itemIndex) => {
			const target = readRelatedTarget(this, itemIndex, readModule(this, itemIndex));
			const relatedId = readId(this, itemIndex, 'relatedRecordId');
			target.module = await toApiModule(this, session, target.module, itemIndex);
			const relatedModule = await relatedModuleOf(session, target, itemIndex);
			const response = await session.request<{ data?: IDataObject[] }>({
				app: 'crm',
				method: 'DELETE',
				path: crmPath('v8', target.module, target.recordId, target.relatedList, relatedId),
				itemIndex,
				perRecordKey: 'data',
			});
			return [relationResult(this, response.body?.data?.[0], { target, relatedId, link: await crmLinker(session, relatedModule), itemIndex })];
		},
		readConcurrency(this),
	);
}
