import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeValue, inputError, toOptionalText } from '../../helpers/validation';
import { asNodeError } from '../../transport/errors';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import type { ZohoId } from '../../helpers/validation';
import { toZohoId } from '../../helpers/validation';
import type { INode } from 'n8n-workflow';
import { DESK_EVENT_NAMES } from './deskEvents';
import { newSecret } from './secret';

/**
 * The Zoho Desk webhook of an instant trigger (https://desk.zoho.com/support/WebhookDocument.do,
 * API: the Webhooks section of https://desk.zoho.com/DeskAPIDocument): `POST /api/v1/webhooks`
 * with the `orgId` header on activation, `DELETE /api/v1/webhooks/{id}` on deactivation. Desk
 * webhooks carry no secret of their own, so the URL registered with Zoho gets one as a query
 * parameter; a call without it is refused.
 */

export const SECRET_PARAM = 'beamKey';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Zoho tracks at most 5 ticket fields per Ticket_Update subscription. */
const MAX_TRACKED_FIELDS = 5;
const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

export interface DeskWebhookState {
	webhookId?: string;
	orgId?: string;
	secret?: string;
	url?: string;
	events?: string[];
}

export function webhookState(
	fn: IHookFunctions | IWebhookFunctions,
): DeskWebhookState & IDataObject {
	return fn.getWorkflowStaticData('node') as DeskWebhookState & IDataObject;
}

function clearState(state: DeskWebhookState & IDataObject): void {
	for (const key of ['webhookId', 'orgId', 'secret', 'url', 'events']) delete state[key];
}

