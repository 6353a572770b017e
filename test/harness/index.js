'use strict';
/**
 * Runs workflow JSON through n8n's real execution engine (n8n-core WorkflowExecute) with this
 * package loaded the way n8n loads a community package (PackageDirectoryLoader on the built
 * package), and credentials held by TestCredentialsHelper.
 */
const os = require('os');
const path = require('path');
const fs = require('fs');

// n8n-core's InstanceSettings writes a config file under N8N_USER_FOLDER: keep it out of $HOME.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'zoho-beam-n8n-'));
}

process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY || 'zoho-beam-test-key';

/**
 * Every line logged through n8n-workflow's LoggerProxy during tests. n8n-core 2.41 writes its
 * own logs straight to the console instead; test/workflows/secrets.test.ts captures those too.
 */
const logLines = [];
const captureLogger = Object.fromEntries(
	['error', 'warn', 'info', 'debug', 'verbose'].map((level) => [
		level,
		(message, meta) => logLines.push(`${level}: ${message}${meta ? ' ' + safeJson(meta) : ''}`),
	]),
);
function safeJson(value) {
	try {
		return JSON.stringify(value);
	} catch {
		return String(value);
	}
}

/**
 * The n8n engine workflows run on: '2' (n8n-core 2.41.1, the default) or '1' (n8n-core 1.122.48,
 * the engine of n8n 1.123.x, installed as the devDependency `n8n-core-v1` with its own
 * n8n-workflow 1.x). One engine per test file (jest) or process: ZOHO_BEAM_ENGINE=1, or
 * `useEngine('1')` before the first run. On engine 1, `n8n-core` and `n8n-workflow` resolve to
 * the 1.x copies for everything loaded afterwards (this package included), as in an n8n 1.x
 * install, where a community node gets n8n's own n8n-workflow.
 */
let engineChoice = process.env.ZOHO_BEAM_ENGINE === '1' ? '1' : '2';
let engine;

function useEngine(choice) {
	if (choice !== '1' && choice !== '2')
		throw new Error(`Unknown n8n engine "${choice}" (use '1' or '2')`);
	if (engine && engine.name !== choice)
		throw new Error(`n8n engine ${engine.name} is already loaded; use one engine per test file`);
	engineChoice = choice;
}

/** Points `n8n-core` / `n8n-workflow` (and their sub-paths) at the 1.x copies. */
function redirectToEngine1() {
	const v1Core = path.dirname(require.resolve('n8n-core-v1/package.json'));
	const v1Workflow = path.dirname(
		require.resolve('n8n-workflow/package.json', { paths: [v1Core] }),
	);
	// Inside jest, modules are resolved by jest's own registry: register the redirect there.
	if (typeof jest !== 'undefined') {
		const j = jest;
		j.doMock('n8n-core', () => j.requireActual(v1Core));
		j.doMock('n8n-workflow', () => j.requireActual(v1Workflow));
		j.doMock('n8n-core/package.json', () => j.requireActual(path.join(v1Core, 'package.json')));
		j.doMock('n8n-workflow/package.json', () =>
			j.requireActual(path.join(v1Workflow, 'package.json')),
		);
		return;
	}
	const Module = require('module');
	const redirect = { 'n8n-core': v1Core, 'n8n-workflow': v1Workflow };
	const resolve = Module._resolveFilename;
	Module._resolveFilename = function (request, ...rest) {
		const [name, ...sub] = String(request).split('/');
		const target = Object.prototype.hasOwnProperty.call(redirect, name)
			? path.join(redirect[name], ...sub)
			: request;
		return resolve.call(this, target, ...rest);
	};
}

/**
 * n8n-core 1.x starts two intervals in DI singletons that every execution creates (the cron
 * logger, the SSH client cleanup) and never unrefs them: a test process would never exit.
 */
function unrefEngine1Timers() {
	const v1Core = path.dirname(require.resolve('n8n-core-v1/package.json'));
	const { Container } = require(require.resolve('@n8n/di', { paths: [v1Core] }));
	const { ScheduledTaskManager } = require(
		path.join(v1Core, 'dist', 'execution-engine', 'scheduled-task-manager'),
	);
	const { SSHClientsManager } = require(
		path.join(v1Core, 'dist', 'execution-engine', 'ssh-clients-manager'),
	);
	Container.get(ScheduledTaskManager).logInterval?.unref();
	Container.get(SSHClientsManager).cleanupTimer?.unref();
}

/** n8n-core, n8n-workflow and the credential store of the chosen engine (loaded on first use). */
function engineModules() {
	if (engine) return engine;
	if (engineChoice === '1') redirectToEngine1();
	const workflow = require('n8n-workflow');
	workflow.LoggerProxy.init(captureLogger);
	engine = {
		name: engineChoice,
		coreVersion: require('n8n-core/package.json').version,
		workflowVersion: require('n8n-workflow/package.json').version,
		core: require('n8n-core'),
		workflow,
		TestCredentialsHelper: require('./credentials').TestCredentialsHelper,
	};
	if (engineChoice === '1') unrefEngine1Timers();
	return engine;
}

