#!/usr/bin/env node
'use strict';
/**
 * The JSON and HTTP work of scripts/queue-mode.sh (the bash script runs the processes).
 *
 *   driver.js fire <webhookUrl> <emuUrl> <resultFile> <executions> <leadsPerExecution>
 *       picks executions × leadsPerExecution distinct Leads from the emulator, POSTs one batch
 *       of them to the webhook per execution, all at once, and records the answers, the
 *       emulator's write counter per Lead and its token refreshes before and after
 *   driver.js report <resultFile> <executionsFile> <workerName>=<workerLog>...
 *       checks and prints: every execution succeeded (n8n's database: <executionsFile> holds
 *       "id|status|mode" lines), ran on a worker (the worker logs), every Lead written exactly
 *       once, refreshes bounded; exits 1 on any failure
 *
 * Only Node built-ins.
 */
const fs = require('fs');

function fail(message) {
	console.error(`✘ ${message}`);
	process.exit(1);
}

async function http(method, url, { body, headers = {} } = {}) {
	const res = await fetch(url, {
		method,
		headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json = null;
	try {
		json = text ? JSON.parse(text) : null;
	} catch {
		/* not JSON: keep the text */
	}
	return { status: res.status, json, text };
}

async function emulatorJson(method, url, options) {
	const res = await http(method, url, options);
	if (res.status >= 300 || !res.json)
		throw new Error(`${method} ${url} → HTTP ${res.status}: ${res.text.slice(0, 200)}`);
	return res.json;
}

/** Lead IDs straight from the emulator's CRM API, with a token of its own (not n8n's). */
async function leadIds(emuUrl, count) {
	const { access_token: token } = await emulatorJson('POST', `${emuUrl}/__emulator/token`, {
		body: {},
	});
	const ids = [];
	for (let page = 1; ids.length < count; page++) {
		const res = await emulatorJson(
			'GET',
			`${emuUrl}/crm/v8/Leads?fields=Last_Name&per_page=200&page=${page}&sort_by=id&sort_order=asc`,
			{
				headers: { Authorization: `Zoho-oauthtoken ${token}` },
			},
		);
		ids.push(...res.data.map((r) => r.id));
		if (!res.info?.more_records) break;
	}
	if (ids.length < count) fail(`the emulator has only ${ids.length} Leads, ${count} needed`);
	return ids.slice(0, count);
}

async function snapshot(emuUrl) {
	const stats = await emulatorJson('GET', `${emuUrl}/__emulator/stats`);
	const { requests } = await emulatorJson('GET', `${emuUrl}/__emulator/requests`);
	return {
		writes: { ...(stats.writesByRecord?.Leads ?? {}) },
		refreshes: stats.refreshes ?? 0,
		seq: requests.length ? requests[requests.length - 1].seq : 0,
	};
}

async function fire(webhookUrl, emuUrl, resultFile, executions, perExecution) {
	const ids = await leadIds(emuUrl, executions * perExecution);
	const before = await snapshot(emuUrl);
	const started = Date.now();
	const runs = await Promise.all(
		Array.from({ length: executions }, async (_, run) => {
			const batch = ids.slice(run * perExecution, (run + 1) * perExecution);
			const t0 = Date.now();
			const res = await http('POST', webhookUrl, { body: { run: run + 1, ids: batch } }).catch(
				(error) => ({ status: 0, json: null, text: String(error.cause ?? error) }),
			);
			return {
				run: run + 1,
				ids: batch,
				status: res.status,
				items: Array.isArray(res.json) ? res.json : null,
				text: res.text.slice(0, 300),
				ms: Date.now() - t0,
			};
		}),
	);
	const wallMs = Date.now() - started;
	const after = await snapshot(emuUrl);
	const { requests } = await emulatorJson(
		'GET',
		`${emuUrl}/__emulator/requests?since=${before.seq}`,
	);
	const zoho = requests.filter((r) => r.app !== 'admin' && !r.path.startsWith('/__emulator'));
	// Zoho allows 10 refreshes per refresh token in 10 minutes; the emulator enforces its configured limit.
	const config = await emulatorJson('GET', `${emuUrl}/__emulator/config`);
	const refreshLimit = config.tokenLimits?.refreshesPerWindow ?? 10;
	fs.writeFileSync(
		resultFile,
		JSON.stringify(
			{
				executions,
				perExecution,
				ids,
				before,
				after,
				wallMs,
				refreshLimit,
				runs,
				requests: zoho.map((r) => ({
					method: r.method,
					path: r.path,
					status: r.status,
					startedAt: r.startedAt,
					durationMs: r.durationMs,
				})),
			},
			null,
			2,
		),
	);
	const ok = runs.filter((r) => r.status === 200).length;
	console.log(
		`  ${executions} webhook calls, ${ok} answered 200, in ${(wallMs / 1000).toFixed(1)} s`,
	);
}

/** "Worker started execution 12 (job 7)" in n8n's worker log (n8n/dist/scaling/job-processor). */
function executionsOnWorker(logFile) {
	const text = fs.readFileSync(logFile, 'utf8');
	return new Set([...text.matchAll(/started execution (\d+)/gi)].map((m) => m[1]));
}

function report(resultFile, executionsFile, workerArgs) {
	const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
	const problems = [];
	const lines = [];

	// 1. Every webhook call answered 200 with one item per Lead, each with the Lead's id and a deepLink.
	for (const r of result.runs) {
		if (r.status !== 200) {
			problems.push(`execution ${r.run}: webhook answered HTTP ${r.status}: ${r.text}`);
			continue;
		}
		const items = r.items ?? [];
		const got = items.map((i) => i.id).sort();
		if (JSON.stringify(got) !== JSON.stringify([...r.ids].sort()))
			problems.push(
				`execution ${r.run}: items for ${JSON.stringify(got)}, expected ${JSON.stringify(r.ids)}`,
			);
		const bad = items.filter(
			(i) => i.status !== 'success' || !/^https:\/\//.test(String(i.deepLink ?? '')),
		);
		if (bad.length)
			problems.push(
				`execution ${r.run}: ${bad.length} item(s) without status success and a deepLink (${JSON.stringify(bad[0]).slice(0, 200)})`,
			);
	}
	const times = result.runs.map((r) => r.ms).sort((a, b) => a - b);
	lines.push(
		`webhook calls: ${result.runs.filter((r) => r.status === 200).length}/${result.executions} answered 200; wall ${(result.wallMs / 1000).toFixed(1)} s, per call median ${times[Math.floor(times.length / 2)]} ms, max ${times[times.length - 1]} ms`,
	);

	// 2. n8n's database: the executions of the workflow, all successful, none in main.
	const rows = fs
		.readFileSync(executionsFile, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((l) => {
			const [id, status, mode] = l.split('|');
			return { id, status, mode };
		});
	if (rows.length !== result.executions)
		problems.push(
			`n8n's database holds ${rows.length} executions of the workflow, expected ${result.executions}`,
		);
	const notOk = rows.filter((r) => r.status !== 'success');
	if (notOk.length)
		problems.push(
			`${notOk.length} execution(s) not successful in n8n's database: ${notOk.map((r) => `${r.id} ${r.status}`).join(', ')}`,
		);
	lines.push(
		`n8n database: ${rows.length} executions, ${rows.length - notOk.length} status success (mode ${[...new Set(rows.map((r) => r.mode))].join(', ')})`,
	);

	// 3. Which worker ran which execution.
	const workers = workerArgs.map((arg) => {
		const [name, file] = arg.split('=');
		return { name, ran: executionsOnWorker(file) };
	});
	const distribution = [];
	for (const w of workers) {
		const mine = rows.filter((r) => w.ran.has(r.id));
		distribution.push(`${w.name} ${mine.length}`);
	}
	const homeless = rows.filter((r) => !workers.some((w) => w.ran.has(r.id)));
	const twice = rows.filter((r) => workers.filter((w) => w.ran.has(r.id)).length > 1);
	if (homeless.length)
		problems.push(
			`${homeless.length} execution(s) ran on no worker (main ran them?): ${homeless.map((r) => r.id).join(', ')}`,
		);
	if (twice.length)
		problems.push(
			`${twice.length} execution(s) ran on more than one worker: ${twice.map((r) => r.id).join(', ')}`,
		);
	lines.push(`workers: ${distribution.join(', ')} (executions per worker)`);

	// 4. Every Lead written exactly once, nothing else written.
	const delta = new Map();
	for (const [id, n] of Object.entries(result.after.writes)) {
		const d = n - (result.before.writes[id] ?? 0);
		if (d) delta.set(id, d);
	}
	const wanted = new Set(result.ids);
	const missing = result.ids.filter((id) => !delta.has(id));
	const repeated = result.ids.filter((id) => (delta.get(id) ?? 0) > 1);
	const strays = [...delta.keys()].filter((id) => !wanted.has(id));
	if (missing.length)
		problems.push(`${missing.length} Lead(s) never written: ${missing.slice(0, 5).join(', ')}`);
	if (repeated.length)
		problems.push(
			`${repeated.length} Lead(s) written more than once: ${repeated
				.slice(0, 5)
				.map((id) => `${id}×${delta.get(id)}`)
				.join(', ')}`,
		);
	if (strays.length) problems.push(`${strays.length} Lead(s) written that no execution asked for`);
	lines.push(
		`emulator write counter: ${result.ids.length - missing.length}/${result.ids.length} Leads written, ${repeated.length} more than once, ${strays.length} others touched`,
	);

	// 5. Requests and token refreshes. The access token was expired before the burst: each
	// execution may refresh it at most once, and never more often than Zoho allows.
	const count = (pred) => result.requests.filter(pred).length;
	const puts = result.requests.filter((r) => r.method === 'PUT' && r.path === '/crm/v8/Leads');
	const putsOk = puts.filter((r) => r.status === 200).length;
	const unauthorized = count((r) => r.status === 401);
	const refreshes = result.after.refreshes - result.before.refreshes;
	const limit = result.refreshLimit ?? 10;
	const bound = Math.min(result.executions, limit);
	const starts = result.requests.map((r) => Date.parse(r.startedAt)).filter(Number.isFinite);
	const span = starts.length
		? ((Math.max(...starts) - Math.min(...starts)) / 1000).toFixed(1)
		: '0';
	const slowest = Math.max(0, ...result.requests.map((r) => r.durationMs ?? 0));
	lines.push(
		`emulator: ${result.requests.length} Zoho requests in ${span} s (slowest ${slowest} ms): ${putsOk} × PUT /crm/v8/Leads answered 200 (one batch of ${result.perExecution} per execution), ${unauthorized} × 401 on the expired token`,
	);
	lines.push(
		`token refreshes: ${refreshes} (bound: at most one per execution and at most ${limit}, Zoho's limit per refresh token in 10 minutes)`,
	);
	if (putsOk !== result.executions)
		problems.push(
			`${putsOk} PUT /crm/v8/Leads answered 200, expected one per execution (${result.executions})`,
		);
	if (refreshes > bound) problems.push(`${refreshes} token refreshes, expected at most ${bound}`);
	if (unauthorized && !refreshes) problems.push(`${unauthorized} × 401 but no token refresh`);

	for (const l of lines) console.log(`  ${l}`);
	if (problems.length) {
		for (const p of problems) console.log(`  ✘ ${p}`);
		process.exit(1);
	}
}

async function main() {
	const [cmd, ...args] = process.argv.slice(2);
	switch (cmd) {
		case 'fire':
			if (args.length !== 5)
				fail('usage: fire <webhookUrl> <emuUrl> <resultFile> <executions> <leadsPerExecution>');
			return fire(args[0], args[1], args[2], Number(args[3]), Number(args[4]));
		case 'report':
			if (args.length < 3)
				fail('usage: report <resultFile> <executionsFile> <workerName>=<workerLog>...');
			return report(args[0], args[1], args.slice(2));
		default:
			fail(`unknown command ${cmd ?? ''} (fire | report)`);
	}
}

main().catch((error) =>
	fail(
		error instanceof Error
			? `${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}`
			: String(error),
	),
);
