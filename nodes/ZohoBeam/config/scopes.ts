/**
 * The OAuth scopes the credential asks for by default. Together they cover every operation
 * of the node; `SCOPE_AREAS` names them for errors ("reconnect to grant ...") and the README.
 * Only scopes seen working in public integrations are listed: one invalid scope makes Zoho
 * refuse the whole consent.
 */
export const DEFAULT_SCOPES: readonly string[] = [
	'ZohoCRM.modules.ALL',
	'ZohoCRM.settings.ALL',
	'ZohoCRM.org.READ',
	'ZohoCRM.users.READ',
	'ZohoCRM.coql.READ',
	'ZohoCRM.notifications.ALL',
	'ZohoCRM.signals.ALL',
	'Desk.tickets.ALL',
	'Desk.contacts.READ',
	'Desk.contacts.WRITE',
	'Desk.contacts.CREATE',
	'Desk.contacts.UPDATE',
	'Desk.tasks.ALL',
	'Desk.basic.READ',
	'Desk.basic.CREATE',
	'Desk.settings.ALL',
	'Desk.search.READ',
	// Desk webhooks (instant trigger); the scope of the Webhooks API in https://desk.zoho.com/DeskAPIDocument
	'Desk.events.ALL',
];

/** What an endpoint family needs, in words a user can act on. Keyed by path pattern. */
export const SCOPE_AREAS: ReadonlyArray<{ pattern: RegExp; scope: string; area: string }> = [
	{ pattern: /\/crm\/v\d+\/coql/, scope: 'ZohoCRM.coql.READ', area: 'CRM COQL queries' },
	{
		pattern: /\/crm\/v\d+\/settings\//,
		scope: 'ZohoCRM.settings.ALL',
		area: 'CRM metadata (modules, fields)',
	},
	{ pattern: /\/crm\/v\d+\/org/, scope: 'ZohoCRM.org.READ', area: 'CRM organization details' },
	{ pattern: /\/crm\/v\d+\/users/, scope: 'ZohoCRM.users.READ', area: 'CRM users' },
	{
		pattern: /\/crm\/v\d+\/actions\/watch/,
		scope: 'ZohoCRM.notifications.ALL',
		area: 'CRM notification channels',
	},
	{ pattern: /\/crm\/v\d+\/signals/, scope: 'ZohoCRM.signals.ALL', area: 'CRM signals' },
	{ pattern: /\/crm\/v\d+\//, scope: 'ZohoCRM.modules.ALL', area: 'CRM records' },
	{ pattern: /\/tickets\/search/, scope: 'Desk.search.READ', area: 'Desk search' },
	{ pattern: /\/(tickets|ticketsCount)/, scope: 'Desk.tickets.ALL', area: 'Desk tickets' },
	{
		pattern: /\/(contacts|accounts)/,
		scope: 'Desk.contacts.READ / WRITE',
		area: 'Desk contacts and accounts',
	},
	{ pattern: /\/tasks/, scope: 'Desk.tasks.ALL', area: 'Desk tasks' },
	{
		pattern: /\/uploads/,
		scope: 'Desk.basic.CREATE',
		area: 'Desk file uploads (reply attachments)',
	},
	{
		pattern: /\/(organizations|accessibleOrganizations)/,
		scope: 'Desk.basic.READ',
		area: 'Desk organizations',
	},
	{
		pattern: /\/(departments|agents)/,
		scope: 'Desk.settings.ALL',
		area: 'Desk departments and agents',
	},
	{ pattern: /\/webhooks/, scope: 'Desk.events.ALL', area: 'Desk webhooks' },
];

export function scopeAreaFor(path: string): { scope: string; area: string } | undefined {
	return SCOPE_AREAS.find((entry) => entry.pattern.test(path));
}

/**
 * The `scope` expression of the credential: the default set plus the user's comma-separated
 * `additionalScopes` (n8n drops a stored `scope` at connect time, so it is built, not typed).
 */
export function scopeExpression(): string {
	return (
		'={{ ' +
		JSON.stringify(DEFAULT_SCOPES) +
		'.concat(String($self["additionalScopes"] || "").split(",").map((scope) => scope.trim()).filter((scope) => scope.length > 0)).join(",") }}'
	);
}
