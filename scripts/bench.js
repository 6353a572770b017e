#!/usr/bin/env node
'use strict';
/**
 * Performance benchmark: Zoho Beam against the request floor and against n8n's built-in
 * Zoho CRM node, through n8n's real engine (test/harness) against the Zoho emulator with
 * injected latency and Zoho's concurrency limit enforced.
 *
 *   npm run bench                         # builds ./dist, then runs this
 *   node scripts/bench.js [--latency 50] [--concurrency 10] [--runs 3] [--only key,key]
 *                         [--skip-builtin] [--no-profile] [--write] [--json FILE]
 *   ZOHO_BEAM_PACKAGE_DIR=/tmp/b node scripts/bench.js   # a build made with scripts/build-to.sh
 *
 * Processes: this one orchestrates; the emulator runs in a child (scripts/bench/emulator-child.js);
 * every scenario runs in a fresh worker (scripts/bench/worker.js) whose CPU time and RSS are
 * n8n's engine + the node under test only. `--write` replaces the results block of
 * BENCHMARKS.md (between the bench:results markers).
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { forkWithRpc } = require('./bench/ipc');
const { BEAM, BUILTIN } = require('./bench/scenarios');
const builtin = require('./bench/builtin');

const ROOT = path.resolve(__dirname, '..');
const BENCHMARKS_MD = path.join(ROOT, 'BENCHMARKS.md');
const START_MARKER = '<!-- bench:results:start -->';
const END_MARKER = '<!-- bench:results:end -->';
const DESK_ORG_ID = '60001234567';
/** Up to this many warm-up runs; one suffices once a warm-up run takes WARM_ENOUGH_MS. */
const WARMUP_ROUNDS = 3;
const WARM_ENOUGH_MS = 3000;
/** Extra measured runs only for scenarios whose first run is shorter than this. */
const REPEAT_BELOW_MS = 5000;
const RUN_TIMEOUT_MS = 5 * 60 * 1000;
/** A profiled run (CPU by place) after the measured ones, for scenarios shorter than this. */
const PROFILE_BELOW_MS = 15000;

const TARGETS = {
	updateWrites: 101,
	updateTime: 1.2,
	list: 1.1,
	speedup: 50,
	cpuUsPerItem: 50,
	rssMb: 250,
	metadata: 1,
	deskParallel: 1.5,
	crmList2000Rounds: 2,
	coqlRounds: 2,
};

// ------------------------------------------------------------------ arguments

