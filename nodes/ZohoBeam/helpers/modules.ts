import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../transport/errors';
import { getCrmModules } from '../transport/metadata';
import type { ZohoSession } from '../transport/session';

/** CRM module names as the web UI and the API call them (Potentials ↔ Deals). */

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
