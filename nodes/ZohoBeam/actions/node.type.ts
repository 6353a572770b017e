import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ZohoSession } from '../transport/session';

export type ZohoBeamResource = 'record' | 'case' | 'signal' | 'notification' | 'timeline' | 'apiCall' | 'conversation' | 'attachment' | 'note';

/** Every `<operation>.operation.ts` exports these two. */
export interface ZohoBeamOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, session: ZohoSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}
