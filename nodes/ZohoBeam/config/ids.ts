/**
 * The one home of Zoho's ID and name rules. Runtime checks (helpers/validation.ts) and the
 * editor's regex validation (the descriptions) are both built from these sources, so the two
 * can never disagree. Zoho IDs are 18-19 digit numbers; 5 to 25 digits are accepted.
 */

/** Text checked to be a Zoho record ID: the only ID text `transport/paths.ts` accepts. */
export type ZohoId = string & { readonly __brand: 'ZohoId' };
/** Text checked to be a CRM module API name (Leads, Deals, Custom_Module1 …). */
export type ModuleName = string & { readonly __brand: 'ModuleName' };
/** A path under the CRM (`/crm/…`) or Desk (`/api/v1/…`) API base, checked by `toApiPath`. */
export type ApiPath = string & { readonly __brand: 'ApiPath' };

export const ZOHO_ID_SOURCE = '[0-9]{5,25}';
export const MODULE_NAME_SOURCE = '[A-Za-z][A-Za-z0-9_]{0,99}';
/** Desk organization IDs are shorter than record IDs (e.g. 60001234567). */
export const DESK_ORG_ID_SOURCE = '[0-9]{1,25}';
/** Local part, domain and top-level domain within the lengths email allows (RFC 5321). */
export const EMAIL_SOURCE = '[^\\s@]{1,64}@[^\\s@]{1,255}\\.[^\\s@]{1,63}';

/** A rule as the editor's `validation` regex or `extractValue` wants it: the whole value. */
export const wholeValue = (source: string): string => `^${source}$`;

export const ZOHO_ID = new RegExp(wholeValue(ZOHO_ID_SOURCE));
export const MODULE_NAME = new RegExp(wholeValue(MODULE_NAME_SOURCE));
export const DESK_ORG_ID = new RegExp(wholeValue(DESK_ORG_ID_SOURCE));
export const EMAIL = new RegExp(wholeValue(EMAIL_SOURCE));
