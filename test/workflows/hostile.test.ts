/**
 * Hostile input, through n8n's real engine against the emulator ("Reliability and security").
 *
 * Every case is one of two kinds, and its name says which and why:
 * - "refuses …": the run fails before any request — a NodeOperationError whose message names the
 *   parameter and whose itemIndex is set, and the emulator's
 *   log holds no CRM or Desk request at all (the log is reset for every case);
 * - "passes …": the value is the user's data, and what reached the emulator (query string, body,
 *   stored record) is exactly what was meant.
 *
 * Values come in two ways: mapped from the input item (`={{ $json.v }}`, the common case of data
 * from an upstream node) or as an expression of the wrong type (`={{ {} }}`, `={{ 12.5 }}` …).
 */
import type { LogEntry } from '../harness/typed';
import { moduleRl, rl } from '../harness/typed';
export {};

import type { Hostile } from '../fixtures/hostile-values';
import {
	MB,
	LEAD_ID,
	WRONG_TYPES,
	HOSTILE_IDS,
	HOSTILE_MODULES,
	HOSTILE_URLS,
	HOSTILE_RECORD_URLS,
	TEN,
	HOSTILE_CRITERIA,
	HOSTILE_COQL,
	deep,
	HOSTILE_JSON,
} from '../fixtures/hostile-values';

const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow } = require('../harness');

type Params = Record<string, unknown>;
type Build = (value: string) => Params;

interface Target {
	/** What and where, e.g. "record get (CRM) recordId". */
	name: string;
	/** The parameter the message must name. */
	parameter: string;
	build: Build;
	/** Empty / null means "not set" for optional parameters, so those values are not hostile there. */
	optional?: boolean;
}

interface Refusal {
	name: string;
	parameter: string;
	params: () => Params;
	input?: () => object[];
	item?: number;
}

let emu: any;
const ids = { lead: '', lead2: '', deal: '', ticket: '', ticket2: '', contact: '', department: '' };

beforeAll(async () => {
	emu = await startEmulator();
	[ids.lead, ids.lead2] = emu.ids('Leads', 2);
	[ids.deal] = emu.ids('Deals', 1);
	[ids.ticket, ids.ticket2] = emu.deskIds('tickets', emu.deskOrgIds.A, 2);
	[ids.department] = emu.deskIds('departments', emu.deskOrgIds.A, 1);
});
afterAll(async () => emu?.close());
beforeEach(() => emu.reset());
afterEach(() => {
	// Nothing any case did may pollute the prototypes of this process.
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
});

const apiRequests = (): LogEntry[] =>
	emu.requests.filter((entry: LogEntry) => entry.app === 'crm' || entry.app === 'desk');
const apiRequestsTo = (path: string, method?: string): LogEntry[] =>
	apiRequests().filter((entry) => entry.path === path && (!method || entry.method === method));
const run = (params: Params, input?: object[], extra?: object) =>
	runWorkflow({ emu, workflow: singleNodeWorkflow(params, extra), input });

const MAPPED = '={{ $json.v }}';
const placed = (hostile: Hostile) => hostile.expression ?? MAPPED;
const inputOf = (hostile: Hostile) =>
	hostile.expression === undefined ? [{ v: hostile.value }] : [{}];

// ------------------------------------------------------------------ where the values go

const crm = { app: 'crm' };
const deskTickets = { app: 'desk', deskModule: 'tickets' };
const caseCreateBase = {
	resource: 'case',
	operation: 'create',
	subject: 'S',
	contactBy: 'email',
	contactEmail: 'a@example.com',
	contactLastName: 'Doe',
};

