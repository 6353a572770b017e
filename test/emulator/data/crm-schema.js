'use strict';
/**
 * Zoho CRM metadata of the emulated org: modules, their fields, custom views, users.
 * Field `data_type` values follow Zoho's names.
 */

/** @typedef {'text'|'textarea'|'email'|'phone'|'website'|'picklist'|'date'|'datetime'|'integer'|'double'|'currency'|'boolean'|'lookup'|'ownerlookup'} DataType */

/**
 * @typedef {object} FieldDef
 * @property {string} api_name
 * @property {string} label
 * @property {DataType} data_type
 * @property {number} length
 * @property {boolean} read_only
 * @property {boolean} mandatory
 * @property {boolean} custom
 * @property {string[]|null} pick_list
 * @property {string|null} lookup_module API name of the looked-up module ('users' for owner lookups)
 */

/**
 * @typedef {object} ModuleDef
 * @property {string} api_name
 * @property {string} module_name UI name used in web links (Deals → Potentials)
 * @property {string} singular_label
 * @property {string} plural_label
 * @property {'default'|'custom'} generated_type
 * @property {number} code digit embedded in record IDs
 * @property {number} count seeded record count
 * @property {string} nameField field used as the record's display name
 * @property {string[]} duplicateCheck default upsert duplicate_check_fields
 * @property {boolean} watchable supported by the Notification (watch) API in this emulator
 * @property {FieldDef[]} fields
 * @property {Map<string, FieldDef>} fieldMap
 * @property {string} id
 */

const ID_PREFIX = '572576700';
/** @param {number} code @param {number} seq */
const crmId = (code, seq) => `${ID_PREFIX}${code}${String(412001 + seq).padStart(9, '0')}`;
const META_CODE = 7;
const USER_CODE = 6;
const TIMELINE_CODE = 8;

const labelOf = (api) => api.replace(/_/g, ' ');

/**
 * @param {string} api_name @param {DataType} data_type
 * @param {{label?: string, length?: number, ro?: boolean, mandatory?: boolean, custom?: boolean, pick?: string[], lookup?: string}} [o]
 * @returns {FieldDef}
 */
function field(api_name, data_type, o = {}) {
	const defaultLength =
		{ text: 255, textarea: 32000, email: 100, phone: 30, website: 255, picklist: 120 }[data_type] ??
		20;
	return {
		api_name,
		label: o.label ?? labelOf(api_name),
		data_type,
		length: o.length ?? defaultLength,
		read_only: Boolean(o.ro),
		mandatory: Boolean(o.mandatory),
		custom: Boolean(o.custom),
		pick_list: o.pick ?? null,
		lookup_module: o.lookup ?? (data_type === 'ownerlookup' ? 'users' : null),
	};
}

const SYSTEM_FIELDS = () => [
	field('Owner', 'ownerlookup', { label: 'Record Owner' }),
	field('Created_By', 'ownerlookup', { ro: true }),
	field('Modified_By', 'ownerlookup', { ro: true }),
	field('Created_Time', 'datetime', { ro: true }),
	field('Modified_Time', 'datetime', { ro: true }),
	field('Last_Activity_Time', 'datetime', { ro: true }),
];

