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

const { PackageDirectoryLoader, WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
const { Workflow, NodeHelpers, createRunExecutionData, LoggerProxy } = require('n8n-workflow');

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
LoggerProxy.init(captureLogger);
const { TestCredentialsHelper } = require('./credentials');

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
			const loader = new PackageDirectoryLoader(PACKAGE_DIR);
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
	description: { displayName: 'Mock', name: 'mock', group: [], version: 1, defaults: {}, inputs: [], outputs: [], properties: [] },
};
const BUILTIN_NODES = {
	'n8n-nodes-base.manualTrigger': manualTrigger,
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
	const loader = await loadPackage();
	const extraNodeTypes = options.extraNodeTypes ?? {};
	const credentialType = options.credentialType ?? 'zohoBeamOAuth2Api';
	const nodeTypes = nodeTypesFor(loader, extraNodeTypes);
	const credentialTypes = {
		...Object.fromEntries(Object.entries(loader.credentialTypes).map(([name, entry]) => [name, entry.type])),
		...(options.extraCredentialTypes ?? {}),
	};
	const credentialsHelper = options.credentialsHelper ?? new TestCredentialsHelper(credentialTypes, () => nodeTypes);
	// A fresh credential ID per store: the node caches metadata per credential, and a test
	// should only share that cache when it reuses the store on purpose.
	const credentialId = credentialsHelper.testCredentialId ?? (credentialsHelper.testCredentialId = `zoho-cred-${++credentialCounter}`);
	if (!options.credentialsHelper) {
		credentialsHelper.add(credentialId, credentialType, options.credential ?? emulatorCredential(options.emu));
	}

	const wfData = prepareWorkflow(options.workflow, { extraNodeTypes, credentialType, credentialId });
	const workflow = new Workflow({ id: 'wf-test', name: wfData.name ?? 'test', nodes: wfData.nodes, connections: wfData.connections, active: false, nodeTypes, settings: wfData.settings ?? {} });
	const startNode = workflow.getNode(options.startNode ?? findStartNode(wfData));
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', wfData);
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
		executeWorkflow: async () => { throw new Error('not supported in tests'); },
		logAiEvent: () => {},
	};
	const input = (options.input ?? [{}]).map((json, index) => ({ json, pairedItem: { item: index } }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: startNode, data: { main: [input] }, source: null }] },
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
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
function prepareWorkflow(workflow, { extraNodeTypes = {}, credentialType = 'zohoBeamOAuth2Api', credentialId = CREDENTIAL_ID } = {}) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.connections = copy.connections ?? {};
	for (const node of copy.nodes) {
		node.id = node.id ?? node.name;
		node.position = node.position ?? [0, 0];
		if (node.type === `${PACKAGE_NAME}.zohoBeam`) {
			node.credentials = { zohoBeamOAuth2Api: { id: credentialId, name: 'Zoho Beam (emulator)' } };
		} else if (Object.prototype.hasOwnProperty.call(extraNodeTypes, node.type) && !node.credentials) {
			node.credentials = { [credentialType]: { id: credentialId, name: `${credentialType} (emulator)` } };
		}
	}
	return copy;
}

function findStartNode(wf) {
	const targets = new Set();
	for (const outputs of Object.values(wf.connections)) {
		for (const list of outputs.main ?? []) for (const c of list ?? []) targets.add(c.node);
	}
	const start = wf.nodes.find((n) => !targets.has(n.name));
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

module.exports = { logLines, runWorkflow, singleNodeWorkflow, emulatorCredential, loadPackage, CREDENTIAL_ID, PACKAGE_NAME };
