import { NodeHelpers, Workflow } from 'n8n-workflow';

import {
	PLAIN_HTTP_REFUSED_HOST,
	ZohoBeamOAuth2Api,
} from '../../credentials/ZohoBeamOAuth2Api.credentials';
import { DATA_CENTERS, DATA_CENTER_KEYS } from '../../nodes/ZohoBeam/config/dataCenters';
import { DEFAULT_SCOPES } from '../../nodes/ZohoBeam/config/scopes';
import { resolveConnection } from '../../nodes/ZohoBeam/transport/connection';

const {
	resolveCredentialData,
	mergeProperties,
	OAUTH2_API_PROPERTIES,
} = require('../harness/credentials');

const mockType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};
const nodeTypes = {
	getByName: () => mockType,
	getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(mockType as never, 1),
	getKnownTypes: () => ({}),
};

const credential = new ZohoBeamOAuth2Api();
const properties = mergeProperties(OAUTH2_API_PROPERTIES, credential.properties);

/** Resolves the credential the way n8n's CredentialsHelper does (defaults, then $self expressions). */
function resolve(data: Record<string, unknown>) {
	return resolveCredentialData(
		properties,
		{ clientId: 'id', clientSecret: 'secret', ...data },
		nodeTypes,
	);
}

describe('zohoBeamOAuth2Api credential', () => {
	it('extends oAuth2Api with offline access, forced consent and client credentials in the body', () => {
		expect(credential.name).toBe('zohoBeamOAuth2Api');
		expect(credential.extends).toEqual(['oAuth2Api']);
		const resolved = resolve({ dataCenter: 'com' });
		expect(resolved.grantType).toBe('authorizationCode');
		expect(resolved.authQueryParameters).toBe('access_type=offline&prompt=consent');
		expect(resolved.authentication).toBe('body');
	});

	it.each(DATA_CENTER_KEYS)(
		'resolves the OAuth URLs of data center %s to its accounts server',
		(key) => {
			const resolved = resolve({ dataCenter: key });
			expect(resolved.authUrl).toBe(`${DATA_CENTERS[key].accountsUrl}/oauth/v2/auth`);
			expect(resolved.accessTokenUrl).toBe(`${DATA_CENTERS[key].accountsUrl}/oauth/v2/token`);
			expect(new URL(resolved.authUrl).hostname).toMatch(/^accounts\.zoho(cloud)?\./);
		},
	);

	it('uses zohocloud.ca for Canada accounts but zohoapis.ca for its API', () => {
		expect(resolve({ dataCenter: 'ca' }).accessTokenUrl).toBe(
			'https://accounts.zohocloud.ca/oauth/v2/token',
		);
		expect(DATA_CENTERS.ca.crmApiUrl).toBe('https://www.zohoapis.ca');
	});

	it('defaults to the US data center', () => {
		expect(resolve({}).authUrl).toBe('https://accounts.zoho.com/oauth/v2/auth');
	});

	it('builds custom URLs from customAccountsUrl, without doubled slashes', () => {
		const resolved = resolve({ dataCenter: 'custom', customAccountsUrl: 'http://127.0.0.1:8080/' });
		expect(resolved.authUrl).toBe('http://127.0.0.1:8080/oauth/v2/auth');
		expect(resolved.accessTokenUrl).toBe('http://127.0.0.1:8080/oauth/v2/token');
	});

	it('builds the scope from the default set plus additional scopes', () => {
		expect(resolve({}).scope).toBe(DEFAULT_SCOPES.join(','));
		const resolved = resolve({ additionalScopes: ' ZohoCRM.bulk.READ , ,ZohoCRM.Files.READ ' });
		expect(resolved.scope).toBe(
			[...DEFAULT_SCOPES, 'ZohoCRM.bulk.READ', 'ZohoCRM.Files.READ'].join(','),
		);
	});

	it('asks for every scope area the node uses', () => {
		for (const scope of [
			'ZohoCRM.modules.ALL',
			'ZohoCRM.settings.ALL',
			'ZohoCRM.org.READ',
			'ZohoCRM.users.READ',
			'ZohoCRM.coql.READ',
			'ZohoCRM.notifications.ALL',
			'ZohoCRM.signals.ALL',
			'Desk.tickets.ALL',
			'Desk.contacts.READ',
			'Desk.tasks.ALL',
			'Desk.basic.READ',
			'Desk.search.READ',
		]) {
			expect(DEFAULT_SCOPES).toContain(scope);
		}
	});

	it('has a test request and every data center in the options', () => {
		expect(credential.test.request.url).toBe('/crm/v8/users');
		const options = (credential.properties.find((p) => p.name === 'dataCenter')?.options ??
			[]) as Array<{ value: string }>;
		expect(options.map((o) => o.value)).toEqual([
			'com',
			'eu',
			'in',
			'com.au',
			'jp',
			'ca',
			'com.cn',
			'sa',
			'uk',
			'custom',
		]);
	});

	it("the credential test trusts the token's api_domain exactly where the transport does", () => {
		const node = {
			id: 'm',
			name: 'Mock',
			type: 'mock',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: {},
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: nodeTypes as never,
		});
		const testBase = (data: Record<string, unknown>) =>
			workflow.expression.getSimpleParameterValue(
				node,
				String(credential.test.request.baseURL),
				'internal',
				{ $credentials: data } as never,
			);
		const token = (apiDomain?: string) => ({
			access_token: 'a',
			refresh_token: 'r',
			...(apiDomain ? { api_domain: apiDomain } : {}),
		});
		const cases: Array<[string, string | undefined]> = [
			['com', 'https://www.zohoapis.com'],
			['com', 'https://sandbox.zohoapis.com/'],
			['com', 'https://www.zohoapis.eu'],
			['com', 'https://zohoapis.com.evil.example'],
			['com', 'http://www.zohoapis.com'],
			['eu', 'https://developer.zohoapis.eu'],
			['ca', undefined],
			['custom', 'http://127.0.0.1:8080'],
		];
		for (const [dataCenter, apiDomain] of cases) {
			const data = {
				dataCenter,
				customCrmApiUrl: 'http://127.0.0.1:9',
				oauthTokenData: token(apiDomain),
			};
			const transport = resolveConnection(node, data as never).crmApiUrl;
			expect([dataCenter, apiDomain, testBase(data)]).toEqual([dataCenter, apiDomain, transport]);
		}
		expect(testBase({ dataCenter: 'com', oauthTokenData: token('https://www.zohoapis.eu') })).toBe(
			'https://www.zohoapis.com',
		);
	});
});