const INDUSTRIES = [
	'ASP (Application Service Provider)',
	'Data/Telecom OEM',
	'ERP (Enterprise Resource Planning)',
	'Government/Military',
	'Large Enterprise',
	'ManagementISV',
	'MSP (Management Service Provider)',
	'Network Equipment Enterprise',
	'Non-management ISV',
	'Optical Networking',
	'Service Provider',
	'Small/Medium Enterprise',
	'Storage Equipment',
	'Storage Service Provider',
	'Systems Integrator',
	'Wireless Industry',
];
const LEAD_SOURCES = [
	'Advertisement',
	'Cold Call',
	'Employee Referral',
	'External Referral',
	'Online Store',
	'Partner',
	'Public Relations',
	'Sales Email Alias',
	'Seminar Partner',
	'Internal Seminar',
	'Trade Show',
	'Web Download',
	'Web Research',
	'Chat',
];
const LEAD_STATUSES = [
	'Attempted to Contact',
	'Contact in Future',
	'Contacted',
	'Junk Lead',
	'Lost Lead',
	'Not Contacted',
	'Pre-Qualified',
	'Not Qualified',
];
const RATINGS = ['Acquired', 'Active', 'Market Failed', 'Project Cancelled', 'Shut Down'];
const ACCOUNT_TYPES = [
	'Analyst',
	'Competitor',
	'Customer',
	'Distributor',
	'Integrator',
	'Investor',
	'Other',
	'Partner',
	'Press',
	'Prospect',
	'Reseller',
	'Supplier',
	'Vendor',
];
const OWNERSHIP = ['Other', 'Private', 'Public', 'Subsidiary', 'Partnership', 'Government'];
const DEAL_STAGES = [
	'Qualification',
	'Needs Analysis',
	'Value Proposition',
	'Identify Decision Makers',
	'Proposal/Price Quote',
	'Negotiation/Review',
	'Closed Won',
	'Closed Lost',
	'Closed Lost to Competition',
];
const DEAL_TYPES = ['Existing Business', 'New Business'];
const TASK_STATUSES = ['Not Started', 'Deferred', 'In Progress', 'Completed', 'Waiting for input'];
const TASK_PRIORITIES = ['High', 'Highest', 'Low', 'Lowest', 'Normal'];
const CARRIERS = ['DHL', 'FedEx', 'UPS', 'USPS', 'Other'];
const SHIPMENT_STATUSES = ['Pending', 'In Transit', 'Delivered', 'Returned', 'Lost'];

