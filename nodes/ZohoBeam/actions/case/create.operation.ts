import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readConcurrency } from '../../helpers/params';
import { EMAIL } from '../../config/ids';
import { readDeskDateTime } from '../../helpers/dates';
import { runPerItem } from '../../helpers/items';
import { inputError, toCleanText } from '../../helpers/validation';
import { deskPath } from '../../transport/paths';
import { answerError } from '../../transport/errors';
import type { ZohoSession } from '../../transport/session';
import {
	concurrencyOption,
	deskTicketField,
	optionsCollection,
	requestOptions,
} from '../common.descriptions';
import {
	agentLocator,
	customFieldsParameter,
	departmentLocator,
	deskOrgLocator,
	dueDateField,
	assertDepartmentInOrg,
	orgFor,
	readAgent,
	readCustomFields,
	readLocator,
	readOptionalLocatorId,
	readPicklists,
	withDeepLinks,
} from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Cannot sign in to the portal',
		description: 'Subject of the ticket',
	},
	{ ...departmentLocator, required: true, description: 'Department the ticket belongs to' },
	{
		displayName: 'Contact',
		name: 'contactBy',
		type: 'options',
		default: 'email',
		options: [
			{
				name: 'By Email',
				value: 'email',
				description: 'Zoho Desk finds the contact with this email, or creates it',
			},
			{
				name: 'By ID',
				value: 'id',
				description: 'An existing Desk contact',
			},
		],
		description: 'How to name the customer who raised the ticket',
	},
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 189200000200001000',
		description: 'ID of the Desk contact who raised the ticket',
		displayOptions: { show: { contactBy: ['id'] } },
	},
	{
		displayName: 'Contact Email',
		name: 'contactEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: 'Email of the customer who raised the ticket',
		displayOptions: { show: { contactBy: ['email'] } },
	},
	{
		displayName: 'Contact Last Name',
		name: 'contactLastName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Doe',
		description: 'Last name for the contact, used when Zoho Desk has to create it',
		displayOptions: { show: { contactBy: ['email'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			agentLocator('assigneeId', 'Assignee', 'Agent to assign the ticket to'),
			deskTicketField(
				'channel',
				'e.g. Email',
				'Channel the ticket came in through (Email, Phone, Web, Chat …)',
			),
			{
				displayName: 'Contact First Name',
				name: 'contactFirstName',
				type: 'string',
				default: '',
				description: 'First name for the contact, used when Zoho Desk creates it from the email',
				displayOptions: { show: { '/contactBy': ['email'] } },
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: 'Description of the problem (HTML allowed)',
			},
			dueDateField,
			deskTicketField(
				'priority',
				'e.g. High',
				'Priority of the ticket (High, Medium, Low, or a custom priority)',
			),
			deskTicketField(
				'status',
				'e.g. Open',
				'Status of the ticket (Zoho Desk uses Open when empty)',
			),
		],
	},
	customFieldsParameter,
	optionsCollection([concurrencyOption, deskOrgLocator, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['case'], operation: ['create'] } },
	properties,
);

function ticketBody(fn: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = fn.getNode();
	const subject = toCleanText(
		node,
		itemIndex,
		fn.getNodeParameter('subject', itemIndex, ''),
		'subject',
		{ maxLength: 255 },
	);
	const departmentId = readOptionalLocatorId(
		fn,
		itemIndex,
		readLocator(fn, itemIndex, 'departmentId').value,
		'departmentId',
	);
	if (!departmentId)
		throw inputError(
			node,
			itemIndex,
			'"departmentId" is required',
			'Pick the department the ticket belongs to.',
		);
	const fields = (fn.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) ?? {};
	const body: IDataObject = { subject, departmentId };

	const contactBy = fn.getNodeParameter('contactBy', itemIndex, 'email') as string;
	if (contactBy === 'id') {
		const contactId = readOptionalLocatorId(
			fn,
			itemIndex,
			fn.getNodeParameter('contactId', itemIndex, ''),
			'contactId',
		);
		if (!contactId)
			throw inputError(
				node,
				itemIndex,
				'"contactId" is required',
				'Enter the ID of the Desk contact, or choose Contact "By Email".',
			);
		body.contactId = contactId;
	} else {
		const email = toCleanText(
			node,
			itemIndex,
			fn.getNodeParameter('contactEmail', itemIndex, ''),
			'contactEmail',
			{ maxLength: 254 },
		);
		if (!EMAIL.test(email))
			throw inputError(
				node,
				itemIndex,
				`"contactEmail" is not an email address: ${JSON.stringify(email.slice(0, 60))}`,
			);
		const lastName = toCleanText(
			node,
			itemIndex,
			fn.getNodeParameter('contactLastName', itemIndex, ''),
			'contactLastName',
			{ maxLength: 80 },
		);
		const contact: IDataObject = { email, lastName };
		const firstName = toCleanText(node, itemIndex, fields.contactFirstName, 'contactFirstName', {
			maxLength: 80,
			required: false,
		});
		if (firstName) contact.firstName = firstName;
		body.contact = contact;
	}

	const descriptionText = toCleanText(node, itemIndex, fields.description, 'description', {
		maxLength: 65535,
		required: false,
	});
	if (descriptionText) body.description = descriptionText;
	Object.assign(body, readPicklists(node, itemIndex, fields, ['priority', 'status', 'channel']));
	const assignee = readAgent(fn, itemIndex, fields.assigneeId, 'assigneeId');
	if (assignee && assignee !== 'Unassigned') body.assigneeId = assignee;
	const dueDate = readDeskDateTime(fn, itemIndex, fields.dueDate, 'dueDate');
	if (dueDate) body.dueDate = dueDate;
	const cf = readCustomFields(
		fn,
		itemIndex,
		fn.getNodeParameter('customFields', itemIndex, {}) as IDataObject,
	);
	if (cf) body.cf = cf;
	return body;
}

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		items,
		async (itemIndex) => {
			const body = ticketBody(this, itemIndex);
			const orgId = await orgFor(this, session, itemIndex);
			await assertDepartmentInOrg(this, session, orgId, body.departmentId, itemIndex);
			const response = await session.request<IDataObject>({
				app: 'desk',
				method: 'POST',
				path: deskPath('tickets'),
				body,
				itemIndex,
				deskOrgId: orgId,
			});
			if (!response.body) {
				throw answerError(this.getNode(), itemIndex, {
					code: 'NO_CONTENT',
					message: 'Zoho did not return the created ticket',
					description:
						'Zoho answered the create without the ticket; check Zoho Desk before running again, the ticket may exist.',
				});
			}
			return await withDeepLinks(session, orgId, [response.body]);
		},
		readConcurrency(this),
	);
}
