import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getCrmModules } from '../transport/metadata';
import { ZohoSession } from '../transport/session';
import { matchesFilter } from './matchesFilter';

/** CRM modules the API can work with, standard and custom, searchable by label or API name. */
export async function searchModules(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const session = await ZohoSession.open(this);
	const modules = await getCrmModules(session);
	const results = modules
		.filter((module) => module.api_supported !== false)
		.filter((module) =>
			matchesFilter(filter, module.api_name, module.plural_label, module.singular_label),
		)
		.map((module) => ({
			name:
				module.plural_label && module.plural_label !== module.api_name
					? `${module.plural_label} (${module.api_name})`
					: module.api_name,
			value: module.api_name,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

export * from './deskSearch';
export * from './relatedLists';
