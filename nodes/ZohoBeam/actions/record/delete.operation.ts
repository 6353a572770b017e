import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { DESK_ENTITIES } from '../../config/deskEntities';
import { runPerItem } from '../../helpers/items';
import { deskLinker } from '../../helpers/links';
import {
	ParameterReader,
	readDeskModule,
	readDeskOrgOption,
	readId,
	readModule,
} from '../../helpers/params';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import type { DeskEntity } from '../../transport/paths';
import { crmPath, deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { deskOrgOption, optionsCollection, requestOptions } from '../common.descriptions';
import { batchOptions, readBatchSettings, runCrmWrite } from './crmWrite';
import { recordTarget } from './shared';

const properties: INodeProperties[] = [
	...recordTarget(
		'ID of the record to delete, e.g. {{ $json.id }} to take the ID of the input item. Desk records go to the recycle bin.',
	),
	optionsCollection([...batchOptions, deskOrgOption, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['delete'] } },
	properties,
);

/** Desk moves records to the trash with a POST naming the IDs; the key differs per module. */
function deskDeleteRequest(entity: DeskEntity, id: ReturnType<typeof readId>) {
	return {
		method: 'POST' as const,
		path: deskPath(entity, 'moveToTrash'),
		body: { [DESK_ENTITIES[entity].trashKey]: [id] },
	};
}

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const params = new ParameterReader(this, items);
	const app = this.getNodeParameter('app', 0) as string;
	if (app === 'desk') {
		return await runPerItem(
			this,
			items,
			async (itemIndex) => {
				const entity = readDeskModule(this, itemIndex);
				const id = readId(this, itemIndex, 'recordId', params);
				const orgId = await resolveDeskOrgId(
					session,
					readDeskOrgOption(this, itemIndex),
					itemIndex,
				);
				const request = deskDeleteRequest(entity, id);
				await session.request({
					app: 'desk',
					...request,
					itemIndex,
					deskOrgId: orgId,
					idempotent: true,
				});
				// Every record item carries its link, also a trashed one (Desk can restore it).
				return [
					{
						id,
						deleted: true,
						module: entity,
						deepLink: await deskLinker(session, orgId, entity)({ id }),
					},
				];
			},
			readBatchSettings(this).concurrency,
		);
	}
	return await runCrmWrite(this, session, items, {
		...readBatchSettings(this),
		prepare: (itemIndex) => ({
			module: readModule(this, itemIndex, params),
			record: { id: readId(this, itemIndex, 'recordId', params) },
		}),
		request: (module, records) => ({
			app: 'crm',
			method: 'DELETE',
			path: crmPath('v8', module),
			qs: { ids: records.map((record) => record.id).join(',') },
		}),
	});
}
