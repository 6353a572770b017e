import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { prefetchCrmLinker } from '../../helpers/links';
import { readModule, readOptions, toApiModule } from '../../helpers/params';
import { inputError } from '../../helpers/validation';
import { crmList } from '../../transport/paging';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	moduleLocator,
	optionsCollection,
	readLimit,
	recordIdLocator,
	requestOptions,
	returnAllAndLimit,
} from '../common.descriptions';
import { readRelatedTarget, relatedListLocator, relatedModuleOf } from './related';
import { CRM_MAX_FIELDS_PER_REQUEST, fieldGroups, fieldsOption, parseFieldList } from './shared';

const properties: INodeProperties[] = [
	appSelector(['crm']),
	moduleLocator,
	recordIdLocator(
		'ID of the record whose related list to read, or the address of its page in Zoho',
	),
	relatedListLocator,
	...returnAllAndLimit,
	optionsCollection([
		{
			...fieldsOption,
			displayOptions: undefined,
			description:
				'Comma-separated API names of the fields to return. Empty: the first 50 fields of the related module (Zoho needs fields listed).',
		},
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['getRelated'] } },
	properties,
);

/**
 * The records of a related list (GET /{module}/{id}/{related_list}), through the one CRM
 * paging loop: page numbers for the first 2,000, then page tokens
 * (https://www.zoho.com/crm/developer/docs/api/v8/get-related-records.html).
 */
export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const limit = readLimit(this, itemIndex);
		const requested = parseFieldList(
			this.getNode(),
			itemIndex,
			readOptions(this, itemIndex).fields,
		);
		if (requested.length > CRM_MAX_FIELDS_PER_REQUEST) {
			throw inputError(
				this.getNode(),
				itemIndex,
				`"fields" lists ${requested.length} fields; a related list returns at most ${CRM_MAX_FIELDS_PER_REQUEST} per request`,
			);
		}
		const target = readRelatedTarget(this, itemIndex, readModule(this, itemIndex));
		target.module = await toApiModule(this, session, target.module, itemIndex);
		const relatedModule = await relatedModuleOf(session, target, itemIndex);
		const linker = prefetchCrmLinker(session, relatedModule);
		const [fields] = await fieldGroups(session, relatedModule, requested, itemIndex);
		const qs: IDataObject = { fields: fields.join(',') };
		const records = await crmList(session, {
			path: crmPath('v8', target.module, target.recordId, target.relatedList),
			qs,
			limit,
			itemIndex,
		});
		const link = await linker;
		return records.map((record) => ({ id: record.id, deepLink: link(record.id), ...record }));
	});
}
