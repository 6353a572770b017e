/**
 * Secrets scan ("Reliability and security"): a representative set of workflows over every
 * resource — successes, Zoho errors, Continue On Fail error items, a token refresh, a refresh
 * Zoho refuses (invalid_client), a scope mismatch, a credential without a usable token — and
 * then a scan of everything the runs produced. No output item, error message, error description,
 * serialized error or log line may contain the client secret, or any access or refresh token
 * issued during the runs. Every request the runs made went to the emulator, and a credential of
 * a real data center never sends its token to an `api_domain` outside that data center.
 */
import { moduleRl, rl } from '../harness/typed';
import type * as HttpModule from 'http';
import type { INode } from 'n8n-workflow';
import { format } from 'util';

import { resolveConnection } from '../../nodes/ZohoBeam/transport/connection';

// n8n-core 2.41 logs through its own winston logger (the harness's `logLines` only sees
// LoggerProxy), which writes to `console._stdout` (process.stdout for a single test file, jest's
// buffer in a worker) or else to `console.log`. All of them are captured while a workflow runs,
// so every line n8n writes is scanned too.
const consoleLines: string[] = [];
const capture = (chunk: unknown) =>
	consoleLines.push(
		typeof chunk === 'string'
			? chunk
			: Buffer.isBuffer(chunk)
				? chunk.toString('utf8')
				: format(chunk),
	);

async function capturingOutput<T>(work: () => Promise<T>): Promise<T> {
	const streamConsole = console as unknown as {
		_stdout?: NodeJS.WritableStream;
		_stderr?: NodeJS.WritableStream;
	};
	const streams = [
		...new Set(
			[process.stdout, process.stderr, streamConsole._stdout, streamConsole._stderr].filter(
				(stream): stream is NodeJS.WritableStream => Boolean(stream),
			),
		),
	];
	const writes = streams.map((stream) => stream.write);
	const levels = ['log', 'info', 'warn', 'error', 'debug'] as const;
	const methods = levels.map((level) => console[level]);
	for (const stream of streams)
		(stream as { write: unknown }).write = (chunk: unknown) => capture(chunk) > 0;
	for (const level of levels)
		console[level] = (...args: unknown[]) => void capture(format(...args));
	try {
		return await work();
	} finally {
		streams.forEach((stream, index) => {
			stream.write = writes[index];
		});
		levels.forEach((level, index) => {
			console[level] = methods[index];
		});
	}
}

// The core modules themselves (an ES namespace import would be a read-only copy).
const http: typeof HttpModule = require('http');
const https: typeof HttpModule = require('https');
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow, emulatorCredential, logLines } = require('../harness');

type Params = Record<string, unknown>;

interface Scenario {
	name: string;
	params: Params;
	input?: object[];
	/** Node settings, e.g. Continue On Fail. */
	extra?: object;
	/** The credential for this run; default: a fresh one with every scope. */
	credential?: () => Record<string, any>;
	/** Emulator state before the run (token expiry, token endpoint errors …). */
	before?: () => void;
	/** What the run must come to, so the scan covers the error paths it claims to cover. */
	expect: 'success' | 'error' | 'error items';
}

interface Collected {
	name: string;
	texts: string[];
	/** Whether n8n stored another access token than the run started with. */
	refreshed: boolean;
	/** How many log lines the run wrote. */
	logged: number;
}

let emu: any;
const secrets = new Set<string>();
const collected: Collected[] = [];
const outgoing: Array<{ host: string; port: string; path: string; authorized: boolean }> = [];
const restorers: Array<() => void> = [];
const ids = { lead: '', lead2: '', deal: '', task: '', ticket: '', department: '' };
const continueOnFail = { onError: 'continueRegularOutput' };

/** Records the host of every HTTP(S) request this process makes, and whether it carries a token. */
function watchOutgoing(module: typeof HttpModule, defaultPort: string): void {
	const original = module.request;
	const patched = function (this: unknown, ...args: unknown[]) {
		const [first, second] = args;
		const options = (
			typeof first === 'string' || first instanceof URL
				? second && typeof second === 'object'
					? second
					: {}
				: (first ?? {})
		) as HttpModule.RequestOptions;
		const url =
			typeof first === 'string' ? new URL(first) : first instanceof URL ? first : undefined;
		const headers = (options.headers ?? {}) as Record<string, unknown>;
		const authorization = Object.entries(headers).find(
			([key]) => key.toLowerCase() === 'authorization',
		)?.[1];
		outgoing.push({
			host: String(url?.hostname ?? options.hostname ?? options.host ?? ''),
			port: String(url?.port || options.port || defaultPort),
			path: String(url?.pathname ?? options.path ?? ''),
			authorized: authorization !== undefined,
		});
		return (original as (...rest: unknown[]) => HttpModule.ClientRequest).apply(this, args);
	};
	(module as { request: unknown }).request = patched;
	restorers.push(() => {
		(module as { request: unknown }).request = original;
	});
}

