#!/usr/bin/env node
'use strict';
/**
 * Helper for scripts/real-n8n.sh (the bash script drives; this file does the JSON work).
 *
 *   helper.js pick-version                      newest n8n whose `engines.node` accepts this Node
 *   helper.js prepare <emuUrl> <outDir> <credId> <example.json>...
 *                                               token pair → <outDir>/creds.json; examples with the
 *                                               node type rewritten → <outDir>/workflows/*.json
 *   helper.js check <example.json> <rawOutputFile> <emuUrl> <sinceSeq> [--expect-refresh]
 *                                               checks n8n's output and the emulator's request log;
 *                                               --expect-refresh: the access token was expired, so
 *                                               n8n must have refreshed it exactly once (else: no 401 at all)
 *   helper.js seq <emuUrl>                      last request sequence number of the emulator
 *   helper.js post <url>                        POST {} to an emulator admin URL, print the answer
 *
 * Only Node built-ins (plus `semver`, from the repo's node_modules or npm's own copy).
 */
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const CUSTOM_TYPE = 'CUSTOM.zohoBeam';
const PACKAGE_TYPE = 'n8n-nodes-zoho-beam.zohoBeam';
const CREDENTIAL_TYPE = 'zohoBeamOAuth2Api';

function fail(message) {
	console.error(`✘ ${message}`);
	process.exit(1);
}

function loadSemver() {
	try {
		return require('semver');
	} catch {
		const npmRoot = execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim();
		return require(path.join(npmRoot, 'npm', 'node_modules', 'semver'));
	}
}

/**
 * Prints the chosen version on line 1 and the reason on the following lines.
 * Asks the registry once for the version and engines of every n8n ≥ 1.0.0.
 */
function pickVersion() {
	const semver = loadSemver();
	let rows;
	try {
		const out = execFileSync(
			'npm',
			[
				'view',
				'n8n@>=1.0.0',
				'version',
				'engines',
				'--json',
				'--fetch-retries=1',
				'--fetch-timeout=30000',
			],
			{
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
				maxBuffer: 64 * 1024 * 1024,
			},
		);
		rows = JSON.parse(out);
	} catch (error) {
		const npmError = String(error.stderr ?? '')
			.split('\n')
			.filter((l) => /^npm error /.test(l))
			.slice(0, 2)
			.join('; ');
		fail(
			`could not ask the npm registry for n8n's versions (npm view n8n): ${npmError || String(error.message).split('\n')[0]}`,
		);
	}
	if (!Array.isArray(rows)) rows = [rows];
	const releases = rows
		.filter((r) => r && typeof r.version === 'string' && !semver.prerelease(r.version))
		.sort((a, b) => semver.compare(a.version, b.version));
	const node = process.versions.node;
	const fits = (r) => semver.satisfies(node, r.engines?.node ?? '*');
	const ok = releases.filter(fits);
	if (!ok.length) fail(`no n8n ≥ 1.0.0 on the registry declares support for Node ${node}`);
	const chosen = ok[ok.length - 1];
	const latest = releases[releases.length - 1];
	console.log(chosen.version);
	if (chosen.version === latest.version) {
		console.log(
			`n8n ${latest.version} is the latest release and its engines field ("${latest.engines?.node ?? '*'}") accepts Node ${node}.`,
		);
		return;
	}
	// Explain with the engines ranges of the releases after the chosen one, grouped.
	const later = releases.filter((r) => semver.gt(r.version, chosen.version));
	const groups = [];
	for (const r of later) {
		const range = r.engines?.node ?? '*';
		const last = groups[groups.length - 1];
		if (last && last.range === range) last.to = r.version;
		else groups.push({ range, from: r.version, to: r.version });
	}
	console.log(`Node ${node} is older than the latest n8n (${latest.version}) supports:`);
	for (const g of groups)
		console.log(
			`  n8n ${g.from === g.to ? g.from : `${g.from} … ${g.to}`} declares engines.node "${g.range}"`,
		);
	console.log(
		`The newest n8n release whose engines.node ("${chosen.engines?.node ?? '*'}") accepts Node ${node} is ${chosen.version}.`,
	);
}

