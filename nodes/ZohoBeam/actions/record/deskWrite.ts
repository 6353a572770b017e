import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { deskLinker } from '../../helpers/links';
import { readDeskModule, readDeskOrgOption } from '../../helpers/params';
import type { ZohoId } from '../../helpers/validation';
import { asNodeError } from '../../transport/errors';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import type { DeskEntity } from '../../transport/paths';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { readBatchSettings } from './crmWrite';

/**
 * The one Desk write path (Record → Create / Update on Desk, Case → Update). Desk writes go one
 * record per request (Desk has no general bulk write), with bounded concurrency. Every item is
 * validated before the first request is sent: a malformed ID in item 10 of 60 stops the run
 * with no PATCH at all (or, with Continue On Fail, fails item 10 only).
 */
export async function runDeskWrite(
	fn: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
	spec: {
		method: 'PATCH' | 'POST';
		/** The Desk module; by default the `deskModule` parameter (Record resource). */
		entity?: DeskEntity;
		prepare: (itemIndex: number, entity: DeskEntity) => { id?: ZohoId; body: IDataObject };
	},
): Promise<INodeExecutionData[]> {
	const prepared = new Map<number, { entity: DeskEntity; id?: ZohoId; body: IDataObject }>();
	const invalid = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const entity = spec.entity ?? readDeskModule(fn, itemIndex);
			prepared.set(itemIndex, { entity, ...spec.prepare(itemIndex, entity) });
		} catch (error) {
			if (!fn.continueOnFail()) throw asNodeError(fn.getNode(), error, itemIndex);
			invalid.set(itemIndex, error);
		}
	}
	const { concurrency } = readBatchSettings(fn);
	return await runPerItem(
		fn,
		items,
		async (itemIndex) => {
			if (invalid.has(itemIndex)) throw invalid.get(itemIndex);
			const { entity, id, body } = prepared.get(itemIndex)!;
			const orgId = await resolveDeskOrgId(session, readDeskOrgOption(fn, itemIndex), itemIndex);
			const response = await session.request<IDataObject>({
				app: 'desk',
				method: spec.method,
				path: id ? deskPath(entity, id) : deskPath(entity),
				body,
				itemIndex,
				deskOrgId: orgId,
			});
			const record = response.body ?? { id };
			return [{ ...record, deepLink: await deskLinker(session, orgId, entity)(record) }];
		},
		concurrency,
	);
}
