import type { IDataObject } from 'n8n-workflow';

import type { DeskEntity } from '../config/deskEntities';
import { DESK_ENTITIES } from '../config/deskEntities';
import { getUiModuleName } from './modules';
import { getCrmOrgDomain, getDeskPortalName } from '../transport/metadata';
import type { ZohoSession } from '../transport/session';

/**
 * The one link builder. Deep links open the object in Zoho's web UI:
 * CRM  `https://crm.zoho.<tld>/crm/<org domain_name>/tab/<UI module>/<id>` (without the org
 *      segment when the org is unknown, which Zoho also resolves for single-org users);
 * Desk the object's own `webUrl`, else `https://desk.zoho.<tld>/support/<portal>/ShowHomePage.do#<Tab>/dv/<id>`.
 */

export function crmRecordUrl(
	webUrl: string,
	orgDomain: string | undefined,
	uiModule: string,
	id: string,
): string {
	const org = orgDomain ? `/${encodeURIComponent(orgDomain)}` : '';
	return `${webUrl}/crm${org}/tab/${encodeURIComponent(uiModule)}/${encodeURIComponent(id)}`;
}

export function deskRecordUrl(
	webUrl: string,
	portal: string,
	entity: DeskEntity,
	id: string,
): string {
	return `${webUrl}/support/${encodeURIComponent(portal)}/ShowHomePage.do#${DESK_ENTITIES[entity].webTab}/dv/${encodeURIComponent(id)}`;
}

export type CrmLinker = (id: unknown) => string | undefined;
export type DeskLinker = (record: IDataObject) => Promise<string | undefined>;

/** Resolves the org and the UI module name once, then builds links synchronously. */
export async function crmLinker(session: ZohoSession, module: string): Promise<CrmLinker> {
	const [orgDomain, uiModule] = await Promise.all([
		getCrmOrgDomain(session),
		getUiModuleName(session, module),
	]);
	return (id) =>
		typeof id === 'string' || typeof id === 'number'
			? crmRecordUrl(session.connection.crmWebUrl, orgDomain, uiModule, String(id))
			: undefined;
}

/**
 * Starts resolving the link metadata now, so it overlaps with a list's page requests instead of
 * adding a round trip after them; await the promise when the links are needed.
 */
export function prefetchCrmLinker(session: ZohoSession, module: string): Promise<CrmLinker> {
	const pending = crmLinker(session, module);
	// Whoever awaits it sees a failure; this only keeps an early failure from going unhandled.
	pending.catch(() => undefined);
	return pending;
}

/** Uses the record's own `webUrl`; only builds one (and looks up the portal) when it is missing. */
export function deskLinker(session: ZohoSession, orgId: string, entity: DeskEntity): DeskLinker {
	return async (record) => {
		if (typeof record.webUrl === 'string' && /^https?:\/\//.test(record.webUrl))
			return record.webUrl;
		if (record.id === undefined || record.id === null) return undefined;
		const portal = await getDeskPortalName(session, orgId);
		return portal
			? deskRecordUrl(session.connection.deskWebUrl, portal, entity, String(record.id))
			: undefined;
	};
}

/**
 * `id` and `deepLink` first, then the rest in Zoho's order: the table view shows the columns
 * in key order, and a record has dozens of fields. Applied to every output item in one place
 * (actions/router.ts); items without either key are returned as they are.
 */
export function idAndLinkFirst(json: IDataObject): IDataObject {
	const hasId = 'id' in json;
	const hasLink = 'deepLink' in json;
	if (!hasId && !hasLink) return json;
	const keys = Object.keys(json);
	const inOrder = hasId
		? keys[0] === 'id' && (!hasLink || keys[1] === 'deepLink')
		: keys[0] === 'deepLink';
	if (inOrder) return json;
	// One copy, keys in the new order (items can be many and wide: no intermediate objects).
	const out: IDataObject = {};
	if (hasId) out.id = json.id;
	if (hasLink) out.deepLink = json.deepLink;
	for (const key of keys) if (key !== 'id' && key !== 'deepLink') out[key] = json[key];
	return out;
}
