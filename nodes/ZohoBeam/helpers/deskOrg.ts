import { NodeOperationError } from 'n8n-workflow';

import { DESK_ORG_ID } from '../config/ids';
import { listDeskOrgs } from '../transport/metadata';
import type { ZohoSession } from '../transport/session';

/** Which Desk organization an operation works in: a business rule, above the transport. */

/**
 * The one Desk organization resolver: the node's own option, else the credential's
 * `deskOrgId`, else discovery (the default organization, else the first). Discovery happens at
 * most once per execution and is cached per credential for five minutes.
 */
export async function resolveDeskOrgId(
	session: ZohoSession,
	override?: string,
	itemIndex?: number,
): Promise<string> {
	const fromOption = (override ?? '').trim();
	const explicit = fromOption || session.connection.deskOrgId;
	if (explicit) {
		session.deskOrgSources.set(explicit, fromOption ? 'node option' : 'credential');
		if (!DESK_ORG_ID.test(explicit)) {
			const where = fromOption
				? '"deskOrgId" (node option)'
				: 'The credential field "Desk Organization ID"';
			throw new NodeOperationError(
				session.node,
				`${where} must be digits only, got "${explicit.slice(0, 40)}"`,
				{
					itemIndex,
					description:
						'Find it in Zoho Desk under Setup > Developer Space > API, or leave it empty to let the node find it.',
				},
			);
		}
		return explicit;
	}
	const orgs = await listDeskOrgs(session, itemIndex);
	if (orgs.length === 0) {
		throw new NodeOperationError(
			session.node,
			'The connected Zoho account has no Zoho Desk organization',
			{
				itemIndex,
				description:
					'Sign up for Zoho Desk with this Zoho account, or connect the credential with a user who belongs to a Desk organization.',
			},
		);
	}
	session.deskOrgSources.set(orgs[0].id, 'discovery');
	return orgs[0].id;
}
