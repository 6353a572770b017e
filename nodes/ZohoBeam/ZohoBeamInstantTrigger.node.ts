import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getNotificationEvents } from './methods/notificationOptions';
import { ZohoSession } from './transport/session';
import { channelExists, createChannel, deleteChannel } from './trigger/instant/crmChannel';
import { instantTriggerProperties } from './trigger/instant/description';
import { createWebhook, deleteWebhook, webhookExists } from './trigger/instant/deskWebhook';
import { receive } from './trigger/instant/receive';

const isDesk = (fn: IHookFunctions) => fn.getNodeParameter('app', 'crm') === 'desk';

export class ZohoBeamInstantTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Beam Instant Trigger',
		name: 'zohoBeamInstantTrigger',
		icon: { light: 'file:zohoBeam.svg', dark: 'file:zohoBeam.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["app"] === "desk" ? "Zoho Desk" : "Zoho CRM"}}',
		description:
			'Starts the workflow the moment a Zoho CRM record or a Zoho Desk ticket, contact or account changes',
		defaults: { name: 'Zoho Beam Instant Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zohoBeamOAuth2Api', required: true }],
		webhooks: [
			// Zoho Desk validates a new webhook's URL with a GET.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: instantTriggerProperties,
	};

	methods = { loadOptions: { getNotificationEvents } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const session = await ZohoSession.open(this);
				return isDesk(this)
					? await webhookExists(this, session)
					: await channelExists(this, session);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const session = await ZohoSession.open(this);
				if (isDesk(this)) await createWebhook(this, session);
				else await createChannel(this, session);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const session = await ZohoSession.open(this);
				if (isDesk(this)) await deleteWebhook(this, session);
				else await deleteChannel(this, session);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive(this);
	}
}
