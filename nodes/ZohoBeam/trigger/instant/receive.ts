import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ZohoSession } from '../../transport/session';
import { channelState, renewalDue, renewChannel } from './crmChannel';
import { crmNoticeItems, isOurCallback, readNotice } from './crmCallback';
import { deskEventItems } from './deskEvents';
import { SECRET_PARAM, webhookState } from './deskWebhook';
import { sameSecret } from './secret';

/**
 * Handles a call to the trigger's URL. Order matters: verify, then acknowledge at once (Zoho Desk
 * counts a delivery as failed after 5 s), then renew the channel if due and read records, then
 * hand the items to n8n, which starts the execution.
 */

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** Forged or unknown calls: 401 and no execution. Nothing about the expected values is revealed. */
function refuse(res: Response): IWebhookResponseData {
	res.status(401).json({ message: 'Unauthorized: unknown channel or wrong token' });
	return { noWebhookResponse: true };
}

function acknowledge(res: Response): void {
	res.status(200).json({ received: true });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function receive(fn: IWebhookFunctions): Promise<IWebhookResponseData> {
	// Zoho Desk validates the URL with a GET when the webhook is created: answer 200, run nothing.
	if (fn.getWebhookName() === 'setup') return { webhookResponse: { ok: true } };

	const res = fn.getResponseObject();
	const body: unknown = fn.getRequestObject().body;
	const app = fn.getNodeParameter('app', 'crm') as string;

	if (app === 'desk') {
		const state = webhookState(fn);
		const query = fn.getQueryData() as IDataObject;
		if (!state.webhookId || !state.orgId || !sameSecret(query[SECRET_PARAM], state.secret))
			return refuse(res);
		acknowledge(res);
		const session = await ZohoSession.open(fn).catch(() => undefined);
		const items = await deskEventItems(session, state.orgId, body);
		return items.length
			? { noWebhookResponse: true, workflowData: [fn.helpers.returnJsonArray(items)] }
			: { noWebhookResponse: true };
	}

	const state = channelState(fn);
	if (!isOurCallback(body, state)) return refuse(res);
	acknowledge(res);
	// Without a usable credential the items still go out (no links, no records): nothing is lost.
	const session = await ZohoSession.open(fn).catch(() => undefined);
	if (session && renewalDue(state)) {
		try {
			await renewChannel(session, state);
		} catch (error) {
			// The notification itself is still good: run the workflow, and try again next time.
			fn.logger.warn(
				`Zoho Beam Instant Trigger: renewing notification channel ${state.channelId} failed: ${message(error)}`,
			);
		}
	}
	const notice = readNotice(body as IDataObject);
	if (!notice || notice.ids.length === 0) return { noWebhookResponse: true };
	const options = fn.getNodeParameter('options', {}) as IDataObject;
	const items = await crmNoticeItems(session, notice, options.fetchRecords === true);
	return { noWebhookResponse: true, workflowData: [fn.helpers.returnJsonArray(items)] };
}
