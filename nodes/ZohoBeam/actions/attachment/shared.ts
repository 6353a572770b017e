import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LimitCheck } from '../../helpers/binary';
import { crmLinker } from '../../helpers/links';
import { readId, readModule, toApiModule } from '../../helpers/params';
import type { ModuleName, ZohoId } from '../../helpers/validation';
import type { SafePath } from '../../transport/paths';
import { crmPath, deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import { appSelector, crmModuleLocator, recordIdLocator } from '../common.descriptions';
import { orgFor, readTicketId, ticketIdLocator } from '../case/shared';
import { ticketLink } from '../conversation/shared';

/**
 * Zoho's size limits, checked before a file is sent.
 * CRM: "Maximum request body size: 100MB" for Upload an Attachment (Zoho's CRM v8 OpenAPI file
 * attachments.json, github.com/zoho/crm-oas; https://www.zoho.com/crm/developer/docs/api/v8/upload-attachment.html).
 * Desk: the API reference gives no number; 20 MB is the per-file limit of Zoho Desk ticket
 * attachments in Zoho's help (unverified against the live API, see test/emulator/RULES.md).
 */
export const CRM_ATTACHMENT_LIMIT: LimitCheck = {
	maxBytes: 100 * 1024 * 1024,
	what: 'a Zoho CRM attachment',
};
export const DESK_ATTACHMENT_LIMIT: LimitCheck = {
	maxBytes: 20 * 1024 * 1024,
	what: 'a Zoho Desk ticket attachment',
};

/** Fields asked for when listing CRM attachments (v8 wants an explicit list). */
export const CRM_ATTACHMENT_FIELDS =
	'id,File_Name,Size,Created_Time,Modified_Time,Owner,Created_By,Parent_Id,$file_id,$type,$link_url';

export const binaryPropertyParameter = (
	displayName: string,
	description: string,
): INodeProperties => ({
	displayName,
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	placeholder: 'e.g. data',
	description,
});

export const attachmentIdParameter: INodeProperties = {
	displayName: 'Attachment ID',
	name: 'attachmentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5725767000000512001',
	description: 'ID of the attachment (from Get Many or Upload)',
};

/** Where the files live: a record of a CRM module, or a Desk ticket. */
export function targetParameters(): INodeProperties[] {
	return [
		appSelector(['crm', 'desk']),
		crmModuleLocator('The CRM module of the record'),
		{
			...recordIdLocator('The CRM record the files belong to'),
			displayOptions: { show: { app: ['crm'] } },
		},
		{ ...ticketIdLocator, displayOptions: { show: { app: ['desk'] } } },
	];
}

export type Target =
	| { app: 'crm'; module: ModuleName; recordId: ZohoId }
	| { app: 'desk'; ticketId: ZohoId };

/** Reads and checks the target; no request yet. */
export function readTarget(fn: IExecuteFunctions, itemIndex: number): Target {
	const app = fn.getNodeParameter('app', itemIndex, 'crm');
	if (app === 'desk') return { app, ticketId: readTicketId(fn, itemIndex) };
	return {
		app: 'crm',
		module: readModule(fn, itemIndex),
		recordId: readId(fn, itemIndex, 'recordId'),
	};
}

/** A checked target with what requests need: the API module name, or the Desk organization. */
export type ResolvedTarget =
	| {
			app: 'crm';
			module: ModuleName;
			recordId: ZohoId;
			base: SafePath;
			deepLink: string | undefined;
	  }
	| { app: 'desk'; ticketId: ZohoId; orgId: string; base: SafePath; deepLink: string | undefined };

export async function resolveTarget(
	fn: IExecuteFunctions,
	session: ZohoSession,
	itemIndex: number,
	target: Target,
): Promise<ResolvedTarget> {
	if (target.app === 'desk') {
		const orgId = await orgFor(fn, session, itemIndex);
		return {
			...target,
			orgId,
			base: deskPath('tickets', target.ticketId, 'attachments'),
			deepLink: await ticketLink(session, orgId, target.ticketId),
		};
	}
	const module = await toApiModule(fn, session, target.module, itemIndex);
	const link = await crmLinker(session, module);
	return {
		...target,
		module,
		base: crmPath('v8', module, target.recordId, 'Attachments'),
		deepLink: link(target.recordId),
	};
}

/** An attachment as an output item: `id` and `deepLink` (its record or ticket) first. */
export function attachmentItem(target: ResolvedTarget, entry: IDataObject): IDataObject {
	const { id, ...rest } = entry;
	const owner =
		target.app === 'crm'
			? { module: target.module, recordId: target.recordId }
			: { ticketId: target.ticketId };
	return { id, deepLink: target.deepLink, app: target.app, ...owner, ...rest };
}