const ID_TARGETS: Target[] = [
	{
		name: 'record get (CRM) recordId',
		parameter: 'recordId',
		build: (v) => ({
			resource: 'record',
			operation: 'get',
			...crm,
			module: moduleRl('Leads'),
			recordId: rl('id', v),
		}),
	},
	{
		name: 'record get (Desk) recordId',
		parameter: 'recordId',
		build: (v) => ({ resource: 'record', operation: 'get', ...deskTickets, recordId: rl('id', v) }),
	},
	{
		name: 'record update (CRM) recordId',
		parameter: 'recordId',
		build: (v) => ({
			resource: 'record',
			operation: 'update',
			...crm,
			module: moduleRl('Leads'),
			recordId: rl('id', v),
			dataMode: 'json',
			fieldsJson: '{"City":"Oslo"}',
		}),
	},
	{
		name: 'record update (Desk) recordId',
		parameter: 'recordId',
		build: (v) => ({
			resource: 'record',
			operation: 'update',
			...deskTickets,
			recordId: rl('id', v),
			dataMode: 'json',
			fieldsJson: '{"subject":"x"}',
		}),
	},
	{
		name: 'record delete (CRM) recordId',
		parameter: 'recordId',
		build: (v) => ({
			resource: 'record',
			operation: 'delete',
			...crm,
			module: moduleRl('Leads'),
			recordId: rl('id', v),
		}),
	},
	{
		name: 'record delete (Desk) recordId',
		parameter: 'recordId',
		build: (v) => ({
			resource: 'record',
			operation: 'delete',
			...deskTickets,
			recordId: rl('id', v),
		}),
	},
	{
		name: 'record getAll (CRM) options.cvid',
		parameter: 'cvid',
		optional: true,
		build: (v) => ({
			resource: 'record',
			operation: 'getAll',
			...crm,
			module: moduleRl('Leads'),
			limit: 5,
			options: { cvid: v },
		}),
	},
	{
		name: 'record getAll (Desk) options.deskOrgId',
		parameter: 'deskOrgId',
		optional: true,
		build: (v) => ({
			resource: 'record',
			operation: 'getAll',
			...deskTickets,
			limit: 5,
			options: { deskOrgId: v },
		}),
	},
	{
		name: 'case get ticketId',
		parameter: 'ticketId',
		build: (v) => ({ resource: 'case', operation: 'get', ticketId: rl('id', v) }),
	},
	{
		name: 'case get options.deskOrgId',
		parameter: 'deskOrgId',
		optional: true,
		build: (v) => ({
			resource: 'case',
			operation: 'get',
			ticketId: rl('id', ids.ticket),
			options: { deskOrgId: rl('id', v) },
		}),
	},
	{
		name: 'case update ticketId',
		parameter: 'ticketId',
		build: (v) => ({
			resource: 'case',
			operation: 'update',
			ticketId: rl('id', v),
			dataMode: 'json',
			fieldsJson: '{"subject":"x"}',
		}),
	},
	{
		name: 'case create departmentId',
		parameter: 'departmentId',
		build: (v) => ({ ...caseCreateBase, departmentId: rl('id', v) }),
	},
	{
		name: 'case create contactId',
		parameter: 'contactId',
		build: (v) => ({
			...caseCreateBase,
			departmentId: rl('id', ids.department),
			contactBy: 'id',
			contactId: v,
		}),
	},
	{
		name: 'case create additionalFields.assigneeId',
		parameter: 'assigneeId',
		optional: true,
		build: (v) => ({
			...caseCreateBase,
			departmentId: rl('id', ids.department),
			additionalFields: { assigneeId: rl('id', v) },
		}),
	},
	{
		name: 'case getAll filters.departmentId',
		parameter: 'departmentId',
		optional: true,
		build: (v) => ({
			resource: 'case',
			operation: 'getAll',
			limit: 5,
			filters: { departmentId: rl('id', v) },
		}),
	},
	{
		name: 'case getAll filters.assignee',
		parameter: 'assignee',
		optional: true,
		build: (v) => ({
			resource: 'case',
			operation: 'getAll',
			limit: 5,
			filters: { assignee: rl('id', v) },
		}),
	},
	{
		name: 'case search filters.contactId',
		parameter: 'contactId',
		optional: true,
		build: (v) => ({
			resource: 'case',
			operation: 'search',
			searchTerm: 'x',
			limit: 5,
			filters: { contactId: v },
		}),
	},
	{
		name: 'case search filters.accountId',
		parameter: 'accountId',
		optional: true,
		build: (v) => ({
			resource: 'case',
			operation: 'search',
			searchTerm: 'x',
			limit: 5,
			filters: { accountId: v },
		}),
	},
	{
		name: 'case search filters.assigneeId',
		parameter: 'assigneeId',
		optional: true,
		build: (v) => ({
			resource: 'case',
			operation: 'search',
			searchTerm: 'x',
			limit: 5,
			filters: { assigneeId: rl('id', v) },
		}),
	},
	{
		name: 'signal count (CRM) options.cvid',
		parameter: 'cvid',
		optional: true,
		build: (v) => ({
			resource: 'signal',
			operation: 'count',
			...crm,
			module: moduleRl('Leads'),
			options: { cvid: v },
		}),
	},
	{
		name: 'signal count (Desk) options.departmentId',
		parameter: 'departmentId',
		optional: true,
		build: (v) => ({
			resource: 'signal',
			operation: 'count',
			app: 'desk',
			options: { departmentId: v },
		}),
	},
	{
		name: 'signal count (Desk) options.assigneeId',
		parameter: 'assigneeId',
		optional: true,
		build: (v) => ({
			resource: 'signal',
			operation: 'count',
			app: 'desk',
			options: { assigneeId: v },
		}),
	},
	{
		name: 'signal count (Desk) options.deskOrgId',
		parameter: 'deskOrgId',
		optional: true,
		build: (v) => ({
			resource: 'signal',
			operation: 'count',
			app: 'desk',
			options: { deskOrgId: v },
		}),
	},
	{
		name: 'signal countByField options.departmentId',
		parameter: 'departmentId',
		optional: true,
		build: (v) => ({
			resource: 'signal',
			operation: 'countByField',
			app: 'desk',
			fields: ['status'],
			options: { departmentId: v },
		}),
	},
	{
		name: 'signal countByField options.assigneeId',
		parameter: 'assigneeId',
		optional: true,
		build: (v) => ({
			resource: 'signal',
			operation: 'countByField',
			app: 'desk',
			fields: ['status'],
			options: { assigneeId: v },
		}),
	},
	{
		name: 'signal send recordId',
		parameter: 'recordId',
		optional: true,
		build: (v) => ({
			resource: 'signal',
			operation: 'send',
			...crm,
			signalNamespace: 'beam.deal_alert',
			recordId: v,
			subject: 'S',
			message: 'M',
		}),
	},
	{
		name: 'notification enable channelId',
		parameter: 'channelId',
		optional: true,
		build: (v) => ({
			resource: 'notification',
			operation: 'enable',
			events: ['Leads.create'],
			notifyUrl: 'https://example.com/hook',
			channelId: v,
		}),
	},
	{
		name: 'notification update channelId',
		parameter: 'channelId',
		build: (v) => ({
			resource: 'notification',
			operation: 'update',
			channelId: v,
			events: ['Leads.create'],
			token: 'tok',
		}),
	},
	{
		name: 'notification disable channelIds',
		parameter: 'channelIds',
		build: (v) => ({ resource: 'notification', operation: 'disable', channelIds: v }),
	},
	{
		name: 'notification getAll options.channelId',
		parameter: 'channelId',
		optional: true,
		build: (v) => ({
			resource: 'notification',
			operation: 'getAll',
			limit: 5,
			options: { channelId: v },
		}),
	},
	{
		name: 'timeline get (CRM) recordId',
		parameter: 'recordId',
		build: (v) => ({
			resource: 'timeline',
			operation: 'get',
			...crm,
			module: moduleRl('Leads'),
			recordId: v,
			limit: 5,
		}),
	},
	{
		name: 'timeline get (Desk) ticketId',
		parameter: 'ticketId',
		build: (v) => ({ resource: 'timeline', operation: 'get', app: 'desk', ticketId: v, limit: 5 }),
	},
	{
		name: 'timeline get (Desk) options.agentId',
		parameter: 'agentId',
		optional: true,
		build: (v) => ({
			resource: 'timeline',
			operation: 'get',
			app: 'desk',
			ticketId: ids.ticket,
			limit: 5,
			options: { agentId: v },
		}),
	},
	{
		name: 'timeline get (Desk) options.deskOrgId',
		parameter: 'deskOrgId',
		optional: true,
		build: (v) => ({
			resource: 'timeline',
			operation: 'get',
			app: 'desk',
			ticketId: ids.ticket,
			limit: 5,
			options: { deskOrgId: v },
		}),
	},
];

const leadModule = (v: string) => rl('name', v);
const MODULE_TARGETS: Target[] = [
	{
		name: 'record get module',
		parameter: 'module',
		build: (v) => ({
			resource: 'record',
			operation: 'get',
			...crm,
			module: leadModule(v),
			recordId: rl('id', LEAD_ID),
		}),
	},
	{
		name: 'record getAll module',
		parameter: 'module',
		build: (v) => ({
			resource: 'record',
			operation: 'getAll',
			...crm,
			module: leadModule(v),
			limit: 5,
		}),
	},
	{
		name: 'record create module',
		parameter: 'module',
		build: (v) => ({
			resource: 'record',
			operation: 'create',
			...crm,
			module: leadModule(v),
			dataMode: 'json',
			fieldsJson: '{"Last_Name":"Doe"}',
		}),
	},
	{
		name: 'record update module',
		parameter: 'module',
		build: (v) => ({
			resource: 'record',
			operation: 'update',
			...crm,
			module: leadModule(v),
			recordId: rl('id', LEAD_ID),
			dataMode: 'json',
			fieldsJson: '{"City":"Oslo"}',
		}),
	},
	{
		name: 'record upsert module',
		parameter: 'module',
		build: (v) => ({
			resource: 'record',
			operation: 'upsert',
			...crm,
			module: leadModule(v),
			dataMode: 'json',
			fieldsJson: '{"Last_Name":"Doe"}',
		}),
	},
	{
		name: 'record delete module',
		parameter: 'module',
		build: (v) => ({
			resource: 'record',
			operation: 'delete',
			...crm,
			module: leadModule(v),
			recordId: rl('id', LEAD_ID),
		}),
	},
	{
		name: 'record search module',
		parameter: 'module',
		build: (v) => ({
			resource: 'record',
			operation: 'search',
			...crm,
			module: leadModule(v),
			searchBy: 'word',
			searchTerm: 'Acme',
			limit: 5,
		}),
	},
	{
		name: 'signal count module',
		parameter: 'module',
		build: (v) => ({ resource: 'signal', operation: 'count', ...crm, module: leadModule(v) }),
	},
	{
		name: 'timeline get (CRM) module',
		parameter: 'module',
		build: (v) => ({
			resource: 'timeline',
			operation: 'get',
			...crm,
			module: leadModule(v),
			recordId: LEAD_ID,
			limit: 5,
		}),
	},
	{
		name: 'signal send options.module',
		parameter: 'module',
		optional: true,
		build: (v) => ({
			resource: 'signal',
			operation: 'send',
			...crm,
			signalNamespace: 'beam.deal_alert',
			recordId: LEAD_ID,
			subject: 'S',
			message: 'M',
			options: { module: v },
		}),
	},
	{
		name: 'notification getAll options.module',
		parameter: 'module',
		optional: true,
		build: (v) => ({
			resource: 'notification',
			operation: 'getAll',
			limit: 5,
			options: { module: v },
		}),
	},
	{
		name: 'notification enable events',
		parameter: 'events',
		build: (v) => ({
			resource: 'notification',
			operation: 'enable',
			events: v,
			notifyUrl: 'https://example.com/hook',
		}),
	},
];

