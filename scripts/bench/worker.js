'use strict';
/**
 * One benchmark scenario in a fresh process (forked by scripts/bench.js with --expose-gc):
 * loads the harness (n8n-core's WorkflowExecute + the built package, honouring
 * ZOHO_BEAM_PACKAGE_DIR) and, for the comparison, n8n's built-in Zoho CRM node; runs a
 * warm-up, then measured runs. Only this process's CPU time and RSS are reported: the
 * emulator runs in another process.
 *
 * Commands: init(scenarioKey, context) → warm-up; run() → metrics of one measured run.
 */

const path = require('path');
const inspector = require('inspector');
const { performance } = require('perf_hooks');
const { serveRpc } = require('./ipc');
const { byKey } = require('./scenarios');

const harness = require(path.join(__dirname, '..', '..', 'test', 'harness'));

/** @type {any} */
let state = null;

function workflowFor(scenario, parameters) {
	if (scenario.node === 'beam') return harness.singleNodeWorkflow(parameters);
	return {
		name: 'builtin',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			{ name: 'Zoho', type: state.builtin.nodeTypeName, typeVersion: 1, parameters },
		],
		connections: { Start: { main: [[{ node: 'Zoho', type: 'main', index: 0 }]] } },
	};
}

function runOptions(parameters, input) {
	const { scenario, context } = state;
	const options = {
		workflow: workflowFor(scenario, parameters),
		credential: context.credential,
		input,
	};
	// Same credential as the warm-up: the node's per-credential metadata cache is warm, as in a
	// long-running n8n whose workflow ran a moment ago.
	if (scenario.reuseCredential && state.credentialsHelper)
		options.credentialsHelper = state.credentialsHelper;
	if (scenario.node === 'builtin') {
		options.extraNodeTypes = { [state.builtin.nodeTypeName]: state.builtin.nodeType };
		options.extraCredentialTypes = {
			[state.builtin.credentialTypeName]: state.builtin.credentialType,
		};
		options.credentialType = state.builtin.credentialTypeName;
	}
	return options;
}

/** What came out: success, item counts, and the node's error if any. */
function outcome(result) {
	let items = [];
	try {
		items = result.output('Zoho');
	} catch {
		items = [];
	}
	const task = result.runData.Zoho?.[0];
	const error = result.error ?? task?.error;
	return {
		status: result.status,
		outputItems: items.length,
		errorItems: items.filter((item) => item.json && item.json.error !== undefined).length,
		error: error ? String(error.message ?? error).slice(0, 300) : undefined,
		errorDescription: error?.description ? String(error.description).slice(0, 300) : undefined,
		nodeMs: task?.executionTime,
		sample: items[0]?.json ? JSON.stringify(items[0].json).slice(0, 200) : undefined,
	};
}

/**
 * Where the CPU went, from a sampling profile: each sample is charged to the nearest frame
 * (from the leaf up) that belongs to a known place; V8 builtins and Node internals are charged
 * to their caller. Credential resolution (n8n resolves the credential on every request; the
 * harness does what n8n's CredentialsHelper does) is charged as one block.
 */
function categorise(profile) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const place = (url) => {
		if (!url) return null;
		if (url.includes('/dist/nodes/ZohoBeam/') || url.includes('/dist/credentials/ZohoBeam'))
			return 'zohoBeam';
		if (url.includes('/n8n-nodes-base/')) return 'builtinNode';
		if (url.includes('/test/harness/credentials.js')) return 'credentials';
		if (/\/(axios|follow-redirects|proxy-from-env|form-data|@n8n\/backend-network)\//.test(url))
			return 'http';
		if (url.includes('/scripts/bench')) return 'profiler';
		if (url.includes('/test/harness/')) return 'harness';
		if (url.includes('/node_modules/')) return 'engine';
		return null;
	};
	const selfTime = new Map();
	profile.samples.forEach((id, index) =>
		selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)),
	);
	const totals = {};
	for (const [id, micros] of selfTime) {
		const leaf = byId.get(id);
		const name = leaf.callFrame.functionName;
		let category;
		if (name === '(idle)') continue;
		if (name === '(garbage collector)') category = 'gc';
		else if (name === '(program)') category = 'runtime';
		else {
			let found = null;
			let credentials = false;
			for (let cursor = id; cursor !== undefined; cursor = parent.get(cursor)) {
				const where = place(byId.get(cursor).callFrame.url);
				if (where === 'credentials') credentials = true;
				if (!found && where) found = where;
			}
			category = credentials ? 'credentials' : (found ?? 'runtime');
		}
		// The profiler's own work (stopping, serialising the profile) is not the run's.
		if (category !== 'profiler') totals[category] = (totals[category] ?? 0) + micros / 1000;
	}
	return totals;
}

