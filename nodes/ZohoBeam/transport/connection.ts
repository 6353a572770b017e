import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DataCenterSetting } from '../config/dataCenters';
import {
	DATA_CENTERS,
	isAllowedCrmApiDomain,
	isKnownDataCenter,
	trimUrl,
} from '../config/dataCenters';
import { RECONNECT } from './errors';

export const CREDENTIAL_TYPE = 'zohoBeamOAuth2Api';

/** Where to send requests and point links for one credential. Secrets are not kept here. */
export interface ZohoConnection {
	dataCenter: DataCenterSetting;
	crmApiUrl: string;
	deskApiUrl: string;
	crmWebUrl: string;
	deskWebUrl: string;
	deskOrgId?: string;
	/** Identifies the credential for in-memory caches (never a secret). */
	cacheKey: string;
}

const TOKEN_ERRORS: Record<string, string> = {
	invalid_client: 'the client ID or secret is wrong, or the client belongs to another data center',
	invalid_code: 'the authorization code or refresh token was already used, expired or revoked',
	invalid_redirect_uri: "the redirect URL does not match the one registered in Zoho's API console",
	access_denied:
		'Zoho refused the request (too many token requests in a short time, or consent was denied)',
};

/**
 * A stored token that cannot work: n8n stores whatever the token endpoint answered, and Zoho
 * answers errors with HTTP 200 `{"error": "invalid_client"}`, which leaves a token without
 * `access_token`. Returns the message to show, or undefined when the token looks usable.
 */
export function tokenProblem(tokenData: unknown): string | undefined {
	const data = tokenData && typeof tokenData === 'object' ? (tokenData as IDataObject) : undefined;
	const zohoError = typeof data?.error === 'string' ? data.error : undefined;
	if (data && typeof data.access_token === 'string' && data.access_token !== '') return undefined;
	const why = zohoError
		? `Zoho answered the last token request with "${zohoError}": ${TOKEN_ERRORS[zohoError] ?? 'see Zoho API console'}.`
		: 'The credential holds no access token (it was never connected, or the connection did not finish).';
	return `${why} Reconnect your Zoho Beam credential: ${RECONNECT}`;
}

/** The explanation for a 401 that survived n8n's own refresh, using what the refresh stored. */
export function refreshFailureReason(tokenData: unknown): string | undefined {
	const data = tokenData && typeof tokenData === 'object' ? (tokenData as IDataObject) : undefined;
	const zohoError = typeof data?.error === 'string' ? data.error : undefined;
	if (!zohoError) return undefined;
	return `Zoho answered the token refresh with "${zohoError}": ${TOKEN_ERRORS[zohoError] ?? 'see Zoho API console'}.`;
}

/** Every secret a credential holds, so errors can be scrubbed of them (never kept in a connection). */
export function credentialSecrets(credentials: object | undefined): string[] {
	const data = (credentials ?? {}) as IDataObject;
	const token =
		data.oauthTokenData && typeof data.oauthTokenData === 'object'
			? (data.oauthTokenData as IDataObject)
			: {};
	return [data.clientSecret, token.access_token, token.refresh_token, token.id_token].filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
}

/**
 * An `http://` URL whose host is not loopback (localhost, 127.0.0.0/8, ::1): the client secret,
 * refresh token and bearer tokens would cross the network in clear text. Also used by the
 * credential test, on the URL as typed; here on the URL as the parser normalizes it.
 */
export const PLAIN_HTTP_OFF_LOOPBACK =
	'^http://(?!(?:localhost|127(?:\\.[0-9]{1,3}){3}|\\[::1\\])(?::[0-9]+)?(?:[/?#]|$))';

function refusePlainHttp(node: INode, urls: Array<[string, string]>): void {
	for (const [field, url] of urls) {
		let normalized = url;
		try {
			normalized = new URL(url).href;
		} catch {
			// Not a URL: the request fails on its own, with n8n's message.
		}
		if (new RegExp(PLAIN_HTTP_OFF_LOOPBACK, 'i').test(normalized)) {
			throw new NodeOperationError(
				node,
				`The credential's ${field} uses plain http:// for a host that is not this machine`,
				{
					description: `${url} would receive the client secret, the refresh token and access tokens unencrypted. Use https://, or http:// only for localhost, 127.0.0.1 or [::1] (a local proxy or the test emulator).`,
				},
			);
		}
	}
}

function customUrl(credentials: ICredentialDataDecryptedObject, key: string): string {
	const value = credentials[key];
	return typeof value === 'string' ? trimUrl(value) : '';
}

/**
 * Picks the API and web bases for a credential. CRM: the `api_domain` Zoho returned with the
 * token when it is a Zoho API host of the chosen data center (anything, for a custom data
 * center), else the data center's default. Desk: always the data center's own root.
 */
export function resolveConnection(
	node: INode,
	credentials: ICredentialDataDecryptedObject,
	credentialId?: string,
): ZohoConnection {
	const tokenData = credentials.oauthTokenData as IDataObject | undefined;
	const problem = tokenProblem(tokenData);
	if (problem) {
		throw new NodeOperationError(node, 'Your Zoho Beam credential has no usable access token', {
			description: problem,
		});
	}
	const apiDomain = typeof tokenData?.api_domain === 'string' ? trimUrl(tokenData.api_domain) : '';
	const deskOrgId =
		typeof credentials.deskOrgId === 'string' && credentials.deskOrgId.trim()
			? credentials.deskOrgId.trim()
			: undefined;
	const setting = credentials.dataCenter ?? 'com';

	if (setting === 'custom') {
		const crmApiUrl = apiDomain || customUrl(credentials, 'customCrmApiUrl');
		const deskApiUrl = customUrl(credentials, 'customDeskApiUrl');
		refusePlainHttp(node, [
			['Custom Accounts URL', customUrl(credentials, 'customAccountsUrl')],
			[apiDomain ? 'API domain (from the token)' : 'Custom CRM API URL', crmApiUrl],
			['Custom Desk API URL', deskApiUrl],
		]);
		return {
			dataCenter: 'custom',
			crmApiUrl,
			deskApiUrl,
			crmWebUrl: customUrl(credentials, 'customCrmWebUrl') || DATA_CENTERS.com.crmWebUrl,
			deskWebUrl: customUrl(credentials, 'customDeskWebUrl') || DATA_CENTERS.com.deskWebUrl,
			deskOrgId,
			cacheKey: `${credentialId ?? 'custom'}|${crmApiUrl}|${deskApiUrl}`,
		};
	}
	if (!isKnownDataCenter(setting)) {
		throw new NodeOperationError(
			node,
			`Unknown Zoho data center "${String(setting)}" in the credential`,
			{
				description: 'Open the credential and pick a data center from the list.',
			},
		);
	}
	const dataCenter = DATA_CENTERS[setting];
	const crmApiUrl =
		apiDomain && isAllowedCrmApiDomain(setting, apiDomain) ? apiDomain : dataCenter.crmApiUrl;
	return {
		dataCenter: setting,
		crmApiUrl,
		deskApiUrl: dataCenter.deskApiUrl,
		crmWebUrl: dataCenter.crmWebUrl,
		deskWebUrl: dataCenter.deskWebUrl,
		deskOrgId,
		cacheKey: `${credentialId ?? setting}|${crmApiUrl}`,
	};
}