const CRITERIA_TARGETS: Target[] = [
	{
		name: 'record search criteria',
		parameter: 'criteria',
		build: (v) => ({
			resource: 'record',
			operation: 'search',
			...crm,
			module: moduleRl('Leads'),
			searchBy: 'criteria',
			criteria: v,
			limit: 5,
		}),
	},
	{
		name: 'signal count criteria',
		parameter: 'criteria',
		optional: true,
		build: (v) => ({
			resource: 'signal',
			operation: 'count',
			...crm,
			module: moduleRl('Leads'),
			criteria: v,
		}),
	},
];

const JSON_TARGETS: Array<Target & { fields?: boolean }> = [
	{
		name: 'record create (CRM) fieldsJson',
		parameter: 'fieldsJson',
		fields: true,
		build: (v) => ({
			resource: 'record',
			operation: 'create',
			...crm,
			module: moduleRl('Leads'),
			dataMode: 'json',
			fieldsJson: v,
		}),
	},
	{
		name: 'record update (CRM) fieldsJson',
		parameter: 'fieldsJson',
		fields: true,
		build: (v) => ({
			resource: 'record',
			operation: 'update',
			...crm,
			module: moduleRl('Leads'),
			recordId: rl('id', LEAD_ID),
			dataMode: 'json',
			fieldsJson: v,
		}),
	},
	{
		name: 'record upsert (CRM) fieldsJson',
		parameter: 'fieldsJson',
		fields: true,
		build: (v) => ({
			resource: 'record',
			operation: 'upsert',
			...crm,
			module: moduleRl('Leads'),
			dataMode: 'json',
			fieldsJson: v,
		}),
	},
	{
		name: 'record create (Desk) fieldsJson',
		parameter: 'fieldsJson',
		fields: true,
		build: (v) => ({
			resource: 'record',
			operation: 'create',
			app: 'desk',
			deskModule: 'contacts',
			dataMode: 'json',
			fieldsJson: v,
		}),
	},
	{
		name: 'record update (Desk) fieldsJson',
		parameter: 'fieldsJson',
		fields: true,
		build: (v) => ({
			resource: 'record',
			operation: 'update',
			...deskTickets,
			recordId: rl('id', ids.ticket),
			dataMode: 'json',
			fieldsJson: v,
		}),
	},
	{
		name: 'case update fieldsJson',
		parameter: 'fieldsJson',
		fields: true,
		build: (v) => ({
			resource: 'case',
			operation: 'update',
			ticketId: rl('id', ids.ticket),
			dataMode: 'json',
			fieldsJson: v,
		}),
	},
	{
		name: 'timeline get (CRM) options.filters',
		parameter: 'filters',
		optional: true,
		build: (v) => ({
			resource: 'timeline',
			operation: 'get',
			...crm,
			module: moduleRl('Leads'),
			recordId: LEAD_ID,
			limit: 5,
			options: { filters: v },
		}),
	},
	{
		name: 'notification enable options.notificationCondition',
		parameter: 'notificationCondition',
		optional: true,
		build: (v) => ({
			resource: 'notification',
			operation: 'enable',
			events: ['Deals.edit'],
			notifyUrl: 'https://example.com/hook',
			options: { notificationCondition: v },
		}),
	},
	{
		name: 'notification update options.notificationCondition',
		parameter: 'notificationCondition',
		optional: true,
		build: (v) => ({
			resource: 'notification',
			operation: 'update',
			channelId: '1000000068001',
			events: ['Deals.edit'],
			token: 'tok',
			options: { notificationCondition: v },
		}),
	},
];

const URL_TARGETS: Target[] = [
	{
		name: 'notification enable notifyUrl',
		parameter: 'notifyUrl',
		build: (v) => ({
			resource: 'notification',
			operation: 'enable',
			events: ['Leads.create'],
			notifyUrl: v,
		}),
	},
	{
		name: 'notification update notifyUrl',
		parameter: 'notifyUrl',
		optional: true,
		build: (v) => ({
			resource: 'notification',
			operation: 'update',
			channelId: '1000000068001',
			events: ['Leads.create'],
			token: 'tok',
			notifyUrl: v,
		}),
	},
	{
		name: 'signal send actions[1].url',
		parameter: 'actions[1].url',
		build: (v) => ({
			resource: 'signal',
			operation: 'send',
			...crm,
			signalNamespace: 'beam.deal_alert',
			recordId: LEAD_ID,
			subject: 'S',
			message: 'M',
			actions: { link: [{ label: 'Open', url: v, openIn: 'tab' }] },
		}),
	},
];

const RECORD_URL_TARGETS: Array<Target & { urls: Hostile[] }> = [
	{
		name: 'record get (CRM) recordId By URL',
		parameter: 'recordId',
		urls: HOSTILE_RECORD_URLS((id) => `crm/org1/tab/Leads/${id}`),
		build: (v) => ({
			resource: 'record',
			operation: 'get',
			...crm,
			module: moduleRl('Leads'),
			recordId: rl('url', v),
		}),
	},
	{
		name: 'record update (Desk) recordId By URL',
		parameter: 'recordId',
		urls: HOSTILE_RECORD_URLS((id) => `support/portal/ShowHomePage.do#Cases/dv/${id}`),
		build: (v) => ({
			resource: 'record',
			operation: 'update',
			...deskTickets,
			recordId: rl('url', v),
			dataMode: 'json',
			fieldsJson: '{"subject":"x"}',
		}),
	},
	{
		name: 'case get ticketId By URL',
		parameter: 'ticketId',
		urls: HOSTILE_RECORD_URLS((id) => `support/portal/ShowHomePage.do#Cases/dv/${id}`),
		build: (v) => ({ resource: 'case', operation: 'get', ticketId: rl('url', v) }),
	},
	{
		name: 'case update ticketId By URL (agent console address)',
		parameter: 'ticketId',
		urls: HOSTILE_RECORD_URLS((id) => `agent/portal/all/tickets/details/${id}`),
		build: (v) => ({
			resource: 'case',
			operation: 'update',
			ticketId: rl('url', v),
			dataMode: 'json',
			fieldsJson: '{"subject":"x"}',
		}),
	},
];

