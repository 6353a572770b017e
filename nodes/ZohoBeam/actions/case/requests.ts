import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { deskLinker } from '../../helpers/links';
import { readDeskOrgOption } from '../../helpers/params';
import { inputError } from '../../helpers/validation';
import { resolveDeskOrgId } from '../../helpers/deskOrg';
import { deskList } from '../../transport/paging';
import { deskPath } from '../../transport/paths';
import type { ZohoSession } from '../../transport/session';

/** Desk calls the case operations share: the organization, department checks, deep links. */

/** The Desk organization for an item: the one shared resolver, with the node's option. */
export async function orgFor(
	fn: IExecuteFunctions,
	session: ZohoSession,
	itemIndex: number,
): Promise<string> {
	return await resolveDeskOrgId(session, readDeskOrgOption(fn, itemIndex), itemIndex);
}

/**
 * A department must belong to the organization the node works in. A value picked before the
 * Desk Organization option changed still names the old organization's department; Zoho would
 * answer with someone else's error or an empty list, so the node says what to fix instead.
 * The organization's departments are read once per execution.
 */
export async function assertDepartmentInOrg(
	fn: IExecuteFunctions,
	session: ZohoSession,
	orgId: string,
	departmentId: unknown,
	itemIndex: number,
): Promise<void> {
	if (departmentId === undefined || departmentId === null || departmentId === '') return;
	const known = await session.once(`desk-department-ids:${orgId}`, async () => {
		const departments = await deskList(session, {
			path: deskPath('departments'),
			limit: 1000,
			deskOrgId: orgId,
			itemIndex,
		});
		return new Set(departments.map((department) => String(department.id)));
	});
	if (!known.has(String(departmentId))) {
		throw inputError(
			fn.getNode(),
			itemIndex,
			`Department ${String(departmentId)} is not in the Desk organization ${orgId}`,
			'The department was picked for another organization: pick it again from the list after choosing the organization.',
		);
	}
}

/** Adds `deepLink` to every ticket (its own `webUrl`, else one built from the portal). */
export async function withDeepLinks(
	session: ZohoSession,
	orgId: string,
	tickets: IDataObject[],
): Promise<IDataObject[]> {
	const link = deskLinker(session, orgId, 'tickets');
	return await Promise.all(
		tickets.map(async (ticket) => ({ ...ticket, deepLink: await link(ticket) })),
	);
}
