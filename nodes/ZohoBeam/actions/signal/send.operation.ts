import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MODULE_NAME, ZOHO_ID } from '../../config/ids';
import { runPerItem } from '../../helpers/items';
import { crmLinker } from '../../helpers/links';
import { readConcurrency, readOptions } from '../../helpers/params';
import {
	inputError,
	toCleanText,
	toHttpUrl,
	toModuleName,
	toOptionalText,
	toOptionalZohoId,
} from '../../helpers/validation';
import { recordError } from '../../transport/errors';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	concurrencyOption,
	optionsCollection,
	requestOptions,
} from '../common.descriptions';
import { optionalEmail } from './shared';

export const SUBJECT_MAX = 100;
export const MESSAGE_MAX = 1000;
const ACTIONS_MAX = 5;
const LABEL_MAX = 50;
const NAMESPACE = /^[A-Za-z0-9_.-]{1,200}$/;

const properties: INodeProperties[] = [
	appSelector(['crm'], 'crm'),
	{
		displayName: 'Signal Name or ID',
		name: 'signalNamespace',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSignalNamespaces' },
		required: true,
		default: '',
		description:
			'The custom signal to raise, as defined in Zoho CRM under Setup > Channels > Signals. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5725767000000412001',
		description:
			'ID of the CRM record (lead, contact …) the signal is about. Leave empty to identify the record by email instead (see Options).',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Visited the pricing page',
		description: `Title of the signal, up to ${SUBJECT_MAX} characters`,
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. *Jane* viewed the pricing page 3 times today',
		description: `Body of the signal, up to ${MESSAGE_MAX} characters. Zoho formats *bold*, ^italic^ and ~br~ (line break); line breaks you type are sent as ~br~.`,
	},
	{
		displayName: 'Actions',
		name: 'actions',
		type: 'fixedCollection',
		placeholder: 'Add Link',
		default: {},
		typeOptions: { multipleValues: true },
		description: `Buttons shown on the signal that open a URL, at most ${ACTIONS_MAX}`,
		options: [
			{
				displayName: 'Link',
				name: 'link',
				values: [
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
						placeholder: 'e.g. Open order',
						description: `Text of the button, up to ${LABEL_MAX} characters`,
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://shop.example.com/orders/1001',
						description: 'The http(s) address the button opens',
					},
					{
						displayName: 'Open In',
						name: 'openIn',
						type: 'options',
						default: 'tab',
						options: [
							{ name: 'New Tab', value: 'tab' },
							{ name: 'Popup', value: 'popup' },
						],
					},
				],
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Record Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description:
				'Raise the signal on the record with this email address instead of a record ID (leave Record ID empty)',
		},
		{
			displayName: 'Module (for Deep Link)',
			name: 'module',
			type: 'string',
			default: '',
			placeholder: 'e.g. Leads',
			description:
				"API name of the record's module, for the deepLink of the output when Zoho does not name the module in its answer",
		},
		concurrencyOption,
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['signal'], operation: ['send'] } },
	properties,
);

interface LinkAction extends IDataObject {
	type: 'link';
	open_in: string;
	display_name: string;
	url: string;
}