/** Other text parameters that end up in a query string or a body. */
const OTHER_REFUSALS: Array<{ name: string; parameter: string; params: Params; value?: unknown }> =
	[
		{
			name: 'record getAll (CRM) options.fields with a path',
			parameter: 'fields',
			params: {
				resource: 'record',
				operation: 'getAll',
				...crm,
				module: moduleRl('Leads'),
				limit: 5,
				options: { fields: MAPPED },
			},
			value: 'Last_Name,../org',
		},
		{
			name: 'record get (CRM) options.fields with a query string',
			parameter: 'fields',
			params: {
				resource: 'record',
				operation: 'get',
				...crm,
				module: moduleRl('Leads'),
				recordId: rl('id', LEAD_ID),
				options: { fields: MAPPED },
			},
			value: 'Last_Name&ids=1',
		},
		{
			name: 'record search options.fields with a NUL character',
			parameter: 'fields',
			params: {
				resource: 'record',
				operation: 'search',
				...crm,
				module: moduleRl('Leads'),
				searchBy: 'word',
				searchTerm: 'Acme',
				options: { fields: MAPPED },
			},
			value: 'Last_Name\u0000',
		},
		{
			name: 'record getAll (CRM) options.sortBy outside the list',
			parameter: 'sortBy',
			params: {
				resource: 'record',
				operation: 'getAll',
				...crm,
				module: moduleRl('Leads'),
				limit: 5,
				options: { sortBy: MAPPED },
			},
			value: 'id&per_page=10000',
		},
		{
			name: 'record getAll (CRM) options.sortOrder outside the list',
			parameter: 'sortOrder',
			params: {
				resource: 'record',
				operation: 'getAll',
				...crm,
				module: moduleRl('Leads'),
				limit: 5,
				options: { sortOrder: MAPPED },
			},
			value: 'desc;',
		},
		{
			name: 'record getAll (CRM) options.modifiedSince an object',
			parameter: 'modifiedSince',
			params: {
				resource: 'record',
				operation: 'getAll',
				...crm,
				module: moduleRl('Leads'),
				limit: 5,
				options: { modifiedSince: '={{ {} }}' },
			},
		},
		{
			name: 'record upsert options.duplicateCheckFields with a path',
			parameter: 'duplicateCheckFields',
			params: {
				resource: 'record',
				operation: 'upsert',
				...crm,
				module: moduleRl('Leads'),
				dataMode: 'json',
				fieldsJson: '{"Last_Name":"x"}',
				options: { duplicateCheckFields: 'Email,../x' },
			},
		},
		{
			name: 'record search searchTerm with a NUL character',
			parameter: 'searchTerm',
			params: {
				resource: 'record',
				operation: 'search',
				...crm,
				module: moduleRl('Leads'),
				searchBy: 'email',
				searchTerm: MAPPED,
			},
			value: 'a@b.co\u0000',
		},
		{
			name: 'record search searchTerm of 1 MB',
			parameter: 'searchTerm',
			params: {
				resource: 'record',
				operation: 'search',
				...crm,
				module: moduleRl('Leads'),
				searchBy: 'word',
				searchTerm: MAPPED,
			},
			value: 'w'.repeat(MB),
		},
		{
			name: 'record create (Desk) deskModule with a path',
			parameter: 'deskModule',
			params: {
				resource: 'record',
				operation: 'create',
				app: 'desk',
				deskModule: MAPPED,
				dataMode: 'json',
				fieldsJson: '{"lastName":"x"}',
			},
			value: '../tickets',
		},
		{
			name: 'record update (CRM) autoMap input item with an own __proto__ key',
			parameter: 'input item',
			params: {
				resource: 'record',
				operation: 'update',
				...crm,
				module: moduleRl('Leads'),
				recordId: rl('id', '={{ $json.id }}'),
				dataMode: 'autoMap',
			},
		},
		{
			name: 'case getAll filters.status with a NUL character',
			parameter: 'status',
			params: { resource: 'case', operation: 'getAll', limit: 5, filters: { status: MAPPED } },
			value: 'Open\u0000',
		},
		{
			name: 'case getAll options.sortBy outside the list',
			parameter: 'sortBy',
			params: { resource: 'case', operation: 'getAll', limit: 5, options: { sortBy: MAPPED } },
			value: 'createdTime&limit=1000',
		},
		{
			name: 'case getAll options.include outside the list',
			parameter: 'include',
			params: { resource: 'case', operation: 'getAll', limit: 5, options: { include: MAPPED } },
			value: 'contacts,../secrets',
		},
		{
			name: 'case search ticketNumber with SQL',
			parameter: 'ticketNumber',
			params: {
				resource: 'case',
				operation: 'search',
				limit: 5,
				filters: { ticketNumber: MAPPED },
			},
			value: '1 OR 1=1',
		},
		{
			name: 'case search searchTerm with an escape sequence',
			parameter: 'searchTerm',
			params: { resource: 'case', operation: 'search', limit: 5, searchTerm: MAPPED },
			value: '\u001b[2Jrefund',
		},
		{
			name: 'case update updateFields.status with a line break (header-like)',
			parameter: 'status',
			params: {
				resource: 'case',
				operation: 'update',
				ticketId: rl('id', '={{ $json.t }}'),
				dataMode: 'define',
				updateFields: { status: MAPPED },
			},
			value: 'Closed\r\nX-Injected: 1',
		},
		{
			name: 'case create subject of 1 MB',
			parameter: 'subject',
			params: { ...caseCreateBase, subject: MAPPED, departmentId: rl('id', '={{ $json.d }}') },
			value: 's'.repeat(MB),
		},
		{
			name: 'case create additionalFields.description of 1 MB',
			parameter: 'description',
			params: {
				...caseCreateBase,
				departmentId: rl('id', '={{ $json.d }}'),
				additionalFields: { description: MAPPED },
			},
			value: 'd'.repeat(MB),
		},
		{
			name: 'case create contactEmail with a header injection',
			parameter: 'contactEmail',
			params: { ...caseCreateBase, departmentId: rl('id', '={{ $json.d }}'), contactEmail: MAPPED },
			value: 'a@example.com\r\nBcc: x@evil.example',
		},
		{
			name: 'case create customFields name __proto__',
			parameter: 'customFields',
			params: {
				...caseCreateBase,
				departmentId: rl('id', '={{ $json.d }}'),
				customFields: { field: [{ name: MAPPED, value: 'x' }] },
			},
			value: '__proto__',
		},
		{
			name: 'case create customFields name with a path',
			parameter: 'customFields',
			params: {
				...caseCreateBase,
				departmentId: rl('id', '={{ $json.d }}'),
				customFields: { field: [{ name: MAPPED, value: 'x' }] },
			},
			value: 'cf_x/../y',
		},
		{
			name: 'case create customFields value with a NUL character',
			parameter: 'customFields',
			params: {
				...caseCreateBase,
				departmentId: rl('id', '={{ $json.d }}'),
				customFields: { field: [{ name: 'cf_order_id', value: MAPPED }] },
			},
			value: 'ORD\u0000',
		},
		{
			name: 'case create customFields value of 1 MB',
			parameter: 'customFields',
			params: {
				...caseCreateBase,
				departmentId: rl('id', '={{ $json.d }}'),
				customFields: { field: [{ name: 'cf_order_id', value: MAPPED }] },
			},
			value: 'o'.repeat(MB),
		},
		{
			name: 'case create customFields value an object with constructor.prototype',
			parameter: 'customFields',
			params: {
				...caseCreateBase,
				departmentId: rl('id', '={{ $json.d }}'),
				customFields: { field: [{ name: 'cf_order_id', value: MAPPED }] },
			},
		},
		{
			name: 'case create customFields value an object whose prototype was replaced',
			parameter: 'customFields',
			params: {
				...caseCreateBase,
				departmentId: rl('id', '={{ $json.d }}'),
				customFields: {
					field: [{ name: 'cf_order_id', value: '={{ { "__proto__": { "polluted": true } } }}' }],
				},
			},
		},
		{
			name: 'case update customFields value a list with a __proto__ key',
			parameter: 'customFields',
			params: {
				resource: 'case',
				operation: 'update',
				ticketId: rl('id', '={{ $json.t }}'),
				dataMode: 'define',
				customFields: { field: [{ name: 'cf_order_id', value: MAPPED }] },
			},
		},
		{
			name: 'signal count (Desk) options.viewType outside the list',
			parameter: 'viewType',
			params: {
				resource: 'signal',
				operation: 'count',
				app: 'desk',
				options: { viewType: MAPPED },
			},
			value: 'allTickets&departmentId=1',
		},
		{
			name: 'signal count (CRM) options.email with a NUL character',
			parameter: 'email',
			params: {
				resource: 'signal',
				operation: 'count',
				...crm,
				module: moduleRl('Leads'),
				options: { email: MAPPED },
			},
			value: 'a@b.co\u0000',
		},
		{
			name: 'signal countByField fields outside the list',
			parameter: 'fields',
			params: { resource: 'signal', operation: 'countByField', app: 'desk', fields: MAPPED },
			value: 'status,../x',
		},
		{
			name: 'signal send signalNamespace with a path',
			parameter: 'signalNamespace',
			params: {
				resource: 'signal',
				operation: 'send',
				...crm,
				signalNamespace: MAPPED,
				recordId: LEAD_ID,
				subject: 'S',
				message: 'M',
			},
			value: 'beam/../deal_alert',
		},
		{
			name: 'signal send subject with an escape sequence',
			parameter: 'subject',
			params: {
				resource: 'signal',
				operation: 'send',
				...crm,
				signalNamespace: 'beam.deal_alert',
				recordId: LEAD_ID,
				subject: MAPPED,
				message: 'M',
			},
			value: '\u001b]0;pwned\u0007',
		},
		{
			name: 'signal send message of 1 MB',
			parameter: 'message',
			params: {
				resource: 'signal',
				operation: 'send',
				...crm,
				signalNamespace: 'beam.deal_alert',
				recordId: LEAD_ID,
				subject: 'S',
				message: MAPPED,
			},
			value: 'm'.repeat(MB),
		},
		{
			name: 'signal send options.email with a second address',
			parameter: 'email',
			params: {
				resource: 'signal',
				operation: 'send',
				...crm,
				signalNamespace: 'beam.deal_alert',
				subject: 'S',
				message: 'M',
				options: { email: MAPPED },
			},
			value: 'a@example.com,b@example.com',
		},
		{
			name: 'notification enable token with a NUL character',
			parameter: 'token',
			params: {
				resource: 'notification',
				operation: 'enable',
				events: ['Leads.create'],
				notifyUrl: 'https://example.com/hook',
				token: MAPPED,
			},
			value: 'secret\u0000',
		},
		{
			name: 'notification enable token of 1 MB',
			parameter: 'token',
			params: {
				resource: 'notification',
				operation: 'enable',
				events: ['Leads.create'],
				notifyUrl: 'https://example.com/hook',
				token: MAPPED,
			},
			value: 't'.repeat(MB),
		},
		{
			name: 'notification enable channelExpiry an object',
			parameter: 'channelExpiry',
			params: {
				resource: 'notification',
				operation: 'enable',
				events: ['Leads.create'],
				notifyUrl: 'https://example.com/hook',
				channelExpiry: '={{ {} }}',
			},
		},
		{
			name: 'notification enable events with a query string',
			parameter: 'events',
			params: {
				resource: 'notification',
				operation: 'enable',
				events: MAPPED,
				notifyUrl: 'https://example.com/hook',
			},
			value: 'Leads.create&channel_id=1',
		},
		{
			name: 'timeline get (Desk) options.fieldName with a path',
			parameter: 'fieldName',
			params: {
				resource: 'timeline',
				operation: 'get',
				app: 'desk',
				ticketId: '={{ $json.t }}',
				limit: 5,
				options: { fieldName: MAPPED },
			},
			value: '../status',
		},
		{
			name: 'timeline get (CRM) options.sortOrder outside the list',
			parameter: 'sortOrder',
			params: {
				resource: 'timeline',
				operation: 'get',
				...crm,
				module: moduleRl('Leads'),
				recordId: LEAD_ID,
				limit: 5,
				options: { sortOrder: MAPPED },
			},
			value: 'desc;drop',
		},
	];

