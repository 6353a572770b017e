#!/usr/bin/env node
'use strict';
/**
 * What n8n pays to resolve a credential before every request: n8n's CredentialsHelper resolves
 * every `={{ … }}` value of the credential (defaults included) each time a node asks for it,
 * and httpRequestWithAuthentication asks once per request. This measures that resolution with
 * n8n-workflow's own Expression engine (test/harness/credentials.js does what n8n does) for
 * the Zoho Beam credential as built, and for variants, to show where the time goes.
 *
 *   npm run build && node scripts/bench/credential-cost.js [--rounds 3000]
 */
const path = require('path');
const ROOT = path.resolve(__dirname, '..', '..');
const { resolveCredentialData, OAUTH2_API_PROPERTIES, mergeProperties } = require(
	path.join(ROOT, 'test/harness/credentials.js'),
);
const { ZohoBeamOAuth2Api } = require(
	path.join(ROOT, 'dist/credentials/ZohoBeamOAuth2Api.credentials.js'),
);

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3000;
const nodeTypes = {
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
};
const beam = mergeProperties(OAUTH2_API_PROPERTIES, new ZohoBeamOAuth2Api().properties);
const data = {
	dataCenter: 'eu',
	clientId: 'id',
	clientSecret: 'secret',
	oauthTokenData: { access_token: 'a', refresh_token: 'r', api_domain: 'https://www.zohoapis.eu' },
};

/** The same properties with the expression-valued defaults replaced as `replace` says. */
const variant = (replace) =>
	beam.map((property) =>
		property.name in replace ? { ...property, default: replace[property.name] } : property,
	);
const resolved = resolveCredentialData(beam, JSON.parse(JSON.stringify(data)), nodeTypes);
const expressions = beam.filter(
	(property) => typeof property.default === 'string' && property.default.startsWith('='),
);

const VARIANTS = [
	['Zoho Beam credential as built', beam],
	[
		'the same three values as plain strings (no expressions)',
		variant({
			authUrl: resolved.authUrl,
			accessTokenUrl: resolved.accessTokenUrl,
			scope: resolved.scope,
		}),
	],
	[
		'one expression "={{ 1 }}", the rest plain',
		variant({
			authUrl: '={{ 1 }}',
			accessTokenUrl: resolved.accessTokenUrl,
			scope: resolved.scope,
		}),
	],
	[
		'three expressions "={{ 1 }}"',
		variant({ authUrl: '={{ 1 }}', accessTokenUrl: '={{ 1 }}', scope: '={{ 1 }}' }),
	],
];

function measure(properties) {
	for (let i = 0; i < 300; i++)
		resolveCredentialData(properties, JSON.parse(JSON.stringify(data)), nodeTypes);
	const started = process.hrtime.bigint();
	for (let i = 0; i < rounds; i++)
		resolveCredentialData(properties, JSON.parse(JSON.stringify(data)), nodeTypes);
	return Number(process.hrtime.bigint() - started) / 1000 / rounds;
}

console.log(
	`Credential resolution per request (n8n-workflow Expression, ${rounds} rounds each; expression-valued fields of the credential: ${expressions.map((p) => p.name).join(', ')})`,
);
for (const [label, properties] of VARIANTS)
	console.log(`  ${label.padEnd(58)} ${measure(properties).toFixed(0).padStart(6)} µs`);
