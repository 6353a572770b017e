'use strict';
/**
 * Runs a webhook trigger of this package the way n8n does, without mocks:
 * - activation hooks (checkExists / create / delete) through n8n-core's real HookContext;
 * - a real HTTP server on 127.0.0.1 that receives what Zoho (the emulator) sends and hands each
 *   request to the node's webhook() through n8n-core's real WebhookContext, then answers like
 *   n8n's webhook handler (the node's own response, else 200 / its webhookResponse).
 * The workflow data a call returns is kept in `executions` (what n8n would start a run with).
 */
const http = require('http');
const { HookContext, WebhookContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const { loadPackage, nodeTypesFor, emulatorCredential, PACKAGE_NAME } = require('./index');
const { TestCredentialsHelper } = require('./credentials');

let credentialCounter = 0;

/** A minimal express-like response over Node's ServerResponse (status / json / send / end / setHeader). */
function expressResponse(res) {
	const wrapped = {
		headersSent: false,
		status(code) {
			res.statusCode = code;
			return wrapped;
		},
		setHeader(name, value) {
			res.setHeader(name, value);
			return wrapped;
		},
		json(value) {
			res.setHeader('content-type', 'application/json');
			return wrapped.end(JSON.stringify(value));
		},
		send(value) {
			return typeof value === 'string' || Buffer.isBuffer(value)
				? wrapped.end(value)
				: wrapped.json(value);
		},
		end(chunk) {
			wrapped.headersSent = true;
			res.end(chunk);
			return wrapped;
		},
	};
	return wrapped;
}

function readJson(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			if (!text) return resolve({});
			try {
				resolve(JSON.parse(text));
			} catch {
				resolve(text);
			}
		});
	});
}

/**
 * @param {object} options
 * @param {any} options.emu the emulator (for the credential)
 * @param {object} options.parameters the trigger node's parameters
 * @param {string} [options.type] node type name (default zohoBeamInstantTrigger)
 * @param {object} [options.credential] credential data (default: emulatorCredential(emu))
 */
async function startTrigger(options) {
	const loader = await loadPackage();
	const nodeTypes = nodeTypesFor(loader);
	const typeName = `${PACKAGE_NAME}.${options.type ?? 'zohoBeamInstantTrigger'}`;
	const nodeType = nodeTypes.getByNameAndVersion(typeName, 1);
	const credentialTypes = Object.fromEntries(
		Object.entries(loader.credentialTypes).map(([name, entry]) => [name, entry.type]),
	);
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, () => nodeTypes);
	const credentialId = `zoho-trigger-cred-${++credentialCounter}`;
	credentialsHelper.add(
		credentialId,
		'zohoBeamOAuth2Api',
		options.credential ?? emulatorCredential(options.emu),
	);

	/** Every call the server got: { method, path, query, status, body, executed } */
	const calls = [];
	/** Workflow data returned by webhook(): one entry per started execution, its items' json. */
	const executions = [];
	const errors = [];
	let handler = async () => {};
	/** Calls still being handled (the node answers first, then keeps working). */
	const pending = new Set();
	const server = http.createServer((req, res) => {
		const run = handler(req, res);
		pending.add(run);
		run.finally(() => pending.delete(run)).catch(() => undefined);
		run.catch((error) => {
			errors.push(error);
			if (!res.headersSent) {
				res.statusCode = 500;
				res.end(JSON.stringify({ message: error.message }));
			}
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${server.address().port}`;

	const node = {
		id: 'trigger-node',
		name: 'Zoho Trigger',
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'beam-hook-1',
		parameters: options.parameters,
		credentials: { zohoBeamOAuth2Api: { id: credentialId, name: 'Zoho Beam (emulator)' } },
	};
	const workflow = new Workflow({
		id: 'wf-instant',
		name: 'Instant trigger test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: {},
		settings: {},
	});
	const wfNode = workflow.getNode(node.name);
	const additionalData = {
		credentialsHelper,
		executionId: 'exec-trigger',
		variables: {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		currentNodeExecutionIndex: 0,
		userId: 'user-1',
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		logAiEvent: () => {},
	};
	const descriptions = nodeType.description.webhooks ?? [];
	const webhookDataFor = (description) => ({
		httpMethod: description.httpMethod,
		node: node.name,
		path: `${node.webhookId}/${description.path}`,
		webhookDescription: description,
		workflowId: workflow.id,
		isTest: false,
	});
	const url = `${base}/webhook/${node.webhookId}/webhook`;

	handler = async (req, res) => {
		const parsed = new URL(req.url, base);
		const body = await readJson(req);
		const call = {
			method: req.method,
			path: parsed.pathname,
			query: Object.fromEntries(parsed.searchParams),
			body,
			status: 0,
			executed: false,
		};
		calls.push(call);
		res.on('finish', () => (call.status = res.statusCode));
		const description = descriptions.find((d) => d.httpMethod === req.method);
		if (parsed.pathname !== new URL(url).pathname || !description) {
			res.statusCode = 404;
			res.end('{"message":"The requested webhook is not registered."}');
			return;
		}
		const request = {
			method: req.method,
			url: req.url,
			headers: req.headers,
			query: call.query,
			params: {},
			body,
		};
		const response = expressResponse(res);
		const context = new WebhookContext(
			workflow,
			wfNode,
			{ ...additionalData, httpRequest: request, httpResponse: response },
			'webhook',
			webhookDataFor(description),
			[],
		);
		const result = await nodeType.webhook.call(context);
		if (result.workflowData !== undefined) {
			call.executed = true;
			executions.push(result.workflowData[0].map((item) => item.json));
		}
		// What n8n's webhook handler does with the answer when the node did not respond itself.
		if (result.noWebhookResponse !== true && !response.headersSent) {
			if (result.webhookResponse !== undefined) response.status(200).send(result.webhookResponse);
			else response.status(200).json({ message: 'Workflow was started' });
		}
	};

	const hook = async (method, activation = 'activate') => {
		const context = new HookContext(
			workflow,
			wfNode,
			additionalData,
			'trigger',
			activation,
			webhookDataFor(descriptions.find((d) => d.name === 'default')),
		);
		return await nodeType.webhookMethods.default[method].call(context);
	};

	return {
		url,
		base,
		calls,
		executions,
		errors,
		workflow,
		/** The trigger's static data (what n8n stores with the workflow). */
		get state() {
			return workflow.staticData[`node:${node.name}`] ?? {};
		},
		checkExists: (activation) => hook('checkExists', activation),
		create: (activation) => hook('create', activation),
		delete: (activation) => hook('delete', activation),
		/** Resolves when every call received so far has been fully handled by the node. */
		async idle() {
			while (pending.size) await Promise.allSettled(Array.from(pending));
		},
		/** Like n8n on activation: create unless checkExists says the subscription is there. */
		async activate() {
			if (!(await hook('checkExists'))) await hook('create');
		},
		close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

module.exports = { startTrigger };
