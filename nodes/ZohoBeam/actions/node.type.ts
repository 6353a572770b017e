import type {
	AllEntities,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ZohoSession } from '../transport/session';

/** Every resource and its operations (parameter values), as n8n's Airtable v2 types its router. */
export type ZohoBeamNodeMap = {
	record:
		| 'addTags'
		| 'convertLead'
		| 'create'
		| 'delete'
		| 'get'
		| 'getAll'
		| 'getRelated'
		| 'linkRelated'
		| 'query'
		| 'removeTags'
		| 'search'
		| 'unlinkRelated'
		| 'update'
		| 'upsert';
	case: 'create' | 'get' | 'getAll' | 'search' | 'update';
	signal: 'count' | 'countByField' | 'send';
	notification: 'disable' | 'enable' | 'getAll' | 'update';
	timeline: 'get';
	apiCall: 'send';
	conversation: 'addComment' | 'deleteComment' | 'get' | 'getAll' | 'reply' | 'updateComment';
	attachment: 'delete' | 'download' | 'getAll' | 'upload';
	note: 'create' | 'delete' | 'getAll' | 'update';
};

export type ZohoBeamType = AllEntities<ZohoBeamNodeMap>;
export type ZohoBeamResource = keyof ZohoBeamNodeMap;

/** Every `<operation>.operation.ts` exports these two. */
export interface ZohoBeamOperation {
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		session: ZohoSession,
		items: INodeExecutionData[],
	): Promise<INodeExecutionData[]>;
}

/** A resource module (`<Resource>.resource.ts`): its operations by parameter value. */
export type ZohoBeamResources = {
	[R in ZohoBeamResource]: Record<ZohoBeamNodeMap[R], ZohoBeamOperation>;
};