// ------------------------------------------------------------------ the refusal table

/** Every hostile value at the first target, and a rotating share at each other target. */
function spread(targets: Target[], values: Hostile[], perTarget: number, kind: string): Refusal[] {
	const cases: Refusal[] = [];
	targets.forEach((target, targetIndex) => {
		const usable = values.filter(
			(value) => !(target.optional && value.expression === '={{ null }}'),
		);
		const picked =
			targetIndex === 0
				? usable
				: Array.from(
						{ length: Math.min(perTarget, usable.length) },
						(_, k) => usable[(targetIndex * perTarget + k) % usable.length],
					);
		for (const hostile of picked) {
			cases.push({
				name: `refuses ${hostile.label} as ${kind} in ${target.name}`,
				parameter: target.parameter,
				params: () => target.build(placed(hostile)),
				input: () => inputOf(hostile),
			});
		}
	});
	return cases;
}

/** Every hostile JSON value at the first two targets, every other one (alternating) at the rest. */
const jsonCases: Refusal[] = JSON_TARGETS.flatMap((target, targetIndex) =>
	HOSTILE_JSON.filter(
		(hostile) =>
			(target.fields || !hostile.fieldsOnly) && !(target.optional && hostile.unsetWhenOptional),
	)
		.filter((_hostile, index) => targetIndex < 2 || index % 2 === targetIndex % 2)
		.map((hostile) => ({
			name: `refuses ${hostile.label} in ${target.name}`,
			parameter: target.parameter,
			params: () => target.build(placed(hostile)),
			input: () => inputOf(hostile),
		})),
);

const inputsFor: Record<string, () => unknown> = {
	'record update (CRM) autoMap input item with an own __proto__ key': () =>
		JSON.parse(`{"id": "${ids.lead}", "City": "x", "__proto__": {"polluted": true}}`),
	'case create customFields value an object with constructor.prototype': () => ({
		d: ids.department,
		v: JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
	}),
	'case update customFields value a list with a __proto__ key': () => ({
		t: ids.ticket,
		v: JSON.parse('[{"__proto__": {"polluted": true}}]'),
	}),
};