function parseArgs(argv) {
	const options = {
		latency: 50,
		concurrency: 10,
		runs: 5,
		only: null,
		skipBuiltin: false,
		write: false,
		json: null,
		profile: true,
	};
	const intArg = (flag, value, min) => {
		if (value === undefined || !/^\d+$/.test(value) || Number(value) < min)
			throw new Error(`${flag} needs an integer ≥ ${min}`);
		return Number(value);
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] = arg.includes('=')
			? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
			: [arg, undefined];
		const value = () => (inline !== undefined ? inline : argv[++i]);
		switch (flag) {
			case '--latency':
				options.latency = intArg(flag, value(), 0);
				break;
			case '--concurrency':
				options.concurrency = intArg(flag, value(), 1);
				break;
			case '--runs':
				options.runs = intArg(flag, value(), 1);
				break;
			case '--only':
				options.only = String(value())
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean);
				break;
			case '--no-profile':
				options.profile = false;
				break;
			case '--skip-builtin':
				options.skipBuiltin = true;
				break;
			case '--write':
				options.write = true;
				break;
			case '--json':
				options.json = value();
				break;
			case '--help':
			case '-h':
				console.log(
					'usage: node scripts/bench.js [--latency MS] [--concurrency N] [--runs N] [--only key,key] [--skip-builtin] [--no-profile] [--write] [--json FILE]',
				);
				console.log(`scenarios: ${[...BEAM, ...BUILTIN].map((s) => s.key).join(', ')}`);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown argument ${arg}`);
		}
	}
	return options;
}

// ------------------------------------------------------------------ helpers

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function machineInfo() {
	const cpus = os.cpus();
	const version = (name) => {
		try {
			return require(require.resolve(`${name}/package.json`, { paths: [ROOT] })).version;
		} catch {
			return 'unknown';
		}
	};
	return {
		cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
		cores: cpus.length,
		memoryGb: os.totalmem() / 1024 ** 3,
		node: process.version,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		n8nCore: version('n8n-core'),
		n8nWorkflow: version('n8n-workflow'),
		git: gitInfo(),
		loadAverage: os
			.loadavg()
			.map((x) => x.toFixed(2))
			.join(' / '),
	};
}

function gitInfo() {
	const { spawnSync } = require('child_process');
	const run = (...args) =>
		spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
	const head = run('rev-parse', '--short', 'HEAD');
	const dirty = run('status', '--porcelain', '--', 'nodes', 'credentials')
		.split('\n')
		.filter(Boolean).length;
	return head
		? `${head}${dirty ? ` + ${dirty} uncommitted file(s) under nodes/ and credentials/` : ''}`
		: 'unknown';
}

/** Median round trip of a trivial CRM request (GET /crm/v8/org) with the injected latency. */
async function measureRtt(url, accessToken, count = 30) {
	const agent = new http.Agent({ keepAlive: true });
	const once = () =>
		new Promise((resolve, reject) => {
			const started = process.hrtime.bigint();
			const req = http.get(
				`${url}/crm/v8/org`,
				{ agent, headers: { Authorization: `Zoho-oauthtoken ${accessToken}` } },
				(res) => {
					res.resume();
					res.on('end', () =>
						res.statusCode === 200
							? resolve(Number(process.hrtime.bigint() - started) / 1e6)
							: reject(new Error(`RTT probe: HTTP ${res.statusCode}`)),
					);
				},
			);
			req.on('error', reject);
		});
	const samples = [];
	for (let i = 0; i < count; i++) samples.push(await once());
	agent.destroy();
	return median(samples);
}

function beamCredential(emulator, token) {
	return {
		clientId: emulator.clientId,
		clientSecret: emulator.clientSecret,
		dataCenter: 'custom',
		customAccountsUrl: emulator.url,
		customCrmApiUrl: emulator.url,
		customDeskApiUrl: `${emulator.url}/api/v1`,
		customCrmWebUrl: 'https://crm.zoho.com',
		customDeskWebUrl: 'https://desk.zoho.com',
		deskOrgId: DESK_ORG_ID,
		oauthTokenData: { ...token, token_type: 'Bearer' },
	};
}

const NOT_AVAILABLE = /not (yet )?implemented|is not supported|not available/i;

// ------------------------------------------------------------------ running

async function runScenario(scenario, env) {
	const { emu, options, emulator, ctx, log } = env;
	const result = {
		key: scenario.key,
		label: scenario.label,
		node: scenario.node,
		kind: scenario.kind,
		items: scenario.items,
		floor: scenario.floor,
		note: scenario.note,
		runs: [],
		summaries: [],
	};
	// Seed first: a scenario's input may need the IDs of a resized module.
	await emu.call('reset', scenario.sizes);
	const input = await scenario.input(ctx);
	const token = await emu.call('token');
	const credential =
		scenario.node === 'beam'
			? beamCredential(emulator, token)
			: builtin.builtinCredential(emulator, token);
	const worker = forkWithRpc(path.join(__dirname, 'bench', 'worker.js'), {
		name: `worker ${scenario.key}`,
		execArgv: ['--expose-gc'],
		env: { ...process.env, N8N_USER_FOLDER: env.n8nUserFolder },
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
	});
	// n8n prints some failures to the console; keep the tail, show it only if the worker breaks.
	const tail = [];
	const keep = (chunk) => {
		tail.push(...String(chunk).split('\n'));
		if (tail.length > 40) tail.splice(0, tail.length - 40);
	};
	worker.child.stdout.on('data', keep);
	worker.child.stderr.on('data', keep);
	const withTimeout = (promise, what) =>
		Promise.race([
			promise,
			new Promise((_, reject) =>
				setTimeout(
					() => reject(new Error(`${what} took longer than ${RUN_TIMEOUT_MS / 1000} s`)),
					RUN_TIMEOUT_MS,
				).unref(),
			),
		]);
	try {
		await withTimeout(
			worker.call('init', scenario.key, {
				credential,
				input,
				concurrency: options.concurrency,
				firstLead: ctx.firstLead,
				deskOrgId: DESK_ORG_ID,
			}),
			'loading',
		);
		// Warm-up: V8 needs a few runs of a short scenario (node and emulator alike) before it settles.
		for (let round = 1; round <= WARMUP_ROUNDS; round++) {
			await emu.call('reset', scenario.sizes);
			const warm = await withTimeout(worker.call('warm'), 'warm-up');
			if (warm.status !== 'success' && NOT_AVAILABLE.test(`${warm.error ?? ''}`)) {
				result.unavailable = `the operation says: "${warm.error}"`;
				log(`  ${scenario.key}: not available (${warm.error})`);
				return result;
			}
			result.warmups = (result.warmups ?? 0) + 1;
			if (warm.wallMs >= WARM_ENOUGH_MS) break;
		}
		const maxRuns = options.runs;
		for (let run = 1; run <= maxRuns; run++) {
			await emu.call('reset', scenario.sizes);
			const metrics = await withTimeout(worker.call('run'), `run ${run}`);
			const summary = await emu.call('summary');
			result.runs.push(metrics);
			result.summaries.push(summary);
			// Before the first request reached the emulator / after the last answer left it (same clock).
			metrics.beforeFirstRequestMs =
				summary.firstRequestAt === null ? null : summary.firstRequestAt - metrics.startedAt;
			metrics.afterLastAnswerMs =
				summary.lastAnswerAt === null ? null : metrics.endedAt - summary.lastAnswerAt;
			log(
				`  ${scenario.key} run ${run}: ${metrics.status}${metrics.error ? ` (${metrics.error.slice(0, 120)})` : ''}, ${fmtMs(metrics.wallMs)}, ${summary.requests} requests, ` +
					`${metrics.outputItems} items, CPU ${fmtMs(metrics.cpuMs)}, peak RSS ${metrics.peakRssMb.toFixed(0)} MB, ` +
					`first request after ${metrics.beforeFirstRequestMs} ms, done ${metrics.afterLastAnswerMs} ms after the last answer, emulator CPU ${fmtMs(summary.emulatorCpuMs)}`,
			);
			if (metrics.status !== 'success' && NOT_AVAILABLE.test(`${metrics.error ?? ''}`)) {
				result.unavailable = `the operation says: "${metrics.error}"`;
				break;
			}
			if (metrics.wallMs >= REPEAT_BELOW_MS) break;
		}
		if (
			options.profile &&
			result.runs.length &&
			!result.unavailable &&
			result.runs.at(-1).wallMs < PROFILE_BELOW_MS
		) {
			await emu.call('reset', scenario.sizes);
			const profiled = await withTimeout(worker.call('profile'), 'profile run');
			if (profiled.status === result.runs.at(-1).status) result.profile = profiled.byPlace;
		}
	} catch (error) {
		result.crashed = error instanceof Error ? error.message : String(error);
		log(`  ${scenario.key}: ${result.crashed}\n${tail.join('\n')}`);
	} finally {
		worker.kill();
	}
	return result;
}

/** Derived numbers for the table. */
function analyse(result, rttMs, concurrency) {
	if (!result.runs.length) return result;
	const walls = result.runs.map((r) => r.wallMs);
	const cpus = result.runs.map((r) => r.cpuMs);
	const medianIndex = walls.indexOf(median(walls)) >= 0 ? walls.indexOf(median(walls)) : 0;
	const summary = result.summaries[medianIndex] ?? result.summaries[0];
	const last = result.runs[medianIndex] ?? result.runs[0];
	const floorMs =
		result.floor.rounds !== undefined
			? result.floor.rounds * rttMs
			: result.floor.overlap
				? Math.ceil(result.floor.requests / concurrency) * rttMs
				: result.floor.requests * rttMs;
	const ok =
		last.status === 'success' && last.outputItems === result.items && last.errorItems === 0;
	const metadataMax = Math.max(
		...result.summaries.map((s) => Math.max(0, ...Object.values(s.metadata))),
	);
	// Per endpoint, the most any one execution fetched it.
	const metadataByEndpoint = {};
	for (const s of result.summaries)
		for (const [name, n] of Object.entries(s.metadata))
			metadataByEndpoint[name] = Math.max(metadataByEndpoint[name] ?? 0, n);
	const requestCounts = [...new Set(result.summaries.map((s) => s.requests))];
	return {
		...result,
		concurrency,
		ok,
		wallMs: median(walls),
		wallAll: walls,
		cpuMs: median(cpus),
		cpuUsPerItem: (median(cpus) * 1000) / result.items,
		peakRssMb: Math.max(...result.runs.map((r) => r.peakRssMb)),
		baseRssMb: Math.min(...result.runs.map((r) => r.baseRssMb)),
		maxRssMb: Math.max(...result.runs.map((r) => r.maxRssMb)),
		peakHeapAboveBaseMb: Math.max(
			...result.runs.map((r) => (r.peakHeapMb ?? 0) - (r.baseHeapMb ?? 0)),
		),
		retainedHeapMb: median(result.runs.map((r) => r.retainedHeapMb ?? 0)),
		requests: summary.requests,
		requestCounts,
		writes: summary.writes,
		summary,
		floorMs,
		requestRatio: summary.requests / result.floor.requests,
		timeRatio: median(walls) / floorMs,
		metadataMax,
		metadataByEndpoint,
		beforeFirstRequestMs: median(result.runs.map((r) => r.beforeFirstRequestMs ?? 0)),
		afterLastAnswerMs: median(result.runs.map((r) => r.afterLastAnswerMs ?? 0)),
		zohoCode: /"code":"([A-Z_]+)"|"errorCode":"([A-Z_]+)"/
			.exec(last.errorDescription ?? '')
			?.slice(1)
			.find(Boolean),
		emulatorCpuMs: median(result.summaries.map((x) => x.emulatorCpuMs)),
		profilePerItemUs: result.profile
			? Object.fromEntries(
					Object.entries(result.profile).map(([place, ms]) => [place, (ms * 1000) / result.items]),
				)
			: undefined,
		status: last.status,
		error: last.error,
		errorDescription: last.errorDescription,
		outputItems: last.outputItems,
		errorItems: last.errorItems,
		nodeMs: last.nodeMs,
	};
}

// ------------------------------------------------------------------ formatting

/** Round trips on the floor's critical path (see scenarios.js). */
function floorRounds(r) {
	return (
		r.floor.rounds ??
		(r.floor.overlap ? Math.ceil(r.floor.requests / r.concurrency) : r.floor.requests)
	);
}

const fmtMs = (ms) =>
	ms >= 10000
		? `${(ms / 1000).toFixed(1)} s`
		: ms >= 1000
			? `${(ms / 1000).toFixed(2)} s`
			: `${ms.toFixed(0)} ms`;
const fmtX = (x) =>
	x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
const nodeName = (node) => (node === 'beam' ? 'Zoho Beam' : 'n8n built-in');

function resultText(r) {
	if (r.unavailable) return `not available (${r.unavailable})`;
	if (r.crashed) return `benchmark error: ${r.crashed}`;
	if (!r.runs.length) return 'not run';
	if (r.ok)
		return `ok (${r.outputItems} items${r.runs.length > 1 ? `, ${r.runs.length} runs` : ''})`;
	if (r.status !== 'success')
		return `FAILED after ${r.summary.requests} requests: ${r.zohoCode ? `Zoho ${r.zohoCode} (n8n: "${r.error}")` : `"${r.error}"${r.errorDescription ? ` (Zoho: "${r.errorDescription}")` : ''}`}`;
	return `incomplete: ${r.outputItems} items, ${r.errorItems} error items`;
}

function resultsTable(results) {
	const header = [
		'Scenario',
		'Node',
		'Requests (floor)',
		'Req. ratio',
		'Round trips (floor)',
		'Wall',
		'Floor time',
		'Time ratio',
		'CPU/item',
		'of which node code',
		'Peak RSS',
		'Metadata org/modules/fields/desk orgs',
		'Emulator CPU',
		'Result',
	];
	const rows = results.map((r) => {
		if (!r.runs.length || r.unavailable)
			return [
				r.label,
				nodeName(r.node),
				`– (${r.floor.requests})`,
				'–',
				'–',
				'–',
				'–',
				'–',
				'–',
				'–',
				'–',
				'–',
				'–',
				resultText(r),
			];
		const own = r.profilePerItemUs
			? (r.profilePerItemUs[r.node === 'beam' ? 'zohoBeam' : 'builtinNode'] ?? 0)
			: undefined;
		return [
			r.label,
			nodeName(r.node),
			`${r.requests}${r.requestCounts.length > 1 ? ` (varied: ${r.requestCounts.join('/')})` : ''} (${r.floor.requests})`,
			fmtX(r.requestRatio),
			`${r.summary.dataRounds}${r.summary.rounds !== r.summary.dataRounds ? ` +${r.summary.rounds - r.summary.dataRounds} metadata` : ''} (${floorRounds(r)})`,
			fmtMs(r.wallMs),
			fmtMs(r.floorMs),
			fmtX(r.timeRatio),
			`${r.cpuUsPerItem.toFixed(1)} µs`,
			own === undefined ? '–' : `${own.toFixed(1)} µs`,
			`${r.peakRssMb.toFixed(0)} MB`,
			Object.values(r.metadataByEndpoint).join('/'),
			fmtMs(r.emulatorCpuMs),
			resultText(r),
		];
	});
	return { header, rows };
}

/** The same work at ten-fold sizes: does the cost per item stay flat? */
function growthTable(results) {
	const families = [
		['CRM update (Leads)', ['beam-update-1000', 'beam-update-10000', 'beam-update-100000']],
		['COQL, all rows (Leads)', ['beam-coql-1000', 'beam-coql-10000', 'beam-coql-100000']],
	];
	const header = [
		'Work',
		'Records',
		'Requests',
		'Round trips',
		'Wall',
		'Wall per 1,000',
		'CPU/item',
		'Peak RSS (baseline)',
		'Peak heap above baseline per 1,000',
		'Heap kept with the result per 1,000',
	];
	const rows = [];
	for (const [work, keys] of families) {
		for (const key of keys) {
			const r = results.find((x) => x.key === key && x.runs.length && !x.unavailable);
			if (!r) continue;
			rows.push([
				work,
				r.items.toLocaleString('en-US'),
				String(r.requests),
				String(r.summary.rounds),
				fmtMs(r.wallMs),
				fmtMs((r.wallMs * 1000) / r.items),
				`${r.cpuUsPerItem.toFixed(1)} µs`,
				`${r.peakRssMb.toFixed(0)} MB (${r.baseRssMb.toFixed(0)} MB)`,
				`${((r.peakHeapAboveBaseMb * 1000) / r.items).toFixed(2)} MB`,
				`${((r.retainedHeapMb * 1000) / r.items).toFixed(2)} MB`,
			]);
		}
	}
	return { header, rows };
}

function comparisonTable(results) {
	const groups = new Map();
	for (const r of results) {
		const scenario = [...BEAM, ...BUILTIN].find((s) => s.key === r.key);
		if (!scenario?.compare) continue;
		const group = groups.get(scenario.compare) ?? {};
		group[r.node] = r;
		groups.set(scenario.compare, group);
	}
	const header = [
		'Scenario',
		'Zoho Beam',
		'n8n built-in',
		'Speed-up',
		'Requests (Beam / built-in)',
		'CPU/item (Beam / built-in)',
	];
	const rows = [];
	for (const [, group] of groups) {
		const beam = group.beam;
		const base = group.builtin;
		if (!beam || !base) continue;
		const cell = (r) =>
			r.runs.length && !r.unavailable
				? `${fmtMs(r.wallMs)}${r.ok ? '' : ' (failed)'}`
				: r.unavailable
					? 'not available'
					: 'not run';
		const speedup =
			beam.ok && base.ok
				? fmtX(base.wallMs / beam.wallMs)
				: base.runs.length && !base.ok
					? `built-in fails: ${base.zohoCode ?? base.errorDescription ?? base.error ?? 'incomplete'}`
					: '–';
		rows.push([
			beam.label,
			cell(beam),
			cell(base),
			speedup,
			`${beam.requests ?? '–'} / ${base.requests ?? '–'}`,
			`${beam.cpuUsPerItem?.toFixed(1) ?? '–'} µs / ${base.cpuUsPerItem?.toFixed(1) ?? '–'} µs`,
		]);
	}
	return { header, rows };
}

function evaluateTargets(results) {
	const find = (key) => results.find((r) => r.key === key && r.runs.length && !r.unavailable);
	const targets = [];
	const verdict = (met) => (met === undefined ? 'not measured' : met ? 'met' : 'MISSED');

	const update = find('beam-update-10000');
	targets.push({
		target: `Update 10,000 CRM records in ≤ ${TARGETS.updateWrites} write requests`,
		measured: update ? `${update.writes} write requests (${update.requests} in all)` : '–',
		verdict: verdict(update ? update.ok && update.writes <= TARGETS.updateWrites : undefined),
	});
	targets.push({
		target: `Update 10,000: wall ≤ ${TARGETS.updateTime}× floor`,
		measured: update
			? `${fmtMs(update.wallMs)} vs floor ${fmtMs(update.floorMs)} = ${fmtX(update.timeRatio)}`
			: '–',
		verdict: verdict(update ? update.ok && update.timeRatio <= TARGETS.updateTime : undefined),
	});
	for (const r of results.filter(
		(x) => x.node === 'beam' && x.kind === 'list' && x.runs.length && !x.unavailable,
	)) {
		targets.push({
			target: `${r.label}: within ${TARGETS.list}× floor (requests and time)`,
			measured: `${r.requests}/${r.floor.requests} requests = ${fmtX(r.requestRatio)}; ${r.summary.dataRounds}/${floorRounds(r)} round trips; ${fmtMs(r.wallMs)} vs ${fmtMs(r.floorMs)} = ${fmtX(r.timeRatio)}`,
			verdict: verdict(r.ok && r.requestRatio <= TARGETS.list && r.timeRatio <= TARGETS.list),
		});
	}
	// Overlapping pages (round trips on the critical path, from the emulator's request log; metadata apart).
	const desk5k = find('beam-desk-5000');
	targets.push({
		target: `Desk 5,000 tickets: ≤ ${TARGETS.deskParallel}× the parallel floor (⌈50 ÷ concurrency⌉ round trips)`,
		measured: desk5k
			? `${desk5k.summary.dataRounds} round trips vs ${floorRounds(desk5k)} = ${fmtX(desk5k.summary.dataRounds / floorRounds(desk5k))}; ${fmtMs(desk5k.wallMs)} vs ${fmtMs(desk5k.floorMs)} = ${fmtX(desk5k.timeRatio)}`
			: '–',
		verdict: verdict(
			desk5k
				? desk5k.ok && desk5k.summary.dataRounds / floorRounds(desk5k) <= TARGETS.deskParallel
				: undefined,
		),
	});
	const crm2k = find('beam-list-2000');
	targets.push({
		target: `CRM Get Many of 2,000 records: ≤ ${TARGETS.crmList2000Rounds} round trips plus metadata`,
		measured: crm2k
			? `${crm2k.summary.dataRounds} round trips for ${crm2k.requests - Object.values(crm2k.summary.metadata).reduce((a, b) => a + b, 0)} pages (+ metadata ${crm2k.summary.rounds - crm2k.summary.dataRounds} round trip(s) on the path)`
			: '–',
		verdict: verdict(
			crm2k ? crm2k.ok && crm2k.summary.dataRounds <= TARGETS.crmList2000Rounds : undefined,
		),
	});
	const coql10k = find('beam-coql-10000');
	targets.push({
		target: `COQL 10,000 records: ≤ ${TARGETS.coqlRounds} rounds of concurrent requests`,
		measured: coql10k
			? `${coql10k.summary.dataRounds} rounds, ${coql10k.summary.byRoute['POST /crm/v8/coql']} COQL requests (${coql10k.floor.requests} with rows; the rest are the end of the last window), peak ${coql10k.summary.peakInflight} in flight`
			: '–',
		verdict: verdict(
			coql10k ? coql10k.ok && coql10k.summary.dataRounds <= TARGETS.coqlRounds : undefined,
		),
	});
	const beam1k = find('beam-update-1000');
	const base1k = find('builtin-update-1000');
	targets.push({
		target: `≥ ${TARGETS.speedup}× faster than the built-in node on 1,000 updates`,
		measured:
			beam1k && base1k
				? `${fmtMs(base1k.wallMs)} / ${fmtMs(beam1k.wallMs)} = ${fmtX(base1k.wallMs / beam1k.wallMs)}`
				: '–',
		verdict: verdict(
			beam1k && base1k
				? beam1k.ok && base1k.ok && base1k.wallMs / beam1k.wallMs >= TARGETS.speedup
				: undefined,
		),
	});
	const beamRuns = results.filter((r) => r.node === 'beam' && r.runs.length && !r.unavailable);
	if (beamRuns.length) {
		const worst = beamRuns.reduce((a, b) => (b.cpuUsPerItem > a.cpuUsPerItem ? b : a));
		const over = beamRuns.filter((r) => r.cpuUsPerItem > TARGETS.cpuUsPerItem);
		targets.push({
			target: `Node CPU overhead ≤ ${TARGETS.cpuUsPerItem} µs per item (engine + node, every Beam scenario)`,
			measured:
				`process CPU ${beamRuns.map((r) => `${r.key.replace('beam-', '')} ${r.cpuUsPerItem.toFixed(0)}`).join(', ')} µs/item (worst ${worst.key.replace('beam-', '')})` +
				(beamRuns.some((r) => r.profilePerItemUs)
					? `; Zoho Beam's own code (profiled): ${beamRuns
							.filter((r) => r.profilePerItemUs)
							.map(
								(r) =>
									`${r.key.replace('beam-', '')} ${(r.profilePerItemUs.zohoBeam ?? 0).toFixed(1)}`,
							)
							.join(', ')} µs/item`
					: ''),
			verdict: verdict(over.length === 0),
		});
	}
	const big = ['beam-update-10000', 'beam-list-10000'].map(find).filter(Boolean);
	if (big.length) {
		targets.push({
			target: `Peak RSS ≤ ${TARGETS.rssMb} MB at 10,000 records`,
			measured: big
				.map(
					(r) =>
						`${r.key.replace('beam-', '')} ${r.peakRssMb.toFixed(0)} MB (baseline ${r.baseRssMb.toFixed(0)} MB)`,
				)
				.join('; '),
			verdict: verdict(big.every((r) => r.peakRssMb <= TARGETS.rssMb)),
		});
	}
	if (beamRuns.length) {
		const worstMeta = Math.max(...beamRuns.map((r) => r.metadataMax));
		targets.push({
			target: 'Metadata (org, modules, fields, Desk organizations) at most once per execution',
			measured: `max ${worstMeta} fetch(es) of one metadata endpoint in one execution`,
			verdict: verdict(worstMeta <= TARGETS.metadata),
		});
	}
	return targets;
}

function textTable({ header, rows }) {
	const widths = header.map((h, i) =>
		Math.max(h.length, ...rows.map((row) => String(row[i]).length)),
	);
	const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable({ header, rows }) {
	const esc = (c) => String(c).replace(/\|/g, '\\|');
	return [
		`| ${header.map(esc).join(' | ')} |`,
		`|${header.map(() => '---').join('|')}|`,
		...rows.map((row) => `| ${row.map(esc).join(' | ')} |`),
	].join('\n');
}

function markdownBlock(report) {
	const {
		machine,
		options,
		rttMs,
		results,
		targets,
		builtinInfo,
		startedAt,
		durationMs,
		packageDir,
	} = report;
	const lines = [];
	const env = process.env.ZOHO_BEAM_PACKAGE_DIR
		? `ZOHO_BEAM_PACKAGE_DIR=${process.env.ZOHO_BEAM_PACKAGE_DIR} `
		: '';
	lines.push(
		`_Generated by \`${env}node scripts/bench.js${process.argv.slice(2).length ? ' ' + process.argv.slice(2).join(' ') : ''}\` on ${startedAt} (${fmtMs(durationMs)} in all)._`,
	);
	lines.push('');
	lines.push(
		`**Machine:** ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb.toFixed(1)} GB RAM, ${machine.os}, Node ${machine.node}; n8n-core ${machine.n8nCore}, n8n-workflow ${machine.n8nWorkflow}${builtinInfo.ok ? `, n8n-nodes-base ${builtinInfo.version}` : ''}. Code: ${machine.git}. Load average ${machine.loadAverage}.`,
	);
	lines.push('');
	lines.push(
		`**Settings:** injected latency ${options.latency} ms per request, emulator concurrency limit ${options.concurrency} (Zoho Standard), node \`concurrency\` option ${options.concurrency} on writes and lists (counts run at the default, 5); measured RTT (median of 30 × GET /crm/v8/org) **${rttMs.toFixed(1)} ms**, used for the floor; every scenario in a fresh worker process: up to ${WARMUP_ROUNDS} warm-up runs (one when a run takes ≥ ${WARM_ENOUGH_MS / 1000} s), then up to ${options.runs} measured runs (one when a run takes ≥ ${REPEAT_BELOW_MS / 1000} s), median reported; the emulator is reseeded before every run. Package under test: \`${packageDir}\`.`,
	);
	lines.push('');
	lines.push('### Results');
	lines.push('');
	lines.push(markdownTable(resultsTable(results)));
	lines.push('');
	lines.push("### Zoho Beam against n8n's built-in Zoho CRM node");
	lines.push('');
	if (builtinInfo.ok) lines.push(markdownTable(comparisonTable(results)));
	else lines.push(`Not run: ${builtinInfo.reason}`);
	lines.push('');
	const growth = growthTable(results);
	if (growth.rows.length) {
		lines.push('### Growth: 1,000 → 10,000 → 100,000 records');
		lines.push('');
		lines.push(markdownTable(growth));
		lines.push('');
	}
	lines.push('### Targets');
	lines.push('');
	lines.push(
		markdownTable({
			header: ['Target', 'Measured', 'Verdict'],
			rows: targets.map((t) => [t.target, t.measured, t.verdict]),
		}),
	);
	lines.push('');
	lines.push(
		'<details><summary>Requests per scenario (median run, from the emulator log)</summary>',
	);
	lines.push('');
	for (const r of results.filter((x) => x.summary)) {
		const routes = Object.entries(r.summary.byRoute)
			.map(([route, n]) => `${route} ×${n}`)
			.join(', ');
		const statuses = Object.entries(r.summary.statuses)
			.map(([s, n]) => `${s}×${n}`)
			.join(' ');
		lines.push(
			`- **${r.label}** (${nodeName(r.node)}): ${routes}; statuses ${statuses}; 429s ${r.summary.rejected429}; peak in flight ${r.summary.peakInflight}; token requests ${r.summary.tokenRequests}; node execution ${r.nodeMs ?? '–'} ms; first request ${fmtMs(r.beforeFirstRequestMs)} after the start, done ${fmtMs(r.afterLastAnswerMs)} after the last answer; emulator CPU ${fmtMs(r.emulatorCpuMs)}; walls ${r.wallAll.map(fmtMs).join(', ')}; CPU ${fmtMs(r.cpuMs)}; RSS baseline ${r.baseRssMb.toFixed(0)} MB → peak ${r.peakRssMb.toFixed(0)} MB${r.profilePerItemUs ? `; CPU per item by place (profiled run): ${placeText(r.profilePerItemUs)}` : ''}.`,
		);
	}
	lines.push('');
	lines.push('</details>');
	return lines.join('\n');
}

