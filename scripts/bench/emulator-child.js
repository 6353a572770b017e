'use strict';
/**
 * The emulator for the benchmark, in its own process (forked by scripts/bench.js), so the
 * benchmark workers' CPU time and RSS measure n8n's engine and the node only.
 *
 * IPC protocol: the parent sends `{ id, cmd, args }`, the child answers `{ id, result }` or
 * `{ id, error }`. Commands: start, ids, deskIds, reset, token, summary, close.
 * The request log stays here; `summary` sends back only what the benchmark reports.
 */

const path = require('path');
const { startEmulator } = require(path.join(__dirname, '..', '..', 'test', 'emulator'));
const { serveRpc } = require('./ipc');

/** @type {any} */
let emu = null;
/** CPU time of this process at the last reset: the emulator's own work per measured run. */
let cpuMark = process.cpuUsage();

/** Metadata endpoints: must be fetched at most once per execution. */
const METADATA = [
	{ name: 'crm org', re: /^\/crm\/v\d+\/org$/ },
	{ name: 'crm modules', re: /^\/crm\/v\d+\/settings\/modules$/ },
	{ name: 'crm fields', re: /^\/crm\/v\d+\/settings\/fields$/ },
	{ name: 'desk organizations', re: /^\/api\/v1\/organizations$/ },
];

/**
 * Round trips on the critical path: the longest chain of requests in which each one started
 * after the one before had been answered (requests that overlap count once).
 */
function roundTrips(entries) {
	const spans = entries
		.map((r) => [Date.parse(r.startedAt), Date.parse(r.startedAt) + r.durationMs])
		.sort((a, b) => a[0] - b[0]);
	const chain = [];
	let longest = 0;
	for (let i = 0; i < spans.length; i++) {
		let best = 0;
		for (let j = 0; j < i; j++) if (spans[j][1] <= spans[i][0] && chain[j] > best) best = chain[j];
		chain.push(best + 1);
		longest = Math.max(longest, best + 1);
	}
	return longest;
}

/** What one measured execution cost on the wire, from the request log. */
function summary() {
	const entries = emu.requests.filter((r) => r.app === 'crm' || r.app === 'desk');
	const tokenRequests = emu.requests.filter((r) => r.app === 'accounts').length;
	const statuses = {};
	const byRoute = {};
	const metadata = Object.fromEntries(METADATA.map((m) => [m.name, 0]));
	let writes = 0;
	let records = 0;
	/** @type {Array<[number, number]>} */
	const events = [];
	let first = Infinity;
	let last = 0;
	for (const r of entries) {
		statuses[r.status] = (statuses[r.status] ?? 0) + 1;
		const route = `${r.method} ${r.path.replace(/\/\d{6,}(?=\/|$)/g, '/{id}')}`;
		byRoute[route] = (byRoute[route] ?? 0) + 1;
		const meta = METADATA.find((m) => m.re.test(r.path));
		if (meta) metadata[meta.name]++;
		if (r.method !== 'GET') writes++;
		if (typeof r.records === 'number') records += r.records;
		const start = Date.parse(r.startedAt);
		const end = start + r.durationMs;
		first = Math.min(first, start);
		last = Math.max(last, end);
		events.push([start, 1], [end, -1]);
	}
	// Peak requests in flight at the emulator (ms resolution; ends sort before starts).
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let inflight = 0;
	let peakInflight = 0;
	for (const [, delta] of events) {
		inflight += delta;
		peakInflight = Math.max(peakInflight, inflight);
	}
	const writesByRecord = emu.stats.writesByRecord;
	const dataEntries = entries.filter((r) => !METADATA.some((m) => m.re.test(r.path)));
	const recordsWritten = Object.values(writesByRecord).reduce(
		(sum, perId) => sum + Object.keys(perId).length,
		0,
	);
	return {
		requests: entries.length,
		writes,
		tokenRequests,
		statuses,
		byRoute,
		metadata,
		records,
		recordsWritten,
		rejected429: emu.stats.rejected429,
		peakInflight,
		rounds: roundTrips(entries),
		dataRounds: roundTrips(dataEntries),
		serverSpanMs: entries.length ? last - first : 0,
		firstRequestAt: entries.length ? first : null,
		lastAnswerAt: entries.length ? last : null,
		emulatorCpuMs: (() => {
			const cpu = process.cpuUsage(cpuMark);
			return (cpu.user + cpu.system) / 1000;
		})(),
	};
}

const commands = {
	async start(options) {
		emu = await startEmulator(options);
		return {
			url: emu.url,
			clientId: emu.config.clientId,
			clientSecret: emu.config.clientSecret,
			deskOrgIds: emu.deskOrgIds,
			config: { latencyMs: emu.config.latencyMs, maxConcurrency: emu.config.maxConcurrency },
		};
	},
	ids: (module, n) => emu.ids(module, n),
	deskIds: (entity, orgId, n) => emu.deskIds(entity, orgId, n),
	/** Reseeds (default sizes unless given), clears the log and stats. */
	reset: (sizes) => {
		emu.reset({ sizes: sizes ?? {} });
		cpuMark = process.cpuUsage();
		return true;
	},
	token: (options) => emu.issueToken(options ?? { lifetimeSec: 24 * 3600 }),
	summary,
	/** The CRM/Desk requests of the last run, for debugging: method, path, start (epoch ms), duration. */
	timeline: () =>
		emu.requests
			.filter((r) => r.app === 'crm' || r.app === 'desk')
			.map((r) => ({
				method: r.method,
				path: r.path,
				status: r.status,
				start: Date.parse(r.startedAt),
				durationMs: r.durationMs,
			})),
	async close() {
		if (emu) await emu.close();
		setImmediate(() => process.exit(0));
		return true;
	},
};

serveRpc(commands);
