import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { DeskEntity } from '../transport/paths';
import type { ModuleName, ZohoId } from './validation';
import { inputError, toModuleName, toZohoId } from './validation';

/** Reads and validates the parameters that recur across operations. */

export function readModule(fn: IExecuteFunctions, itemIndex: number): ModuleName {
	const value = fn.getNodeParameter('module', itemIndex, '', { extractValue: true });
	return toModuleName(fn.getNode(), itemIndex, value, 'module');
}

const DESK_ENTITIES: readonly DeskEntity[] = ['tickets', 'contacts', 'accounts', 'tasks'];

export function readDeskModule(fn: IExecuteFunctions, itemIndex: number): DeskEntity {
	const value = fn.getNodeParameter('deskModule', itemIndex, 'tickets');
	if (typeof value !== 'string' || !DESK_ENTITIES.includes(value as DeskEntity)) {
		throw inputError(fn.getNode(), itemIndex, `"deskModule" must be one of ${DESK_ENTITIES.join(', ')}, got ${JSON.stringify(value)}`);
	}
	return value as DeskEntity;
}

/** An ID parameter that may be a plain string or a resource locator value. */
export function readId(fn: IExecuteFunctions, itemIndex: number, parameter: string): ZohoId {
	const value = fn.getNodeParameter(parameter, itemIndex, '', { extractValue: true });
	return toZohoId(fn.getNode(), itemIndex, value, parameter);
}

export function readOptions(fn: IExecuteFunctions, itemIndex: number): IDataObject {
	return (fn.getNodeParameter('options', itemIndex, {}) as IDataObject) ?? {};
}

/** The Desk organization the node's options name for this item, if any. */
export function readDeskOrgOption(fn: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = readOptions(fn, itemIndex).deskOrgId;
	if (value === undefined || value === '') return undefined;
	if (typeof value === 'object' && value !== null && 'value' in value) return String((value as IDataObject).value ?? '');
	return String(value);
}
