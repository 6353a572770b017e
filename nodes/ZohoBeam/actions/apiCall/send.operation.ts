import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { nodeOf, readDeskOrgOption, readOptions } from '../../helpers/params';
import {
	describeValue,
	inputError,
	oneOf,
	parseJsonObject,
	toApiPath,
	toOptionalText,
} from '../../helpers/validation';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import { crmList, deskList } from '../../transport/paging';
import { apiCallPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	deskOrgOption,
	optionsCollection,
	readLimit,
	requestOptions,
	returnAllAndLimit,
} from '../common.descriptions';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const properties: INodeProperties[] = [
	appSelector(['crm', 'desk']),
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'GET',
		options: [...METHODS].sort().map((method) => ({ name: method, value: method })),
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /crm/v8/Leads/actions/count or /api/v1/tickets',
		description:
			'Path under the API of the app: /crm/v8/… for Zoho CRM, /api/v1/… for Zoho Desk. The host comes from the credential\'s data center; full URLs and ".." are refused.',
	},
	{
		displayName: 'Query (JSON)',
		name: 'queryJson',
		type: 'json',
		default: '{}',
		placeholder: '{"fields": "Last_Name,Email", "per_page": 200}',
		description: 'Query parameters as a JSON object of names and text, number or boolean values',
	},
	{
		displayName: 'Body (JSON)',
		name: 'bodyJson',
		type: 'json',
		default: '{}',
		placeholder: '{"data": [{"Last_Name": "Doe"}]}',
		description: 'The JSON body for POST, PUT, PATCH or DELETE. Empty ({}) sends no body.',
		displayOptions: { hide: { method: ['GET'] } },
	},
	{
		displayName: 'Paginate',
		name: 'paginate',
		type: 'boolean',
		default: false,
		description:
			"Whether to follow Zoho's paging for a GET list: CRM page numbers then page tokens (info.more_records), Desk from/limit. Returns one item per element of the list.",
		displayOptions: { show: { method: ['GET'] } },
	},
	...returnAllAndLimit.map((property) => ({
		...property,
		displayOptions: {
			show: { ...(property.displayOptions?.show ?? {}), method: ['GET'], paginate: [true] },
		},
	})),
	optionsCollection([
		{
			displayName: 'Split Into Items',
			name: 'splitInto',
			type: 'string',
			default: '',
			placeholder: 'e.g. data',
			description:
				'Key of an array in the answer (data, users, __timeline …): one output item per element. Empty: one item with the whole answer (with Paginate: data).',
		},
		deskOrgOption,
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['apiCall'], operation: ['send'] } },
	properties,
);

const ARRAY_KEY = /^[A-Za-z_$][A-Za-z0-9_$]{0,99}$/;

/** Query parameters: names to text, numbers or booleans (what a URL can carry). */
function readQuery(fn: IExecuteFunctions, itemIndex: number): IDataObject {
	const query = parseJsonObject(
		nodeOf(fn),
		itemIndex,
		fn.getNodeParameter('queryJson', itemIndex, '{}'),
		'queryJson',
	);
	for (const [key, value] of Object.entries(query)) {
		if (!['string', 'number', 'boolean'].includes(typeof value)) {
			throw inputError(
				nodeOf(fn),
				itemIndex,
				`"queryJson" has ${describeValue(value)} for "${key}"; query values must be text, numbers or booleans`,
				'Join lists with commas, e.g. {"fields": "Last_Name,Email"}.',
			);
		}
	}
	return query;
}

/**
 * Any Zoho CRM or Desk API path, through the node's own request function: the data center's
 * host and the credential's token, the Desk organization header, retries with backoff and
 * Zoho's errors explained. Paths that could leave the app's API are refused before sending.
 */
export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		const node = nodeOf(this);
		const app = oneOf(node, itemIndex, this.getNodeParameter('app', itemIndex), 'app', [
			'crm',
			'desk',
		] as const);
		const method = oneOf(
			node,
			itemIndex,
			this.getNodeParameter('method', itemIndex, 'GET'),
			'method',
			METHODS,
		) as IHttpRequestMethods;
		const path = apiCallPath(
			app,
			toApiPath(node, itemIndex, this.getNodeParameter('path', itemIndex), app),
		);
		const qs = readQuery(this, itemIndex);
		const body =
			method === 'GET'
				? {}
				: parseJsonObject(
						node,
						itemIndex,
						this.getNodeParameter('bodyJson', itemIndex, '{}'),
						'bodyJson',
					);
		const paginate =
			method === 'GET' && this.getNodeParameter('paginate', itemIndex, false) === true;
		const options = readOptions(this, itemIndex);
		const splitInto =
			toOptionalText(node, itemIndex, options.splitInto, 'splitInto', 100) ??
			(paginate ? 'data' : undefined);
		if (splitInto !== undefined && !ARRAY_KEY.test(splitInto)) {
			throw inputError(
				node,
				itemIndex,
				`"splitInto" must be the key of an array in the answer, like data, got ${describeValue(splitInto)}`,
			);
		}
		const limit = paginate ? readLimit(this, itemIndex) : undefined;
		const deskOrgId =
			app === 'desk'
				? await resolveDeskOrgId(session, readDeskOrgOption(this, itemIndex), itemIndex)
				: undefined;

		if (paginate) {
			const records =
				app === 'crm'
					? await crmList(session, { path, qs, dataKey: splitInto, limit, itemIndex })
					: await deskList(session, {
							path,
							qs,
							dataKey: splitInto,
							limit,
							itemIndex,
							deskOrgId: deskOrgId as string,
						});
			return records.map((record) =>
				record && typeof record === 'object' && !Array.isArray(record) ? record : { value: record },
			);
		}
		const response = await session.request<unknown>({
			app,
			method,
			path,
			qs,
			body: Object.keys(body).length ? body : undefined,
			itemIndex,
			deskOrgId,
		});
		const answer = response.body;
		if (splitInto !== undefined) {
			const list =
				answer && typeof answer === 'object' && !Array.isArray(answer)
					? (answer as IDataObject)[splitInto]
					: undefined;
			if (list === undefined && response.statusCode === 204) return [];
			if (!Array.isArray(list)) {
				throw inputError(
					node,
					itemIndex,
					`Zoho's answer has no array "${splitInto}" to split`,
					`Zoho answered HTTP ${response.statusCode}. Leave "Split Into Items" empty to get the whole answer.`,
				);
			}
			return list.map((entry) =>
				entry && typeof entry === 'object' && !Array.isArray(entry)
					? (entry as IDataObject)
					: { value: entry as IDataObject[string] },
			);
		}
		if (Array.isArray(answer)) return [{ data: answer as IDataObject[] }];
		return [
			answer && typeof answer === 'object'
				? (answer as IDataObject)
				: { statusCode: response.statusCode },
		];
	});
}
