import type { DeskEntity } from '../config/deskEntities';
import type { ApiPath, ModuleName, ZohoId } from '../config/ids';

/**
 * URL paths are built only here, from constant segments and from values that passed the
 * validators (branded `ZohoId` / `ModuleName`). A `SafePath` cannot be made from raw text.
 */
export type SafePath = string & { readonly __brand: 'SafePath' };

type CrmSegment =
	| ModuleName
	| ZohoId
	| 'actions'
	| 'count'
	| 'search'
	| 'upsert'
	| 'coql'
	| 'org'
	| 'settings'
	| 'modules'
	| 'fields'
	| 'users'
	| 'watch'
	| 'signals'
	| 'notifications'
	| '__timeline'
	| 'related_lists'
	| 'convert'
	| 'add_tags'
	| 'remove_tags'
	| 'deleted'
	| 'Attachments'
	| 'Notes';

type DeskSegment =
	| ZohoId
	| DeskEntity
	| 'organizations'
	| 'search'
	| 'moveToTrash'
	| 'ticketsCount'
	| 'ticketsCountByFieldValues'
	| 'History'
	| 'conversations'
	| 'departments'
	| 'agents'
	| 'threads'
	| 'comments'
	| 'attachments'
	| 'content'
	| 'sendReply'
	| 'uploads'
	| 'webhooks';

export type { DeskEntity } from '../config/deskEntities';

export function crmPath(version: 'v8' | 'v2', ...segments: CrmSegment[]): SafePath {
	return `/crm/${version}/${segments.join('/')}` as SafePath;
}

export function deskPath(...segments: DeskSegment[]): SafePath {
	return `/${segments.join('/')}` as SafePath;
}

/**
 * The path of an API call (checked by `toApiPath`), relative to the base `session.request`
 * puts in front: the CRM base is the API domain, the Desk base already ends in `/api/v1`.
 */
export function apiCallPath(app: 'crm' | 'desk', path: ApiPath): SafePath {
	return (app === 'desk' ? path.slice('/api/v1'.length) : path) as SafePath;
}