const REFUSALS: Refusal[] = [
	...spread(ID_TARGETS, HOSTILE_IDS, 4, 'an ID'),
	...spread(MODULE_TARGETS, HOSTILE_MODULES, 4, 'a module'),
	...spread(CRITERIA_TARGETS, HOSTILE_CRITERIA, HOSTILE_CRITERIA.length, 'criteria'),
	...spread(
		[
			{
				name: 'record query coql',
				parameter: 'coql',
				build: (v) => ({ resource: 'record', operation: 'query', ...crm, coql: v, limit: 5 }),
			},
		],
		HOSTILE_COQL,
		HOSTILE_COQL.length,
		'COQL',
	),
	...jsonCases,
	...spread(URL_TARGETS, HOSTILE_URLS, 6, 'a URL'),
	...RECORD_URL_TARGETS.flatMap((target) =>
		spread([target], target.urls, target.urls.length, 'a pasted address'),
	),
	...OTHER_REFUSALS.map((entry) => ({
		name: `refuses ${entry.name}`,
		parameter: entry.parameter,
		params: () => entry.params,
		input: () => [
			inputsFor[entry.name]?.() ?? { v: entry.value, t: ids.ticket, d: ids.department },
		],
	})),
	// A bad item among good ones stops a batched write before anything is sent.
	{
		name: 'refuses a batch whose third item has a traversal ID (CRM update, nothing sent for the good items)',
		parameter: 'recordId',
		item: 2,
		params: () => ({
			resource: 'record',
			operation: 'update',
			...crm,
			module: moduleRl('Leads'),
			recordId: rl('id', '={{ $json.id }}'),
			dataMode: 'autoMap',
		}),
		input: () => [
			{ id: ids.lead, City: 'A' },
			{ id: ids.lead2, City: 'B' },
			{ id: `${ids.lead}/../../org`, City: 'C' },
		],
	},
	{
		name: 'refuses a batch whose second item has a __proto__ key (CRM create, nothing sent)',
		parameter: 'fieldsJson',
		item: 1,
		params: () => ({
			resource: 'record',
			operation: 'create',
			...crm,
			module: moduleRl('Leads'),
			dataMode: 'json',
			fieldsJson: MAPPED,
		}),
		input: () => [
			{ v: '{"Last_Name": "A"}' },
			{ v: '{"Last_Name": "B", "__proto__": {"polluted": true}}' },
		],
	},
	{
		name: 'refuses a batch whose second item maps a precision-lost number as ID (Desk update, nothing sent)',
		parameter: 'recordId',
		item: 1,
		params: () => ({
			resource: 'record',
			operation: 'update',
			...deskTickets,
			recordId: rl('id', '={{ $json.id }}'),
			dataMode: 'json',
			fieldsJson: '{"subject":"x"}',
		}),
		input: () => [{ id: ids.ticket }, { id: 5725767000000412001 }],
	},
	{
		name: 'refuses a batch whose second item smuggles a second ID (CRM delete, nothing deleted)',
		parameter: 'recordId',
		item: 1,
		params: () => ({
			resource: 'record',
			operation: 'delete',
			...crm,
			module: moduleRl('Leads'),
			recordId: rl('id', '={{ $json.id }}'),
		}),
		input: () => [{ id: ids.lead }, { id: `${ids.lead2},${ids.lead}` }],
	},
];

describe('hostile input is refused before any request', () => {
	it.each(REFUSALS.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
		const result = await run(entry.params(), entry.input?.());
		const error = result.nodeError('Zoho');
		const item = entry.item ?? 0;
		const message = String(error?.message ?? '');
		// On failure the diff shows the message instead of a bare "false".
		const seen = {
			status: result.status,
			errorName: error?.name,
			namesParameter:
				message.includes(`"${entry.parameter}"`) ||
				`no "${entry.parameter}" in: ${message.slice(0, 300)}`,
			pointsAtItem:
				error?.context?.itemIndex === item ||
				`itemIndex ${error?.context?.itemIndex} in: ${message.slice(0, 300)}`,
			requests: apiRequests().map((request) => `${request.method} ${request.path}`),
		};
		expect(seen).toEqual({
			status: 'error',
			errorName: 'NodeOperationError',
			namesParameter: true,
			pointsAtItem: true,
			requests: [],
		});
	});
});

// ------------------------------------------------------------------ legitimate data passes through

const ODD_TEXT = 'Zoë \u202egnp.exe\u202c 😀 東京 \u200bzero-width';
const SQLISH = 'O\'Brien (Jr), "the 3rd"; DROP TABLE Leads; -- ../../org?x=1#y';

