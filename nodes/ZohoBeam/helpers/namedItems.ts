import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runPerItem } from './items';

const NAMES_ITEM = /\bitem \d+\b/i;

/** Adds "[item N]" to an error's message (once), so the message itself says which input failed. */
export function nameItem<E>(error: E, itemIndex: number): E {
	if ((error instanceof NodeOperationError || error instanceof NodeApiError) && !NAMES_ITEM.test(error.message)) {
		error.message = `${error.message} [item ${itemIndex}]`;
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
	}
	return error;
}

/** `runPerItem` whose error messages name the failing item (stop or Continue On Fail alike). */
export async function runPerNamedItem(
	fn: IExecuteFunctions,
	items: INodeExecutionData[],
	work: (itemIndex: number) => Promise<IDataObject[]>,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		fn,
		items,
		async (itemIndex) => {
			try {
				return await work(itemIndex);
			} catch (error) {
				throw nameItem(error, itemIndex);
			}
		},
		concurrency,
	);
}
