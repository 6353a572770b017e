import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ZohoSession } from '../../transport/session';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['notification'], operation: ['getAll'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	_session: ZohoSession,
	_items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	throw new NodeOperationError(this.getNode(), 'Notification → Get Many is not implemented yet');
}