describe('legitimate data passes through exactly', () => {
	it('passes unicode (RTL override, emoji, zero-width, CJK), tabs and line breaks in CRM field values (update body and stored record)', async () => {
		const fields = { City: ODD_TEXT, Description: 'line 1\nline 2\ttabbed\r\nline 3' };
		const result = await run({
			resource: 'record',
			operation: 'update',
			...crm,
			module: moduleRl('Leads'),
			recordId: rl('id', ids.lead),
			dataMode: 'json',
			fieldsJson: JSON.stringify(fields),
		});
		expect(result.status).toBe('success');
		const [put] = apiRequestsTo('/crm/v8/Leads', 'PUT');
		expect(put.body.data).toEqual([{ ...fields, id: ids.lead }]);
		expect(emu.data.crm.records.Leads.get(ids.lead)).toMatchObject(fields);
	});

	it('passes quotes, parentheses, ";", "--" and a path in a CRM field value (create body and stored record)', async () => {
		const result = await run({
			resource: 'record',
			operation: 'create',
			...crm,
			module: moduleRl('Leads'),
			dataMode: 'json',
			fieldsJson: JSON.stringify({
				Last_Name: SQLISH,
				Description: '__proto__ constructor prototype',
			}),
		});
		expect(result.status).toBe('success');
		const [post] = apiRequestsTo('/crm/v8/Leads', 'POST');
		expect(post.body.data).toEqual([
			{ Last_Name: SQLISH, Description: '__proto__ constructor prototype' },
		]);
		const id = result.output('Zoho')[0].json.id;
		expect(emu.data.crm.records.Leads.get(id)).toMatchObject({
			Last_Name: SQLISH,
			Description: '__proto__ constructor prototype',
		});
	});

	it('passes unicode values of auto-mapped input items in a batch, each to its record', async () => {
		const input = [
			{ id: ids.lead, City: 'Zürich 🇨🇭' },
			{ id: ids.lead2, City: '\u202eredro\u202c-Kairo' },
		];
		const result = await run(
			{
				resource: 'record',
				operation: 'update',
				...crm,
				module: moduleRl('Leads'),
				recordId: rl('id', '={{ $json.id }}'),
				dataMode: 'autoMap',
			},
			input,
		);
		expect(result.status).toBe('success');
		const puts = apiRequestsTo('/crm/v8/Leads', 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0].body.data).toEqual(input);
		for (const entry of input)
			expect(emu.data.crm.records.Leads.get(entry.id).City).toBe(entry.City);
	});

	it('passes an upsert with unicode and quotes in the duplicate-check value', async () => {
		const email = "zoë.o'brien@example.com";
		const result = await run({
			resource: 'record',
			operation: 'upsert',
			...crm,
			module: moduleRl('Leads'),
			dataMode: 'json',
			fieldsJson: JSON.stringify({ Last_Name: 'Zoë', Email: email }),
		});
		expect(result.status).toBe('success');
		const [post] = apiRequestsTo('/crm/v8/Leads/upsert', 'POST');
		expect(post.body.data).toEqual([{ Last_Name: 'Zoë', Email: email }]);
	});

	it('passes a date from an expression as the ISO text JSON would send (toJSON), not as an empty object', async () => {
		const result = await run({
			resource: 'record',
			operation: 'update',
			...crm,
			module: moduleRl('Leads'),
			recordId: rl('id', ids.lead),
			dataMode: 'json',
			fieldsJson:
				'={{ {"Description": DateTime.fromISO("2025-01-31T09:30:00Z", { zone: "utc" })} }}',
		});
		expect(result.status).toBe('success');
		expect(apiRequestsTo('/crm/v8/Leads', 'PUT')[0].body.data).toEqual([
			{ Description: '2025-01-31T09:30:00.000Z', id: ids.lead },
		]);
	});

	it('passes an ID with surrounding spaces and a line break, trimmed (whitespace is not part of an ID)', async () => {
		const result = await run(
			{
				resource: 'record',
				operation: 'get',
				...crm,
				module: moduleRl('Leads'),
				recordId: rl('id', MAPPED),
			},
			[{ v: `  ${ids.lead}\n` }],
		);
		expect(result.status).toBe('success');
		expect(
			apiRequests()
				.filter((r) => r.path.startsWith('/crm/v8/Leads/'))
				.map((r) => r.path),
		).toEqual([`/crm/v8/Leads/${ids.lead}`]);
	});

	it('passes a CRM record address with a query string and fragment By URL: only the ID is used', async () => {
		const url = `https://crm.zoho.com/crm/org74822955/tab/Leads/${ids.lead}?tab=notes&x=../../org#top`;
		const result = await run(
			{
				resource: 'record',
				operation: 'get',
				...crm,
				module: moduleRl('Leads'),
				recordId: rl('url', MAPPED),
			},
			[{ v: url }],
		);
		expect(result.status).toBe('success');
		expect(
			apiRequests()
				.filter((r) => r.path.startsWith('/crm/v8/Leads/'))
				.map((r) => `${r.path} ${JSON.stringify(r.query)}`),
		).toEqual([`/crm/v8/Leads/${ids.lead} {}`]);
	});

	it('passes Desk ticket addresses (classic and agent console) By URL: only the ID is used', async () => {
		const classic = `https://desk.zoho.com/support/portal/ShowHomePage.do#Cases/dv/${ids.ticket}`;
		const console = `https://desk.zoho.com/agent/portal/all/tickets/details/${ids.ticket2}/conversation`;
		const result = await run({ resource: 'case', operation: 'get', ticketId: rl('url', MAPPED) }, [
			{ v: classic },
			{ v: console },
		]);
		expect(result.status).toBe('success');
		expect(
			apiRequests()
				.filter((r) => r.path.startsWith('/api/v1/tickets/'))
				.map((r) => r.path),
		).toEqual([`/api/v1/tickets/${ids.ticket}`, `/api/v1/tickets/${ids.ticket2}`]);
	});

	it('passes a Desk organization ID mapped as a safe number (digits, no precision lost)', async () => {
		const result = await run({
			resource: 'record',
			operation: 'get',
			...deskTickets,
			recordId: rl('id', ids.ticket),
			options: { deskOrgId: `={{ ${emu.deskOrgIds.A} }}` },
		});
		expect(result.status).toBe('success');
		expect(result.output('Zoho')[0].json.id).toBe(ids.ticket);
		expect(apiRequests().map((r) => r.path)).not.toContain('/api/v1/organizations');
	});

	it('passes unicode in a Desk ticket subject and a Desk contact name (PATCH / POST bodies and stored records)', async () => {
		const subject = `Refund ${ODD_TEXT}`;
		const update = await run({
			resource: 'record',
			operation: 'update',
			...deskTickets,
			recordId: rl('id', ids.ticket),
			dataMode: 'json',
			fieldsJson: JSON.stringify({ subject }),
		});
		expect(update.status).toBe('success');
		expect(apiRequestsTo(`/api/v1/tickets/${ids.ticket}`, 'PATCH')[0].body).toEqual({ subject });
		expect(emu.data.desk.tickets.get(ids.ticket).subject).toBe(subject);

		emu.reset();
		const create = await run({
			resource: 'record',
			operation: 'create',
			app: 'desk',
			deskModule: 'contacts',
			dataMode: 'json',
			fieldsJson: JSON.stringify({ lastName: "N'Dour 😀", firstName: 'Zoë' }),
		});
		expect(create.status).toBe('success');
		expect(apiRequestsTo('/api/v1/contacts', 'POST')[0].body).toEqual({
			lastName: "N'Dour 😀",
			firstName: 'Zoë',
		});
		expect(emu.data.desk.contacts.get(create.output('Zoho')[0].json.id)).toMatchObject({
			lastName: "N'Dour 😀",
			firstName: 'Zoë',
		});
	});

	it('passes HTML, quotes and unicode in a new case (POST body and stored ticket)', async () => {
		const description = '<p>Hi <b>team</b></p><script>alert("x")</script> — naïve ☃';
		const result = await run({
			...caseCreateBase,
			subject: `Can't sign in ${ODD_TEXT}`,
			departmentId: rl('id', ids.department),
			additionalFields: { description },
			customFields: { field: [{ name: 'cf_order_id', value: "ORD-1 (rush); '--" }] },
		});
		expect(result.status).toBe('success');
		const [post] = apiRequestsTo('/api/v1/tickets', 'POST');
		expect(post.body).toMatchObject({
			subject: `Can't sign in ${ODD_TEXT}`,
			departmentId: ids.department,
			description,
			cf: { cf_order_id: "ORD-1 (rush); '--" },
		});
		const ticket = emu.data.desk.tickets.get(result.output('Zoho')[0].json.id);
		expect(ticket).toMatchObject({ subject: `Can't sign in ${ODD_TEXT}`, description });
	});

	it('passes "&", "=", "#" and unicode in Desk search text and a status list, URL-encoded as one value each', async () => {
		const search = await run(
			{ resource: 'case', operation: 'search', searchTerm: MAPPED, limit: 5 },
			[{ v: 'refund & "money" #1 ?x=1 😀' }],
		);
		expect(search.status).toBe('success');
		expect(apiRequestsTo('/api/v1/tickets/search')[0].query).toEqual({
			_all: 'refund & "money" #1 ?x=1 😀',
			from: '0',
			limit: '5',
		});

		emu.reset();
		const list = await run({
			resource: 'case',
			operation: 'getAll',
			limit: 5,
			filters: { status: 'Open,On Hold' },
		});
		expect(list.status).toBe('success');
		expect(apiRequestsTo('/api/v1/tickets')[0].query).toMatchObject({ status: 'Open,On Hold' });
	});

	it('passes a CRM word search with "&criteria=" in it as the word, without a criteria parameter', async () => {
		const word = 'ab&criteria=(Last_Name:equals:x)#frag';
		const result = await run({
			resource: 'record',
			operation: 'search',
			...crm,
			module: moduleRl('Leads'),
			searchBy: 'word',
			searchTerm: word,
			limit: 5,
		});
		expect(result.status).toBe('success');
		expect(apiRequestsTo('/crm/v8/Leads/search')[0].query).toEqual({
			word,
			page: '1',
			per_page: '5',
		});
	});

	it('passes "(" ")" "," escaped with a backslash inside a criteria value, and finds the record', async () => {
		const lastName = 'Smith (Jr), III';
		const created = await run({
			resource: 'record',
			operation: 'create',
			...crm,
			module: moduleRl('Leads'),
			dataMode: 'json',
			fieldsJson: JSON.stringify({ Last_Name: lastName }),
		});
		const id = created.output('Zoho')[0].json.id;
		emu.requests.length = 0;
		const criteria = '(Last_Name:equals:Smith \\(Jr\\)\\, III)';
		const result = await run({
			resource: 'record',
			operation: 'search',
			...crm,
			module: moduleRl('Leads'),
			searchBy: 'criteria',
			criteria,
			returnAll: true,
		});
		expect(result.status).toBe('success');
		expect(apiRequestsTo('/crm/v8/Leads/search')[0].query.criteria).toBe(criteria);
		expect(result.output('Zoho').map((item: any) => item.json.id)).toEqual([id]);
	});

	it('passes quotes, ";" and unicode inside a criteria value, and an ISO date with colons', async () => {
		const criteria =
			"((Last_Name:equals:O'Brien; Zoë 😀)or(Modified_Time:greater_than:2020-01-01T00:00:00+00:00))";
		const result = await run({
			resource: 'signal',
			operation: 'count',
			...crm,
			module: moduleRl('Leads'),
			criteria,
		});
		expect(result.status).toBe('success');
		expect(apiRequestsTo('/crm/v8/Leads/actions/count')[0].query).toEqual({ criteria });
	});

	it('passes exactly 10 conditions (the most Zoho allows)', async () => {
		const criteria = `(${TEN.join('or')})`;
		const result = await run({
			resource: 'record',
			operation: 'search',
			...crm,
			module: moduleRl('Leads'),
			searchBy: 'criteria',
			criteria,
			limit: 5,
		});
		expect(result.status).toBe('success');
		expect(apiRequestsTo('/crm/v8/Leads/search')[0].query.criteria).toBe(criteria);
	});

	it('passes an escaped quote in a COQL string literal exactly', async () => {
		const coql = "select Last_Name from Leads where Last_Name = 'O\\'Brien'";
		const result = await run({ resource: 'record', operation: 'query', ...crm, coql, limit: 5 });
		expect(result.status).toBe('success');
		expect(apiRequestsTo('/crm/v8/coql', 'POST').map((r) => r.body)).toEqual([
			{ select_query: `${coql} limit 0, 5` },
		]);
	});

	it('passes ";", "--", "/* */" and unicode inside COQL string literals (data, not statements)', async () => {
		const coql =
			"select Last_Name, City from Leads where Last_Name = 'a;b -- c /* d */ Zoë 😀' or City like '%;%'";
		const result = await run({ resource: 'record', operation: 'query', ...crm, coql, limit: 5 });
		expect(result.status).toBe('success');
		expect(apiRequestsTo('/crm/v8/coql', 'POST').map((r) => r.body)).toEqual([
			{ select_query: `${coql} limit 0, 5` },
		]);
	});

	it('passes a COQL query ending in one ";", sent without it', async () => {
		const result = await run({
			resource: 'record',
			operation: 'query',
			...crm,
			coql: 'select Last_Name from Leads where Last_Name is not null;',
			limit: 5,
		});
		expect(result.status).toBe('success');
		expect(apiRequestsTo('/crm/v8/coql', 'POST')[0].body).toEqual({
			select_query: 'select Last_Name from Leads where Last_Name is not null limit 0, 5',
		});
	});

	it('passes a signal with unicode text and a link whose query, fragment and international host are normalized by the URL parser', async () => {
		const url = 'https://bücher.example/orders/1001?ref=n8n&x=a%2Fb#top';
		const result = await run({
			resource: 'signal',
			operation: 'send',
			...crm,
			signalNamespace: 'beam.deal_alert',
			recordId: ids.deal,
			subject: 'Bestellung 😀',
			message: 'Zoë\nhat bestellt',
			actions: { link: [{ label: 'Öffnen', url, openIn: 'tab' }] },
		});
		expect(result.status).toBe('success');
		const [post] = apiRequestsTo('/crm/v2/signals/notifications', 'POST');
		expect(post.body.signals[0]).toMatchObject({
			subject: 'Bestellung 😀',
			message: 'Zoë~br~hat bestellt',
			actions: [
				{
					type: 'link',
					open_in: 'tab',
					display_name: 'Öffnen',
					url: 'https://xn--bcher-kva.example/orders/1001?ref=n8n&x=a%2Fb#top',
				},
			],
		});
	});

	it('passes a notify URL with a query string and an encoded slash, and a nested notification condition, exactly', async () => {
		const notifyUrl = 'https://n8n.example.com/webhook/zoho?source=crm&next=%2F..%2F';
		const condition = [
			{
				type: 'field_selection',
				module: { api_name: 'Deals' },
				field_selection: {
					group_operator: 'or',
					group: [{ field: { api_name: 'Stage' } }, { field: { api_name: 'Amount' } }],
				},
			},
		];
		const result = await run({
			resource: 'notification',
			operation: 'enable',
			events: ['Deals.edit'],
			notifyUrl,
			options: { notificationCondition: JSON.stringify(condition) },
		});
		expect(result.status).toBe('success');
		const [post] = apiRequestsTo('/crm/v8/actions/watch', 'POST');
		expect(post.body.watch[0]).toMatchObject({
			notify_url: notifyUrl,
			notification_condition: condition,
		});
	});

	it('passes a notification condition of ={{ null }} as "no condition" (an optional JSON option left empty)', async () => {
		const result = await run({
			resource: 'notification',
			operation: 'enable',
			events: ['Leads.create'],
			notifyUrl: 'https://example.com/hook',
			options: { notificationCondition: '={{ null }}' },
		});
		expect(result.status).toBe('success');
		expect(apiRequestsTo('/crm/v8/actions/watch', 'POST')[0].body.watch[0]).not.toHaveProperty(
			'notification_condition',
		);
	});

	it('passes timeline filters with unicode and quotes as compact JSON in one query parameter', async () => {
		const filters = {
			group_operator: 'or',
			group: [
				{ comparator: 'equal', field: { api_name: 'action' }, value: 'updated' },
				{ comparator: 'equal', field: { api_name: 'done_by' }, value: 'Zoë "Ops" 😀' },
			],
		};
		const result = await run({
			resource: 'timeline',
			operation: 'get',
			...crm,
			module: moduleRl('Leads'),
			recordId: ids.lead,
			limit: 5,
			options: { filters: JSON.stringify(filters, null, 2) },
		});
		expect(apiRequestsTo(`/crm/v8/Leads/${ids.lead}/__timeline`)[0].query.filters).toBe(
			JSON.stringify(filters),
		);
		expect(result.status).toBe('success');
	});

	it('passes a list of channel IDs mixing numbers and text from an expression', async () => {
		const enabled = await run(
			{
				resource: 'notification',
				operation: 'enable',
				events: ['Leads.create'],
				notifyUrl: 'https://example.com/hook',
				channelId: MAPPED,
			},
			[{ v: '1000000068001' }, { v: '1000000068002' }],
		);
		expect(enabled.status).toBe('success');
		emu.requests.length = 0;
		const result = await run({
			resource: 'notification',
			operation: 'disable',
			channelIds: '={{ [1000000068001, "1000000068002"] }}',
		});
		expect(apiRequestsTo('/crm/v8/actions/watch', 'DELETE').map((r) => r.query)).toEqual([
			{ channel_ids: '1000000068001,1000000068002' },
		]);
		expect(result.status).toBe('success');
	});
});

describe('the table', () => {
	it('covers every kind of hostile value and keeps 100+ refusal cases', () => {
		expect(REFUSALS.length).toBeGreaterThanOrEqual(100);
		const names = REFUSALS.map((entry) => entry.name);
		expect(new Set(names).size).toBe(names.length);
	});
});
