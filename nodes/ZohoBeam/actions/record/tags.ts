import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { nodeOf, ParameterReader, readId, readModule } from '../../helpers/params';
import { describeValue, inputError, toCleanText } from '../../helpers/validation';
import { crmPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	moduleLocator,
	optionsCollection,
	recordIdLocator,
	requestOptions,
} from '../common.descriptions';
import { batchOptions, readBatchSettings, runCrmWrite } from './crmWrite';

/**
 * Adding and removing tags (POST /{module}/actions/add_tags | remove_tags,
 * https://www.zoho.com/crm/developer/docs/api/v8/add-tags.html and remove-tags.html):
 * batched across items through the CRM write batching, up to 100 records per request; items
 * with different tags (or overwrite settings) go in different requests.
 */

/** Tags per request: Zoho lets a record carry at most 10 tags (see test/emulator/RULES.md). */
export const MAX_TAGS = 10;
const MAX_TAG_LENGTH = 50;

export function tagProperties(action: 'add' | 'remove'): INodeProperties[] {
	return [
		appSelector(['crm']),
		moduleLocator,
		recordIdLocator(
			`ID of the record to ${action} tags ${action === 'add' ? 'to' : 'from'}, or the address of its page in Zoho`,
		),
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. VIP,Renewal 2026',
			description: `Comma-separated tag names to ${action} (at most ${MAX_TAGS})${action === 'add' ? '; tags that do not exist yet are created' : ''}`,
		},
	];
}

export function tagOptions(action: 'add' | 'remove'): INodeProperties {
	const overwrite: INodeProperties[] =
		action === 'add'
			? [
					{
						displayName: 'Replace Existing Tags',
						name: 'overwrite',
						type: 'boolean',
						default: false,
						description:
							"Whether the given tags replace the record's current tags instead of being added to them (Zoho's over_write)",
					},
				]
			: [];
	return optionsCollection([...batchOptions, ...overwrite, ...requestOptions]);
}

/** The tag names of an item: trimmed, without duplicates, checked. */
export function parseTags(fn: IExecuteFunctions, itemIndex: number, value: unknown): string[] {
	const node = nodeOf(fn);
	const text = toCleanText(
		node,
		itemIndex,
		Array.isArray(value) ? value.join(',') : value,
		'tags',
		{ maxLength: 2000 },
	);
	const tags = [
		...new Set(
			text
				.split(',')
				.map((tag) => tag.trim())
				.filter((tag) => tag !== ''),
		),
	];
	if (tags.length === 0)
		throw inputError(
			node,
			itemIndex,
			'"tags" gives no tag names',
			'Write tag names separated by commas, like VIP,Renewal 2026.',
		);
	if (tags.length > MAX_TAGS)
		throw inputError(
			node,
			itemIndex,
			`"tags" names ${tags.length} tags; at most ${MAX_TAGS} per record`,
		);
	const long = tags.find((tag) => tag.length > MAX_TAG_LENGTH);
	if (long)
		throw inputError(
			node,
			itemIndex,
			`"tags" has a tag longer than ${MAX_TAG_LENGTH} characters: ${describeValue(long)}`,
		);
	return tags;
}

export async function runTagWrite(
	fn: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
	action: 'add_tags' | 'remove_tags',
): Promise<INodeExecutionData[]> {
	const params = new ParameterReader(fn, items);
	return await runCrmWrite(fn, session, items, {
		...readBatchSettings(fn),
		prepare: (itemIndex) => {
			const module = readModule(fn, itemIndex, params);
			const id = readId(fn, itemIndex, 'recordId', params);
			const tags = parseTags(fn, itemIndex, params.get('tags', itemIndex, ''));
			const options = (params.get('options', itemIndex, {}) ?? {}) as { overwrite?: unknown };
			const overwrite = action === 'add_tags' && options.overwrite === true;
			return { module, record: { id }, batchKey: JSON.stringify([tags, overwrite]) };
		},
		request: (module, records, batchKey) => {
			const [tags, overwrite] = JSON.parse(batchKey ?? '[[],false]') as [string[], boolean];
			return {
				app: 'crm',
				method: 'POST',
				path: crmPath('v8', module, 'actions', action),
				body: {
					tags: tags.map((name) => ({ name })),
					ids: records.map((record) => record.id as string),
					...(action === 'add_tags' ? { over_write: overwrite } : {}),
				},
				idempotent: true,
			};
		},
	});
}