// ZOHO_BEAM_PACKAGE_DIR lets a developer test a build made elsewhere (scripts/build-to.sh).
const PACKAGE_DIR = process.env.ZOHO_BEAM_PACKAGE_DIR || path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-zoho-beam';
const CREDENTIAL_ID = 'zoho-cred-1';
let credentialCounter = 1;

let loaderPromise;
/** Loads dist/ once per process, like n8n does at start-up. */
async function loadPackage() {
	if (!loaderPromise) {
		loaderPromise = (async () => {
			if (!fs.existsSync(path.join(PACKAGE_DIR, 'dist', 'nodes', 'ZohoBeam', 'ZohoBeam.node.js'))) {
				throw new Error('dist/ is missing: run `npm run build` first');
			}
			const loader = new (engineModules().core.PackageDirectoryLoader)(PACKAGE_DIR);
			await loader.loadAll();
			return loader;
		})();
	}
	return loaderPromise;
}

/**
 * @param {any} loader
 * @param {Record<string, any>} [extraNodeTypes] full type name (e.g. `n8n-nodes-base.zohoCrm`) → node type instance
 */
function nodeTypesFor(loader, extraNodeTypes = {}) {
	const { NodeHelpers } = engineModules().workflow;
	const lookup = (type) => {
		if (Object.prototype.hasOwnProperty.call(extraNodeTypes, type)) return extraNodeTypes[type];
		const name = type.split('.').pop();
		const entry = loader.nodeTypes[name];
		if (entry) return entry.type;
		const builtin = BUILTIN_NODES[type];
		if (builtin) return builtin;
		throw new Error(`Unknown node type ${type}`);
	};
	return {
		getByName: (type) => lookup(type),
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(lookup(type), version),
		getKnownTypes: () => ({}),
	};
}

/** A stand-in for n8n's Manual Trigger, so example workflows can keep their start node. */
const manualTrigger = {
	description: {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		return [this.getInputData()];
	},
};
/** n8n resolves credential expressions on a mock node of this shape. */
const mockNode = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};
/** Stand-ins for n8n's Schedule Trigger (one run, one item) and Sticky Note (never runs). */
const scheduleTrigger = {
	description: {
		...manualTrigger.description,
		displayName: 'Schedule Trigger',
		name: 'scheduleTrigger',
		version: [1, 1.1, 1.2],
		defaults: { name: 'Schedule Trigger' },
	},
	async execute() {
		return [[{ json: { timestamp: new Date().toISOString() } }]];
	},
};
const stickyNote = {
	description: {
		displayName: 'Sticky Note',
		name: 'stickyNote',
		group: ['input'],
		version: 1,
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};
const BUILTIN_NODES = {
	'n8n-nodes-base.manualTrigger': manualTrigger,
	'n8n-nodes-base.scheduleTrigger': scheduleTrigger,
	'n8n-nodes-base.stickyNote': stickyNote,
	mock: mockNode,
};

/**
 * Credential data for the emulator: a `custom` data center pointing at it, and a token pair.
 * @param {{url: string, issueToken: Function, config: any}} emu
 */
function emulatorCredential(emu, tokenOptions = {}, extra = {}) {
	const token = emu.issueToken(tokenOptions);
	return {
		clientId: emu.config.clientId,
		clientSecret: emu.config.clientSecret,
		dataCenter: 'custom',
		customAccountsUrl: emu.url,
		customCrmApiUrl: emu.url,
		customDeskApiUrl: `${emu.url}/api/v1`,
		customCrmWebUrl: 'https://crm.zoho.com',
		customDeskWebUrl: 'https://desk.zoho.com',
		oauthTokenData: { ...token, token_type: 'Bearer' },
		...extra,
	};
}

/**
 * @typedef {object} RunOptions
 * @property {object} workflow  n8n workflow JSON ({ nodes, connections })
 * @property {object} [credential] credential data (defaults: emulatorCredential(emu))
 * @property {any} [emu] the emulator, used for the default credential
 * @property {object[]} [input] items fed to the start node (default: one empty item)
 * @property {TestCredentialsHelper} [credentialsHelper] reuse a store across runs
 * @property {Record<string, any>} [extraNodeTypes] more node types by full type name
 *   (e.g. `{ 'n8n-nodes-base.zohoCrm': new ZohoCrm() }`), for comparisons with other nodes
 * @property {Record<string, any>} [extraCredentialTypes] more credential types by name
 *   (e.g. `{ zohoOAuth2Api: new ZohoOAuth2Api() }`)
 * @property {string} [credentialType] type of the test credential (default `zohoBeamOAuth2Api`);
 *   nodes of `extraNodeTypes` without credentials get the test credential under this type
 */

/** Runs a workflow and returns { status, error, runData, output(name), credentialsHelper }. */
async function runWorkflow(options) {
	const { core, workflow: n8nWorkflow, TestCredentialsHelper } = engineModules();
	const loader = await loadPackage();
	const extraNodeTypes = options.extraNodeTypes ?? {};
	const credentialType = options.credentialType ?? 'zohoBeamOAuth2Api';
	const nodeTypes = nodeTypesFor(loader, extraNodeTypes);
	const credentialTypes = {
		...Object.fromEntries(
			Object.entries(loader.credentialTypes).map(([name, entry]) => [name, entry.type]),
		),
		...(options.extraCredentialTypes ?? {}),
	};
	const credentialsHelper =
		options.credentialsHelper ?? new TestCredentialsHelper(credentialTypes, () => nodeTypes);
	// A fresh credential ID per store: the node caches metadata per credential, and a test
	// should only share that cache when it reuses the store on purpose.
	const credentialId =
		credentialsHelper.testCredentialId ??
		(credentialsHelper.testCredentialId = `zoho-cred-${++credentialCounter}`);
	if (!options.credentialsHelper) {
		credentialsHelper.add(
			credentialId,
			credentialType,
			options.credential ?? emulatorCredential(options.emu),
		);
	}

	const wfData = prepareWorkflow(options.workflow, {
		extraNodeTypes,
		credentialType,
		credentialId,
	});
	const workflow = new n8nWorkflow.Workflow({
		id: 'wf-test',
		name: wfData.name ?? 'test',
		nodes: wfData.nodes,
		connections: wfData.connections,
		active: false,
		nodeTypes,
		settings: wfData.settings ?? {},
	});
	const startNode = workflow.getNode(options.startNode ?? findStartNode(wfData));
	const hooks = new core.ExecutionLifecycleHooks('manual', 'exec-1', wfData);
	const additionalData = {
		executionId: 'exec-1',
		credentialsHelper,
		hooks,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		currentNodeExecutionIndex: 0,
		userId: 'user-1',
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		logAiEvent: () => {},
	};
	const input = (options.input ?? [{}]).map((json, index) => ({
		json,
		pairedItem: { item: index },
	}));
	const runExecutionData = n8nWorkflow.createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [input] }, source: null }],
		},
	});
	const run = await new core.WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	const runData = run.data.resultData.runData;
	return {
		status: run.status,
		error: run.data.resultData.error,
		runData,
		credentialsHelper,
		credentialId,
		/** Output items (json + pairedItem) of a node's first run, first output. */
		output(nodeName) {
			const task = runData[nodeName]?.[0];
			if (!task) throw new Error(`Node "${nodeName}" did not run`);
			return task.data?.main?.[0] ?? [];
		},
		nodeError(nodeName) {
			return runData[nodeName]?.[0]?.error;
		},
	};
}

