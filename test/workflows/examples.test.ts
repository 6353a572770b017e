/**
 * Saved workflows still load and run: every importable workflow in examples/ runs unchanged
 * (only its credential is pointed at the emulator) through n8n's engine. n8n saves only the
 * parameters that differ from their defaults, so a changed default or a renamed parameter or
 * option value shows up here as a failed run.
 */
import { ORG_A } from '../harness/typed';
import * as fs from 'fs';
import * as path from 'path';

const { startEmulator } = require('../emulator');
const { runWorkflow, emulatorCredential, PACKAGE_NAME } = require('../harness');

interface WorkflowNode {
	name: string;
	type: string;
}

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const files = fs
	.readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.sort();

let emu: any;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

it('there are examples to run', () => {
	expect(files.length).toBeGreaterThanOrEqual(7);
});

/** Examples that work on what another example made: the renewal needs a channel to renew. */
const PREPARED_BY: Record<string, string> = {
	'notification-renew.json': 'notification-enable.json',
};

const load = (file: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));

it.each(files)('examples/%s runs unchanged', async (file) => {
	const workflow = load(file);
	const credential = emulatorCredential(emu, {}, { deskOrgId: ORG_A });
	if (PREPARED_BY[file])
		expect((await runWorkflow({ emu, workflow: load(PREPARED_BY[file]), credential })).status).toBe(
			'success',
		);
	const result = await runWorkflow({ emu, workflow, credential });
	expect(result.error).toBeUndefined();
	expect(result.status).toBe('success');
	const zohoNodes = (workflow.nodes as WorkflowNode[]).filter(
		(node) => node.type === `${PACKAGE_NAME}.zohoBeam`,
	);
	expect(zohoNodes.length).toBeGreaterThan(0);
	for (const node of zohoNodes) {
		const items = result.output(node.name);
		expect([node.name, items.length > 0]).toEqual([node.name, true]);
		for (const item of items) expect(item.json.error).toBeUndefined();
	}
});
