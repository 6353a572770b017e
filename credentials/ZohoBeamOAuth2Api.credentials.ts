import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import {
	DATA_CENTERS,
	DATA_CENTER_KEYS,
	accountsUrlExpression,
	crmApiOrigins,
} from '../nodes/ZohoBeam/config/dataCenters';
import { scopeExpression } from '../nodes/ZohoBeam/config/scopes';
import { PLAIN_HTTP_OFF_LOOPBACK } from '../nodes/ZohoBeam/transport/connection';

const customOnly = { show: { dataCenter: ['custom'] } };

/**
 * The CRM base the credential test calls, by the transport's rule: the token's api_domain when
 * it is one of the data center's CRM API origins (crmApiOrigins; any, for a custom data center),
 * else the data center's default.
 */
const tokenDomain =
	'(($credentials.oauthTokenData && $credentials.oauthTokenData.api_domain) || "").replace(/\\/+$/, "")';
const crmTestBase =
	`$credentials.dataCenter === "custom" ? (${tokenDomain} || $credentials.customCrmApiUrl) : ` +
	`((${JSON.stringify(Object.fromEntries(DATA_CENTER_KEYS.map((key) => [key, crmApiOrigins(key)])))}[$credentials.dataCenter] || []).includes(${tokenDomain}) ? ${tokenDomain} : ` +
	`${JSON.stringify(Object.fromEntries(DATA_CENTER_KEYS.map((key) => [key, DATA_CENTERS[key].crmApiUrl])))}[$credentials.dataCenter])`;

/**
 * Plain http:// to a host that is not loopback would carry the token (and, on refresh, the
 * client secret) in clear text: the test then goes to a host that cannot exist (RFC 6761
 * `.invalid`), so nothing is sent; the node refuses the same URLs with a full message.
 */
export const PLAIN_HTTP_REFUSED_HOST = 'https://use-https-plain-http-is-only-for-localhost.invalid';
const crmTestBaseUrl = `={{ (function (base) { return [base, $credentials.dataCenter === "custom" ? $credentials.customAccountsUrl : ""].some(function (url) { return new RegExp(${JSON.stringify(PLAIN_HTTP_OFF_LOOPBACK)}, "i").test(String(url || "").trim()); }) ? ${JSON.stringify(PLAIN_HTTP_REFUSED_HOST)} : base; })(${crmTestBase}) }}`;

/**
 * Where the OAuth client comes from, per data center: Zoho's API Console of that data center
 * (https://www.zoho.com/crm/developer/docs/api/v8/register-client.html). n8n's own hint names
 * the app ("In Zoho Beam, use the URL above"), a place that does not exist.
 */
const apiConsoleNotices: INodeProperties[] = DATA_CENTER_KEYS.map((key) => {
	const consoleUrl = DATA_CENTERS[key].accountsUrl.replace('//accounts', '//api-console');
	return {
		displayName: `Create the client in Zoho's API Console for ${DATA_CENTERS[key].label}: ${consoleUrl} → Add Client → Server-based Applications. Paste the OAuth Redirect URL shown above into "Authorized Redirect URIs", then copy the Client ID and Client Secret into the fields below.`,
		name: 'apiConsoleNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { dataCenter: [key] } },
	};
});

export class ZohoBeamOAuth2Api implements ICredentialType {
	name = 'zohoBeamOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Zoho Beam OAuth2 API';

	documentationUrl = 'https://github.com/zoho-beam/n8n-nodes-zoho-beam#credential-setup';

	icon: Icon = {
		light: 'file:../nodes/ZohoBeam/zohoBeam.svg',
		dark: 'file:../nodes/ZohoBeam/zohoBeam.dark.svg',
	};

	/**
	 * Lets n8n's HTTP Request node use this credential as a predefined credential type (the
	 * node's own API Call resource adds the data center, Desk organization, retries and paging).
	 */
	httpRequestNode: ICredentialType['httpRequestNode'] = {
		name: 'Zoho Beam (Zoho CRM and Zoho Desk)',
		docsUrl: 'https://github.com/zoho-beam/n8n-nodes-zoho-beam#api-call',
		apiBaseUrlPlaceholder:
			'https://www.zohoapis.com/crm/v8/Leads (CRM) or https://desk.zoho.com/api/v1/tickets (Desk)',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Data Center',
			name: 'dataCenter',
			type: 'options',
			default: 'com',
			description:
				'Where your Zoho account lives: the domain you see when you sign in to Zoho (for example crm.zoho.eu means Europe)',
			options: [
				...DATA_CENTER_KEYS.map((key) => ({ name: DATA_CENTERS[key].label, value: key })),
				{ name: 'Custom (Self-Hosted Proxy or Test Emulator)', value: 'custom' },
			],
		},
		...apiConsoleNotices,
		{
			displayName: 'Custom Accounts URL',
			name: 'customAccountsUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8080',
			description:
				'Base URL of the accounts server; OAuth uses {URL}/oauth/v2/auth and {URL}/oauth/v2/token',
			displayOptions: customOnly,
			required: true,
		},
		{
			displayName: 'Custom CRM API URL',
			name: 'customCrmApiUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8080',
			description: 'CRM API base, used when the token carries no api_domain',
			displayOptions: customOnly,
		},
		{
			displayName: 'Custom Desk API URL',
			name: 'customDeskApiUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8080/api/v1',
			description: 'Desk API root, including /api/v1',
			displayOptions: customOnly,
		},
		{
			displayName: 'Custom CRM Web URL',
			name: 'customCrmWebUrl',
			type: 'string',
			default: '',
			placeholder: 'https://crm.zoho.com',
			description: 'CRM web UI base, used to build deep links',
			displayOptions: customOnly,
		},
		{
			displayName: 'Custom Desk Web URL',
			name: 'customDeskWebUrl',
			type: 'string',
			default: '',
			placeholder: 'https://desk.zoho.com',
			description: 'Desk web UI base, used to build deep links',
			displayOptions: customOnly,
		},
		{
			displayName: 'Additional Scopes',
			name: 'additionalScopes',
			type: 'string',
			default: '',
			placeholder: 'ZohoCRM.bulk.READ,ZohoCRM.Files.READ',
			description:
				'Comma-separated Zoho scopes to request on top of the default set, which already covers every operation of the Zoho Beam node. Reconnect after changing this.',
		},
		{
			displayName: 'Desk Organization ID',
			name: 'deskOrgId',
			type: 'string',
			default: '',
			placeholder: '60001234567',
			description:
				'Optional. Leave empty to let the node find your Zoho Desk organization (the default one, else the first). Set it when your account belongs to several Desk organizations.',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: accountsUrlExpression('/oauth/v2/auth'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: accountsUrlExpression('/oauth/v2/token'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: scopeExpression(),
		},
		{
			// offline + consent: Zoho only issues a refresh token with both, and re-issues it on reconnect.
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'access_type=offline&prompt=consent',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: crmTestBaseUrl,
			url: '/crm/v8/users',
			qs: { type: 'CurrentUser' },
		},
	};
}