const PLACE_NAMES = {
	zohoBeam: 'Zoho Beam code',
	builtinNode: 'built-in node code',
	engine: 'n8n engine (parameters, expressions, execution)',
	credentials: 'credential resolution per request',
	http: 'HTTP client',
	runtime: 'Node runtime (sockets, JSON, timers)',
	gc: 'GC',
	harness: 'harness',
};
function placeText(perItem) {
	return Object.entries(perItem)
		.sort((a, b) => b[1] - a[1])
		.map(([place, us]) => `${PLACE_NAMES[place] ?? place} ${us.toFixed(1)} µs`)
		.join(', ');
}

function writeBenchmarksMd(block) {
	const generated = `${START_MARKER}\n${block}\n${END_MARKER}`;
	let text = fs.existsSync(BENCHMARKS_MD)
		? fs.readFileSync(BENCHMARKS_MD, 'utf8')
		: `# Benchmarks\n\n${START_MARKER}\n${END_MARKER}\n`;
	const start = text.indexOf(START_MARKER);
	const end = text.indexOf(END_MARKER);
	if (start < 0 || end < start) text = `${text.trimEnd()}\n\n${generated}\n`;
	else text = text.slice(0, start) + generated + text.slice(end + END_MARKER.length);
	fs.writeFileSync(BENCHMARKS_MD, text);
}

