import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmLinker, deskLinker } from '../../helpers/links';
import { runPerItem } from '../../helpers/items';
import {
	readConcurrency,
	readDeskModule,
	readDeskOrgOption,
	readId,
	readModule,
	readOptions,
	toApiModule,
} from '../../helpers/params';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import { crmPath, deskPath } from '../../transport/paths';
import { answerError } from '../../transport/errors';
import type { ZohoSession } from '../../transport/session';
import {
	concurrencyOption,
	deskOrgOption,
	optionsCollection,
	requestOptions,
} from '../common.descriptions';
import { fieldsOption, parseFieldList, recordTarget } from './shared';

const properties: INodeProperties[] = [
	...recordTarget('ID of the record to get, or the address of its page in Zoho'),
	optionsCollection([concurrencyOption, fieldsOption, deskOrgOption, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		items,
		async (itemIndex) => {
			const app = this.getNodeParameter('app', itemIndex) as string;
			const id = readId(this, itemIndex, 'recordId');
			if (app === 'desk') {
				const entity = readDeskModule(this, itemIndex);
				const orgId = await resolveDeskOrgId(
					session,
					readDeskOrgOption(this, itemIndex),
					itemIndex,
				);
				const response = await session.request<IDataObject>({
					app: 'desk',
					method: 'GET',
					path: deskPath(entity, id),
					itemIndex,
					deskOrgId: orgId,
				});
				if (!response.body) {
					throw answerError(this.getNode(), itemIndex, {
						code: 'NOT_FOUND',
						message: `No Desk ${entity} record with ID ${id}`,
						description:
							'Zoho answered without the record: it does not exist in this organization, or it was deleted.',
					});
				}
				return [
					{ ...response.body, deepLink: await deskLinker(session, orgId, entity)(response.body) },
				];
			}
			const fields = parseFieldList(this.getNode(), itemIndex, readOptions(this, itemIndex).fields);
			const module = await toApiModule(this, session, readModule(this, itemIndex), itemIndex);
			const response = await session.request<{ data?: IDataObject[] }>({
				app: 'crm',
				method: 'GET',
				path: crmPath('v8', module, id),
				qs: fields.length ? { fields: fields.join(',') } : undefined,
				itemIndex,
			});
			const record = response.body?.data?.[0];
			if (!record) {
				throw answerError(this.getNode(), itemIndex, {
					code: 'NOT_FOUND',
					message: `No ${module} record with ID ${id}`,
					description: 'Zoho answered 204 No Content: the record does not exist or was deleted.',
				});
			}
			const link = await crmLinker(session, module);
			return [{ ...record, deepLink: link(record.id) }];
		},
		readConcurrency(this),
	);
}
