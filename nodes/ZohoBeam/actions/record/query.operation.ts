import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readConcurrency, readLimit } from '../../helpers/params';
import { runPerItem } from '../../helpers/items';
import { prefetchCrmLinker } from '../../helpers/links';
import { inputError, toCleanText } from '../../helpers/validation';
import { coqlList, coqlQuery } from '../../transport/paging';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	concurrencyOption,
	optionsCollection,
	requestOptions,
	returnAllAndLimit,
} from '../common.descriptions';

const properties: INodeProperties[] = [
	appSelector(['crm']),
	{
		displayName: 'COQL Query',
		name: 'coql',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder:
			"select Last_Name, Email from Leads where Lead_Status = 'Contacted' order by Modified_Time desc",
		description:
			'A COQL SELECT statement (up to 50 fields). Leave out LIMIT to let the node page through the results; with your own LIMIT the query runs once as written.',
	},
	...returnAllAndLimit,
	optionsCollection([concurrencyOption, ...requestOptions]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['record'], operation: ['query'] } },
	properties,
);

const SELECT = /^\s*select\s+[\s\S]+?\s+from\s+([A-Za-z][A-Za-z0-9_]*)(?=\s|$)/i;
const HAS_LIMIT = /\blimit\s+\d+(\s*,\s*\d+)?(\s+offset\s+\d+)?\s*$/i;
const EXAMPLE = "Example: select Last_Name, Email from Leads where Lead_Status = 'Contacted'";

/**
 * The query with every string literal ('…', backslash escapes inside) replaced by '', so
 * checks only look at the statement itself: a ";" or "--" inside a value is data. Undefined
 * when a literal is not closed.
 */
function withoutLiterals(query: string): string | undefined {
	let out = '';
	for (let index = 0; index < query.length; index++) {
		if (query[index] !== "'") {
			out += query[index];
			continue;
		}
		let end = index + 1;
		while (end < query.length && query[end] !== "'") end += query[end] === '\\' ? 2 : 1;
		if (end >= query.length) return undefined;
		out += "''";
		index = end;
	}
	return out;
}

/**
 * A single COQL SELECT statement: refuses other statements, several statements, comments and
 * unclosed quotes (outside string literals, which are the user's data and sent as written).
 */
function checkQuery(
	fn: IExecuteFunctions,
	itemIndex: number,
): { query: string; module: string; paged: boolean } {
	const node = fn.getNode();
	const query = toCleanText(node, itemIndex, fn.getNodeParameter('coql', itemIndex), 'coql', {
		maxLength: 10_000,
	}).replace(/;\s*$/, '');
	const statement = withoutLiterals(query);
	if (statement === undefined) {
		throw inputError(
			node,
			itemIndex,
			'"coql" has a string literal that is not closed',
			`Close every '…' value with a quote, and write a quote inside a value as \\'. ${EXAMPLE}`,
		);
	}
	const match = SELECT.exec(statement);
	if (!match) {
		throw inputError(
			node,
			itemIndex,
			'"coql" must be a SELECT query: select <fields> from <Module> [where …]',
			`COQL only reads records. ${EXAMPLE}`,
		);
	}
	if (statement.includes(';'))
		throw inputError(
			node,
			itemIndex,
			'"coql" must be a single query (no ";" outside quoted values)',
			EXAMPLE,
		);
	if (/--|\/\*|\*\//.test(statement)) {
		throw inputError(
			node,
			itemIndex,
			'"coql" must not contain comments (-- or /* */ outside quoted values)',
			'COQL has no comments; remove them.',
		);
	}
	return { query, module: match[1], paged: !HAS_LIMIT.test(statement) };
}

export async function execute(
	this: IExecuteFunctions,
	session: ZohoSession,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const concurrency = readConcurrency(this);
	return await runPerItem(this, items, async (itemIndex) => {
		const { query, module, paged } = checkQuery(this, itemIndex);
		const limit = readLimit(this, itemIndex);
		const linker = prefetchCrmLinker(session, module);
		const rows = paged
			? await coqlList(session, { query, limit, itemIndex, concurrency })
			: await coqlQuery(session, query, itemIndex);
		const link = await linker;
		return rows
			.slice(0, limit ?? rows.length)
			.map((row) => ({ ...row, deepLink: row.id ? link(row.id) : undefined }));
	});
}
