import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readId, readModule, toApiModule } from '../../helpers/params';
import { oneOf } from '../../helpers/validation';
import { crmList } from '../../transport/paging';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	moduleLocator,
	optionsCollection,
	readLimit,
	recordIdLocator,
	requestOptions,
	returnAllAndLimit,
} from '../common.descriptions';
import { NOTE_FIELDS, noteItem, parentLinks } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Notes Of',
		name: 'scope',
		type: 'options',
		default: 'record',
		options: [
			{
				name: 'All Records',
				value: 'all',
				description: 'Every note of the organization, newest first',
			},
			{ name: 'One Record', value: 'record', description: 'The notes of one CRM record' },
		],
	},
	{
		...moduleLocator,
		description: 'The CRM module of the record',
		displayOptions: { show: { scope: ['record'] } },
	},
	{
		...recordIdLocator('The CRM record whose notes to get'),
		displayOptions: { show: { scope: ['record'] } },
	},
	...returnAllAndLimit,
	optionsCollection([...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['note'], operation: ['getAll'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const link = parentLinks(session);
	return await runPerItem(this, items, async (itemIndex) => {
		const scope = oneOf(
			this.getNode(),
			itemIndex,
			this.getNodeParameter('scope', itemIndex, 'record'),
			'scope',
			['record', 'all'] as const,
		);
		const limit = readLimit(this, itemIndex);
		let path = crmPath('v8', 'Notes');
		if (scope === 'record') {
			const parentModule = readModule(this, itemIndex);
			const recordId = readId(this, itemIndex, 'recordId');
			path = crmPath(
				'v8',
				await toApiModule(this, session, parentModule, itemIndex),
				recordId,
				'Notes',
			);
		}
		const notes = await crmList(session, { path, qs: { fields: NOTE_FIELDS }, limit, itemIndex });
		return await Promise.all(notes.map(async (note) => noteItem(note, await link(note))));
	});
}