async function http(method, url, body) {
	const res = await fetch(url, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${url} → HTTP ${res.status}: ${text.slice(0, 300)}`);
	return JSON.parse(text);
}

function safeName(file) {
	return path.basename(file, '.json').replace(/[^a-z0-9]+/gi, '-');
}

/** Workflow IDs in n8n are 16-character strings; derive a stable one per example. */
function workflowId(file) {
	const base = safeName(file).replace(/-/g, '');
	return `zb${base}`.slice(0, 12).padEnd(12, 'x') + 'Wf01';
}

async function prepare(emuUrl, outDir, credId, files) {
	const config = await http('GET', `${emuUrl}/__emulator/config`);
	const token = await http('POST', `${emuUrl}/__emulator/token`, {});
	if (!config.clientId || !config.clientSecret)
		fail('the emulator config has no clientId/clientSecret');
	if (!token.access_token || !token.refresh_token)
		fail('POST /__emulator/token gave no token pair');
	const credName = 'Zoho Beam (emulator)';
	const credentials = [
		{
			id: credId,
			name: credName,
			type: CREDENTIAL_TYPE,
			data: {
				clientId: config.clientId,
				clientSecret: config.clientSecret,
				dataCenter: 'custom',
				customAccountsUrl: emuUrl,
				customCrmApiUrl: emuUrl,
				customDeskApiUrl: `${emuUrl}/api/v1`,
				customCrmWebUrl: 'https://crm.zoho.com',
				customDeskWebUrl: 'https://desk.zoho.com',
				oauthTokenData: {
					access_token: token.access_token,
					refresh_token: token.refresh_token,
					api_domain: token.api_domain ?? emuUrl,
					token_type: 'Bearer',
					expires_in: token.expires_in ?? 3600,
				},
			},
		},
	];
	fs.mkdirSync(outDir, { recursive: true });
	fs.writeFileSync(path.join(outDir, 'creds.json'), JSON.stringify(credentials, null, 2));

	for (const file of files) {
		const wf = JSON.parse(fs.readFileSync(file, 'utf8'));
		let rewritten = 0;
		for (const node of wf.nodes) {
			if (node.type !== PACKAGE_TYPE) continue;
			node.type = CUSTOM_TYPE;
			if (node.credentials?.[CREDENTIAL_TYPE])
				node.credentials[CREDENTIAL_TYPE] = { id: credId, name: credName };
			rewritten++;
		}
		if (!rewritten) fail(`${file} has no ${PACKAGE_TYPE} node`);
		const id = workflowId(file);
		const out = { ...wf, id, active: false, pinData: {} };
		const target = path.join(outDir, 'workflows', `${safeName(file)}.json`);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.writeFileSync(target, JSON.stringify(out, null, 2));
		// One line per workflow for the bash script: <id> <workflow file> <example file>
		console.log(`${id} ${target} ${file}`);
	}
}

/** `n8n execute --rawOutput` prints JSON.stringify(run, null, 2); log lines may surround it. */
function parseRawOutput(text) {
	const lines = text.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start < 0) return null;
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end] !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			/* keep looking */
		}
	}
	return null;
}

/**
 * What each example must produce. `nodes`: node name → check of its output items.
 * `requests`: "METHOD path" (IDs folded to {id}) → minimal count, checked in the emulator's log.
 */
const EXPECTATIONS = {
	'record-update-batch': {
		nodes: {
			'Get 250 Leads': { count: 250, deepLinks: true },
			'Mark Contacted': {
				count: 250,
				deepLinks: true,
				every: (j) => j.status === 'success' || `status ${j.status}`,
			},
		},
		requests: { 'GET /crm/v8/Leads': 1, 'PUT /crm/v8/Leads': 3 },
	},
	'signal-count': {
		nodes: {
			// Runs after record-update-batch on the same emulator, so at least those 250 are Contacted.
			'Count Contacted Leads': {
				count: 1,
				every: (j) => (typeof j.count === 'number' && j.count >= 250) || `count ${j.count}`,
			},
		},
		requests: { 'GET /crm/v8/Leads/actions/count': 1 },
	},
	'case-get-many': {
		nodes: { 'Get Open Tickets': { minCount: 1, deepLinks: true } },
		requests: { 'GET /api/v1/organizations': 1, 'GET /api/v1/tickets': 1 },
	},
};

function requestKey(r) {
	return `${r.method} ${r.path.replace(/\/\d{6,}(?=\/|$)/g, '/{id}')}`;
}

async function check(file, outputFile, emuUrl, sinceSeq, expectRefresh) {
	const name = safeName(file);
	const wf = JSON.parse(fs.readFileSync(file, 'utf8'));
	const problems = [];
	const text = fs.readFileSync(outputFile, 'utf8');
	const run = parseRawOutput(text);
	if (!run) fail(`${name}: no JSON run data in n8n's output (${outputFile})`);
	const result = run.data?.resultData;
	if (!result) fail(`${name}: the output has no data.resultData (${outputFile})`);
	if (result.error) problems.push(`workflow error: ${result.error.message}`);
	if (run.status && run.status !== 'success') problems.push(`execution status ${run.status}`);

	const expect = EXPECTATIONS[name] ?? {
		nodes: Object.fromEntries(
			wf.nodes.filter((n) => n.type === PACKAGE_TYPE).map((n) => [n.name, { minCount: 1 }]),
		),
		requests: {},
	};
	const summary = [];
	for (const [nodeName, rule] of Object.entries(expect.nodes)) {
		const task = result.runData?.[nodeName]?.[0];
		if (!task) {
			problems.push(`node "${nodeName}" did not run`);
			continue;
		}
		if (task.error) {
			problems.push(`node "${nodeName}" failed: ${task.error.message}`);
			continue;
		}
		const items = task.data?.main?.[0] ?? [];
		const links = items.filter(
			(i) => typeof i.json?.deepLink === 'string' && /^https:\/\//.test(i.json.deepLink),
		);
		if (rule.count !== undefined && items.length !== rule.count)
			problems.push(`node "${nodeName}": ${items.length} items, expected ${rule.count}`);
		if (rule.minCount !== undefined && items.length < rule.minCount)
			problems.push(`node "${nodeName}": ${items.length} items, expected ≥ ${rule.minCount}`);
		if (rule.deepLinks && links.length !== items.length)
			problems.push(
				`node "${nodeName}": ${items.length - links.length} of ${items.length} items lack a deepLink`,
			);
		if (rule.every) {
			const bad = items.map((i) => rule.every(i.json)).filter((r) => r !== true);
			if (bad.length)
				problems.push(`node "${nodeName}": ${bad.length} item(s) fail the check (${bad[0]})`);
		}
		const first = items[0]?.json ?? {};
		const shown = Object.fromEntries(
			['id', 'count', 'status', 'Last_Name', 'subject']
				.filter((k) => first[k] !== undefined)
				.map((k) => [k, first[k]]),
		);
		summary.push(
			`${nodeName}: ${items.length} item(s)${links.length ? `, ${links.length} with deepLink` : ''}; first ${JSON.stringify(shown)}${first.deepLink ? ` ${first.deepLink}` : ''}`,
		);
	}

	let requests = null;
	try {
		({ requests } = await http('GET', `${emuUrl}/__emulator/requests?since=${sinceSeq}`));
	} catch (error) {
		problems.push(
			`could not read the emulator's request log: ${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}`,
		);
	}
	const counts = new Map();
	for (const r of requests ?? []) {
		if (r.app === 'admin' || r.path.startsWith('/__emulator')) continue;
		counts.set(requestKey(r), (counts.get(requestKey(r)) ?? 0) + 1);
	}
	for (const [key, min] of requests ? Object.entries(expect.requests) : []) {
		if ((counts.get(key) ?? 0) < min)
			problems.push(`emulator saw ${counts.get(key) ?? 0} × ${key}, expected ≥ ${min}`);
	}
	const failed = (requests ?? []).filter(
		(r) => !r.path.startsWith('/__emulator') && r.status >= 400,
	);
	const zohoCount = [...counts.values()].reduce((a, b) => a + b, 0);
	if (requests && !zohoCount) problems.push('the emulator saw no Zoho requests');
	const refreshes = counts.get('POST /oauth/v2/token') ?? 0;
	const unauthorized = failed.filter((r) => r.status === 401).length;
	if (!requests) {
		/* nothing to say about tokens */
	} else if (expectRefresh) {
		if (!refreshes)
			problems.push(
				'the access token was expired, but n8n never called POST /oauth/v2/token to refresh it',
			);
		// One expired token, one refresh: n8n 1.x has no refresh lock, so this holds only because
		// the node starts every fan-out with one request on its own.
		else if (refreshes !== 1)
			problems.push(
				`the access token was expired once, but n8n refreshed it ${refreshes} times (expected exactly 1)`,
			);
	} else if (unauthorized || refreshes) {
		problems.push(
			`unexpected token trouble: ${unauthorized} × 401, ${refreshes} token refresh(es) (a refreshed token should have been stored by n8n)`,
		);
	}

	for (const line of summary) console.log(`    ${line}`);
	if (expectRefresh && refreshes)
		console.log(
			`    token: expired access token → 401 → n8n refreshed it (${refreshes} × POST /oauth/v2/token) and retried`,
		);
	if (requests)
		console.log(
			`    emulator: ${[...counts].map(([k, n]) => `${n} × ${k}`).join(', ')}${failed.length ? ` (${failed.length} answered ≥ 400: ${failed.map((r) => `${r.status} ${r.method} ${r.path}`).join(', ')})` : ''}`,
		);
	if (problems.length) {
		for (const p of problems) console.log(`    ✘ ${p}`);
		process.exit(1);
	}
}

async function main() {
	const [cmd, ...args] = process.argv.slice(2);
	switch (cmd) {
		case 'pick-version':
			return pickVersion();
		case 'prepare':
			if (args.length < 4) fail('usage: prepare <emuUrl> <outDir> <credId> <example.json>...');
			return prepare(args[0], args[1], args[2], args.slice(3));
		case 'check': {
			const expectRefresh = args.includes('--expect-refresh');
			const rest = args.filter((a) => a !== '--expect-refresh');
			if (rest.length !== 4)
				fail('usage: check <example.json> <rawOutputFile> <emuUrl> <sinceSeq> [--expect-refresh]');
			return check(rest[0], rest[1], rest[2], rest[3], expectRefresh);
		}
		case 'seq': {
			const { requests } = await http('GET', `${args[0]}/__emulator/requests`);
			console.log(requests.length ? requests[requests.length - 1].seq : 0);
			return;
		}
		case 'post':
			console.log(JSON.stringify(await http('POST', args[0], {})));
			return;
		default:
			fail(`unknown command ${cmd ?? ''} (pick-version | prepare | check | seq | post)`);
	}
}

main().catch((error) =>
	fail(
		error instanceof Error
			? `${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}`
			: String(error),
	),
);
