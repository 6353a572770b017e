import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DESK_ORG_ID } from '../config/ids';
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

export async function getCrmFields(session: ZohoSession, module: ModuleName, itemIndex?: number): Promise<CrmField[]> {
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

/**
 * The API name of a module named the way the web UI names it in addresses (Potentials →
 * Deals). API names come back unchanged; an unknown name too, for Zoho to refuse.
 */
export async function getApiModuleName(session: ZohoSession, name: string): Promise<string> {
	const modules = await getCrmModules(session);
	if (modules.some((entry) => entry.api_name === name)) return name;
	return modules.find((entry) => entry.module_name === name)?.api_name ?? name;
}

/** The name the CRM web UI uses for a module in URLs (Deals → Potentials). */
export async function getUiModuleName(session: ZohoSession, module: string): Promise<string> {
	try {
		const modules = await getCrmModules(session);
		return modules.find((entry) => entry.api_name === module)?.module_name ?? module;
	} catch (error) {
		// As for the org: a link with the API name beats no result at all.
		if (error instanceof NodeApiError) return module;
		throw asNodeError(session.node, error);
	}
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

/**
 * The one Desk organization resolver: the node's own option, else the credential's
 * `deskOrgId`, else discovery (the default organization, else the first). Discovery happens at
 * most once per execution and is cached per credential for five minutes.
 */
export async function resolveDeskOrgId(session: ZohoSession, override?: string, itemIndex?: number): Promise<string> {
	const fromOption = (override ?? '').trim();
	const explicit = fromOption || session.connection.deskOrgId;
	if (explicit) {
		session.deskOrgSources.set(explicit, fromOption ? 'node option' : 'credential');
		if (!DESK_ORG_ID.test(explicit)) {
			const where = fromOption ? '"deskOrgId" (node option)' : 'The credential field "Desk Organization ID"';
			throw new NodeOperationError(session.node, `${where} must be digits only, got "${explicit.slice(0, 40)}"`, {
				itemIndex,
				description: 'Find it in Zoho Desk under Setup > Developer Space > API, or leave it empty to let the node find it.',
			});
		}
		return explicit;
	}
	const orgs = await listDeskOrgs(session, itemIndex);
	if (orgs.length === 0) {
		throw new NodeOperationError(session.node, 'The connected Zoho account has no Zoho Desk organization', {
			itemIndex,
			description: 'Sign up for Zoho Desk with this Zoho account, or connect the credential with a user who belongs to a Desk organization.',
		});
	}
	session.deskOrgSources.set(orgs[0].id, 'discovery');
	return orgs[0].id;
}

/** The portal name of a Desk organization, for deep links when Zoho gives no `webUrl`. */
export async function getDeskPortalName(session: ZohoSession, orgId: string): Promise<string | undefined> {
	const orgs = await listDeskOrgs(session);
	return orgs.find((org) => org.id === orgId)?.portalName;
}
