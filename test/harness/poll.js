'use strict';
/**
 * Runs the polling trigger the way an active n8n workflow does: n8n-core's real PollContext,
 * driven by n8n-core's PollTriggerExecutor (the code behind every scheduled poll), with the
 * workflow's static data kept between polls like n8n keeps it:
 * - in memory on the one Workflow object of the activation, across polls;
 * - saved when a poll emits (n8n saves static data before starting the execution) or when it
 *   returns nothing (n8n commits the poll cursor); a poll that fails saves nothing;
 * - `restart()` starts a fresh Workflow from what was saved (an n8n restart, another main).
 * A manual test ("Fetch Test Event") runs the trigger through WorkflowExecute in manual mode.
 */
const { Container } = require('@n8n/di');
const { PollContext, PollTriggerExecutor } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

const {
	loadPackage,
	nodeTypesFor,
	emulatorCredential,
	runWorkflow,
	PACKAGE_NAME,
} = require('./index');
const { TestCredentialsHelper } = require('./credentials');

let counter = 0;

class PollHarness {
	/**
	 * @param {object} options
	 * @param {any} options.emu the emulator
	 * @param {object} options.parameters the trigger's parameters
	 * @param {object} [options.credential] credential data (default: emulatorCredential(emu))
	 */
	constructor(options) {
		this.options = options;
		/** What n8n would have in its database: the node's static data after the last saved poll. */
		this.saved = {};
		this.executions = [];
		this.errors = [];
		this.node = {
			id: 'trigger',
			name: 'Zoho Beam Trigger',
			type: `${PACKAGE_NAME}.zohoBeamTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...options.parameters },
		};
	}

	async init() {
		const loader = await loadPackage();
		this.nodeTypes = nodeTypesFor(loader);
		const credentialTypes = Object.fromEntries(
			Object.entries(loader.credentialTypes).map(([name, entry]) => [name, entry.type]),
		);
		this.credentialsHelper = new TestCredentialsHelper(credentialTypes, () => this.nodeTypes);
		const credentialId = `zoho-poll-${++counter}`;
		this.credentialsHelper.add(
			credentialId,
			'zohoBeamOAuth2Api',
			this.options.credential ?? emulatorCredential(this.options.emu),
		);
		this.node.credentials = {
			zohoBeamOAuth2Api: { id: credentialId, name: 'Zoho Beam (emulator)' },
		};
		this.restart();
		return this;
	}

	/** A new Workflow object from the saved static data, as after an n8n restart. */
	restart() {
		this.workflow = new Workflow({
			id: 'wf-poll',
			name: 'poll test',
			nodes: [JSON.parse(JSON.stringify(this.node))],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: { [`node:${this.node.name}`]: JSON.parse(JSON.stringify(this.saved)) },
			settings: {},
		});
		const save = () => {
			this.saved = JSON.parse(
				JSON.stringify(this.workflow.getStaticData('node', this.workflow.getNode(this.node.name))),
			);
		};
		const additionalData = {
			credentialsHelper: this.credentialsHelper,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678',
			variables: {},
		};
		this.context = new PollContext(
			this.workflow,
			this.workflow.getNode(this.node.name),
			additionalData,
			'trigger',
			'activate',
			(data) => {
				save();
				this.executions.push(data);
			},
			(error) => this.errors.push(error),
			async () => save(),
		);
		this.execute = Container.get(PollTriggerExecutor).create(
			this.workflow,
			this.workflow.getNode(this.node.name),
			this.context,
			() => true,
		);
	}

	/** The node's static data in memory (what the next poll of this activation sees). */
	get staticData() {
		return JSON.parse(
			JSON.stringify(this.workflow.getStaticData('node', this.workflow.getNode(this.node.name))),
		);
	}

	/** Activation: n8n runs one poll at once and fails the activation if it throws. */
	async activate() {
		return await this.run(true);
	}

	/**
	 * One scheduled poll. Returns the emitted items' json (null when the poll started no
	 * execution), the error it reported, and the Zoho requests it made.
	 */
	async poll() {
		return await this.run(false);
	}

	async run(testing) {
		const emu = this.options.emu;
		const firstSeq = emu.requests.length ? emu.requests[emu.requests.length - 1].seq : 0;
		const executions = this.executions.length;
		const errors = this.errors.length;
		let thrown;
		try {
			await this.execute(testing);
		} catch (error) {
			thrown = error;
		}
		const emitted = this.executions.slice(executions);
		return {
			items: emitted.length ? emitted.flatMap((data) => data[0].map((item) => item.json)) : null,
			error: thrown ?? this.errors.slice(errors)[0],
			requests: emu.requests.filter((entry) => entry.seq > firstSeq && entry.app !== 'accounts'),
		};
	}

	/** "Fetch Test Event": the trigger run by WorkflowExecute in manual mode. */
	async fetchTestEvent() {
		const node = { ...this.node };
		delete node.credentials;
		const run = await runWorkflow({
			emu: this.options.emu,
			credential: this.options.credential,
			workflow: { name: 'manual', nodes: [node], connections: {} },
		});
		return {
			status: run.status,
			error: run.error ?? run.nodeError(node.name),
			items: run.runData[node.name]?.[0]?.data?.main?.[0]?.map((item) => item.json) ?? null,
		};
	}
}

/** A started PollHarness. @param {ConstructorParameters<typeof PollHarness>[0]} options */
async function pollTrigger(options) {
	return await new PollHarness(options).init();
}

module.exports = { pollTrigger, PollHarness };