/** @type {Omit<ModuleDef, 'fieldMap'|'id'>[]} */
const MODULE_SPECS = [
	{
		api_name: 'Leads',
		module_name: 'Leads',
		singular_label: 'Lead',
		plural_label: 'Leads',
		generated_type: 'default',
		code: 0,
		count: 10500,
		nameField: 'Full_Name',
		duplicateCheck: ['Email'],
		watchable: true,
		fields: [
			field('First_Name', 'text', { length: 40 }),
			field('Last_Name', 'text', { length: 80, mandatory: true }),
			field('Full_Name', 'text', { ro: true }),
			field('Email', 'email'),
			field('Phone', 'phone'),
			field('Mobile', 'phone'),
			field('Company', 'text', { length: 200 }),
			field('Lead_Status', 'picklist', { pick: LEAD_STATUSES }),
			field('Lead_Source', 'picklist', { pick: LEAD_SOURCES }),
			field('Industry', 'picklist', { pick: INDUSTRIES }),
			field('Rating', 'picklist', { pick: RATINGS }),
			field('Annual_Revenue', 'currency'),
			field('No_of_Employees', 'integer'),
			field('Email_Opt_Out', 'boolean'),
			field('Website', 'website'),
			// Zoho's standard address fields (n8n's built-in Zoho CRM node sends them all together).
			field('Street', 'text', { length: 250 }),
			field('City', 'text', { length: 100 }),
			field('State', 'text', { length: 100 }),
			field('Zip_Code', 'text', { length: 30 }),
			field('Country', 'text', { length: 100 }),
			field('Description', 'textarea'),
			field('Follow_Up_Date', 'date', { custom: true, label: 'Follow Up Date' }),
			field('Lead_Score', 'integer', { custom: true }),
			...SYSTEM_FIELDS(),
		],
	},
	{
		api_name: 'Contacts',
		module_name: 'Contacts',
		singular_label: 'Contact',
		plural_label: 'Contacts',
		generated_type: 'default',
		code: 1,
		count: 10000,
		nameField: 'Full_Name',
		duplicateCheck: ['Email'],
		watchable: true,
		fields: [
			field('First_Name', 'text', { length: 40 }),
			field('Last_Name', 'text', { length: 80, mandatory: true }),
			field('Full_Name', 'text', { ro: true }),
			field('Email', 'email'),
			field('Phone', 'phone'),
			field('Mobile', 'phone'),
			field('Account_Name', 'lookup', { lookup: 'Accounts' }),
			field('Title', 'text', { length: 100 }),
			field('Department', 'text', { length: 30 }),
			field('Lead_Source', 'picklist', { pick: LEAD_SOURCES }),
			field('Mailing_City', 'text', { length: 30 }),
			field('Mailing_Country', 'text', { length: 30 }),
			field('Date_of_Birth', 'date'),
			field('Email_Opt_Out', 'boolean'),
			field('Description', 'textarea'),
			field('Loyalty_Points', 'integer', { custom: true }),
			...SYSTEM_FIELDS(),
		],
	},
	{
		api_name: 'Accounts',
		module_name: 'Accounts',
		singular_label: 'Account',
		plural_label: 'Accounts',
		generated_type: 'default',
		code: 2,
		count: 600,
		nameField: 'Account_Name',
		duplicateCheck: ['Account_Name'],
		watchable: true,
		fields: [
			field('Account_Name', 'text', { length: 200, mandatory: true }),
			field('Phone', 'phone'),
			field('Website', 'website'),
			field('Account_Type', 'picklist', { pick: ACCOUNT_TYPES }),
			field('Industry', 'picklist', { pick: INDUSTRIES }),
			field('Ownership', 'picklist', { pick: OWNERSHIP }),
			field('Rating', 'picklist', { pick: RATINGS }),
			field('Annual_Revenue', 'currency'),
			field('Employees', 'integer'),
			field('Billing_City', 'text', { length: 30 }),
			field('Billing_Country', 'text', { length: 30 }),
			field('Description', 'textarea'),
			field('Health_Score', 'double', { custom: true }),
			...SYSTEM_FIELDS(),
		],
	},
	{
		api_name: 'Deals',
		module_name: 'Potentials',
		singular_label: 'Deal',
		plural_label: 'Deals',
		generated_type: 'default',
		code: 3,
		count: 10000,
		nameField: 'Deal_Name',
		duplicateCheck: ['Deal_Name'],
		watchable: true,
		fields: [
			field('Deal_Name', 'text', { length: 120, mandatory: true }),
			field('Stage', 'picklist', { pick: DEAL_STAGES, mandatory: true }),
			field('Amount', 'currency'),
			field('Closing_Date', 'date'),
			field('Account_Name', 'lookup', { lookup: 'Accounts' }),
			field('Contact_Name', 'lookup', { lookup: 'Contacts' }),
			field('Probability', 'integer'),
			field('Expected_Revenue', 'currency', { ro: true }),
			field('Type', 'picklist', { pick: DEAL_TYPES }),
			field('Lead_Source', 'picklist', { pick: LEAD_SOURCES }),
			field('Next_Step', 'text', { length: 100 }),
			field('Description', 'textarea'),
			field('Is_Priority', 'boolean', { custom: true }),
			...SYSTEM_FIELDS(),
		],
	},
	{
		api_name: 'Tasks',
		module_name: 'Tasks',
		singular_label: 'Task',
		plural_label: 'Tasks',
		generated_type: 'default',
		code: 4,
		count: 300,
		nameField: 'Subject',
		duplicateCheck: ['Subject'],
		watchable: true,
		fields: [
			field('Subject', 'text', { mandatory: true }),
			field('Due_Date', 'date'),
			field('Status', 'picklist', { pick: TASK_STATUSES }),
			field('Priority', 'picklist', { pick: TASK_PRIORITIES }),
			field('What_Id', 'lookup', { lookup: 'Deals', label: 'Related To' }),
			field('Who_Id', 'lookup', { lookup: 'Contacts', label: 'Contact Name' }),
			field('Send_Notification_Email', 'boolean'),
			field('Description', 'textarea'),
			field('Closed_Time', 'datetime', { ro: true }),
			...SYSTEM_FIELDS(),
		],
	},
	{
		api_name: 'Shipments',
		module_name: 'CustomModule1',
		singular_label: 'Shipment',
		plural_label: 'Shipments',
		generated_type: 'custom',
		code: 5,
		count: 2500,
		nameField: 'Name',
		duplicateCheck: ['Name'],
		watchable: true,
		fields: [
			field('Name', 'text', { length: 120, mandatory: true, label: 'Shipment Name' }),
			field('Tracking_Number', 'text', { length: 40, custom: true }),
			field('Carrier', 'picklist', { pick: CARRIERS, custom: true }),
			field('Shipment_Status', 'picklist', { pick: SHIPMENT_STATUSES, custom: true }),
			field('Weight_Kg', 'double', { custom: true }),
			field('Pieces', 'integer', { custom: true }),
			field('Declared_Value', 'currency', { custom: true }),
			field('Insured', 'boolean', { custom: true }),
			field('Shipped_On', 'date', { custom: true }),
			field('Delivered_At', 'datetime', { custom: true }),
			field('Account', 'lookup', { lookup: 'Accounts', custom: true }),
			field('Contact_Email', 'email', { custom: true }),
			field('Contact_Phone', 'phone', { custom: true }),
			...SYSTEM_FIELDS(),
		],
	},
];

