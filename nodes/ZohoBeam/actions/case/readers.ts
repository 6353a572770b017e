import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { locatorValue } from '../../helpers/params';
import type { ZohoId } from '../../helpers/validation';
import {
	inputError,
	isSafeKey,
	sanitizeJsonValue,
	someOf,
	toCleanText,
	toOptionalText,
	toOptionalZohoId,
	toZohoId,
	toZohoIdFromUrl,
} from '../../helpers/validation';
import { TICKET_URL_REGEX } from './descriptions';

/** Readers of the case parameters: each value checked before any request. */

const TICKET_URL = new RegExp(TICKET_URL_REGEX);

const INCLUDE_VALUES = ['assignee', 'contacts', 'departments', 'team'] as const;

/** The `include` option as Zoho's comma-separated list, refusing values Zoho does not know. */
export function readInclude(
	fn: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): string | undefined {
	const names = someOf(fn.getNode(), itemIndex, value, 'include', INCLUDE_VALUES);
	return names.length ? names.join(',') : undefined;
}

interface LocatorValue {
	mode?: string;
	value?: unknown;
}

/** A resource locator parameter as `{ mode, value }` (plain strings from expressions included). */
export function readLocator(
	fn: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	fallback: unknown = '',
): LocatorValue {
	const raw = fn.getNodeParameter(parameter, itemIndex, fallback, {
		extractValue: false,
	}) as unknown;
	if (raw && typeof raw === 'object' && 'value' in raw) {
		const locator = raw as IDataObject;
		return {
			mode: typeof locator.mode === 'string' ? locator.mode : undefined,
			value: locator.value,
		};
	}
	return { value: raw };
}

/** Locator values may be pasted addresses, so they are read as text up to this length. */
const LOCATOR_TEXT_MAX = 2048;

const TICKET_EXAMPLE =
	'https://desk.zoho.com/support/yourportal/ShowHomePage.do#Cases/dv/189200000100001000';

/**
 * Reads `ticketId` (list / ID / URL) and validates it. URLs are taken apart here rather than
 * by n8n, so a wrong paste gets a message that names the item and the parameter.
 */
export function readTicketId(fn: IExecuteFunctions, itemIndex: number): ZohoId {
	const node = fn.getNode();
	const { mode, value } = readLocator(fn, itemIndex, 'ticketId');
	const text = toOptionalText(node, itemIndex, value, 'ticketId', LOCATOR_TEXT_MAX);
	if (text === undefined)
		throw inputError(
			node,
			itemIndex,
			'"ticketId" is required',
			'Pick a ticket from the list, or enter its ID or URL.',
		);
	if (mode === 'url' || /^https?:\/\//i.test(text)) {
		return toZohoIdFromUrl(node, itemIndex, text, 'ticketId', {
			pattern: TICKET_URL,
			example: TICKET_EXAMPLE,
			what: 'a Desk ticket',
		});
	}
	return toZohoId(node, itemIndex, text, 'ticketId');
}

/** An optional ID held in a resource locator (department, contact …). */
export function readOptionalLocatorId(
	fn: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	parameter: string,
): ZohoId | undefined {
	return toOptionalZohoId(
		fn.getNode(),
		itemIndex,
		locatorValue(value),
		parameter,
		LOCATOR_TEXT_MAX,
	);
}

/** An agent from a locator: an agent ID, or "Unassigned" (the list offers it first). */
export function readAgent(
	fn: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	parameter: string,
): ZohoId | 'Unassigned' | undefined {
	const node = fn.getNode();
	const text = toOptionalText(node, itemIndex, locatorValue(value), parameter, LOCATOR_TEXT_MAX);
	if (text === undefined) return undefined;
	if (text.toLowerCase() === 'unassigned') return 'Unassigned';
	return toZohoId(node, itemIndex, text, parameter);
}

/** Short picklist-like text (status, priority, channel …): no control characters, no commas. */
function readPicklist(
	node: INode,
	itemIndex: number,
	value: unknown,
	parameter: string,
	allowList = false,
): string | undefined {
	const text = toCleanText(node, itemIndex, value, parameter, { maxLength: 200, required: false });
	if (!text) return undefined;
	const parts = text
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
	if (!allowList && parts.length > 1) {
		throw inputError(
			node,
			itemIndex,
			`"${parameter}" takes one value, got ${JSON.stringify(text)}`,
		);
	}
	if (/[\t\n\r]/.test(text))
		throw inputError(node, itemIndex, `"${parameter}" must be on one line`);
	return parts.join(',');
}

/** The picklist-like fields among `names` that `source` sets, checked and in the order of `names`. */
export function readPicklists(
	node: INode,
	itemIndex: number,
	source: IDataObject,
	names: string[],
	allowList = false,
): IDataObject {
	const picked: IDataObject = {};
	for (const name of names) {
		const value = readPicklist(node, itemIndex, source[name], name, allowList);
		if (value) picked[name] = value;
	}
	return picked;
}

const CUSTOM_FIELD = /^cf_[A-Za-z0-9_]{1,100}$/;

/** The `customFields` fixedCollection as Zoho's `cf` object (empty values clear the field). */
export function readCustomFields(
	fn: IExecuteFunctions,
	itemIndex: number,
	collection: IDataObject | undefined,
): IDataObject | undefined {
	const node = fn.getNode();
	const rows = (collection?.field as IDataObject[] | undefined) ?? [];
	if (rows.length === 0) return undefined;
	const cf: IDataObject = {};
	for (const row of rows) {
		const name = toCleanText(node, itemIndex, row.name, 'customFields', { maxLength: 120 });
		if (!CUSTOM_FIELD.test(name) || !isSafeKey(name)) {
			throw inputError(
				node,
				itemIndex,
				`"customFields" has an invalid field API name ${JSON.stringify(name.slice(0, 40))}`,
				'Desk custom field API names start with cf_, like cf_order_id.',
			);
		}
		const value = row.value;
		cf[name] =
			value === '' || value === undefined || value === null
				? null
				: (sanitizeJsonValue(node, itemIndex, value, 'customFields') as IDataObject[string]);
		if (typeof cf[name] === 'string')
			cf[name] = toCleanText(node, itemIndex, cf[name], 'customFields', { maxLength: 32000 });
	}
	return cf;
}
