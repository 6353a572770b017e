import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { prefetchCrmLinker } from '../../helpers/links';
import { readLimit, readModule, readOptions, toApiModule } from '../../helpers/params';
import { checkCriteria } from '../../helpers/criteria';
import { toCleanText } from '../../helpers/validation';
import { crmList } from '../../transport/paging';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	moduleLocator,
	optionsCollection,
	requestOptions,
	returnAllAndLimit,
} from '../common.descriptions';
import { fieldsOption, parseFieldList } from './shared';

const properties: INodeProperties[] = [
	appSelector(['crm']),
	moduleLocator,
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		default: 'criteria',
		options: [
			{
				name: 'Criteria',
				value: 'criteria',
				description: 'Zoho criteria such as (Last_Name:equals:Doe)and(City:starts_with:San)',
			},
			{ name: 'Email', value: 'email', description: 'Any email field of the module' },
			{ name: 'Phone', value: 'phone', description: 'Any phone field of the module' },
			{ name: 'Word', value: 'word', description: 'A word anywhere in the record' },
		],
	},
	{
		displayName: 'Criteria',
		name: 'criteria',
		type: 'string',
		default: '',
		required: true,
		placeholder: '(Last_Name:equals:Doe)and(Lead_Source:equals:Web)',
		description:
			'Up to 10 conditions (Field:operator:value) joined with and/or. Escape ( ) , in values with a backslash.',
		displayOptions: { show: { searchBy: ['criteria'] } },
	},
	{
		displayName: 'Search Term',
		name: 'searchTerm',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. jane@example.com',
		description: 'The email, phone number or word to look for',
		displayOptions: { show: { searchBy: ['email', 'phone', 'word'] } },
	},
	...returnAllAndLimit,
	optionsCollection([fieldsOption, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['search'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, async (itemIndex) => {
		let module = readModule(this, itemIndex);
		const searchBy = this.getNodeParameter('searchBy', itemIndex) as string;
		const qs: IDataObject = {};
		if (searchBy === 'criteria') {
			qs.criteria = checkCriteria(
				this.getNode(),
				itemIndex,
				this.getNodeParameter('criteria', itemIndex),
			);
		} else if (searchBy === 'email' || searchBy === 'phone' || searchBy === 'word') {
			qs[searchBy] = toCleanText(
				this.getNode(),
				itemIndex,
				this.getNodeParameter('searchTerm', itemIndex),
				'searchTerm',
				{ maxLength: 255 },
			);
		} else {
			qs.criteria = checkCriteria(this.getNode(), itemIndex, '');
		}
		const fields = parseFieldList(this.getNode(), itemIndex, readOptions(this, itemIndex).fields);
		if (fields.length) qs.fields = fields.join(',');
		module = await toApiModule(this, session, module, itemIndex);
		const linker = prefetchCrmLinker(session, module);
		const records = await crmList(session, {
			path: crmPath('v8', module, 'search'),
			qs,
			limit: readLimit(this, itemIndex),
			itemIndex,
		});
		const link = await linker;
		return records.map((record) => ({ ...record, deepLink: link(record.id) }));
	});
}
