import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { DESK_ENTITY_NAMES } from '../config/deskEntities';
import type { DeskEntity } from '../config/deskEntities';
import { DESK_ORG_ID } from '../config/ids';
import { getApiModuleName } from './modules';
import type { ZohoSession } from '../transport/session';
import type { RequestPolicy } from '../transport/types';
import type { ModuleName, ZohoId } from './validation';
import {
	describeValue,
	inputError,
	oneOf,
	RECORD_URL_REGEX,
	toCleanText,
	toModuleName,
	toZohoId,
	toZohoIdFromUrl,
} from './validation';

const nodes = new WeakMap<object, INode>();

/**
 * The node, read once per execution: n8n's getNode() deep-copies the node with all its
 * parameters on every call, which a 10,000-item write would otherwise pay per item.
 */
export function nodeOf(fn: Pick<IExecuteFunctions, 'getNode'>): INode {
	let node = nodes.get(fn);
	if (!node) {
		node = fn.getNode();
		nodes.set(fn, node);
	}
	return node;
}

/** Reads and validates the parameters that recur across operations. */

/** Where parameter values come from: n8n directly, or a ParameterReader for many items. */
type ParameterSource = Pick<ParameterReader, 'get'>;
const direct = (fn: IExecuteFunctions): ParameterSource => ({
	get: (name, itemIndex, fallback, options) =>
		fn.getNodeParameter(name, itemIndex, fallback as never, options),
});

export function readModule(
	fn: IExecuteFunctions,
	itemIndex: number,
	params: ParameterSource = direct(fn),
): ModuleName {
	const value = params.get('module', itemIndex, '', { extractValue: true });
	return toModuleName(nodeOf(fn), itemIndex, value, 'module');
}

/**
 * The API name of a module picked "By URL": the address carries the web UI's name for it
 * (Deals are "Potentials" there), mapped with the account's module list. Called right before
 * the first request, so every other check of the item still comes first.
 */
export async function toApiModule(
	fn: Pick<IExecuteFunctions, 'getNode'>,
	session: ZohoSession,
	module: ModuleName,
	itemIndex: number,
): Promise<ModuleName> {
	const stored = nodeOf(fn).parameters.module;
	const byUrl =
		stored &&
		typeof stored === 'object' &&
		!Array.isArray(stored) &&
		(stored as IDataObject).mode === 'url';
	return byUrl
		? toModuleName(nodeOf(fn), itemIndex, await getApiModuleName(session, module), 'module')
		: module;
}

export function readDeskModule(fn: IExecuteFunctions, itemIndex: number): DeskEntity {
	return oneOf(
		nodeOf(fn),
		itemIndex,
		fn.getNodeParameter('deskModule', itemIndex, 'tickets'),
		'deskModule',
		DESK_ENTITY_NAMES,
	);
}

const RECORD_URL = new RegExp(RECORD_URL_REGEX);

/** The value of a resource locator (`{ mode, value }`); a plain value (from an expression) as it is. */
export function locatorValue(value: unknown): unknown {
	return value && typeof value === 'object' && 'value' in value
		? (value as IDataObject).value
		: value;
}

/**
 * An ID parameter that may be a plain string or a resource locator value. A locator "By URL"
 * is taken apart here rather than by n8n, so a wrong paste gets a message naming the item and
 * the parameter, and an ID that runs on is refused instead of cut short.
 */
export function readId(
	fn: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	params: ParameterSource = direct(fn),
): ZohoId {
	const stored = nodeOf(fn).parameters[parameter];
	if (
		stored &&
		typeof stored === 'object' &&
		!Array.isArray(stored) &&
		(stored as IDataObject).mode === 'url'
	) {
		const value = locatorValue(params.get(parameter, itemIndex, '', { extractValue: false }));
		return toZohoIdFromUrl(nodeOf(fn), itemIndex, value, parameter, {
			pattern: RECORD_URL,
			example: 'https://crm.zoho.com/crm/org123/tab/Leads/5725767000000412001',
			what: 'a Zoho CRM or Desk record page',
		});
	}
	const value = params.get(parameter, itemIndex, '', { extractValue: true });
	return toZohoId(nodeOf(fn), itemIndex, value, parameter);
}

export function readOptions(fn: IExecuteFunctions, itemIndex: number): IDataObject {
	return (fn.getNodeParameter('options', itemIndex, {}) as IDataObject) ?? {};
}

