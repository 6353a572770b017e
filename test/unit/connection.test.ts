import type { INode } from 'n8n-workflow';

import {
	DATA_CENTERS,
	DATA_CENTER_KEYS,
	isAllowedCrmApiDomain,
} from '../../nodes/ZohoBeam/config/dataCenters';
import {
	credentialSecrets,
	resolveConnection,
	tokenProblem,
} from '../../nodes/ZohoBeam/transport/connection';

const node = {
	id: '1',
	name: 'Zoho',
	type: 'n8n-nodes-zoho-beam.zohoBeam',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const token = (extra: object = {}) => ({ access_token: 'tok', refresh_token: 'ref', ...extra });

describe('resolveConnection: base URLs', () => {
	it.each(DATA_CENTER_KEYS)(
		'uses the api_domain of %s when Zoho returned its own API host',
		(key) => {
			const apiDomain = DATA_CENTERS[key].crmApiUrl;
			const connection = resolveConnection(node, {
				dataCenter: key,
				oauthTokenData: token({ api_domain: apiDomain }),
			});
			expect(connection.crmApiUrl).toBe(apiDomain);
			expect(connection.deskApiUrl).toBe(DATA_CENTERS[key].deskApiUrl);
			expect(connection.crmWebUrl).toBe(DATA_CENTERS[key].crmWebUrl);
		},
	);

	it('falls back to the data center default without api_domain', () => {
		const connection = resolveConnection(node, { dataCenter: 'eu', oauthTokenData: token() });
		expect(connection.crmApiUrl).toBe('https://www.zohoapis.eu');
	});

	it('accepts sandbox and developer hosts of the same data center', () => {
		expect(
			resolveConnection(node, {
				dataCenter: 'com',
				oauthTokenData: token({ api_domain: 'https://sandbox.zohoapis.com' }),
			}).crmApiUrl,
		).toBe('https://sandbox.zohoapis.com');
		expect(isAllowedCrmApiDomain('in', 'https://developer.zohoapis.in')).toBe(true);
	});

	it.each([
		'https://www.zohoapis.eu', // another data center
		'https://evil.example.com',
		'http://www.zohoapis.com', // not https
		'https://www.zohoapis.com.evil.com',
		'https://user:pw@www.zohoapis.com',
		'https://www.zohoapis.com:8443',
		'https://www.zohoapis.com/path',
		'not a url',
	])(
		'ignores the api_domain %s for data center com (the token never leaves the DC)',
		(apiDomain) => {
			const connection = resolveConnection(node, {
				dataCenter: 'com',
				oauthTokenData: token({ api_domain: apiDomain }),
			});
			expect(connection.crmApiUrl).toBe('https://www.zohoapis.com');
		},
	);

	it('trusts any api_domain for a custom data center, and uses the custom URLs', () => {
		const connection = resolveConnection(node, {
			dataCenter: 'custom',
			customCrmApiUrl: 'http://127.0.0.1:9/',
			customDeskApiUrl: 'http://127.0.0.1:9/api/v1/',
			customCrmWebUrl: 'https://crm.example.com/',
			oauthTokenData: token(),
		});
		expect(connection).toMatchObject({
			crmApiUrl: 'http://127.0.0.1:9',
			deskApiUrl: 'http://127.0.0.1:9/api/v1',
			crmWebUrl: 'https://crm.example.com',
		});
		expect(
			resolveConnection(node, {
				dataCenter: 'custom',
				oauthTokenData: token({ api_domain: 'http://127.0.0.1:7' }),
			}).crmApiUrl,
		).toBe('http://127.0.0.1:7');
	});

	it('passes the credential Desk org ID on', () => {
		expect(
			resolveConnection(node, { dataCenter: 'com', deskOrgId: ' 600123 ', oauthTokenData: token() })
				.deskOrgId,
		).toBe('600123');
	});
});

describe('token problems', () => {
	it('says to reconnect when Zoho answered the token request with an error', () => {
		const message = tokenProblem({ error: 'invalid_client' });
		expect(message).toMatch(/invalid_client/);
		expect(message).toMatch(/client ID or secret/);
		expect(message).toMatch(/[Rr]econnect/);
	});

	it('says to reconnect when there is no access token at all', () => {
		expect(tokenProblem(undefined)).toMatch(/no access token/);
		expect(tokenProblem({ refresh_token: 'x' })).toMatch(/[Rr]econnect/);
	});

	it('accepts a token with an access token (even if an old refresh once failed)', () => {
		expect(tokenProblem({ access_token: 'a', error: 'invalid_client' })).toBeUndefined();
	});

	it('refuses to build a connection from an unusable token, without leaking secrets', () => {
		expect(() =>
			resolveConnection(node, {
				dataCenter: 'com',
				clientSecret: 'shh-secret',
				oauthTokenData: { error: 'invalid_code', refresh_token: 'refresh-secret' },
			}),
		).toThrow(/no usable access token/);
		try {
			resolveConnection(node, {
				dataCenter: 'com',
				clientSecret: 'shh-secret',
				oauthTokenData: { error: 'invalid_code', refresh_token: 'refresh-secret' },
			});
		} catch (error) {
			const text = JSON.stringify({
				message: (error as Error).message,
				description: (error as { description?: string }).description,
			});
			expect(text).not.toMatch(/shh-secret|refresh-secret/);
			expect(text).toMatch(/invalid_code/);
		}
	});

	it('refuses an unknown data center', () => {
		expect(() => resolveConnection(node, { dataCenter: 'mars', oauthTokenData: token() })).toThrow(
			/Unknown Zoho data center/,
		);
	});
});

describe('plain http only for loopback hosts', () => {
	const custom = (urls: Record<string, string>, api_domain?: string) => ({
		dataCenter: 'custom',
		...urls,
		oauthTokenData: token(api_domain ? { api_domain } : {}),
	});

	it.each([
		'http://localhost:5678',
		'http://127.0.0.1:8080/',
		'http://127.9.8.7',
		'http://[::1]:9/',
		'https://proxy.example.com',
		'HTTP://LOCALHOST:1',
	])('accepts %s', (url) => {
		expect(() =>
			resolveConnection(
				node,
				custom({ customAccountsUrl: url, customCrmApiUrl: url, customDeskApiUrl: `${url}/api/v1` }),
			),
		).not.toThrow();
	});

	it.each([
		['customAccountsUrl', 'http://accounts.example.com', 'Custom Accounts URL'],
		['customCrmApiUrl', 'http://10.1.2.3:8080', 'Custom CRM API URL'],
		['customDeskApiUrl', 'http://localhost.evil.example/api/v1', 'Custom Desk API URL'],
		['customCrmApiUrl', 'http://127.0.0.1.nip.io', 'Custom CRM API URL'],
		['customAccountsUrl', 'http://user@127.0.0.1', 'Custom Accounts URL'],
	])('refuses %s = %s', (field, url, label) => {
		expect(() => resolveConnection(node, custom({ [field]: url }))).toThrow(
			`The credential's ${label} uses plain http:// for a host that is not this machine`,
		);
	});

	it('refuses a plain-http api_domain from the token for a custom data center', () => {
		expect(() => resolveConnection(node, custom({}, 'http://crm-proxy.example.com'))).toThrow(
			/API domain \(from the token\) uses plain http/,
		);
	});
});

describe('credentialSecrets', () => {
	it('lists the client secret and every token, nothing else', () => {
		expect(
			credentialSecrets({
				clientId: 'id',
				clientSecret: 'cs',
				oauthTokenData: { access_token: 'a', refresh_token: 'r', api_domain: 'https://x' },
			}),
		).toEqual(['cs', 'a', 'r']);
		expect(credentialSecrets(undefined)).toEqual([]);
	});
});