describe('credential test request', () => {
	const mockNode = {
		id: 'cred',
		name: 'mock',
		type: 'mock',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
	};
	/** The test request's base URL as n8n's routing node resolves it, with `$credentials`. */
	function testBaseUrl(data: Record<string, unknown>): unknown {
		const workflow = new Workflow({
			nodes: [mockNode],
			connections: {},
			active: false,
			nodeTypes: nodeTypes as never,
		});
		const credentials = resolve(data);
		return workflow.expression.getParameterValue(
			credential.test.request.baseURL as string,
			null,
			0,
			0,
			'mock',
			[],
			'internal',
			{ $credentials: credentials } as never,
		);
	}

	it("calls the data center API, or the token's api_domain", () => {
		expect(testBaseUrl({ dataCenter: 'eu' })).toBe('https://www.zohoapis.eu');
		expect(
			testBaseUrl({
				dataCenter: 'eu',
				oauthTokenData: { api_domain: 'https://sandbox.zohoapis.eu' },
			}),
		).toBe('https://sandbox.zohoapis.eu');
		expect(
			testBaseUrl({
				dataCenter: 'custom',
				customAccountsUrl: 'http://127.0.0.1:1',
				customCrmApiUrl: 'http://localhost:2',
			}),
		).toBe('http://localhost:2');
	});

	it.each([
		[
			{
				customAccountsUrl: 'http://accounts.example.com',
				customCrmApiUrl: 'https://crm.example.com',
			},
		],
		[
			{
				customAccountsUrl: 'https://accounts.example.com',
				customCrmApiUrl: 'http://crm.example.com',
			},
		],
		[
			{
				customAccountsUrl: 'http://127.0.0.1:1',
				customCrmApiUrl: 'http://127.0.0.1:1',
				oauthTokenData: { api_domain: 'http://10.0.0.1' },
			},
		],
	])('sends nothing when a URL is plain http to a host that is not loopback (%j)', (urls) => {
		expect(testBaseUrl({ dataCenter: 'custom', ...urls })).toBe(PLAIN_HTTP_REFUSED_HOST);
	});
});