/** The Desk organization the node's options name for this item, if any (digits only). */
export function readDeskOrgOption(fn: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = locatorValue(readOptions(fn, itemIndex).deskOrgId);
	if (value === undefined || value === null || value === '') return undefined;
	const text = toCleanText(nodeOf(fn), itemIndex, value, 'deskOrgId', {
		maxLength: 40,
		required: false,
	});
	if (!DESK_ORG_ID.test(text)) {
		throw inputError(
			nodeOf(fn),
			itemIndex,
			`"deskOrgId" must be a Desk organization ID (digits only), got ${describeValue(value)}`,
			'Find it in Zoho Desk under Setup > Developer Space > API, or leave it empty to let the node find it.',
		);
	}
	return text;
}

/** Whether a stored parameter value contains an n8n expression anywhere. */
export function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

const SIMPLE_JSON_PATH =
	/^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])([^'"\\]+)\2\s*\])\s*\}\}$/;

type GetOptions = Parameters<IExecuteFunctions['getNodeParameter']>[3];

/**
 * Reads parameters for many items cheaply, with exactly the values getNodeParameter gives:
 * a parameter without expressions is the same for every item, so it is read once; the common
 * `={{ $json.field }}` is the item's own field; anything else is evaluated per item by n8n.
 * (Evaluating an expression costs n8n hundreds of microseconds; a 10,000-item update would
 * otherwise spend seconds on `={{ $json.id }}` alone.)
 */
export class ParameterReader {
	private readonly strategies = new Map<string, (itemIndex: number) => unknown>();

	constructor(
		private readonly fn: IExecuteFunctions,
		private readonly items: INodeExecutionData[],
	) {}

	get(name: string, itemIndex: number, fallback?: unknown, options?: GetOptions): unknown {
		let strategy = this.strategies.get(name);
		if (!strategy) {
			strategy = this.strategyFor(name, fallback, options);
			this.strategies.set(name, strategy);
		}
		return strategy(itemIndex);
	}

	private strategyFor(
		name: string,
		fallback: unknown,
		options: GetOptions,
	): (itemIndex: number) => unknown {
		const raw = nodeOf(this.fn).parameters[name];
		const perItem = (itemIndex: number) =>
			this.fn.getNodeParameter(name, itemIndex, fallback as never, options);
		if (!hasExpression(raw)) {
			let cached: { value: unknown } | undefined;
			return (itemIndex) => {
				// Read once: errors (e.g. a missing required value) still surface for the item.
				if (!cached) cached = { value: perItem(itemIndex) };
				return cached.value;
			};
		}
		// A resource locator typed by ID holds its expression in `value` (URL mode needs n8n's extraction).
		const locator =
			raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as IDataObject) : undefined;
		const text =
			typeof raw === 'string'
				? raw
				: locator?.__rl && locator.mode !== 'url' && options?.extractValue
					? locator.value
					: undefined;
		const match = typeof text === 'string' ? SIMPLE_JSON_PATH.exec(text) : null;
		if (match) {
			const key = match[1] ?? match[3];
			return (itemIndex) => this.items[itemIndex]?.json[key];
		}
		return perItem;
	}
}

/** Zoho's smallest plans allow 5 concurrent calls per organization (CRM and Desk alike). */
export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 25;

/** The `concurrency` option, read once per execution like the retry policy. */
export function readConcurrency(fn: IExecuteFunctions): number {
	const options = (fn.getNodeParameter('options', 0, {}) as IDataObject) ?? {};
	const value = Number(options.concurrency ?? DEFAULT_CONCURRENCY);
	return Number.isFinite(value)
		? Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(value)))
		: DEFAULT_CONCURRENCY;
}

export function readPolicy(fn: IExecuteFunctions): Partial<RequestPolicy> {
	return policyFromOptions(fn.getNodeParameter('options', 0, {}) as IDataObject);
}

/** The retry policy from an Options collection's values (the action node's or a trigger's). */
export function policyFromOptions(options: IDataObject): Partial<RequestPolicy> {
	const policy: Partial<RequestPolicy> = {};
	if (typeof options.maxAttempts === 'number')
		policy.maxAttempts = Math.max(1, Math.floor(options.maxAttempts));
	if (typeof options.maxRetryWaitSeconds === 'number')
		policy.maxTotalWaitMs = Math.max(0, options.maxRetryWaitSeconds * 1000);
	if (typeof options.timeoutSeconds === 'number')
		policy.timeoutMs = Math.max(1, options.timeoutSeconds) * 1000;
	return policy;
}

/** Reads a list parameter pair into a limit (undefined = everything). */
export function readLimit(fn: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = fn.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	const limit = Number(fn.getNodeParameter('limit', itemIndex, 50));
	return Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : 50;
}
