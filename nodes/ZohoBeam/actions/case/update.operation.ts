import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readDeskDateTime } from '../../helpers/dates';
import { toCleanText } from '../../helpers/validation';
import type { ZohoSession } from '../../transport/session';
import {
	concurrencyOption,
	deskTicketField,
	optionsCollection,
	requestOptions,
} from '../common.descriptions';
import { runDeskWrite } from '../record/deskWrite';
import type { EditorFields } from '../record/shared';
import { readRecordFields } from '../record/shared';
import {
	agentLocator,
	customFieldsParameter,
	dataModeSelector,
	deskOrgLocator,
	dueDateField,
	fieldsJsonParameter,
	readAgent,
	readCustomFields,
	readPicklists,
	readTicketId,
	ticketIdLocator,
} from './shared';

const defineBelow = { show: { dataMode: ['define'] } };

const properties: INodeProperties[] = [
	ticketIdLocator,
	dataModeSelector('Choose the fields to change below'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: defineBelow,
		options: [
			agentLocator(
				'assigneeId',
				'Assignee',
				'Agent to assign the ticket to. Choose "Unassigned" to remove the assignee.',
			),
			dueDateField,
			deskTicketField(
				'priority',
				'e.g. High',
				'New priority (High, Medium, Low, or a custom priority)',
			),
			deskTicketField(
				'status',
				'e.g. Closed',
				'New status (Open, On Hold, Escalated, Closed, or a custom status)',
			),
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				description: 'New subject of the ticket',
			},
		],
	},
	{ ...customFieldsParameter, displayOptions: defineBelow },
	fieldsJsonParameter('{ "status": "Closed", "cf": { "cf_order_id": "ORD-1001" } }'),
	optionsCollection([concurrencyOption, deskOrgLocator, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['update'] } },
	properties,
);

/** "Define Below": the Update Fields and Custom Fields collections, as Desk's PATCH body. */
function definedFields(fn: IExecuteFunctions): EditorFields {
	return {
		source: '"updateFields" and "customFields"',
		read: (itemIndex) => {
			const node = fn.getNode();
			const fields = (fn.getNodeParameter('updateFields', itemIndex, {}) as IDataObject) ?? {};
			const body: IDataObject = {};
			const assignee = readAgent(fn, itemIndex, fields.assigneeId, 'assigneeId');
			if (assignee) body.assigneeId = assignee === 'Unassigned' ? null : assignee;
			const dueDate = readDeskDateTime(fn, itemIndex, fields.dueDate, 'dueDate');
			if (dueDate) body.dueDate = dueDate;
			Object.assign(body, readPicklists(node, itemIndex, fields, ['priority', 'status']));
			const subject = toCleanText(node, itemIndex, fields.subject, 'subject', {
				maxLength: 255,
				required: false,
			});
			if (subject) body.subject = subject;
			const cf = readCustomFields(
				fn,
				itemIndex,
				fn.getNodeParameter('customFields', itemIndex, {}) as IDataObject,
			);
			if (cf) body.cf = cf;
			return body;
		},
	};
}

/** Through the one Desk write path: every item checked before the first PATCH. */
export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const editor = definedFields(this);
	return await runDeskWrite(this, session, items, {
		method: 'PATCH',
		entity: 'tickets',
		prepare: (itemIndex) => ({
			id: readTicketId(this, itemIndex),
			body: readRecordFields(this, itemIndex, items[itemIndex], { app: 'desk', editor }),
		}),
	});
}