beforeAll(async () => {
	emu = await startEmulator();
	[ids.lead, ids.lead2] = emu.ids('Leads', 2);
	[ids.deal] = emu.ids('Deals', 1);
	[ids.task] = emu.ids('Tasks', 1);
	[ids.ticket] = emu.deskIds('tickets', emu.deskOrgIds.A, 1);
	[ids.department] = emu.deskIds('departments', emu.deskOrgIds.A, 1);
	secrets.add(emu.config.clientSecret);
	watchOutgoing(http, '80');
	watchOutgoing(https, '443');
});
afterAll(async () => {
	for (const restore of restorers) restore();
	await emu?.close();
});

/** A token and each of its random parts: half a token is a leak too. */
function addSecret(value: unknown): void {
	if (typeof value !== 'string' || value.length < 8) return;
	secrets.add(value);
	for (const part of value.split('.')) if (part.length >= 16) secrets.add(part);
}

function addTokens(tokenData: unknown): void {
	if (!tokenData || typeof tokenData !== 'object') return;
	const data = tokenData as Record<string, unknown>;
	addSecret(data.access_token);
	addSecret(data.refresh_token);
}

const scenarios: Scenario[] = [
	// record
	{
		name: 'record get (CRM)',
		params: {
			resource: 'record',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: rl('id', '={{ $json.id }}'),
		},
		input: [{ id: 'LEAD' }],
		expect: 'success',
	},
	{
		name: 'record getAll (CRM) with a field list',
		params: {
			resource: 'record',
			operation: 'getAll',
			app: 'crm',
			module: moduleRl('Deals'),
			limit: 3,
			options: { fields: 'Deal_Name,Stage' },
		},
		expect: 'success',
	},
	{
		name: 'record update (CRM) with one record Zoho refuses, Continue On Fail',
		params: {
			resource: 'record',
			operation: 'update',
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: rl('id', '={{ $json.id }}'),
			dataMode: 'autoMap',
		},
		input: [
			{ id: 'LEAD', Email: 'ok@example.com' },
			{ id: 'LEAD2', Email: 'not-an-email' },
		],
		extra: continueOnFail,
		expect: 'error items',
	},
	{
		name: 'record update (CRM) with a record Zoho refuses',
		params: {
			resource: 'record',
			operation: 'update',
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: rl('id', '={{ $json.id }}'),
			dataMode: 'autoMap',
		},
		input: [{ id: 'LEAD', Lead_Status: 'No Such Status' }],
		expect: 'error',
	},
	{
		name: 'record get (CRM) of an unknown module (Zoho 400)',
		params: {
			resource: 'record',
			operation: 'get',
			app: 'crm',
			module: rl('name', 'NoSuchModule'),
			recordId: rl('id', '5725767000000412001'),
		},
		expect: 'error',
	},
	{
		name: 'record create (CRM)',
		params: {
			resource: 'record',
			operation: 'create',
			app: 'crm',
			module: moduleRl('Leads'),
			dataMode: 'json',
			fieldsJson: '{"Last_Name": "Secret Scan"}',
		},
		expect: 'success',
	},
	{
		name: 'record delete (CRM) of a record and of an unknown ID, Continue On Fail',
		params: {
			resource: 'record',
			operation: 'delete',
			app: 'crm',
			module: moduleRl('Tasks'),
			recordId: rl('id', '={{ $json.id }}'),
		},
		input: [{ id: 'TASK' }, { id: '5725767000999999999' }],
		extra: continueOnFail,
		expect: 'error items',
	},
	{
		name: 'record upsert (CRM)',
		params: {
			resource: 'record',
			operation: 'upsert',
			app: 'crm',
			module: moduleRl('Leads'),
			dataMode: 'json',
			fieldsJson: '{"Last_Name": "Upsert", "Email": "upsert-scan@example.com"}',
		},
		expect: 'success',
	},
	{
		name: 'record search (CRM) by criteria',
		params: {
			resource: 'record',
			operation: 'search',
			app: 'crm',
			module: moduleRl('Leads'),
			searchBy: 'criteria',
			criteria: '(Lead_Status:equals:Contacted)',
			limit: 3,
		},
		expect: 'success',
	},
	{
		name: 'record search (CRM) with criteria Zoho refuses',
		params: {
			resource: 'record',
			operation: 'search',
			app: 'crm',
			module: moduleRl('Leads'),
			searchBy: 'criteria',
			criteria: '(No_Such_Field:equals:x)',
			limit: 3,
		},
		extra: continueOnFail,
		expect: 'error items',
	},
	{
		name: 'record query (COQL)',
		params: {
			resource: 'record',
			operation: 'query',
			app: 'crm',
			coql: 'select Last_Name from Leads where Last_Name is not null',
			limit: 3,
		},
		expect: 'success',
	},
	{
		name: 'record get (Desk) and a Desk 404',
		params: {
			resource: 'record',
			operation: 'get',
			app: 'desk',
			deskModule: 'tickets',
			recordId: rl('id', '={{ $json.id }}'),
		},
		input: [{ id: 'TICKET' }, { id: '1892000000999999999' }],
		extra: continueOnFail,
		expect: 'error items',
	},
	{
		name: 'record update (Desk)',
		params: {
			resource: 'record',
			operation: 'update',
			app: 'desk',
			deskModule: 'tickets',
			recordId: rl('id', 'TICKET'),
			dataMode: 'json',
			fieldsJson: '{"priority": "High"}',
		},
		expect: 'success',
	},
	// case
	{
		name: 'case get',
		params: { resource: 'case', operation: 'get', ticketId: rl('id', 'TICKET') },
		expect: 'success',
	},
	{
		name: 'case getAll',
		params: { resource: 'case', operation: 'getAll', limit: 3 },
		expect: 'success',
	},
	{
		name: 'case search',
		params: { resource: 'case', operation: 'search', searchTerm: 'refund', limit: 3 },
		expect: 'success',
	},
	{
		name: 'case create that Zoho refuses (unknown status), Continue On Fail',
		params: {
			resource: 'case',
			operation: 'create',
			subject: 'S',
			departmentId: rl('id', 'DEPARTMENT'),
			contactBy: 'email',
			contactEmail: 'scan@example.com',
			contactLastName: 'Scan',
			additionalFields: { status: 'No Such Status' },
		},
		extra: continueOnFail,
		expect: 'error items',
	},
	{
		name: 'case get in a Desk organization the token does not belong to',
		params: {
			resource: 'case',
			operation: 'get',
			ticketId: rl('id', 'TICKET'),
			options: { deskOrgId: rl('id', 'FOREIGN_ORG') },
		},
		expect: 'error',
	},
	// signal
	{
		name: 'signal count (CRM)',
		params: {
			resource: 'signal',
			operation: 'count',
			app: 'crm',
			module: moduleRl('Leads'),
			criteria: '(Lead_Status:equals:Contacted)',
		},
		expect: 'success',
	},
	{
		name: 'signal count (Desk)',
		params: {
			resource: 'signal',
			operation: 'count',
			app: 'desk',
			options: { viewType: 'openTickets' },
		},
		expect: 'success',
	},
	{
		name: 'signal countByField',
		params: {
			resource: 'signal',
			operation: 'countByField',
			app: 'desk',
			fields: ['status', 'priority'],
		},
		expect: 'success',
	},
	{
		name: 'signal send, and an unknown signal Zoho refuses, Continue On Fail',
		params: {
			resource: 'signal',
			operation: 'send',
			app: 'crm',
			signalNamespace: '={{ $json.ns }}',
			recordId: 'DEAL',
			subject: 'S',
			message: 'M',
		},
		input: [{ ns: 'beam.deal_alert' }, { ns: 'beam.no_such_signal' }],
		extra: continueOnFail,
		expect: 'error items',
	},
	// notification
	{
		name: 'notification enable',
		params: {
			resource: 'notification',
			operation: 'enable',
			events: ['Leads.create'],
			notifyUrl: 'https://example.com/hook',
			channelId: '1000000068001',
		},
		expect: 'success',
	},
	{
		name: 'notification getAll',
		params: { resource: 'notification', operation: 'getAll', returnAll: true },
		expect: 'success',
	},
	{
		name: 'notification update of a channel that does not exist',
		params: { resource: 'notification', operation: 'update', channelId: '999999', events: [] },
		expect: 'error',
	},
	{
		name: 'notification disable of a channel that does not exist',
		params: { resource: 'notification', operation: 'disable', channelIds: '999998' },
		extra: continueOnFail,
		expect: 'error items',
	},
	// timeline
	{
		name: 'timeline get (CRM)',
		params: {
			resource: 'timeline',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: 'LEAD',
			limit: 3,
		},
		expect: 'success',
	},
	{
		name: 'timeline get (Desk)',
		params: { resource: 'timeline', operation: 'get', app: 'desk', ticketId: 'TICKET', limit: 3 },
		expect: 'success',
	},
	// tokens
	{
		name: 'token refresh: every access token expired before the run',
		params: {
			resource: 'record',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: rl('id', 'LEAD'),
		},
		before: () => emu.expireAccessTokens(),
		expect: 'success',
	},
	{
		name: 'token refresh on Desk',
		params: { resource: 'case', operation: 'get', ticketId: rl('id', 'TICKET') },
		before: () => emu.expireAccessTokens(),
		expect: 'success',
	},
	{
		name: 'refresh refused with invalid_client',
		params: {
			resource: 'record',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: rl('id', 'LEAD'),
		},
		before: () => {
			emu.expireAccessTokens();
			emu.configure({ tokenError: 'invalid_client' });
		},
		expect: 'error',
	},
	{
		name: 'refresh refused with invalid_client, Continue On Fail',
		params: { resource: 'case', operation: 'getAll', limit: 2 },
		extra: continueOnFail,
		before: () => {
			emu.expireAccessTokens();
			emu.configure({ tokenError: 'invalid_client' });
		},
		expect: 'error items',
	},
	{
		name: 'scope mismatch (COQL without ZohoCRM.coql.READ)',
		params: {
			resource: 'record',
			operation: 'query',
			app: 'crm',
			coql: 'select Last_Name from Leads',
			limit: 3,
		},
		credential: () =>
			emulatorCredential(emu, {
				scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL', 'ZohoCRM.org.READ'],
			}),
		expect: 'error',
	},
	{
		name: 'scope mismatch on Desk, Continue On Fail',
		params: { resource: 'case', operation: 'getAll', limit: 2 },
		extra: continueOnFail,
		credential: () =>
			emulatorCredential(emu, { scopes: ['ZohoCRM.modules.ALL', 'Desk.basic.READ'] }),
		expect: 'error items',
	},
	{
		name: 'a credential holding only a token-endpoint error, Continue On Fail',
		params: {
			resource: 'record',
			operation: 'get',
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: rl('id', 'LEAD'),
		},
		extra: continueOnFail,
		credential: () => {
			const credential = emulatorCredential(emu);
			addTokens(credential.oauthTokenData);
			return {
				...credential,
				oauthTokenData: {
					error: 'invalid_client',
					refresh_token: credential.oauthTokenData.refresh_token,
				},
			};
		},
		expect: 'error items',
	},
];

