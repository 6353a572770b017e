import type { DeskEntity } from '../config/deskEntities';
import type { ModuleName, ZohoId } from '../config/ids';

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
	| '__timeline';

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
	| 'agents';

export type { DeskEntity } from '../config/deskEntities';

export function crmPath(version: 'v8' | 'v2', ...segments: CrmSegment[]): SafePath {
	return `/crm/${version}/${segments.join('/')}` as SafePath;
}

export function deskPath(...segments: DeskSegment[]): SafePath {
	return `/${segments.join('/')}` as SafePath;
}
