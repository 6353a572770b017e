'use strict';
/**
 * A credentials store that behaves like n8n's CredentialsHelper for our purposes:
 * - getDecrypted resolves the credential's defaults and `={{ }}` expressions with `$self`,
 *   exactly as n8n's applyDefaultsAndOverwrites does (so the hidden OAuth URLs and scope are
 *   computed from the data center the same way a real n8n computes them);
 * - updateCredentialsOauthTokenData persists refreshed tokens, so n8n-core's own OAuth2
 *   refresh path (requestOAuth2 → refreshOrFetchToken) runs against the emulator.
 */
const { NodeHelpers, Workflow } = require('n8n-workflow');

/** The parent type's fields that matter at run time (n8n-nodes-base's oAuth2Api). */
const OAUTH2_API_PROPERTIES = [
	{
		displayName: 'Use Dynamic Client Registration',
		name: 'useDynamicClientRegistration',
		type: 'boolean',
		default: false,
	},
	{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
	{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
	{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
	{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
	{
		displayName: 'Client Secret',
		name: 'clientSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
	},
	{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
	{
		displayName: 'Auth URI Query Parameters',
		name: 'authQueryParameters',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Body', value: 'body' },
			{ name: 'Header', value: 'header' },
		],
		default: 'header',
	},
	{ displayName: 'Ignore SSL Issues', name: 'ignoreSSLIssues', type: 'boolean', default: false },
];

function mergeProperties(parent, child) {
	const byName = new Map(parent.map((p) => [p.name, p]));
	for (const property of child) byName.set(property.name, property);
	return [...byName.values()];
}

/** Resolves defaults and expressions of a credential's data like n8n's CredentialsHelper. */
function resolveCredentialData(properties, data, nodeTypes) {
	const withDefaults =
		NodeHelpers.getNodeParameters(properties, data, true, false, null, null) || {};
	// n8n keeps values that are not node parameters (oauthTokenData) as they are.
	for (const [key, value] of Object.entries(data))
		if (!(key in withDefaults)) withDefaults[key] = value;
	const mockNode = {
		id: 'cred',
		name: 'mock',
		type: 'mock',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes });
	return workflow.expression.getComplexParameterValue(
		mockNode,
		withDefaults,
		'internal',
		{},
		undefined,
		undefined,
		withDefaults,
	);
}

class TestCredentialsHelper {
	/**
	 * @param {Record<string, any>} credentialTypes type name → ICredentialType instance
	 * @param {() => any} nodeTypes
	 */
	constructor(credentialTypes, nodeTypes) {
		this.credentialTypes = credentialTypes;
		this.nodeTypes = nodeTypes;
		/** id → { type, data } */
		this.store = new Map();
		this.tokenUpdates = 0;
	}

	add(id, type, data) {
		this.store.set(id, { type, data: JSON.parse(JSON.stringify(data)) });
	}

	stored(id) {
		return this.store.get(id)?.data;
	}

	getCredentialsProperties(type) {
		const credentialType = this.credentialTypes[type];
		if (!credentialType) throw new Error(`Unknown credential type ${type}`);
		const own = credentialType.properties;
		return (credentialType.extends || []).includes('oAuth2Api')
			? mergeProperties(OAUTH2_API_PROPERTIES, own)
			: own;
	}

	getParentTypes(type) {
		return this.credentialTypes[type]?.extends ?? [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(credentials, typeName, requestOptions) {
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(nodeCredentials, type) {
		const entry = this.store.get(nodeCredentials.id);
		return { id: nodeCredentials.id, name: nodeCredentials.name, type, getData: () => entry.data };
	}

	async getDecrypted(additionalData, nodeCredentials, type) {
		const entry = this.store.get(nodeCredentials.id);
		if (!entry) throw new Error(`No credential ${nodeCredentials.id}`);
		const data = JSON.parse(JSON.stringify(entry.data));
		return resolveCredentialData(this.getCredentialsProperties(type), data, this.nodeTypes());
	}

	async updateCredentials(nodeCredentials, type, data) {
		const entry = this.store.get(nodeCredentials.id);
		entry.data = { ...entry.data, ...JSON.parse(JSON.stringify(data)) };
	}

	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const entry = this.store.get(nodeCredentials.id);
		entry.data = { ...entry.data, oauthTokenData: JSON.parse(JSON.stringify(data.oauthTokenData)) };
		this.tokenUpdates++;
	}
}

module.exports = {
	TestCredentialsHelper,
	resolveCredentialData,
	OAUTH2_API_PROPERTIES,
	mergeProperties,
};