// ------------------------------------------------------------------ main

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${error.message}\nusage: node scripts/bench.js --help`);
		process.exit(2);
	}
	const log = (message) => console.log(message);
	const startedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
	const t0 = Date.now();
	const packageDir = process.env.ZOHO_BEAM_PACKAGE_DIR || ROOT;
	const loadAtStart = os
		.loadavg()
		.map((x) => x.toFixed(2))
		.join(' / ');
	if (!fs.existsSync(path.join(packageDir, 'dist', 'nodes', 'ZohoBeam', 'ZohoBeam.node.js'))) {
		throw new Error(
			`${packageDir}/dist is missing: run \`npm run bench\` (builds ./dist) or scripts/build-to.sh DIR with ZOHO_BEAM_PACKAGE_DIR=DIR`,
		);
	}
	const wanted = (s) => !options.only || options.only.includes(s.key);
	const beamScenarios = BEAM.filter(wanted);
	let builtinScenarios = options.skipBuiltin ? [] : BUILTIN.filter(wanted);
	let builtinInfo = {
		ok: false,
		reason: options.skipBuiltin ? 'skipped (--skip-builtin)' : 'no built-in scenario selected',
	};
	if (builtinScenarios.length) {
		builtinInfo = builtin.ensureInstalled(log);
		if (!builtinInfo.ok) {
			log(`n8n's built-in Zoho CRM node is not available: ${builtinInfo.reason}`);
			builtinScenarios = [];
		}
	}

	const n8nUserFolder = path.join(os.tmpdir(), 'zoho-beam-bench-n8n');
	fs.mkdirSync(n8nUserFolder, { recursive: true });
	const emu = forkWithRpc(path.join(__dirname, 'bench', 'emulator-child.js'), { name: 'emulator' });
	const cleanup = () => emu.kill();
	process.on('SIGINT', () => {
		cleanup();
		process.exit(130);
	});
	try {
		const emulator = await emu.call('start', {
			port: 0,
			latencyMs: options.latency,
			maxConcurrency: options.concurrency,
		});
		log(
			`Emulator (pid ${emu.child.pid}) at ${emulator.url}: latency ${options.latency} ms, concurrency limit ${options.concurrency}`,
		);
		const probeToken = await emu.call('token');
		const rttMs = await measureRtt(emulator.url, probeToken.access_token);
		log(`Measured RTT: ${rttMs.toFixed(1)} ms`);
		const firstLead = (await emu.call('ids', 'Leads', 1))[0];
		const ctx = {
			ids: (module, n) => emu.call('ids', module, n),
			firstLead,
			deskOrgId: DESK_ORG_ID,
			concurrency: options.concurrency,
		};
		const env = { emu, options, emulator, ctx, log, n8nUserFolder };

		const results = [];
		for (const scenario of [...beamScenarios, ...builtinScenarios]) {
			log(`${scenario.key}: ${scenario.label} (${nodeName(scenario.node)})`);
			results.push(analyse(await runScenario(scenario, env), rttMs, options.concurrency));
		}
		const targets = evaluateTargets(results);
		const machine = machineInfo();
		const durationMs = Date.now() - t0;

		log('');
		log(
			`Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb.toFixed(1)} GB, Node ${machine.node}; latency ${options.latency} ms, concurrency ${options.concurrency}, RTT ${rttMs.toFixed(1)} ms`,
		);
		log('');
		log(textTable(resultsTable(results)));
		if (builtinInfo.ok) {
			log('');
			log(textTable(comparisonTable(results)));
		}
		log('');
		log(
			textTable({
				header: ['Target', 'Measured', 'Verdict'],
				rows: targets.map((t) => [t.target, t.measured, t.verdict]),
			}),
		);
		log(`\nTotal ${fmtMs(durationMs)}`);
		if (!options.only || options.only.includes('poll')) {
			// Loaded only now: it brings n8n-core into this process, which the workers must not inherit.
			const { pollRows, pollTable } = require('./bench/poll');
			log(`\n${pollTable(await pollRows(options))}`);
		}

		machine.loadAverage = `${loadAtStart} at the start, ${machine.loadAverage} at the end (1/5/15 min)`;
		const report = {
			machine,
			options,
			rttMs,
			results,
			targets,
			builtinInfo,
			startedAt,
			durationMs,
			packageDir: packageDir.startsWith(ROOT) ? path.relative(ROOT, packageDir) || '.' : packageDir,
		};
		if (options.json) {
			fs.writeFileSync(options.json, JSON.stringify(report, null, 2));
			log(`Raw results: ${options.json}`);
		}
		if (options.write) {
			writeBenchmarksMd(markdownBlock(report));
			log(`Results written to ${path.relative(process.cwd(), BENCHMARKS_MD)}`);
		}
	} finally {
		await emu.call('close').catch(() => undefined);
		cleanup();
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
