import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readPolicy } from '../helpers/params';
import { errorItem } from '../helpers/items';
import { idAndLinkFirst } from '../helpers/links';
import { asNodeError } from '../transport/errors';
import { ZohoSession } from '../transport/session';
import * as attachment from './attachment/Attachment.resource';
import * as caseResource from './case/Case.resource';
import * as conversation from './conversation/Conversation.resource';
import type {
	ZohoBeamNodeMap,
	ZohoBeamOperation,
	ZohoBeamResource,
	ZohoBeamResources,
} from './node.type';
import * as note from './note/Note.resource';
import * as notification from './notification/Notification.resource';
import * as record from './record/Record.resource';
import * as signal from './signal/Signal.resource';
import * as timeline from './timeline/Timeline.resource';
import * as apiCall from './apiCall/ApiCall.resource';

const resources: ZohoBeamResources = {
	record,
	case: caseResource,
	signal,
	notification,
	timeline,
	apiCall,
	conversation,
	attachment,
	note,
};

const owns = <T extends object>(object: T, key: string): key is Extract<keyof T, string> =>
	Object.prototype.hasOwnProperty.call(object, key);

function operationOf<R extends ZohoBeamResource>(
	resource: R,
	operation: string,
): ZohoBeamOperation | undefined {
	const operations: Record<ZohoBeamNodeMap[R], ZohoBeamOperation> = resources[resource];
	if (!owns(operations, operation)) return undefined;
	const candidate = operations[operation];
	// A resource module also exports its `description`, which is no operation.
	return typeof candidate.execute === 'function' ? candidate : undefined;
}

function findOperation(resource: string, operation: string): ZohoBeamOperation | undefined {
	return owns(resources, resource) ? operationOf(resource, operation) : undefined;
}

/**
 * Dispatches to `actions/<resource>/<operation>.operation.ts`. Each operation receives all
 * input items at once, because several (record updates, creates, deletes) batch items into
 * one Zoho request; each returns its items paired to their inputs.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = String(this.getNodeParameter('resource', 0));
	const operation = String(this.getNodeParameter('operation', 0));
	const handler = findOperation(resource, operation);
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}

	let session: ZohoSession;
	try {
		session = await ZohoSession.open(this, readPolicy(this));
	} catch (error) {
		// Without a usable credential no item can succeed: one error item per input item.
		if (this.continueOnFail())
			return [items.map((_item, itemIndex) => errorItem(error, itemIndex))];
		throw asNodeError(this.getNode(), error);
	}
	try {
		const output = await handler.execute.call(this, session, items);
		for (const item of output) item.json = idAndLinkFirst(item.json);
		return [output];
	} finally {
		// Whatever happened, no request of this node runs or starts after it has returned.
		await session.close();
	}
}