/**
 * Points every Zoho Beam node at the test credential, whatever the example file says; nodes of
 * the extra node types without credentials get the test credential under `credentialType`.
 */
function prepareWorkflow(
	workflow,
	{ extraNodeTypes = {}, credentialType = 'zohoBeamOAuth2Api', credentialId = CREDENTIAL_ID } = {},
) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.connections = copy.connections ?? {};
	for (const node of copy.nodes) {
		node.id = node.id ?? node.name;
		node.position = node.position ?? [0, 0];
		if (node.type === `${PACKAGE_NAME}.zohoBeam`) {
			node.credentials = { zohoBeamOAuth2Api: { id: credentialId, name: 'Zoho Beam (emulator)' } };
		} else if (node.type.startsWith(`${PACKAGE_NAME}.zohoBeam`)) {
			// The triggers use the same credential.
			node.credentials = { zohoBeamOAuth2Api: { id: credentialId, name: 'Zoho Beam (emulator)' } };
		} else if (
			Object.prototype.hasOwnProperty.call(extraNodeTypes, node.type) &&
			!node.credentials
		) {
			node.credentials = {
				[credentialType]: { id: credentialId, name: `${credentialType} (emulator)` },
			};
		}
	}
	return copy;
}

function findStartNode(wf) {
	const targets = new Set();
	for (const outputs of Object.values(wf.connections)) {
		for (const list of outputs.main ?? []) for (const c of list ?? []) targets.add(c.node);
	}
	const start = wf.nodes.find(
		(n) => !targets.has(n.name) && n.type !== 'n8n-nodes-base.stickyNote',
	);
	return start.name;
}

/** A one-node workflow: Manual Trigger → Zoho Beam with the given parameters. */
function singleNodeWorkflow(parameters, extra = {}) {
	return {
		name: 'single',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			{ name: 'Zoho', type: `${PACKAGE_NAME}.zohoBeam`, typeVersion: 1, parameters, ...extra },
		],
		connections: { Start: { main: [[{ node: 'Zoho', type: 'main', index: 0 }]] } },
	};
}

module.exports = {
	logLines,
	useEngine,
	engineModules,
	runWorkflow,
	singleNodeWorkflow,
	emulatorCredential,
	loadPackage,
	nodeTypesFor,
	CREDENTIAL_ID,
	PACKAGE_NAME,
};
