import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	answeredChannel,
	channelEvents,
	generateChannelId,
	getChannel,
	sendChannel,
	toChannelOptions,
	toEvents,
	watchRequest,
	WEEK_MS,
} from '../../actions/notification/shared';
import { formatCrmDateTime } from '../../helpers/dates';
import type { ZohoSession } from '../../transport/session';
import { newSecret } from './secret';

/**
 * The CRM notification channel of an instant trigger: created on activation, renewed while it
 * lives, removed on deactivation. Zoho keeps a channel at most one week
 * (https://www.zoho.com/crm/developer/docs/api/v8/notifications/enable.html); a PATCH that omits
 * `token` or `events` clears them, so a renewal sends both again, with the notify URL
 * (https://www.zoho.com/crm/developer/docs/api/v8/notifications/update-details.html).
 */

/** What the trigger keeps in the workflow's static data (never in an output item). */
export interface ChannelState {
	channelId?: string;
	token?: string;
	expiresAt?: number;
	notifyUrl?: string;
	events?: string[];
}

/** Renew when less than half of Zoho's one-week maximum is left. */
export const RENEW_BELOW_MS = WEEK_MS / 2;
/** Asked-for expiry: a week minus a margin, so clock skew never makes Zoho refuse it. */
const EXPIRY_MARGIN_MS = 10 * 60 * 1000;
/** A channel with less than this left is treated as gone on activation (and replaced). */
const USABLE_MIN_MS = 60 * 1000;

export function channelState(fn: IHookFunctions | IWebhookFunctions): ChannelState & IDataObject {
	return fn.getWorkflowStaticData('node') as ChannelState & IDataObject;
}

function clearState(state: ChannelState & IDataObject): void {
	for (const key of ['channelId', 'token', 'expiresAt', 'notifyUrl', 'events']) delete state[key];
}

export function readTriggerEvents(fn: IHookFunctions): string[] {
	return toEvents(fn.getNode(), 0, fn.getNodeParameter('events', []), true);
}

const nextExpiry = () => formatCrmDateTime(Date.now() + WEEK_MS - EXPIRY_MARGIN_MS);

function expiryOf(answered: IDataObject, fallback: string): number {
	const ms = Date.parse(String(answered.channelExpiry ?? fallback));
	return Number.isFinite(ms) ? ms : Date.parse(fallback);
}

/** Enables a new channel for the chosen events, pointing at this trigger's webhook URL. */
export async function createChannel(fn: IHookFunctions, session: ZohoSession): Promise<void> {
	const events = readTriggerEvents(fn);
	const options = toChannelOptions(
		fn.getNode(),
		0,
		fn.getNodeParameter('options', {}) as IDataObject,
	);
	const notifyUrl = fn.getNodeWebhookUrl('default') as string;
	const token = newSecret();
	const expiry = nextExpiry();
	const channel: IDataObject = {
		channel_id: generateChannelId(),
		events,
		notify_url: notifyUrl,
		token,
		channel_expiry: expiry,
		...options,
	};
	const result = await sendChannel(
		session,
		'POST',
		channel,
		0,
		'enable the notification channel for this trigger',
		[token],
	);
	const state = channelState(fn);
	clearState(state);
	Object.assign(state, {
		channelId: String(channel.channel_id),
		token,
		expiresAt: expiryOf(answeredChannel(channel, result, expiry), expiry),
		notifyUrl,
		events,
	});
}

/** PATCH with events, token and notify URL sent again, and a fresh one-week expiry. */
export async function renewChannel(session: ZohoSession, state: ChannelState): Promise<void> {
	if (!state.channelId || !state.token || !state.events?.length || !state.notifyUrl) return;
	const expiry = nextExpiry();
	const channel: IDataObject = {
		channel_id: Number(state.channelId),
		events: state.events,
		token: state.token,
		notify_url: state.notifyUrl,
		channel_expiry: expiry,
	};
	const result = await sendChannel(
		session,
		'PATCH',
		channel,
		0,
		`renew notification channel ${state.channelId}`,
		[state.token],
	);
	state.expiresAt = expiryOf(answeredChannel(channel, result, expiry), expiry);
}

export const renewalDue = (state: ChannelState, now = Date.now()) =>
	typeof state.expiresAt !== 'number' || state.expiresAt - now < RENEW_BELOW_MS;

async function disableQuietly(session: ZohoSession, channelId: string): Promise<void> {
	// A channel that already expired or was disabled is answered per channel with an error: fine here.
	await watchRequest(
		session,
		{ method: 'DELETE', qs: { channel_ids: channelId }, itemIndex: 0, perRecordKey: 'watch' },
		[],
	);
}

/**
 * True when the stored channel still exists at Zoho, points at this URL, watches the chosen
 * events and has time left; renews it when less than half a week is left. Anything else
 * (expired, changed, removed in Zoho) → false, and n8n calls `create`.
 */
export async function channelExists(fn: IHookFunctions, session: ZohoSession): Promise<boolean> {
	const state = channelState(fn);
	if (!state.channelId || !state.token) return false;
	const current = await getChannel(session, Number(state.channelId), 0);
	const wantedUrl = fn.getNodeWebhookUrl('default');
	const wantedEvents = [...readTriggerEvents(fn)].sort();
	const expiresAt = current ? Date.parse(String(current.channel_expiry ?? '')) : NaN;
	const matches =
		current !== undefined &&
		current.notify_url === wantedUrl &&
		JSON.stringify([...channelEvents(current)].sort()) === JSON.stringify(wantedEvents) &&
		Number.isFinite(expiresAt) &&
		expiresAt - Date.now() > USABLE_MIN_MS;
	if (!matches) {
		if (current) await disableQuietly(session, state.channelId);
		clearState(state);
		return false;
	}
	state.expiresAt = expiresAt;
	state.notifyUrl = wantedUrl;
	state.events = wantedEvents;
	if (renewalDue(state)) await renewChannel(session, state);
	return true;
}

/** Disables the stored channel (if any) and forgets it. */
export async function deleteChannel(fn: IHookFunctions, session: ZohoSession): Promise<void> {
	const state = channelState(fn);
	if (state.channelId) await disableQuietly(session, state.channelId);
	clearState(state);
}
