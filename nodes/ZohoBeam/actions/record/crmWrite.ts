import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { errorItem } from '../../helpers/items';
import { nodeOf, readConcurrency, toApiModule } from '../../helpers/params';
import { crmLinker } from '../../helpers/links';
import type { ModuleName } from '../../helpers/validation';
import { writeInBatches } from '../../transport/batching';
import { UNCONFIRMED, asNodeError, recordError } from '../../transport/errors';
import type { ZohoSession } from '../../transport/session';
import type { ZohoRequest } from '../../transport/types';
import { concurrencyOption } from '../common.descriptions';

/**
 * Batched CRM writes (update, create, upsert, delete): validate every item first (bad input
 * is refused before any request), group items by module, send up to 100 records per request
 * with bounded concurrency, and map Zoho's per-record answers back to the items they came
 * from, in input order. A refused record fails only its own item.
 */

export const CRM_MAX_BATCH = 100;

export const batchOptions: INodeProperties[] = [
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: CRM_MAX_BATCH },
		default: CRM_MAX_BATCH,
		description: 'How many records to send in one request (Zoho accepts up to 100)',
	},
	concurrencyOption,
];

export const triggerOption: INodeProperties = {
	displayName: 'Trigger Automations',
	name: 'triggers',
	type: 'multiOptions',
	default: ['workflow', 'approval', 'blueprint'],
	description:
		'Which Zoho automations the write may set off. Select none to write without triggering anything.',
	options: [
		{ name: 'Approval', value: 'approval' },
		{ name: 'Blueprint', value: 'blueprint' },
		{ name: 'Workflow Rules', value: 'workflow' },
	],
};

export interface PreparedWrite {
	module: ModuleName;
	/** The record as sent to Zoho (for delete: `{ id }`). */
	record: IDataObject;
	/**
	 * Records with different keys never share a request: for writes whose request carries
	 * settings of its own besides the records (the tags of add_tags / remove_tags).
	 */
	batchKey?: string;
}

interface Entry {
	itemIndex: number;
	record: IDataObject;
	batchKey?: string;
}

export interface CrmWriteSpec {
	prepare: (itemIndex: number) => PreparedWrite | Promise<PreparedWrite>;
	/** The request for one chunk of records of one module. */
	request: (module: ModuleName, records: IDataObject[], batchKey?: string) => ZohoRequest;
	batchSize: number;
	concurrency: number;
}

function readBatchSettings(fn: IExecuteFunctions): { batchSize: number; concurrency: number } {
	const options = fn.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = Math.min(
		CRM_MAX_BATCH,
		Math.max(1, Math.floor(Number(options.batchSize ?? CRM_MAX_BATCH)) || CRM_MAX_BATCH),
	);
	return { batchSize, concurrency: readConcurrency(fn) };
}

export { readBatchSettings };

/** What one item returns after a successful write. */
function successJson(result: IDataObject, link: (id: unknown) => string | undefined): IDataObject {
	const details = (result.details ?? {}) as IDataObject;
	const id = details.id ?? result.id;
	const json: IDataObject = {
		id,
		code: result.code,
		status: result.status,
		message: result.message,
		details,
	};
	if (result.action !== undefined) json.action = result.action;
	if (result.duplicate_field !== undefined) json.duplicate_field = result.duplicate_field;
	json.deepLink = link(id);
	return json;
}

const isFailure = (result: IDataObject) => result.status !== 'success';

/**
 * Whether Zoho's answer at a position is about the record sent there: `details.id` against the
 * ID sent (update, delete), `duplicate_field` against the fields sent (upsert). `unknown` when
 * the answer does not say (a create, most refusals).
 */
function answerFits(result: IDataObject, record: IDataObject): 'match' | 'mismatch' | 'unknown' {
	const details = (result.details ?? {}) as IDataObject;
	const answeredId =
		typeof details.id === 'string' || typeof details.id === 'number'
			? String(details.id)
			: undefined;
	const sentId =
		typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : undefined;
	if (answeredId !== undefined && sentId !== undefined)
		return answeredId === sentId ? 'match' : 'mismatch';
	if (typeof result.duplicate_field === 'string' && result.duplicate_field !== '') {
		const value = record[result.duplicate_field];
		if (value === undefined || value === null || value === '') return 'mismatch';
	}
	return 'unknown';
}

/**
 * Zoho answers a batch in request order
 * (https://www.zoho.com/crm/developer/docs/api/v8/update-records.html). Still, when one answer
 * is about another record than the one sent at its position, the order cannot be trusted: every
 * answer of the batch that its own ID does not confirm becomes an "unconfirmed" error instead of
 * being guessed, so a refusal never shows as a success on another item.
 */
