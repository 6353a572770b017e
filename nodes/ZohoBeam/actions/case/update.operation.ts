import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { readDeskDateTime } from '../../helpers/dates';
import { runPerItem } from '../../helpers/items';
import { inputError, toCleanText } from '../../helpers/validation';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { concurrencyOption, deskTicketField, optionsCollection, readConcurrency, requestOptions } from '../common.descriptions';
import {
	agentLocator,
	customFieldsParameter,
	dataModeSelector,
	deskOrgLocator,
	dueDateField,
	fieldsJsonParameter,
	orgFor,
	readAgent,
	readCustomFields,
	readFieldData,
	readPicklists,
	readTicketId,
	ticketIdLocator,
	withDeepLinks,
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
			agentLocator('assigneeId', 'Assignee', 'Agent to assign the ticket to. Choose "Unassigned" to remove the assignee.'),
			dueDateField,
			deskTicketField('priority', 'e.g. High', 'New priority (High, Medium, Low, or a custom priority)'),
			deskTicketField('status', 'e.g. Closed', 'New status (Open, On Hold, Escalated, Closed, or a custom status)'),
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

export const description = updateDisplayOptions({ show: { resource: ['case'], operation: ['update'] } }, properties);

/** Fields that describe the ticket rather than change it: never sent back when auto-mapping. */
const NOT_WRITABLE = ['id', 'deepLink', 'webUrl', 'ticketNumber', 'createdTime', 'modifiedTime', 'error'];

function definedFields(fn: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = fn.getNode();
	const fields = (fn.getNodeParameter('updateFields', itemIndex, {}) as IDataObject) ?? {};
	const body: IDataObject = {};
	const assignee = readAgent(fn, itemIndex, fields.assigneeId, 'assigneeId');
	if (assignee) body.assigneeId = assignee === 'Unassigned' ? null : assignee;
	const dueDate = readDeskDateTime(fn, itemIndex, fields.dueDate, 'dueDate');
	if (dueDate) body.dueDate = dueDate;
	Object.assign(body, readPicklists(node, itemIndex, fields, ['priority', 'status']));
	const subject = toCleanText(node, itemIndex, fields.subject, 'subject', { maxLength: 255, required: false });
	if (subject) body.subject = subject;
	const cf = readCustomFields(fn, itemIndex, fn.getNodeParameter('customFields', itemIndex, {}) as IDataObject);
	if (cf) body.cf = cf;
	return body;
}

export async function execute(this: IExecuteFunctions, session: ZohoSession, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const concurrency = readConcurrency(this);
	return await runPerItem(
		this,
		items,
		async (itemIndex) => {
			const ticketId = readTicketId(this, itemIndex);
			const dataMode = this.getNodeParameter('dataMode', itemIndex, 'define') as string;
			const body = dataMode === 'define' ? definedFields(this, itemIndex) : readFieldData(this, itemIndex, dataMode, items[itemIndex].json, NOT_WRITABLE);
			if (Object.keys(body).length === 0) {
				throw inputError(
					this.getNode(),
					itemIndex,
					`Nothing to update: ${dataMode === 'json' ? '"fieldsJson" gives' : dataMode === 'autoMap' ? 'the input item gives' : '"updateFields" and "customFields" give'} no field`,
					dataMode === 'autoMap' ? 'The input item has no fields besides its ID.' : 'Add at least one field to change.',
				);
			}
			const orgId = await orgFor(this, session, itemIndex);
			const response = await session
				.request<IDataObject>({
					app: 'desk',
					method: 'PATCH',
					path: deskPath('tickets', ticketId),
					body,
					itemIndex,
					deskOrgId: orgId,
				});
			if (!response.body) {
				throw new NodeApiError(this.getNode(), { code: 'NOT_FOUND' }, { message: `Zoho did not return ticket ${ticketId} after the update`, itemIndex });
			}
			return await withDeepLinks(session, orgId, [response.body]);
		},
		concurrency,
	);
}
