import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ModuleName } from '../config/ids';
import { asNodeError } from './errors';
import { crmPath, deskPath } from './paths';
import type { ZohoSession } from './session';

/**
 * Metadata, fetched at most once per execution: the CRM org (for links), the module list (UI
 * names for links), module fields, and the Desk organizations. The org, modules and Desk
 * organizations and module fields are also kept per credential for five minutes across
 * executions (`session.cached`); a field added in Zoho shows up within five minutes.
 */

export interface CrmModule {
	api_name: string;
	module_name: string;
	singular_label?: string;
	plural_label?: string;
	generated_type?: string;
	api_supported?: boolean;
	[key: string]: unknown;
}

export interface CrmField {
	api_name: string;
	field_label?: string;
	display_label?: string;
	data_type: string;
	system_mandatory?: boolean;
	read_only?: boolean;
	custom_field?: boolean;
	pick_list_values?: Array<{ display_value: string; actual_value: string }>;
	[key: string]: unknown;
}

export interface DeskOrg {
	id: string;
	portalName?: string;
	companyName?: string;
	portalUrl?: string;
	isDefault: boolean;
}

export async function getCrmOrgDomain(session: ZohoSession): Promise<string | undefined> {
	return await session.cached('crm:org', async () => {
		try {
			const response = await session.request<{ org?: IDataObject[] }>({
				app: 'crm',
				method: 'GET',
				path: crmPath('v8', 'org'),
			});
			const org = response.body?.org?.[0];
			return typeof org?.domain_name === 'string' ? org.domain_name : undefined;
		} catch (error) {
			// Links are a convenience: without the org scope (or with Zoho failing), they fall
			// back to the form without the org segment instead of failing the operation.
			if (error instanceof NodeApiError) return undefined;
			throw asNodeError(session.node, error);
		}
	});
}

export async function getCrmModules(session: ZohoSession): Promise<CrmModule[]> {
	return await session.cached('crm:modules', async () => {
		const response = await session.request<{ modules?: CrmModule[] }>({
			app: 'crm',
			method: 'GET',
			path: crmPath('v8', 'settings', 'modules'),
		});
		return response.body?.modules ?? [];
	});
}

export async function getCrmFields(
	session: ZohoSession,
	module: ModuleName,
	itemIndex?: number,
): Promise<CrmField[]> {
	return await session.cached(`crm:fields:${module}`, async () => {
		const response = await session.request<{ fields?: CrmField[] }>({
			app: 'crm',
			method: 'GET',
			path: crmPath('v8', 'settings', 'fields'),
			qs: { module },
			itemIndex,
		});
		return response.body?.fields ?? [];
	});
}

/** The Desk organizations of the connected user, the default one first (cached per credential). */
export async function listDeskOrgs(session: ZohoSession, itemIndex?: number): Promise<DeskOrg[]> {
	return await session.cached('desk:orgs', async () => {
		const response = await session.request<{ data?: IDataObject[] }>({
			app: 'desk',
			method: 'GET',
			path: deskPath('organizations'),
			itemIndex,
		});
		const rows = response.body?.data ?? [];
		// The default organization first, so "discover" means "the default one, else the first".
		return rows
			.filter((row) => row.id !== undefined && row.id !== null)
			.sort((a, b) => Number(b.isDefault === true) - Number(a.isDefault === true))
			.map((row) => ({
				id: String(row.id),
				portalName: typeof row.portalName === 'string' ? row.portalName : undefined,
				companyName: typeof row.companyName === 'string' ? row.companyName : undefined,
				portalUrl: typeof row.portalURL === 'string' ? row.portalURL : undefined,
				isDefault: row.isDefault === true,
			}));
	});
}

/** The portal name of a Desk organization, for deep links when Zoho gives no `webUrl`. */
export async function getDeskPortalName(
	session: ZohoSession,
	orgId: string,
): Promise<string | undefined> {
	const orgs = await listDeskOrgs(session);
	return orgs.find((org) => org.id === orgId)?.portalName;
}

/** One entry of a module's related lists (`GET /settings/related_lists?module=`). */
export interface CrmRelatedList {
	api_name: string;
	display_label?: string;
	/** The module whose records the list holds; null for lists that are not records (e.g. emails). */
	module?: { api_name?: string; id?: string } | null;
	type?: string;
	[key: string]: unknown;
}

/**
 * The related lists of a CRM module (https://www.zoho.com/crm/developer/docs/api/v8/related-list-meta.html),
 * kept per credential like the other metadata.
 */
export async function getRelatedLists(
	session: ZohoSession,
	module: ModuleName,
	itemIndex?: number,
): Promise<CrmRelatedList[]> {
	return await session.cached(`crm:related_lists:${module}`, async () => {
		const response = await session.request<{ related_lists?: CrmRelatedList[] }>({
			app: 'crm',
			method: 'GET',
			path: crmPath('v8', 'settings', 'related_lists'),
			qs: { module },
			itemIndex,
		});
		return response.body?.related_lists ?? [];
	});
}