const post = (session, method, params) =>
	new Promise((resolve, reject) =>
		session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
	);

const commands = {
	/** Loads n8n's engine, the package (and the built-in node for the comparison). */
	async init(key, context) {
		const scenario = byKey(key);
		if (!scenario) throw new Error(`unknown scenario ${key}`);
		state = { scenario, context, builtin: null };
		if (scenario.node === 'builtin') {
			const { loadBuiltin } = require('./builtin');
			state.builtin = loadBuiltin();
		}
		await harness.loadPackage();
		return true;
	},

	/** One warm-up run (same code path; fewer items for the slow scenarios), so V8 has compiled it. */
	async warm() {
		const { scenario, context } = state;
		const warmParameters = scenario.warmup
			? scenario.warmup(context)
			: scenario.parameters(context);
		const warmInput = context.input
			? context.input.slice(0, scenario.warmupItems ?? context.input.length)
			: undefined;
		const started = performance.now();
		const result = await harness.runWorkflow(runOptions(warmParameters, warmInput));
		if (scenario.reuseCredential) state.credentialsHelper = result.credentialsHelper;
		return { wallMs: performance.now() - started, ...outcome(result) };
	},

	/** One run under the sampling profiler (not measured): CPU by place, in ms. */
	async profile() {
		const { scenario, context } = state;
		const options = runOptions(scenario.parameters(context), context.input);
		const session = new inspector.Session();
		session.connect();
		try {
			await post(session, 'Profiler.enable');
			await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
			await post(session, 'Profiler.start');
			const result = await harness.runWorkflow(options);
			const { profile } = await post(session, 'Profiler.stop');
			return { status: result.status, byPlace: categorise(profile) };
		} finally {
			session.disconnect();
		}
	},

	/** One measured run: wall time, CPU time of this process, peak RSS (sampled every 20 ms). */
	async run() {
		const { scenario, context } = state;
		const parameters = scenario.parameters(context);
		const options = runOptions(parameters, context.input);
		harness.logLines.length = 0;
		global.gc?.();
		global.gc?.();
		const base = process.memoryUsage();
		const baseRss = base.rss;
		let peakRss = baseRss;
		let peakHeap = base.heapUsed;
		let samples = 0;
		const sampler = setInterval(() => {
			samples++;
			const { rss, heapUsed } = process.memoryUsage();
			if (rss > peakRss) peakRss = rss;
			if (heapUsed > peakHeap) peakHeap = heapUsed;
		}, 20);
		const cpuBefore = process.cpuUsage();
		const startedAt = Date.now();
		const started = performance.now();
		const result = await harness.runWorkflow(options);
		const wallMs = performance.now() - started;
		const endedAt = Date.now();
		const cpu = process.cpuUsage(cpuBefore);
		clearInterval(sampler);
		const after = process.memoryUsage();
		peakRss = Math.max(peakRss, after.rss);
		peakHeap = Math.max(peakHeap, after.heapUsed);
		const info = outcome(result);
		// What stays on the heap while the run's result (n8n's execution data: input and output
		// items) is still held, after garbage collection: the memory the work itself needs.
		global.gc?.();
		global.gc?.();
		const retainedHeap = process.memoryUsage().heapUsed - base.heapUsed;
		return {
			wallMs,
			startedAt,
			endedAt,
			cpuUserMs: cpu.user / 1000,
			cpuSystemMs: cpu.system / 1000,
			cpuMs: (cpu.user + cpu.system) / 1000,
			baseRssMb: baseRss / 1048576,
			peakRssMb: peakRss / 1048576,
			maxRssMb: process.resourceUsage().maxRSS / 1024,
			rssSamples: samples,
			baseHeapMb: base.heapUsed / 1048576,
			peakHeapMb: peakHeap / 1048576,
			retainedHeapMb: result ? retainedHeap / 1048576 : 0,
			...info,
		};
	},
};

serveRpc(commands);
