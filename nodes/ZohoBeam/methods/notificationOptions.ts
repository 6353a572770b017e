import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { CrmModule } from '../transport/metadata';
import { getCrmModules } from '../transport/metadata';
import { crmPath } from '../transport/paths';
import { ZohoSession } from '../transport/session';

/**
 * Load options for notification channels (watchable modules and their events) and for custom
 * signals (the namespaces defined under Setup > Channels > Signals).
 */

/**
 * Standard modules Zoho's Notification API can watch, plus every custom module: the "Enable
 * Notifications" pages (https://www.zoho.com/crm/developer/docs/api/v8/notifications/enable.html,
 * and the v2.1 / v7 pages) list "Custom" among the supported modules.
 */
const WATCHABLE_MODULES: readonly string[] = [
	'Leads',
	'Accounts',
	'Contacts',
	'Deals',
	'Campaigns',
	'Tasks',
	'Cases',
	'Events',
	'Calls',
	'Solutions',
	'Products',
	'Vendors',
	'Price_Books',
	'Quotes',
	'Sales_Orders',
	'Purchase_Orders',
	'Invoices',
	'Appointments',
	'Services',
	'Notes',
];

const WATCH_ACTIONS = [
	{ value: 'create', label: 'Created' },
	{ value: 'edit', label: 'Updated' },
	{ value: 'delete', label: 'Deleted' },
	{ value: 'all', label: 'Any Change' },
] as const;

function isWatchable(module: CrmModule): boolean {
	return (
		module.api_supported !== false &&
		(module.generated_type === 'custom' || WATCHABLE_MODULES.includes(module.api_name))
	);
}

/** Events of every watchable module of the account: `Leads.create`, `Leads.edit` … */
export async function getNotificationEvents(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const session = await ZohoSession.open(this);
	const modules = (await getCrmModules(session)).filter(isWatchable);
	const label = (module: CrmModule) => module.plural_label ?? module.api_name;
	return modules
		.sort((a, b) => label(a).localeCompare(label(b)))
		.flatMap((module) =>
			WATCH_ACTIONS.map((action) => ({
				name: `${label(module)}: ${action.label}`,
				value: `${module.api_name}.${action.value}`,
				description:
					action.value === 'all'
						? `Any create, edit or delete of ${label(module).toLowerCase()}`
						: undefined,
			})),
		);
}

/** Custom signals defined in Zoho CRM, by namespace. */
export async function getSignalNamespaces(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const session = await ZohoSession.open(this);
	const response = await session.request<{ signals?: IDataObject[] }>({
		app: 'crm',
		method: 'GET',
		path: crmPath('v2', 'settings', 'signals'),
	});
	return (response.body?.signals ?? [])
		.filter((signal) => typeof signal.namespace === 'string' && signal.enabled !== false)
		.map((signal) => {
			const namespace = signal.namespace as string;
			const label =
				typeof signal.display_label === 'string' && signal.display_label
					? signal.display_label
					: namespace;
			return {
				name: label === namespace ? namespace : `${label} (${namespace})`,
				value: namespace,
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
