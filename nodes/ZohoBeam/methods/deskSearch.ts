import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { DESK_ORG_ID } from '../config/ids';
import { resolveDeskOrgId } from '../helpers/deskOrg';
import { listDeskOrgs } from '../transport/metadata';
import { deskList } from '../transport/paging';
import { deskPath } from '../transport/paths';
import { ZohoSession } from '../transport/session';
import { matchesFilter } from './matchesFilter';

/**
 * Desk list searches for the resource locators: tickets, departments, organizations and
 * agents of the organization the node works in (its option, the credential's, else the
 * default one found by the shared resolver).
 */

const PAGE_SIZE = 50;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The organization chosen in the node's Options, if any (a locator or a plain ID). */
function orgOption(fn: ILoadOptionsFunctions): string | undefined {
	let options: unknown;
	try {
		options = fn.getCurrentNodeParameter('options');
	} catch {
		return undefined;
	}
	const value =
		options && typeof options === 'object' ? (options as IDataObject).deskOrgId : undefined;
	const raw =
		value && typeof value === 'object' && 'value' in (value as IDataObject)
			? (value as IDataObject).value
			: value;
	if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
	const id = String(raw).trim();
	// An expression cannot be evaluated here: fall back to the credential / discovery.
	return DESK_ORG_ID.test(id) ? id : undefined;
}

async function deskSession(
	fn: ILoadOptionsFunctions,
): Promise<{ session: ZohoSession; orgId: string }> {
	const session = await ZohoSession.open(fn);
	const orgId = await resolveDeskOrgId(session, orgOption(fn));
	return { session, orgId };
}

function startFrom(paginationToken?: string): number {
	const from = Number(paginationToken ?? 0);
	return Number.isSafeInteger(from) && from >= 0 ? from : 0;
}

/**
 * "#5300 Cancel subscription": the number once. Subjects of mailed tickets often carry the
 * number already ("(#5300)", "[#5300]", "[## 5300 ##]"), which the label then drops.
 */
function ticketLabel(row: IDataObject): string {
	const number = String(row.ticketNumber ?? row.id);
	const escaped = number.replace(/[^0-9A-Za-z]/g, '');
	const repeated = new RegExp(`\\s*[([]\\s*#+\\s*${escaped}\\s*#*\\s*[)\\]]`, 'g');
	const subject = (text(row.subject) ?? '').replace(repeated, '').trim();
	return subject ? `#${number} ${subject}` : `#${number}`;
}

/** Tickets, newest first; with a filter, Zoho's ticket search over all fields. */
export async function searchTickets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { session, orgId } = await deskSession(this);
	const from = startFrom(paginationToken);
	const needle = (filter ?? '')
		.replace(/[\u0000-\u001F\u007F]/g, '')
		.trim()
		.slice(0, 200);
	const response = await session.request<{ data?: IDataObject[] }>({
		app: 'desk',
		method: 'GET',
		path: needle ? deskPath('tickets', 'search') : deskPath('tickets'),
		qs: needle
			? {
					_all: needle.endsWith('*') ? needle : `${needle}*`,
					sortBy: '-modifiedTime',
					from,
					limit: PAGE_SIZE,
				}
			: { sortBy: '-createdTime', from, limit: PAGE_SIZE },
		deskOrgId: orgId,
	});
	const rows = response.body?.data ?? [];
	const results: INodeListSearchItems[] = rows
		.filter((row) => row.id !== undefined && row.id !== null)
		.map((row) => ({
			name: ticketLabel(row),
			value: String(row.id),
			url: text(row.webUrl),
		}));
	return {
		results,
		paginationToken: rows.length === PAGE_SIZE ? String(from + PAGE_SIZE) : undefined,
	};
}

/** Departments of the organization, searchable by name. */
export async function searchDepartments(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { session, orgId } = await deskSession(this);
	const departments = await deskList(session, {
		path: deskPath('departments'),
		limit: 1000,
		deskOrgId: orgId,
	});
	const results = departments
		.filter(
			(department) =>
				department.id !== undefined && department.id !== null && department.isEnabled !== false,
		)
		.filter((department) => matchesFilter(filter, text(department.name), String(department.id)))
		.map((department) => ({
			name: text(department.name) ?? String(department.id),
			value: String(department.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Every Desk organization the connected user belongs to (the default one first). */
export async function searchDeskOrganizations(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const session = await ZohoSession.open(this);
	const results = (await listDeskOrgs(session))
		.filter((org) => matchesFilter(filter, org.companyName, org.portalName, org.id))
		.map((org) => {
			const label = org.companyName ?? org.portalName ?? org.id;
			const portal = org.portalName;
			return {
				name: `${label}${portal && portal !== label ? ` (${portal})` : ''}${org.isDefault ? ' – default' : ''}`,
				value: org.id,
				url: org.portalUrl,
			};
		});
	return { results };
}

/** Active agents of the organization, after an "Unassigned" entry for tickets nobody owns. */
export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { session, orgId } = await deskSession(this);
	const from = startFrom(paginationToken);
	const response = await session.request<{ data?: IDataObject[] }>({
		app: 'desk',
		method: 'GET',
		path: deskPath('agents'),
		qs: { status: 'ACTIVE', from, limit: 100 },
		deskOrgId: orgId,
	});
	const rows = response.body?.data ?? [];
	const agents = rows
		.filter((agent) => agent.id !== undefined && agent.id !== null)
		.filter((agent) =>
			matchesFilter(
				filter,
				text(agent.name),
				text(agent.emailId),
				text(agent.firstName),
				text(agent.lastName),
			),
		)
		.map((agent) => {
			const name =
				text(agent.name) ?? [text(agent.firstName), text(agent.lastName)].filter(Boolean).join(' ');
			const email = text(agent.emailId);
			return {
				name: `${name || String(agent.id)}${email ? ` (${email})` : ''}`,
				value: String(agent.id),
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
	const unassigned =
		from === 0 && matchesFilter(filter, 'Unassigned')
			? [{ name: 'Unassigned', value: 'Unassigned' }]
			: [];
	return {
		results: [...unassigned, ...agents],
		paginationToken: rows.length === 100 ? String(from + 100) : undefined,
	};
}