function readActions(fn: IExecuteFunctions, itemIndex: number): LinkAction[] {
	const node = fn.getNode();
	const raw = fn.getNodeParameter('actions', itemIndex, {}) as IDataObject;
	const links = Array.isArray(raw?.link) ? (raw.link as IDataObject[]) : [];
	if (links.length > ACTIONS_MAX)
		throw inputError(
			node,
			itemIndex,
			`"actions" has ${links.length} links; Zoho shows at most ${ACTIONS_MAX} on a signal`,
		);
	return links.map((link, index) => {
		const name = `actions[${index + 1}]`;
		const openIn = String(link.openIn ?? 'tab');
		if (openIn !== 'tab' && openIn !== 'popup')
			throw inputError(
				node,
				itemIndex,
				`"${name}.openIn" must be "tab" or "popup", got ${JSON.stringify(openIn.slice(0, 20))}`,
			);
		return {
			type: 'link',
			open_in: openIn,
			display_name: toCleanText(node, itemIndex, link.label, `${name}.label`, {
				maxLength: LABEL_MAX,
			}),
			url: toHttpUrl(node, itemIndex, link.url, `${name}.url`),
		};
	});
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
			const node = this.getNode();
			const app = this.getNodeParameter('app', itemIndex, 'crm') as string;
			if (app !== 'crm')
				throw inputError(
					node,
					itemIndex,
					`"app" must be "crm": custom signals are raised in Zoho CRM, got ${JSON.stringify(app)}`,
				);
			const options = readOptions(this, itemIndex);

			const namespace = toCleanText(
				node,
				itemIndex,
				this.getNodeParameter('signalNamespace', itemIndex, ''),
				'signalNamespace',
				{ maxLength: 200 },
			);
			if (!NAMESPACE.test(namespace)) {
				throw inputError(
					node,
					itemIndex,
					`"signalNamespace" must be a signal namespace like myapp.order_placed, got ${JSON.stringify(namespace.slice(0, 40))}`,
					'Pick the signal from the list; signals are defined in Zoho CRM under Setup > Channels > Signals.',
				);
			}
			const recordId = toOptionalZohoId(
				node,
				itemIndex,
				this.getNodeParameter('recordId', itemIndex, '', { extractValue: true }),
				'recordId',
			);
			const email = optionalEmail(node, itemIndex, options.email, 'email');
			if (recordId && email) {
				throw inputError(
					node,
					itemIndex,
					'Give either "recordId" or the record "email", not both',
					'Zoho raises a signal on one record, found either by its ID or by its email address.',
				);
			}
			if (!recordId && !email) {
				throw inputError(
					node,
					itemIndex,
					'"recordId" is required (or set the record "email" in the options)',
					'Zoho needs to know which record the signal is about.',
				);
			}
			const subject = toCleanText(
				node,
				itemIndex,
				this.getNodeParameter('subject', itemIndex, ''),
				'subject',
				{ maxLength: SUBJECT_MAX },
			);
			const messageText = toCleanText(
				node,
				itemIndex,
				this.getNodeParameter('message', itemIndex, ''),
				'message',
				{ maxLength: 100_000 },
			);
			const message = messageText.replace(/\r?\n/g, '~br~');
			if (message.length > MESSAGE_MAX) {
				throw inputError(
					node,
					itemIndex,
					`"message" is ${message.length} characters long (line breaks count as the 4 characters of ~br~); the limit is ${MESSAGE_MAX}`,
				);
			}
			const actions = readActions(this, itemIndex);
			const moduleText = toOptionalText(node, itemIndex, options.module, 'module', 100);
			const module =
				moduleText === undefined ? undefined : toModuleName(node, itemIndex, moduleText, 'module');

			const signal: IDataObject = { signal_namespace: namespace, subject, message };
			if (recordId) signal.id = recordId;
			else signal.email = email;
			if (actions.length) signal.actions = actions;

			const response = await session.request<IDataObject>({
				app: 'crm',
				method: 'POST',
				path: crmPath('v2', 'signals', 'notifications'),
				body: { signals: [signal] },
				itemIndex,
				perRecordKey: 'signals',
			});
			const body = response.body ?? {};
			const result =
				(Array.isArray(body.signals) ? (body.signals[0] as IDataObject | undefined) : body) ?? {};
			if (String(result.status ?? '').toLowerCase() === 'error' || response.statusCode >= 400) {
				throw recordError(node, 'crm', result, itemIndex, {
					subject: 'the signal',
					hint: `Check that the signal "${namespace}" is enabled and the record exists.`,
				});
			}
			const details = (result.details ?? {}) as IDataObject;
			const output: IDataObject = {
				code: result.code,
				status: result.status,
				message: result.message,
				details,
				signalNamespace: namespace,
			};
			// Zoho names the record it raised the signal on; the Module option is the fallback.
			const linkedId =
				recordId ??
				(typeof details.id === 'string' && ZOHO_ID.test(details.id) ? details.id : undefined);
			const linkedModule =
				typeof details.module === 'string' && MODULE_NAME.test(details.module)
					? details.module
					: module;
			if (linkedId) output.recordId = linkedId;
			if (email) output.email = email;
			if (linkedModule && linkedId)
				output.deepLink = (await crmLinker(session, linkedModule))(linkedId);
			return [output];
		},
		readConcurrency(this),
	);
}