/** @type {ModuleDef[]} */
const MODULES = MODULE_SPECS.map((spec, index) => {
	const fields = spec.fields;
	return {
		...spec,
		fields,
		fieldMap: new Map(fields.map((f) => [f.api_name, f])),
		id: crmId(META_CODE, index + 1),
	};
});

/** @type {Map<string, ModuleDef>} */
const MODULE_MAP = new Map(MODULES.map((m) => [m.api_name, m]));

/** Modules listed by /settings/modules but not usable through the API. */
const NON_API_MODULES = [
	{ api_name: 'Home', module_name: 'Home', singular_label: 'Home', plural_label: 'Home' },
	{ api_name: 'Feeds', module_name: 'Feeds', singular_label: 'Feeds', plural_label: 'Feeds' },
	{
		api_name: 'Reports',
		module_name: 'Reports',
		singular_label: 'Report',
		plural_label: 'Reports',
	},
].map((m, i) => ({ ...m, generated_type: 'default', id: crmId(META_CODE, 50 + i) }));

/**
 * Module by API name; case-insensitive when `loose` (v2 paths).
 * @param {string} name @param {boolean} [loose]
 * @returns {ModuleDef|undefined}
 */
function findModule(name, loose = false) {
	const exact = MODULE_MAP.get(name);
	if (exact || !loose) return exact;
	const lower = name.toLowerCase();
	return MODULES.find((m) => m.api_name.toLowerCase() === lower);
}

/** @param {string} name @param {boolean} [loose] */
function isNonApiModule(name, loose = false) {
	return NON_API_MODULES.some((m) =>
		loose ? m.api_name.toLowerCase() === name.toLowerCase() : m.api_name === name,
	);
}

/**
 * Custom views: two per module — "All <plural>" and one picklist/boolean filter.
 * @typedef {{id: string, name: string, module: string, filter: ((r: Record<string, unknown>) => boolean) | null, criteria: object|null}} CustomView
 */
const CV_FILTERS = {
	Leads: { name: 'Contacted Leads', field: 'Lead_Status', value: 'Contacted' },
	Contacts: { name: 'Opted Out Contacts', field: 'Email_Opt_Out', value: true },
	Accounts: { name: 'Customer Accounts', field: 'Account_Type', value: 'Customer' },
	Deals: { name: 'Closed Won Deals', field: 'Stage', value: 'Closed Won' },
	Tasks: { name: 'Completed Tasks', field: 'Status', value: 'Completed' },
	Shipments: { name: 'In Transit Shipments', field: 'Shipment_Status', value: 'In Transit' },
};

