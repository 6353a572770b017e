import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { toModuleName } from '../helpers/validation';
import { getRelatedLists } from '../transport/metadata';
import { ZohoSession } from '../transport/session';
import { matchesFilter } from './matchesFilter';

/** Related lists of the selected module that hold records, from the module's related-lists metadata. */
export async function searchRelatedLists(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const module = toModuleName(
		this.getNode(),
		0,
		this.getNodeParameter('module', undefined, { extractValue: true }),
	);
	const session = await ZohoSession.open(this);
	const lists = await getRelatedLists(session, module);
	const results = lists
		.filter((list) => typeof list.module?.api_name === 'string')
		.filter((list) => matchesFilter(filter, list.api_name, list.display_label))
		.map((list) => ({
			name:
				list.display_label && list.display_label !== list.api_name
					? `${list.display_label} (${list.api_name})`
					: list.api_name,
			value: list.api_name,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