/** Puts the emulator's IDs in place of the placeholders. */
function withIds<T>(value: T): T {
	if (value === undefined) return value;
	const foreign = emu.deskOrgIds.foreign;
	const text = JSON.stringify(value)
		.replace(/"LEAD2"/g, JSON.stringify(ids.lead2))
		.replace(/"LEAD"/g, JSON.stringify(ids.lead))
		.replace(/"DEAL"/g, JSON.stringify(ids.deal))
		.replace(/"TASK"/g, JSON.stringify(ids.task))
		.replace(/"TICKET"/g, JSON.stringify(ids.ticket))
		.replace(/"DEPARTMENT"/g, JSON.stringify(ids.department))
		.replace(/"FOREIGN_ORG"/g, JSON.stringify(foreign));
	return JSON.parse(text) as T;
}

function errorTexts(error: any): string[] {
	if (!error) return [];
	return [
		String(error.message ?? ''),
		String(error.description ?? ''),
		JSON.stringify(error),
		JSON.stringify(error.context ?? {}),
		String(error.stack ?? ''),
	];
}

describe('secrets never leak', () => {
	it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))(
		'%s',
		async (_name, scenario) => {
			emu.reset();
			const credential = scenario.credential?.() ?? emulatorCredential(emu);
			addTokens(credential.oauthTokenData);
			scenario.before?.();
			const logStart = logLines.length;
			const consoleStart = consoleLines.length;
			const result = await capturingOutput<any>(() =>
				runWorkflow({
					emu,
					credential,
					workflow: singleNodeWorkflow(withIds(scenario.params), scenario.extra),
					input: withIds(scenario.input),
				}),
			);
			// Tokens n8n stored after the run (a refresh replaces the access token).
			const stored = result.credentialsHelper.stored(result.credentialId)?.oauthTokenData;
			addTokens(stored);

			const nodeError = result.nodeError('Zoho');
			const items = result.runData.Zoho?.[0] ? result.output('Zoho') : [];
			if (scenario.expect === 'success') {
				expect({ status: result.status, error: nodeError?.message }).toEqual({
					status: 'success',
					error: undefined,
				});
			} else if (scenario.expect === 'error') {
				expect(result.status).toBe('error');
				expect(nodeError).toBeDefined();
			} else {
				expect(result.status).toBe('success');
				expect(items.some((item: any) => item.json.error)).toBe(true);
			}
			collected.push({
				name: scenario.name,
				refreshed:
					typeof stored?.access_token === 'string' &&
					stored.access_token !== credential.oauthTokenData.access_token,
				texts: [
					JSON.stringify(items),
					...items.flatMap((item: any) =>
						item.json.error
							? [String(item.json.error.message), String(item.json.error.description ?? '')]
							: [],
					),
					...errorTexts(nodeError),
					...errorTexts(result.error),
					JSON.stringify(result.runData),
					...logLines.slice(logStart),
					...consoleLines.slice(consoleStart),
				],
				logged: logLines.length - logStart + consoleLines.length - consoleStart,
			});
		},
	);

	it('covers the token paths it claims to: refreshed and stored, refused, scope mismatch', () => {
		const refreshed = (name: string) => collected.find((entry) => entry.name === name)?.refreshed;
		expect(refreshed('token refresh: every access token expired before the run')).toBe(true);
		expect(refreshed('token refresh on Desk')).toBe(true);
		expect(refreshed('record get (CRM)')).toBe(false);
		// Zoho answers a scope mismatch with 401, so n8n refreshes once: that token is scanned too.
		expect(refreshed('scope mismatch (COQL without ZohoCRM.coql.READ)')).toBe(true);
	});

	it('no output item, error message, description, serialized error or log line holds the client secret or a token', () => {
		expect(collected).toHaveLength(scenarios.length);
		expect(secrets.size).toBeGreaterThan(10);
		const leaks: string[] = [];
		const everyLogLine = [...logLines, ...consoleLines].join('\n');
		// The scan saw n8n's log: failed runs log their errors.
		expect(
			collected.find((entry) => entry.name === 'refresh refused with invalid_client')?.logged,
		).toBeGreaterThan(0);
		for (const secret of secrets) {
			for (const entry of collected) {
				entry.texts.forEach((text, index) => {
					if (text.includes(secret))
						leaks.push(`${entry.name} [text ${index}] contains ${secret.slice(0, 6)}…`);
				});
			}
			if (everyLogLine.includes(secret)) leaks.push(`a log line contains ${secret.slice(0, 6)}…`);
		}
		expect(leaks).toEqual([]);
	});

	it('sent every request to the emulator, and logged it there', () => {
		const emulatorHost = new URL(emu.url);
		expect(outgoing.length).toBeGreaterThan(scenarios.length);
		const elsewhere = outgoing.filter(
			(request) => request.host !== emulatorHost.hostname || request.port !== emulatorHost.port,
		);
		expect(elsewhere).toEqual([]);
		// Every request carrying a token went to the emulator's API or accounts paths.
		for (const request of outgoing.filter((entry) => entry.authorized))
			expect(request.path).toMatch(/^\/(crm|api|oauth)\//);
		// The emulator's own log only ever holds its own apps, with secrets redacted.
		const log = JSON.stringify(emu.requests);
		for (const secret of secrets) expect(log.includes(secret)).toBe(false);
	});
});

