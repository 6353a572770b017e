import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { policyFromOptions } from '../../actions/common.descriptions';
import { parseFieldList } from '../../actions/record/shared';
import { locatorValue, nodeOf, toApiModule } from '../../helpers/params';
import { inputError, oneOf, toCleanText, toModuleName, toZohoId } from '../../helpers/validation';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import { ZohoSession } from '../../transport/session';
import type { TriggerEvent } from './changes';
import { crmDeletions, crmRecords } from './crm';
import { readState, writeState } from './cursor';
import { DEFAULT_MAX_RECORDS, MAX_RECORDS_LIMIT } from './description';
import { deskRecords } from './desk';
import type { PollSource } from './source';

/** How many of the newest records a manual test ("Fetch Test Event") shows. */
export const SAMPLE_SIZE = 3;

const CRM_EVENTS = ['created', 'updated', 'createdOrUpdated', 'deleted'] as const;
const DESK_EVENTS = ['created', 'updated', 'createdOrUpdated'] as const;
const DESK_MODULES = ['tickets', 'contacts', 'accounts'] as const;

function maxRecords(fn: IPollFunctions, options: IDataObject): number {
	const value = options.maxRecords ?? DEFAULT_MAX_RECORDS;
	if (
		typeof value !== 'number' ||
		!Number.isInteger(value) ||
		value < 1 ||
		value > MAX_RECORDS_LIMIT
	) {
		throw inputError(
			nodeOf(fn),
			0,
			`"maxRecords" must be a whole number from 1 to ${MAX_RECORDS_LIMIT}, got ${JSON.stringify(value)}`,
		);
	}
	return value;
}

/** Reads and checks the parameters (before any request), then picks the source to poll. */
async function sourceFor(
	fn: IPollFunctions,
	session: ZohoSession,
	options: IDataObject,
): Promise<PollSource> {
	const node = nodeOf(fn);
	const app = oneOf(node, 0, fn.getNodeParameter('app', 'crm'), 'app', ['crm', 'desk'] as const);
	if (app === 'crm') {
		const event = oneOf(
			node,
			0,
			fn.getNodeParameter('event', 'createdOrUpdated'),
			'event',
			CRM_EVENTS,
		) as TriggerEvent;
		const requested = event === 'deleted' ? [] : parseFieldList(node, 0, options.fields);
		const module = await toApiModule(
			fn,
			session,
			toModuleName(node, 0, fn.getNodeParameter('module', '', { extractValue: true }), 'module'),
			0,
		);
		return event === 'deleted'
			? crmDeletions(session, module)
			: crmRecords(session, module, event, requested);
	}
	const event = oneOf(
		node,
		0,
		fn.getNodeParameter('event', 'createdOrUpdated'),
		'event',
		DESK_EVENTS,
	) as TriggerEvent;
	const entity = oneOf(
		node,
		0,
		fn.getNodeParameter('deskModule', 'tickets'),
		'deskModule',
		DESK_MODULES,
	);
	const department = locatorValue(options.departmentId);
	const departmentId =
		entity === 'tickets' && department ? toZohoId(node, 0, department, 'departmentId') : undefined;
	const status =
		entity === 'tickets' && options.status
			? toCleanText(node, 0, options.status, 'status', { maxLength: 200, required: false })
			: undefined;
	const orgOption = locatorValue(options.deskOrgId);
	const orgId = await resolveDeskOrgId(
		session,
		typeof orgOption === 'string' ? orgOption : undefined,
	);
	return deskRecords(session, orgId, entity, event, { departmentId, status: status || undefined });
}

/**
 * One poll. First activation: remember where Zoho is now and emit nothing. Manual test: the
 * newest few records, the cursor untouched. Otherwise: the changes past the cursor, oldest
 * first, at most "Max Records per Poll"; the cursor is stored only after every item is built,
 * so a poll that fails leaves it where it was and the next poll repeats the same window.
 */
export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const options = (this.getNodeParameter('options', {}) as IDataObject) ?? {};
	const cap = maxRecords(this, options);
	const session = await ZohoSession.open(this, policyFromOptions(options));
	const source = await sourceFor(this, session, options);

	if (this.getMode() === 'manual') {
		const sample = await source.sample(SAMPLE_SIZE);
		return sample.length ? [this.helpers.returnJsonArray(await source.items(sample))] : null;
	}

	const staticData = this.getWorkflowStaticData('node');
	const cursor = readState(staticData, source.key);
	if (!cursor) {
		writeState(staticData, source.key, await source.start());
		return null;
	}
	const { changes, cursor: next } = await source.changes(cursor, cap);
	const items = changes.length ? await source.items(changes) : [];
	writeState(staticData, source.key, next);
	return items.length ? [this.helpers.returnJsonArray(items)] : null;
}