function confirmedResults(records: IDataObject[], results: IDataObject[]): IDataObject[] {
	const fits = results.map((result, position) => answerFits(result, records[position]));
	if (!fits.includes('mismatch')) return results;
	return results.map((result, position) => {
		if (fits[position] === 'match') return result;
		const about = ((result.details ?? {}) as IDataObject).id;
		return {
			code: UNCONFIRMED,
			status: 'error',
			message: `Zoho answered this batch in another order than it was sent${about !== undefined ? ` (the answer at this position is about record ${String(about)})` : ''}`,
			details: { answer: result },
		};
	});
}

export async function runCrmWrite(
	fn: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
	spec: CrmWriteSpec,
): Promise<INodeExecutionData[]> {
	const continueOnFail = fn.continueOnFail();
	const output = new Array<INodeExecutionData>(items.length);
	const byModule = new Map<ModuleName, Entry[]>();

	// 1. Validate everything before the first request.
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { module, record, batchKey } = await spec.prepare(itemIndex);
			const entries = byModule.get(module) ?? [];
			entries.push({ itemIndex, record, batchKey });
			byModule.set(module, entries);
		} catch (error) {
			if (!continueOnFail) throw asNodeError(nodeOf(fn), error, itemIndex);
			output[itemIndex] = errorItem(error, itemIndex);
		}
	}

	// 2. Modules picked "By URL" carry the web UI's name: map them to API names, then send per
	//    module, in chunks, and map answers back to items.
	const groups = new Map<ModuleName, Entry[]>();
	for (const [name, entries] of byModule) {
		const module = await toApiModule(fn, session, name, entries[0].itemIndex);
		groups.set(
			module,
			[...(groups.get(module) ?? []), ...entries].sort((a, b) => a.itemIndex - b.itemIndex),
		);
	}
	for (const [module, moduleEntries] of groups) {
		for (const entries of splitByBatchKey(moduleEntries)) await writeGroup(module, entries);
	}
	return output;

	async function writeGroup(module: ModuleName, entries: Entry[]): Promise<void> {
		const outcomes = await writeInBatches<Entry, IDataObject>({
			entries,
			batchSize: spec.batchSize,
			concurrency: spec.concurrency,
			stopOnError: !continueOnFail,
			isFailure,
			send: async (chunk) => {
				const request = spec.request(
					module,
					chunk.map((entry) => entry.record),
					chunk[0].batchKey,
				);
				const response = await session.request<IDataObject>({
					...request,
					itemIndex: chunk[0].itemIndex,
					perRecordKey: 'data',
					shape: { data: 'array' },
				});
				const results = (response.body?.data ?? []) as IDataObject[];
				if (results.length !== chunk.length) {
					throw asNodeError(
						nodeOf(fn),
						new Error(`Zoho answered ${results.length} results for ${chunk.length} records`),
						chunk[0].itemIndex,
					);
				}
				return confirmedResults(
					chunk.map((entry) => entry.record),
					results,
				);
			},
		});
		const anySuccess = outcomes.some(
			(outcome) => 'result' in outcome && !isFailure(outcome.result),
		);
		const link = anySuccess ? await crmLinker(session, module) : () => undefined;
		outcomes.forEach((outcome, position) => {
			const { itemIndex } = entries[position];
			if ('result' in outcome && !isFailure(outcome.result)) {
				output[itemIndex] = {
					json: successJson(outcome.result, link),
					pairedItem: { item: itemIndex },
				};
				return;
			}
			const error =
				'result' in outcome
					? recordError(nodeOf(fn), 'crm', outcome.result, itemIndex)
					: asNodeError(nodeOf(fn), outcome.error, itemIndex);
			output[itemIndex] = errorItem(error, itemIndex);
		});
		if (!continueOnFail) {
			const failed = entries.find((entry) => output[entry.itemIndex].json.error !== undefined);
			if (failed) {
				const outcome = outcomes[entries.indexOf(failed)];
				throw 'result' in outcome
					? recordError(nodeOf(fn), 'crm', outcome.result, failed.itemIndex)
					: asNodeError(nodeOf(fn), outcome.error, failed.itemIndex);
			}
		}
	}
}

/** Entries of one module split by batch key (in input order within each part). */
function splitByBatchKey(entries: Entry[]): Entry[][] {
	const parts = new Map<string | undefined, Entry[]>();
	for (const entry of entries) {
		const part = parts.get(entry.batchKey);
		if (part) part.push(entry);
		else parts.set(entry.batchKey, [entry]);
	}
	return [...parts.values()];
}