describe('the token stays in its data center', () => {
	const node = {
		id: '1',
		name: 'Zoho',
		type: 'n8n-nodes-zoho-beam.zohoBeam',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as INode;
	const token = (apiDomain: string) => ({
		access_token: 'access',
		refresh_token: 'refresh',
		api_domain: apiDomain,
	});

	it.each([
		'https://evil.example.com',
		'https://evil.example.com/',
		'http://www.zohoapis.com',
		'https://www.zohoapis.com.evil.example.com',
		'https://www.zohoapis.com@evil.example.com',
		'https://evil.example.com#www.zohoapis.com',
		'https://zohoapis.com.evil.example.com',
		'https://www.zohoapis.eu',
		'javascript:alert(1)',
	])(
		'a "com" credential whose token names the api_domain %s sends its token to https://www.zohoapis.com',
		(apiDomain) => {
			const connection = resolveConnection(node, {
				dataCenter: 'com',
				oauthTokenData: token(apiDomain),
			});
			expect(connection.crmApiUrl).toBe('https://www.zohoapis.com');
			expect(connection.deskApiUrl).toBe('https://desk.zoho.com/api/v1');
			// Nothing secret is kept on the connection.
			expect(JSON.stringify(connection)).not.toMatch(/access|refresh/);
		},
	);
});