/** @type {CustomView[]} */
const CUSTOM_VIEWS = MODULES.flatMap((m) => {
	const f = CV_FILTERS[m.api_name];
	return [
		{
			id: crmId(META_CODE, 100 + m.code * 2),
			name: `All ${m.plural_label}`,
			module: m.api_name,
			filter: null,
			criteria: null,
		},
		{
			id: crmId(META_CODE, 101 + m.code * 2),
			name: f.name,
			module: m.api_name,
			filter: (r) => r[f.field] === f.value,
			criteria: { comparator: 'equal', field: { api_name: f.field }, value: f.value },
		},
	];
});

/** Signals defined in Setup → Channels → Signals. */
const SIGNAL_DEFS = [
	{
		id: crmId(META_CODE, 200),
		namespace: 'beam.deal_alert',
		display_label: 'Deal alert',
		enabled: true,
	},
	{
		id: crmId(META_CODE, 201),
		namespace: 'beam.ticket_escalation',
		display_label: 'Ticket escalation',
		enabled: true,
	},
];

const USERS = [
	{
		first_name: 'Ava',
		last_name: 'Admin',
		role: 'CEO',
		profile: 'Administrator',
		status: 'active',
		confirm: true,
	},
	{
		first_name: 'Ben',
		last_name: 'Baker',
		role: 'Manager',
		profile: 'Standard',
		status: 'active',
		confirm: true,
	},
	{
		first_name: 'Chloe',
		last_name: 'Chen',
		role: 'Manager',
		profile: 'Standard',
		status: 'active',
		confirm: true,
	},
	{
		first_name: 'Diego',
		last_name: 'Diaz',
		role: 'Sales Rep',
		profile: 'Standard',
		status: 'active',
		confirm: true,
	},
	{
		first_name: 'Emma',
		last_name: 'Evans',
		role: 'Sales Rep',
		profile: 'Standard',
		status: 'active',
		confirm: false,
	},
	{
		first_name: 'Finn',
		last_name: 'Fischer',
		role: 'Sales Rep',
		profile: 'Standard',
		status: 'disabled',
		confirm: true,
	},
].map((u, i) => ({
	id: crmId(USER_CODE, i),
	first_name: u.first_name,
	last_name: u.last_name,
	full_name: `${u.first_name} ${u.last_name}`,
	email: `${u.first_name.toLowerCase()}.${u.last_name.toLowerCase()}@beam-test.example`,
	status: u.status,
	confirm: u.confirm,
	role: { name: u.role, id: crmId(META_CODE, 300 + i) },
	profile: { name: u.profile, id: crmId(META_CODE, u.profile === 'Administrator' ? 310 : 311) },
	time_zone: 'GMT',
	country_locale: 'en_US',
	locale: 'en_US',
}));

const CURRENT_USER = USERS[0];

const ORG = {
	id: crmId(META_CODE, 0),
	company_name: 'Beam Test Org',
	alias: null,
	primary_email: CURRENT_USER.email,
	domain_name: 'org74822955',
	zgid: '74822955',
	primary_zuid: '74822956',
	time_zone: 'GMT',
	iso_code: 'USD',
	currency: 'US Dollar - USD',
	currency_symbol: '$',
	currency_locale: 'en_US',
	country_code: 'US',
	type: 'production',
	mc_status: false,
	gapps_enabled: false,
	max_per_page: 200,
	license_details: {
		paid_type: 'enterprise',
		paid: true,
		paid_expiry: null,
		trial_type: null,
		trial_expiry: null,
		users_license_purchased: 25,
	},
};

module.exports = {
	MODULES,
	MODULE_MAP,
	NON_API_MODULES,
	CUSTOM_VIEWS,
	SIGNAL_DEFS,
	USERS,
	CURRENT_USER,
	ORG,
	findModule,
	isNonApiModule,
	crmId,
	META_CODE,
	USER_CODE,
	TIMELINE_CODE,
};
