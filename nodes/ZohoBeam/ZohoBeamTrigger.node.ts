import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from './methods';
import { properties } from './trigger/poll/description';
import { poll } from './trigger/poll/poll';

/** Starts a workflow when CRM records or Desk tickets, contacts or accounts are created, updated or deleted (polling). */
export class ZohoBeamTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Beam Trigger',
		name: 'zohoBeamTrigger',
		icon: { light: 'file:zohoBeam.svg', dark: 'file:zohoBeam.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["event"] + ": " + ($parameter["app"] === "desk" ? $parameter["deskModule"] : $parameter["module"].value)}}',
		description:
			'Starts the workflow when Zoho CRM records or Zoho Desk tickets, contacts or accounts are created, updated or deleted',
		defaults: { name: 'Zoho Beam Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zohoBeamOAuth2Api', required: true }],
		properties,
	};

	methods = { listSearch };

	poll = poll;
}
