#!/usr/bin/env node
'use strict';
/**
 * Standalone emulator:
 *   node test/emulator/cli.js [--port 8080] [--latency 50] [--seed 42]
 *                             [--max-concurrency 20] [--daily-credits 5000] [--omit-desk-web-url]
 * Prints the URL, a ready token pair, the OAuth client and the custom data-center URLs
 * for the credential. Ctrl-C stops it.
 */

const { startEmulator } = require('./server');

const USAGE =
	'usage: node test/emulator/cli.js [--port N] [--latency MS] [--seed N] [--max-concurrency N] [--daily-credits N] [--omit-desk-web-url]';

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {Record<string, unknown>} */
	const opts = {};
	const num = (flag, v, min) => {
		if (v === undefined || !/^\d+$/.test(v) || Number(v) < min)
			throw new Error(`${flag} needs an integer ≥ ${min}`);
		return Number(v);
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=')
			? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
			: [a, undefined];
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--port':
				opts.port = num(flag, value(), 0);
				if (/** @type {number} */ (opts.port) > 65535) throw new Error('--port must be ≤ 65535');
				break;
			case '--latency':
				opts.latencyMs = num(flag, value(), 0);
				break;
			case '--seed':
				opts.seed = num(flag, value(), 0);
				break;
			case '--max-concurrency':
				opts.maxConcurrency = num(flag, value(), 1);
				break;
			case '--daily-credits':
				opts.dailyCredits = num(flag, value(), 0);
				break;
			case '--omit-desk-web-url':
				opts.omitDeskWebUrl = true;
				break;
			case '--help':
			case '-h':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument ${a}`);
		}
	}
	return opts;
}

async function main() {
	let opts;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (err) {
		console.error(String(err instanceof Error ? err.message : err));
		console.error(USAGE);
		process.exit(2);
	}
	const emu = await startEmulator(opts);
	const token = emu.issueToken({ lifetimeSec: 24 * 3600 });
	const lines = [
		`Zoho emulator listening on ${emu.url}`,
		'',
		'OAuth client',
		`  client id:      ${emu.config.clientId}`,
		`  client secret:  ${emu.config.clientSecret}`,
		'',
		'Ready token pair (access token valid 24 h; all scopes; Desk orgs A and B)',
		`  access token:   ${token.access_token}`,
		`  refresh token:  ${token.refresh_token}`,
		'',
		'Credential (data center "custom")',
		`  customAccountsUrl: ${emu.url}`,
		`  customCrmApiUrl:   ${emu.url}`,
		`  customDeskApiUrl:  ${emu.url}/api/v1`,
		`  customCrmWebUrl:   ${emu.config.crmWebUrl}`,
		`  customDeskWebUrl:  ${emu.config.deskWebUrl}`,
		`  (token URL ${emu.url}/oauth/v2/token, auth URL ${emu.url}/oauth/v2/auth)`,
		'',
		`Desk orgs: A ${emu.deskOrgIds.A} (default), B ${emu.deskOrgIds.B}`,
		`First Lead: ${emu.firstId('Leads')}  First Deal: ${emu.firstId('Deals')}`,
		`Admin: POST ${emu.url}/__emulator/reset | /config | /token | /expire, GET /__emulator/requests | /stats`,
		'Ctrl-C stops.',
	];
	console.log(lines.join('\n'));
	const stop = () => {
		emu.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