const list = (value: unknown): string[] =>
	(Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
		.map((entry) => (typeof entry === 'string' ? entry.trim() : String(entry)))
		.filter((entry) => entry !== '');

export function readDeskEvents(fn: IHookFunctions): string[] {
	const events = [...new Set(list(fn.getNodeParameter('deskEvents', [])))];
	for (const event of events) {
		if (!DESK_EVENT_NAMES.has(event)) {
			throw inputError(
				fn.getNode(),
				0,
				`"deskEvents" has an unknown event ${describeValue(event)}`,
				'Pick the events from the list, e.g. Ticket_Add or Ticket_Update.',
			);
		}
	}
	if (events.length === 0)
		throw inputError(fn.getNode(), 0, '"deskEvents" needs at least one event, like Ticket_Add');
	return events;
}

/** The `subscriptions` object Zoho expects, from the chosen events and options; checked before any request. */
export function subscriptionsFor(
	fn: IHookFunctions,
	events: string[],
	options: IDataObject,
): IDataObject {
	const node = fn.getNode();
	const fields = list(options.ticketFields);
	if (fields.length > MAX_TRACKED_FIELDS)
		throw inputError(
			node,
			0,
			`"ticketFields" names ${fields.length} fields; Zoho tracks at most ${MAX_TRACKED_FIELDS}`,
		);
	for (const field of fields)
		if (!FIELD.test(field))
			throw inputError(
				node,
				0,
				`"ticketFields" has an invalid field name ${describeValue(field)}`,
				'Use ticket field API names, like status or priority.',
			);
	const departmentIds: ZohoId[] = list(options.departmentIds).map((id) =>
		toZohoId(node, 0, id, 'departmentIds'),
	);
	const prevState = options.includePrevState !== false;
	const subscriptions: IDataObject = {};
	for (const event of events) {
		const settings: IDataObject = {};
		if (/_Update$/.test(event) && prevState && !/^Ticket_(Comment|Attachment)_/.test(event))
			settings.includePrevState = true;
		if (event === 'Ticket_Update' && fields.length) settings.fields = fields;
		if (
			event === 'Ticket_Thread_Add' &&
			(options.threadDirection === 'in' || options.threadDirection === 'out')
		)
			settings.direction = options.threadDirection;
		if (departmentIds.length && event.startsWith('Ticket_')) settings.departmentIds = departmentIds;
		subscriptions[event] = Object.keys(settings).length ? settings : null;
	}
	return subscriptions;
}

function isLimitError(error: unknown): boolean {
	const response = (error as { errorResponse?: IDataObject }).errorResponse ?? {};
	const text = `${String(response.code ?? '')} ${String(response.message ?? '')} ${(error as Error).message ?? ''}`;
	return /LIMIT|EXCEED|maximum number of webhooks/i.test(text);
}

/** Creates the Desk webhook; a portal without a free webhook slot gets an error that says so. */
export async function createWebhook(fn: IHookFunctions, session: ZohoSession): Promise<void> {
	const node = fn.getNode();
	const events = readDeskEvents(fn);
	const options = fn.getNodeParameter('options', {}) as IDataObject;
	const subscriptions = subscriptionsFor(fn, events, options);
	const ignoreSourceId = toOptionalText(node, 0, options.ignoreSourceId, 'ignoreSourceId', 36);
	if (ignoreSourceId !== undefined && !UUID.test(ignoreSourceId)) {
		throw inputError(
			node,
			0,
			`"ignoreSourceId" must be a UUID, got ${describeValue(ignoreSourceId)}`,
			'For example 49ad222a-f812-11e7-8c3f-9a214cf093ae.',
		);
	}
	const orgId = await resolveDeskOrgId(
		session,
		toOptionalText(node, 0, options.deskOrgId, 'deskOrgId', 40),
		0,
	);
	const secret = newSecret();
	const url = new URL(fn.getNodeWebhookUrl('default') as string);
	url.searchParams.set(SECRET_PARAM, secret);
	const workflow = fn.getWorkflow();
	const body: IDataObject = {
		name: `n8n: ${workflow.name ?? workflow.id ?? 'workflow'}`.slice(0, 100),
		url: url.toString(),
		description:
			'Created by the Zoho Beam Instant Trigger of n8n; removed when the workflow is deactivated.',
		subscriptions,
	};
	if (ignoreSourceId) body.ignoreSourceId = ignoreSourceId;
	if (options.includeAutomation === true) body.includeEventsFrom = ['AUTOMATION'];
	let created: IDataObject | undefined;
	try {
		const response = await session.request<IDataObject>({
			app: 'desk',
			method: 'POST',
			path: deskPath('webhooks'),
			body,
			deskOrgId: orgId,
			itemIndex: 0,
			idempotent: false,
		});
		created = response.body;
	} catch (error) {
		if (error instanceof NodeApiError && isLimitError(error)) {
			error.message = 'This Zoho Desk portal has no webhook left for this trigger';
			error.description =
				'Zoho Desk allows 5 webhooks on Professional, 10 on Enterprise and none on Free or Standard. Delete unused webhooks under Setup > Developer Space > Webhooks, deactivate another workflow with a Desk instant trigger, or use the polling trigger (Zoho Beam Trigger) instead.';
		}
		throw asNodeError(node, error, 0);
	}
	if (!created || created.id === undefined || created.id === null) {
		throw new NodeApiError(
			node,
			{ code: 'NO_WEBHOOK_ID' },
			{ message: 'Zoho Desk created no webhook (the answer had no ID)', itemIndex: 0 },
		);
	}
	const state = webhookState(fn);
	clearState(state);
	Object.assign(state, {
		webhookId: String(created.id),
		orgId,
		secret,
		url: url.toString(),
		events,
	});
}

const storedId = (node: INode, state: DeskWebhookState) =>
	toZohoId(node, 0, state.webhookId, 'webhookId');

async function deleteQuietly(session: ZohoSession, state: DeskWebhookState): Promise<void> {
	if (!state.webhookId || !state.orgId) return;
	try {
		await session.request({
			app: 'desk',
			method: 'DELETE',
			path: deskPath('webhooks', storedId(session.node, state)),
			deskOrgId: state.orgId,
			itemIndex: 0,
		});
	} catch (error) {
		// Already gone (removed in Desk, or after a 410): nothing to delete.
		if (!(error instanceof NodeApiError && String(error.httpCode) === '404'))
			throw asNodeError(session.node, error, 0);
	}
}

/** True when the stored webhook still exists in Desk with this URL and these events. */
export async function webhookExists(fn: IHookFunctions, session: ZohoSession): Promise<boolean> {
	const state = webhookState(fn);
	if (!state.webhookId || !state.orgId || !state.secret) return false;
	let current: IDataObject | undefined;
	try {
		const response = await session.request<IDataObject>({
			app: 'desk',
			method: 'GET',
			path: deskPath('webhooks', storedId(session.node, state)),
			deskOrgId: state.orgId,
			itemIndex: 0,
		});
		current = response.body;
	} catch (error) {
		if (!(error instanceof NodeApiError && String(error.httpCode) === '404'))
			throw asNodeError(session.node, error, 0);
	}
	const base = new URL(String(current?.url ?? 'http://invalid/'));
	const secretMatches = base.searchParams.get(SECRET_PARAM) === state.secret;
	base.searchParams.delete(SECRET_PARAM);
	const wanted = [...readDeskEvents(fn)].sort();
	const subscribed = Object.keys((current?.subscriptions ?? {}) as IDataObject).sort();
	const matches =
		current !== undefined &&
		secretMatches &&
		base.toString() === new URL(fn.getNodeWebhookUrl('default') as string).toString() &&
		JSON.stringify(subscribed) === JSON.stringify(wanted);
	if (!matches) {
		if (current) await deleteQuietly(session, state);
		clearState(state);
	}
	return matches;
}

/** Deletes the stored webhook (if any) and forgets it. */
export async function deleteWebhook(fn: IHookFunctions, session: ZohoSession): Promise<void> {
	const state = webhookState(fn);
	await deleteQuietly(session, state);
	clearState(state);
}
