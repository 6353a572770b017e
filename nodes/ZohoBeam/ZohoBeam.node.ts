import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as attachment from './actions/attachment/Attachment.resource';
import * as caseResource from './actions/case/Case.resource';
import * as conversation from './actions/conversation/Conversation.resource';
import * as note from './actions/note/Note.resource';
import * as notification from './actions/notification/Notification.resource';
import * as record from './actions/record/Record.resource';
import { router } from './actions/router';
import * as signal from './actions/signal/Signal.resource';
import * as timeline from './actions/timeline/Timeline.resource';
import * as apiCall from './actions/apiCall/ApiCall.resource';
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
			'={{ ({"addComment":"Add Comment","addTags":"Add Tags","convertLead":"Convert Lead","count":"Count","countByField":"Count by Field","create":"Create","delete":"Delete","deleteComment":"Delete Comment","disable":"Disable","download":"Download","enable":"Enable","get":"Get","getAll":"Get Many","getRelated":"Get Related Records","linkRelated":"Link Related Record","query":"Query (COQL)","removeTags":"Remove Tags","reply":"Reply","search":"Search","send":"Send","unlinkRelated":"Unlink Related Record","update":"Update","updateComment":"Update Comment","upload":"Upload","upsert":"Create or Update"}[$parameter["operation"]] || $parameter["operation"]) + ": " + (($parameter["app"] === "desk" ? {"accounts":"Accounts","contacts":"Contacts","tasks":"Tasks","tickets":"Tickets"}[$parameter["deskModule"] || "tickets"] : ($parameter["module"] && typeof $parameter["module"] === "object" ? $parameter["module"].value : $parameter["module"])) || {"apiCall":"Zoho API","attachment":"Attachments","case":"Tickets","conversation":"Conversations","note":"Notes","notification":"Channels","record":"Records","signal":"Signals","timeline":"Timeline"}[$parameter["resource"]]) }}',
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
					{
						name: 'API Call (Zoho-Aware)',
						value: 'apiCall',
						description:
							"Any Zoho CRM or Desk API path, unlike a generic HTTP call: your data center's host, the Desk organization header, retries of rate limits and Zoho's paging handled",
					},
					{
						name: 'Attachment',
						value: 'attachment',
						description: 'Files on a CRM record or a Desk ticket',
					},
					{ name: 'Case', value: 'case', description: 'Zoho Desk tickets' },
					{
						name: 'Conversation',
						value: 'conversation',
						description: 'Threads, replies and comments of a Desk ticket',
					},
					{ name: 'Note', value: 'note', description: 'Notes on CRM records' },
					{
						name: 'Notification',
						value: 'notification',
						description: 'Zoho CRM notification (watch) channels',
					},
					{
						name: 'Record',
						value: 'record',
						description: 'Records of any Zoho CRM module or Zoho Desk module',
					},
					{
						name: 'Signal',
						value: 'signal',
						description: 'Record and ticket counts, and custom CRM signals',
					},
					{
						name: 'Timeline',
						value: 'timeline',
						description: 'CRM record timeline or Desk ticket history',
					},
				],
				default: 'record',
			},
			...record.description,
			...caseResource.description,
			...signal.description,
			...notification.description,
			...timeline.description,
			...apiCall.description,
			...conversation.description,
			...attachment.description,
			...note.description,
		],
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
