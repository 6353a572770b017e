import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { crmLinker } from '../../helpers/links';
import { nodeOf, readId, readOptions } from '../../helpers/params';
import type { ModuleName } from '../../helpers/validation';
import { inputError, parseJsonObject, toOptionalZohoId } from '../../helpers/validation';
import { recordError } from '../../transport/errors';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	concurrencyOption,
	optionsCollection,
	readConcurrency,
	recordIdLocator,
	requestOptions,
} from '../common.descriptions';

const properties: INodeProperties[] = [
	appSelector(['crm']),
	recordIdLocator('ID of the lead to convert, or the address of its page in Zoho'),
	{
		displayName: 'Create a Deal',
		name: 'createDeal',
		type: 'boolean',
		default: false,
		description:
			'Whether to create a deal from the lead as well (Deal_Name, Stage and Closing_Date as your Deals layout requires)',
	},
	{
		displayName: 'Deal Fields (JSON)',
		name: 'dealFieldsJson',
		type: 'json',
		default: '{}',
		placeholder:
			'{"Deal_Name": "Acme renewal", "Stage": "Qualification", "Closing_Date": "2026-12-31", "Amount": 5000}',
		description: 'Fields of the new deal, as API names and values',
		displayOptions: { show: { createDeal: [true] } },
	},
	optionsCollection([
		{
			displayName: 'Existing Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5725767000000412001',
			description: 'Attach the lead to this account instead of creating one from its company',
		},
		{
			displayName: 'Existing Contact ID',
			name: 'contactId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5725767000000412001',
			description: 'Merge the lead into this contact instead of creating one',
		},
		{
			displayName: 'Notify Lead Owner',
			name: 'notifyLeadOwner',
			type: 'boolean',
			default: false,
			description: 'Whether Zoho emails the owner of the lead about the conversion',
		},
		{
			displayName: 'Notify New Owner',
			name: 'notifyNewEntityOwner',
			type: 'boolean',
			default: false,
			description: 'Whether Zoho emails the owner of the new contact, account and deal',
		},
		{
			displayName: 'Overwrite Existing Record',
			name: 'overwrite',
			type: 'boolean',
			default: false,
			description:
				"Whether the lead's values overwrite those of the existing account or contact given above",
		},
		{
			displayName: 'Owner ID',
			name: 'ownerId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5725767000000412001',
			description: 'CRM user who owns the new contact, account and deal. Empty: the lead owner.',
		},
		concurrencyOption,
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['convertLead'] } },
	properties,
);

const NEW_RECORDS: Array<{ key: string; module: ModuleName; output: string }> = [
	{ key: 'Contacts', module: 'Contacts' as ModuleName, output: 'contact' },
	{ key: 'Accounts', module: 'Accounts' as ModuleName, output: 'account' },
	{ key: 'Deals', module: 'Deals' as ModuleName, output: 'deal' },
];

/** Zoho names each new record as `{name, id}` (v8) or a bare ID (v2); null when none was made. */
function recordRef(value: unknown): IDataObject | undefined {
	if (typeof value === 'string' || typeof value === 'number') return { id: String(value) };
	if (value && typeof value === 'object' && (value as IDataObject).id !== undefined)
		return { ...(value as IDataObject), id: String((value as IDataObject).id) };
	return undefined;
}

/**
 * Converts a lead into a contact and an account, optionally with a deal, per input item
 * (POST /Leads/{id}/actions/convert, https://www.zoho.com/crm/developer/docs/api/v8/convert-lead.html).
 * The output names each new record with its ID and deep link.
 */
export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		items,
		async (itemIndex) => {
			const node = nodeOf(this);
			const leadId = readId(this, itemIndex, 'recordId');
			const options = readOptions(this, itemIndex);
			const conversion: IDataObject = {
				overwrite: options.overwrite === true,
				notify_lead_owner: options.notifyLeadOwner === true,
				notify_new_entity_owner: options.notifyNewEntityOwner === true,
			};
			const accountId = toOptionalZohoId(node, itemIndex, options.accountId, 'accountId');
			const contactId = toOptionalZohoId(node, itemIndex, options.contactId, 'contactId');
			const ownerId = toOptionalZohoId(node, itemIndex, options.ownerId, 'ownerId');
			if (accountId) conversion.Accounts = { id: accountId };
			if (contactId) conversion.Contacts = { id: contactId };
			if (ownerId) conversion.assign_to = { id: ownerId };
			if (this.getNodeParameter('createDeal', itemIndex, false) === true) {
				const deal = parseJsonObject(
					node,
					itemIndex,
					this.getNodeParameter('dealFieldsJson', itemIndex, '{}'),
					'dealFieldsJson',
				);
				if (Object.keys(deal).length === 0) {
					throw inputError(
						node,
						itemIndex,
						'"dealFieldsJson" is empty, but "Create a Deal" is on',
						'Give at least the deal\'s mandatory fields, e.g. {"Deal_Name": "Acme renewal", "Stage": "Qualification", "Closing_Date": "2026-12-31"}, or turn "Create a Deal" off.',
					);
				}
				conversion.Deals = deal;
			}
			const response = await session.request<{ data?: IDataObject[] }>({
				app: 'crm',
				method: 'POST',
				path: crmPath('v8', 'Leads' as ModuleName, leadId, 'actions', 'convert'),
				body: { data: [conversion] },
				itemIndex,
				perRecordKey: 'data',
			});
			const result = response.body?.data?.[0];
			if (!result || (result.status !== undefined && result.status !== 'success')) {
				throw recordError(
					node,
					'crm',
					result ?? { code: 'UNKNOWN_ERROR', message: 'Zoho gave no result for the lead' },
					itemIndex,
					{
						subject: `the conversion of lead ${leadId}`,
						hint: 'The lead may be converted already, or a deal field or an existing account/contact ID is wrong.',
					},
				);
			}
			const details = (result.details ?? result) as IDataObject;
			const output: IDataObject = {
				id: leadId,
				deepLink: (await crmLinker(session, 'Leads'))(leadId),
				converted: true,
			};
			for (const { key, module, output: name } of NEW_RECORDS) {
				const ref = recordRef(details[key]);
				output[name] = ref
					? { id: ref.id, deepLink: (await crmLinker(session, module))(ref.id), ...ref }
					: null;
			}
			output.code = result.code;
			output.message = result.message;
			return [output];
		},
		readConcurrency(this),
	);
}
