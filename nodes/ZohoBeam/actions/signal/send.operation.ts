import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ZohoSession } from '../../transport/session';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['signal'], operation: ['send'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	_session: ZohoSession,
	_items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	throw new NodeOperationError(this.getNode(), 'Signal → Send is not implemented yet');
}
