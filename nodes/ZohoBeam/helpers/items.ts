import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { mapWithConcurrency } from '../transport/batching';
import { asNodeError } from '../transport/errors';
import { stopRequests } from '../transport/session';

/**
 * Output helpers shared by every operation, so each item is paired with the input it came
 * from and a failure under "Continue On Fail" becomes one error item in the failed item's place.
 */

export interface ErrorJson {
	message: string;
	code?: string;
	details?: IDataObject;
	description?: string;
}

export function errorJson(error: unknown): ErrorJson {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		// NodeApiError keeps the Zoho answer body our error mapper gave it (never the request).
		const zoho = ((error as unknown as { errorResponse?: IDataObject }).errorResponse ??
			{}) as IDataObject;
		const out: ErrorJson = { message: error.message };
		if (typeof zoho.code === 'string') out.code = zoho.code;
		if (zoho.details && typeof zoho.details === 'object') out.details = zoho.details as IDataObject;
		if (error.description) out.description = error.description;
		return out;
	}
	return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * Points an error at its item (`context.itemIndex`, which n8n shows next to the message); the
 * message itself stays as written.
 */
export function nameItem<E>(error: E, itemIndex: number): E {
	if (
		(error instanceof NodeOperationError || error instanceof NodeApiError) &&
		error.context.itemIndex === undefined
	) {
		error.context.itemIndex = itemIndex;
	}
	return error;
}

/** A result that carries files (a download) besides its JSON. */
export class WithBinary {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

export function toItems(
	records: Array<IDataObject | WithBinary>,
	itemIndex: number,
): INodeExecutionData[] {
	return records.map((record) =>
		record instanceof WithBinary
			? { json: record.json, binary: record.binary, pairedItem: { item: itemIndex } }
			: { json: record, pairedItem: { item: itemIndex } },
	);
}

export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	return {
		json: { error: errorJson(error) as unknown as IDataObject },
		pairedItem: { item: itemIndex },
	};
}

/**
 * Runs `work` for every input item (with bounded concurrency, results kept in input order) and
 * flattens the records it returns into output items. Under "Continue On Fail" a failing item
 * yields one error item; otherwise the first failure stops the node: no further request is sent
 * and the items in flight are awaited before it fails. Either way the error carries the item
 * index and its message names the item.
 */
export async function runPerItem(
	fn: IExecuteFunctions,
	items: INodeExecutionData[],
	work: (itemIndex: number) => Promise<Array<IDataObject | WithBinary>>,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const perItem = await mapWithConcurrency(items, concurrency, async (_item, itemIndex) => {
		try {
			return toItems(await work(itemIndex), itemIndex);
		} catch (error) {
			const named = nameItem(asNodeError(fn.getNode(), error, itemIndex), itemIndex);
			if (fn.continueOnFail()) return [errorItem(named, itemIndex)];
			// The node fails: items still running send nothing more, no new item starts.
			stopRequests(fn);
			throw named;
		}
	});
	return perItem.flat();
}
