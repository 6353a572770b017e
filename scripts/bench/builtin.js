'use strict';
/**
 * n8n's built-in Zoho CRM node (n8n-nodes-base), installed on demand into .bench-tmp/ (git-ignored;
 * the package is far too large to be a devDependency) and loaded by requiring its files directly.
 *
 * Version: n8n-nodes-base 2.41.1, the release that goes with n8n-core 2.41.1 and n8n-workflow
 * 2.41.0 used here. (2.41.2 is published but cannot be installed: it pins
 * @n8n/backend-network@1.15.2, which is not on the registry.)
 */

const fs = require('fs');
const path = require('path');
const Module = require('module');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, '.bench-tmp');
const VERSION = '2.41.1';
const PACKAGE = path.join(DIR, 'node_modules', 'n8n-nodes-base');
const NODE_FILE = path.join(PACKAGE, 'dist', 'nodes', 'Zoho', 'ZohoCrm.node.js');
const CREDENTIAL_FILE = path.join(PACKAGE, 'dist', 'credentials', 'ZohoOAuth2Api.credentials.js');
const INSTALL_COMMAND = `npm install --prefix .bench-tmp --no-save --ignore-scripts --no-audit --no-fund n8n-nodes-base@${VERSION}`;

function installedVersion() {
	try {
		return JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
}

/**
 * Installs n8n-nodes-base@VERSION into .bench-tmp/ unless it is there already.
 * @returns {{ ok: true, version: string, installedNow: boolean } | { ok: false, reason: string }}
 */
function ensureInstalled(log = console.log) {
	if (installedVersion() === VERSION && fs.existsSync(NODE_FILE))
		return { ok: true, version: VERSION, installedNow: false };
	fs.mkdirSync(DIR, { recursive: true });
	log(
		`Installing n8n's built-in nodes for the comparison (once, ~2 min, ~800 MB in .bench-tmp/): ${INSTALL_COMMAND}`,
	);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(
		npm,
		[
			'install',
			'--prefix',
			DIR,
			'--no-save',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			`n8n-nodes-base@${VERSION}`,
		],
		{
			cwd: ROOT,
			encoding: 'utf8',
			timeout: 15 * 60 * 1000,
		},
	);
	if (result.status !== 0 || installedVersion() !== VERSION) {
		const output = `${result.error?.message ?? ''}\n${result.stdout ?? ''}\n${result.stderr ?? ''}`;
		const lines = output
			.split('\n')
			.filter((line) => /error/i.test(line))
			.slice(0, 6)
			.join(' | ');
		return {
			ok: false,
			reason: `\`${INSTALL_COMMAND}\` failed: ${lines || `exit ${result.status}`}`,
		};
	}
	return { ok: true, version: VERSION, installedNow: true };
}

let redirected = false;
/**
 * n8n runs every node against its own single n8n-workflow. The installed package brings its
 * own copy; point its `require('n8n-workflow')` at the one the engine (harness) uses, so error
 * classes and constants are shared as they are in n8n.
 */
function shareN8nWorkflow() {
	if (redirected) return;
	redirected = true;
	const shared = require.resolve('n8n-workflow', { paths: [ROOT] });
	const original = Module._resolveFilename;
	Module._resolveFilename = function resolveFilename(request, parent, ...rest) {
		if (
			request === 'n8n-workflow' &&
			parent &&
			typeof parent.filename === 'string' &&
			parent.filename.startsWith(DIR + path.sep)
		) {
			return shared;
		}
		return original.call(this, request, parent, ...rest);
	};
}

/** The built-in Zoho CRM node type and its credential type, ready for the harness. */
function loadBuiltin() {
	shareN8nWorkflow();
	const { ZohoCrm } = require(NODE_FILE);
	const { ZohoOAuth2Api } = require(CREDENTIAL_FILE);
	return {
		version: installedVersion(),
		nodeTypeName: 'n8n-nodes-base.zohoCrm',
		nodeType: new ZohoCrm(),
		credentialTypeName: 'zohoOAuth2Api',
		credentialType: new ZohoOAuth2Api(),
	};
}

/**
 * Credential data for the built-in node against the emulator: its token URL is an option
 * list of Zoho's hosts, set here to the emulator; API calls go to the token's `api_domain`
 * (the emulator's URL), `/crm/v2/...`.
 */
function builtinCredential(emulator, token) {
	return {
		clientId: emulator.clientId,
		clientSecret: emulator.clientSecret,
		authUrl: `${emulator.url}/oauth/v2/auth`,
		accessTokenUrl: `${emulator.url}/oauth/v2/token`,
		oauthTokenData: { ...token, token_type: 'Bearer' },
	};
}

module.exports = { ensureInstalled, loadBuiltin, builtinCredential, VERSION, INSTALL_COMMAND };
