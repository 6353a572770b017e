import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as caseResource from './actions/case/Case.resource';
import * as notification from './actions/notification/Notification.resource';
import * as record from './actions/record/Record.resource';
import { router } from './actions/router';
import * as signal from './actions/signal/Signal.resource';
import * as timeline from './actions/timeline/Timeline.resource';
import { listSearch, loadOptions, resourceMapping } from './methods';

export class ZohoBeam implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zoho Beam',
		name: 'zohoBeam',
		icon: { light: 'file:zohoBeam.svg', dark: 'file:zohoBeam.dark.svg' },
		group: ['transform'],
		version: 1,
		// Reads like n8n's own nodes: "Update: Leads", "Get Many: Tickets" (operation label, then the module).
		subtitle:
			'={{ ({"addComment":"Add Comment","count":"Count","countByField":"Count by Field","create":"Create","delete":"Delete","disable":"Disable","enable":"Enable","get":"Get","getAll":"Get Many","query":"Query (COQL)","search":"Search","send":"Send","update":"Update","upsert":"Create or Update"}[$parameter["operation"]] || $parameter["operation"]) + ": " + (($parameter["app"] === "desk" ? {"accounts":"Accounts","contacts":"Contacts","tasks":"Tasks","tickets":"Tickets"}[$parameter["deskModule"] || "tickets"] : ($parameter["module"] && typeof $parameter["module"] === "object" ? $parameter["module"].value : $parameter["module"])) || {"case":"Tickets","notification":"Channels","record":"Records","signal":"Signals","timeline":"Timeline"}[$parameter["resource"]]) }}',
		description:
			'Work with Zoho CRM and Zoho Desk: batched record updates on any module, COQL, Desk tickets, counts, timelines and notification channels, with a deep link on every item',
		defaults: { name: 'Zoho Beam' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zohoBeamOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Case', value: 'case', description: 'Zoho Desk tickets' },
					{ name: 'Notification', value: 'notification', description: 'Zoho CRM notification (watch) channels' },
					{ name: 'Record', value: 'record', description: 'Records of any Zoho CRM module or Zoho Desk module' },
					{ name: 'Signal', value: 'signal', description: 'Record and ticket counts, and custom CRM signals' },
					{ name: 'Timeline', value: 'timeline', description: 'CRM record timeline or Desk ticket history' },
				],
				default: 'record',
			},
			...record.description,
			...caseResource.description,
			...signal.description,
			...notification.description,
			...timeline.description,
		],
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
