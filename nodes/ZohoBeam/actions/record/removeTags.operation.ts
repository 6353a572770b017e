import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ZohoSession } from '../../transport/session';
import { runTagWrite, tagOptions, tagProperties } from './tags';

const properties: INodeProperties[] = [...tagProperties('remove'), tagOptions('remove')];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['removeTags'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runTagWrite(this, session, items, 'remove_tags');
}
