'use strict';
/**
 * Calls the node's editor methods (list search, load options, resource mapping) the way the
 * n8n editor does: through n8n-core's LoadOptionsContext on a Zoho Beam node, with credentials
 * resolved by TestCredentialsHelper.
 */
const { LoadOptionsContext } = require('n8n-core');
const { Workflow, NodeHelpers } = require('n8n-workflow');

const { loadPackage, emulatorCredential } = require('./index');
const { TestCredentialsHelper } = require('./credentials');

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
let counter = 0;

/**
 * @param {object} options
 * @param {'listSearch'|'loadOptions'|'resourceMapping'} options.kind
 * @param {string} options.method
 * @param {object} [options.parameters] node parameters (resource/operation included)
 * @param {string} [options.filter] list search filter
 * @param {string} [options.paginationToken]
 * @param {object} [options.credential] credential data (default: emulatorCredential(emu))
 * @param {any} [options.emu]
 * @param {string} [options.path] the parameter path the editor asks for
 */
async function callMethod(options) {
	const loader = await loadPackage();
	const lookup = (type) => {
		if (type === 'mock') return mockNode;
		const entry = loader.nodeTypes[type.split('.').pop()];
		if (!entry) throw new Error(`Unknown node type ${type}`);
		return entry.type;
	};
	const nodeTypes = {
		getByName: lookup,
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(lookup(type), version),
		getKnownTypes: () => ({}),
	};
	const credentialTypes = Object.fromEntries(
		Object.entries(loader.credentialTypes).map(([name, entry]) => [name, entry.type]),
	);
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, () => nodeTypes);
	const credentialId = `zoho-editor-${++counter}`;
	credentialsHelper.add(
		credentialId,
		'zohoBeamOAuth2Api',
		options.credential ?? emulatorCredential(options.emu),
	);
	const node = {
		id: 'zoho',
		name: 'Zoho',
		type: 'n8n-nodes-zoho-beam.zohoBeam',
		typeVersion: 1,
		position: [0, 0],
		parameters: { ...(options.parameters ?? {}) },
		credentials: { zohoBeamOAuth2Api: { id: credentialId, name: 'Zoho Beam (emulator)' } },
	};
	const workflow = new Workflow({
		id: 'wf-editor',
		name: 'editor',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: {},
	});
	const additionalData = {
		credentialsHelper,
		currentNodeParameters: node.parameters,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		variables: {},
	};
	const context = new LoadOptionsContext(
		workflow,
		workflow.getNode('Zoho'),
		additionalData,
		options.path ?? 'parameters.module',
	);
	const method = lookup(node.type).methods[options.kind][options.method];
	if (!method) throw new Error(`No ${options.kind} method ${options.method}`);
	return options.kind === 'listSearch'
		? await method.call(context, options.filter, options.paginationToken)
		: await method.call(context);
}

module.exports = { callMethod };
