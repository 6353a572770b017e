import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import type { CrmLinker } from '../../helpers/links';
import { crmLinker } from '../../helpers/links';
import { locatorValue, nodeOf, readId, readModule, toApiModule } from '../../helpers/params';
import type { ModuleName, ZohoId } from '../../helpers/validation';
import { describeValue, inputError, toModuleName } from '../../helpers/validation';
import { recordError } from '../../transport/errors';
import { getRelatedLists } from '../../transport/metadata';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import type { ZohoRequest } from '../../transport/types';
import { readConcurrency, recordIdLocator } from '../common.descriptions';

/**
 * What the related-record operations (getRelated, linkRelated, unlinkRelated) share: the
 * related list picker and the checks that run before the first request. Zoho's related
 * records API: https://www.zoho.com/crm/developer/docs/api/v8/get-related-records.html
 */

const RELATED_LIST_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

export const relatedListLocator: INodeProperties = {
	displayName: 'Related List',
	name: 'relatedList',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: "The related list of the module, such as an account's Contacts or Deals",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchRelatedLists', searchable: true },
		},
		{
			displayName: 'By API Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. Contacts, Deals, Contact_Roles',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[A-Za-z][A-Za-z0-9_]{0,99}$',
						errorMessage: 'A related list API name has only letters, digits and underscores',
					},
				},
			],
		},
	],
};

export function relatedRecordLocator(description: string): INodeProperties {
	return {
		...recordIdLocator(description),
		displayName: 'Related Record ID',
		name: 'relatedRecordId',
	};
}

export interface RelatedTarget {
	module: ModuleName;
	recordId: ZohoId;
	relatedList: ModuleName;
}

/** Module, record and related list names of an item, checked before any request. */
export function readRelatedTarget(
	fn: IExecuteFunctions,
	itemIndex: number,
	module: ModuleName,
): RelatedTarget {
	const recordId = readId(fn, itemIndex, 'recordId');
	const value = locatorValue(
		fn.getNodeParameter('relatedList', itemIndex, '', { extractValue: true }),
	);
	if (typeof value !== 'string' || !RELATED_LIST_NAME.test(value.trim())) {
		throw inputError(
			nodeOf(fn),
			itemIndex,
			`"relatedList" must be the API name of a related list, like Contacts or Contact_Roles, got ${describeValue(value)}`,
			'Pick the related list from the list; API names have only letters, digits and underscores.',
		);
	}
	return {
		module,
		recordId,
		relatedList: toModuleName(nodeOf(fn), itemIndex, value, 'relatedList'),
	};
}

/**
 * The module whose records a related list holds, from the module's related-lists metadata.
 * A list the module does not have is refused here, naming the lists it does have.
 */
export async function relatedModuleOf(
	session: ZohoSession,
	target: RelatedTarget,
	itemIndex: number,
): Promise<ModuleName> {
	const lists = await getRelatedLists(session, target.module, itemIndex);
	const list = lists.find((entry) => entry.api_name === target.relatedList);
	const node = session.node;
	if (!list) {
		const known = lists
			.map((entry) => entry.api_name)
			.slice(0, 20)
			.join(', ');
		throw inputError(
			node,
			itemIndex,
			`${target.module} has no related list "${target.relatedList}"`,
			known
				? `Its related lists: ${known}. Pick one from the list.`
				: 'Pick the related list from the list.',
		);
	}
	const relatedModule = list.module?.api_name;
	if (typeof relatedModule !== 'string') {
		throw inputError(
			node,
			itemIndex,
			`The related list "${target.relatedList}" of ${target.module} does not hold records`,
			'Pick a related list of records, such as Contacts or Deals.',
		);
	}
	return toModuleName(node, itemIndex, relatedModule, 'relatedList');
}

/**
 * The output of a link or unlink: Zoho's per-record answer for the related record, or the
 * error Zoho gave for it (a 400 with the per-record body reaches here, see `perRecordKey`).
 */
function relationResult(
	fn: IExecuteFunctions,
	result: IDataObject | undefined,
	{
		target,
		relatedId,
		link,
		itemIndex,
	}: { target: RelatedTarget; relatedId: ZohoId; link: CrmLinker; itemIndex: number },
): IDataObject {
	if (!result || result.status !== 'success') {
		throw recordError(
			nodeOf(fn),
			'crm',
			result ?? { code: 'UNKNOWN_ERROR', message: 'Zoho gave no result for the record' },
			itemIndex,
			{
				subject: `the relation of ${target.module} ${target.recordId} to ${relatedId} (${target.relatedList})`,
				hint: 'Check that both records exist and that the related list links records of this kind.',
			},
		);
	}
	return {
		id: relatedId,
		deepLink: link(relatedId),
		code: result.code,
		status: result.status,
		message: result.message,
		details: result.details ?? {},
		module: target.module,
		recordId: target.recordId,
		relatedList: target.relatedList,
	};
}

/**
 * Link (PUT, with the relation fields `readFields` gives) or unlink (DELETE), per input item:
 * checks the item before any request, then returns Zoho's per-record result for the related
 * record with its deep link.
 */
export async function runRelationChange(
	fn: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
	change: { method: 'PUT' | 'DELETE'; readFields?: (itemIndex: number) => IDataObject },
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		fn,
		items,
		async (itemIndex) => {
			const target = readRelatedTarget(fn, itemIndex, readModule(fn, itemIndex));
			const relatedId = readId(fn, itemIndex, 'relatedRecordId');
			const fields = change.readFields?.(itemIndex) ?? {};
			target.module = await toApiModule(fn, session, target.module, itemIndex);
			const relatedModule = await relatedModuleOf(session, target, itemIndex);
			const request: ZohoRequest =
				change.method === 'PUT'
					? {
							app: 'crm',
							method: 'PUT',
							path: crmPath('v8', target.module, target.recordId, target.relatedList),
							body: { data: [{ ...fields, id: relatedId }] },
						}
					: {
							app: 'crm',
							method: 'DELETE',
							path: crmPath('v8', target.module, target.recordId, target.relatedList, relatedId),
						};
			const response = await session.request<{ data?: IDataObject[] }>({
				...request,
				itemIndex,
				perRecordKey: 'data',
			});
			return [
				relationResult(fn, response.body?.data?.[0], {
					target,
					relatedId,
					link: await crmLinker(session, relatedModule),
					itemIndex,
				}),
			];
		},
		readConcurrency(fn),
	);
}
