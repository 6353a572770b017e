import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { formatCrmDateTime, readDateTime } from '../../helpers/dates';
import { runPerItem } from '../../helpers/items';
import { prefetchCrmLinker, deskLinker } from '../../helpers/links';
import {
	readConcurrency,
	readDeskModule,
	readDeskOrgOption,
	readLimit,
	readModule,
	readOptions,
	toApiModule,
} from '../../helpers/params';
import { oneOf, toZohoId } from '../../helpers/validation';
import { chunk } from '../../transport/batching';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import { crmList, deskList } from '../../transport/paging';
import { crmPath, deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	concurrencyOption,
	crmOnly,
	deskOrgOption,
	optionsCollection,
	requestOptions,
	returnAllAndLimit,
} from '../common.descriptions';
import { appAndModule, fieldGroups, fieldsOption, mergeById, parseFieldList } from './shared';

const properties: INodeProperties[] = [
	...appAndModule(),
	...returnAllAndLimit,
	optionsCollection([
		concurrencyOption,
		{
			displayName: 'Custom View ID',
			name: 'cvid',
			type: 'string',
			default: '',
			description: 'ID of a CRM custom view whose records to list',
			displayOptions: crmOnly,
		},
		deskOrgOption,
		fieldsOption,
		{
			displayName: 'Modified Since',
			name: 'modifiedSince',
			type: 'dateTime',
			default: '',
			description: 'Only records modified after this time (CRM If-Modified-Since)',
			displayOptions: crmOnly,
		},
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			default: 'id',
			options: [
				{ name: 'Created Time', value: 'Created_Time' },
				{ name: 'ID', value: 'id' },
				{ name: 'Modified Time', value: 'Modified_Time' },
			],
			displayOptions: crmOnly,
		},
		{
			displayName: 'Sort Order',
			name: 'sortOrder',
			type: 'options',
			default: 'asc',
			options: [
				{ name: 'Ascending', value: 'asc' },
				{ name: 'Descending', value: 'desc' },
			],
			displayOptions: crmOnly,
		},
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['getAll'] } },
	properties,
);

const SORT_BY = ['id', 'Created_Time', 'Modified_Time'] as const;
const SORT_ORDER = ['asc', 'desc'] as const;

/** Records by ID in groups of 100, for the field groups beyond the first 50 fields. */
export async function fetchExtraFields(
	session: ZohoSession,
	module: ReturnType<typeof readModule>,
	records: IDataObject[],
	groups: string[][],
	itemIndex: number,
): Promise<void> {
	for (const group of groups) {
		for (const ids of chunk(
			records.map((record) => String(record.id)),
			100,
		)) {
			const response = await session.request<{ data?: IDataObject[] }>({
				app: 'crm',
				method: 'GET',
				path: crmPath('v8', module),
				qs: { ids: ids.join(','), fields: group.join(',') },
				itemIndex,
			});
			mergeById(records, response.body?.data ?? []);
		}
	}
}

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const concurrency = readConcurrency(this);
	return await runPerItem(this, items, async (itemIndex) => {
		const app = this.getNodeParameter('app', itemIndex) as string;
		const limit = readLimit(this, itemIndex);
		const options = readOptions(this, itemIndex);
		if (app === 'desk') {
			const entity = readDeskModule(this, itemIndex);
			const orgId = await resolveDeskOrgId(session, readDeskOrgOption(this, itemIndex), itemIndex);
			const records = await deskList(session, {
				path: deskPath(entity),
				limit,
				itemIndex,
				deskOrgId: orgId,
				concurrency,
			});
			const link = deskLinker(session, orgId, entity);
			return await Promise.all(
				records.map(async (record) => ({ ...record, deepLink: await link(record) })),
			);
		}
		let module = readModule(this, itemIndex);
		// Every option is checked before the first request (the field list may need one).
		const requested = parseFieldList(this.getNode(), itemIndex, options.fields);
		const qs: IDataObject = {};
		if (options.cvid) qs.cvid = toZohoId(this.getNode(), itemIndex, options.cvid, 'cvid');
		if (options.sortBy)
			qs.sort_by = oneOf(this.getNode(), itemIndex, options.sortBy, 'sortBy', SORT_BY);
		if (options.sortOrder)
			qs.sort_order = oneOf(this.getNode(), itemIndex, options.sortOrder, 'sortOrder', SORT_ORDER);
		const headers: Record<string, string> = {};
		if (options.modifiedSince) {
			const since = readDateTime(this, itemIndex, options.modifiedSince, 'modifiedSince');
			if (since !== undefined) headers['If-Modified-Since'] = formatCrmDateTime(since);
		}
		module = await toApiModule(this, session, module, itemIndex);
		const linker = prefetchCrmLinker(session, module);
		const [firstGroup, ...extraGroups] = await fieldGroups(session, module, requested, itemIndex);
		qs.fields = firstGroup.join(',');
		const records = await crmList(session, {
			path: crmPath('v8', module),
			qs,
			limit,
			itemIndex,
			headers,
			concurrency,
		});
		if (extraGroups.length)
			await fetchExtraFields(session, module, records, extraGroups, itemIndex);
		const link = await linker;
		return records.map((record) => ({ ...record, deepLink: link(record.id) }));
	});
}
