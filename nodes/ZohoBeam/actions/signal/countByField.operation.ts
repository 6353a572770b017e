import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/items';
import { readConcurrency, readDeskOrgOption, readOptions } from '../../helpers/params';
import { inputError, someOf, toOptionalZohoId } from '../../helpers/validation';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';
import {
	appSelector,
	concurrencyOption,
	deskOrgOption,
	optionsCollection,
	requestOptions,
} from '../common.descriptions';
import { compactQuery, ticketAssigneeOption, ticketDepartmentOption, toCount } from './shared';

const COUNT_FIELDS = [
	'statusType',
	'status',
	'priority',
	'channel',
	'spam',
	'overDue',
	'escalated',
] as const;
type CountField = (typeof COUNT_FIELDS)[number];

const properties: INodeProperties[] = [
	appSelector(['desk'], 'desk'),
	{
		displayName: 'Group By',
		name: 'fields',
		type: 'multiOptions',
		default: [...COUNT_FIELDS],
		required: true,
		options: [
			{ name: 'Channel', value: 'channel', description: 'Email, Phone, Web, Chat …' },
			{ name: 'Escalated', value: 'escalated', description: 'Escalated or not' },
			{ name: 'Overdue', value: 'overDue', description: 'Past the due date or not' },
			{ name: 'Priority', value: 'priority' },
			{ name: 'Spam', value: 'spam', description: 'Marked as spam or not' },
			{
				name: 'Status',
				value: 'status',
				description: 'Each status of the help desk (Open, On Hold, Escalated, Closed …)',
			},
			{
				name: 'Status Type',
				value: 'statusType',
				description: 'The status category: Open, On Hold or Closed',
			},
		],
		description: 'The ticket fields to count by; each gets the number of tickets per value',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		default: 'summary',
		options: [
			{
				name: 'One Item',
				value: 'summary',
				description:
					'A single item { app, module, counts: { status: { Open: 13, … }, … }, total }, so the next node maps counts.status.Open directly. Total is the sum of the status type counts, when requested.',
			},
			{
				name: 'One Item per Field',
				value: 'perField',
				description: 'One item per field { app, module, field, counts: { Open: 13, … }, total }',
			},
			{
				name: 'One Item per Value',
				value: 'perValue',
				description:
					'One item per field and value { app, module, field, value, count }, ready for a spreadsheet or a chart',
			},
		],
		description: 'How to shape the counts. Counts are numbers (Zoho sends them as text).',
	},
	optionsCollection([
		ticketAssigneeOption,
		ticketDepartmentOption,
		deskOrgOption,
		concurrencyOption,
		...requestOptions,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['signal'], operation: ['countByField'] } },
	properties,
);

function readFields(fn: IExecuteFunctions, itemIndex: number): CountField[] {
	const raw = fn.getNodeParameter('fields', itemIndex, [...COUNT_FIELDS]) as unknown;
	const list = someOf(fn.getNode(), itemIndex, raw, 'fields', COUNT_FIELDS);
	if (list.length === 0)
		throw inputError(fn.getNode(), itemIndex, '"fields" needs at least one field to count by');
	return list;
}

/** `[{ value: 'Open', count: '13' }, …]` → `{ Open: 13, … }`. */
function toCountMap(rows: unknown): IDataObject {
	const counts: IDataObject = {};
	if (!Array.isArray(rows)) return counts;
	for (const row of rows as IDataObject[]) {
		if (!row || typeof row !== 'object') continue;
		const key = String(row.value ?? row.name ?? '');
		if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
		counts[key] = toCount(row.count);
	}
	return counts;
}

const sum = (counts: IDataObject) =>
	Object.values(counts).reduce<number>((total, count) => total + (count as number), 0);

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
			const app = this.getNodeParameter('app', itemIndex, 'desk') as string;
			if (app !== 'desk')
				throw inputError(
					node,
					itemIndex,
					`"app" must be "desk": Count by Field counts Zoho Desk tickets, got ${JSON.stringify(app)}`,
				);
			const fields = readFields(this, itemIndex);
			const output = this.getNodeParameter('output', itemIndex, 'summary') as string;
			const options = readOptions(this, itemIndex);
			const qs = compactQuery({
				field: fields.join(','),
				departmentId: toOptionalZohoId(node, itemIndex, options.departmentId, 'departmentId'),
				assigneeId: toOptionalZohoId(node, itemIndex, options.assigneeId, 'assigneeId'),
			});
			const orgId = await resolveDeskOrgId(session, readDeskOrgOption(this, itemIndex), itemIndex);
			const response = await session.request<IDataObject>({
				app: 'desk',
				method: 'GET',
				path: deskPath('ticketsCountByFieldValues'),
				qs,
				itemIndex,
				deskOrgId: orgId,
			});
			const body = response.body ?? {};
			const counts: Record<string, IDataObject> = {};
			for (const field of fields) counts[field] = toCountMap(body[field]);

			if (output === 'perValue') {
				return fields.flatMap((field) =>
					Object.entries(counts[field]).map(([value, count]) => ({
						app: 'desk',
						module: 'tickets',
						field,
						value,
						count,
					})),
				);
			}
			if (output === 'perField') {
				return fields.map((field) => ({
					app: 'desk',
					module: 'tickets',
					field,
					counts: counts[field],
					total: sum(counts[field]),
				}));
			}
			const summary: IDataObject = { app: 'desk', module: 'tickets', counts };
			if (fields.includes('statusType')) summary.total = sum(counts.statusType);
			return [summary];
		},
		readConcurrency(this),
	);
}
