#!/usr/bin/env node
'use strict';
/**
 * Memory of a 20 MB attachment through n8n's engine: upload (CRM record and Desk ticket) and
 * download, in n8n's in-memory binary mode and in its filesystem mode, each in a fresh process.
 *
 *   npm run build && node scripts/bench/attachment-memory.js [--mb 20] [--runs 3]
 *
 * The emulator runs in its own process (scripts/bench/emulator-child.js). In the measuring
 * process a 1 ms sampler records heap + ArrayBuffer memory (Buffers live outside the heap) above
 * the level after a full GC; a run's peak minus the peak of the same workflow without the Zoho
 * node ("control": the file source alone) is what the node holds. Results are in multiples of
 * the file size. Upload and download also check that the SHA-256 of the bytes survives.
 */

const path = require('path');
const os = require('os');
const fs = require('fs');
const { fork } = require('child_process');
const { forkWithRpc } = require('./ipc');

const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const MB = Number(args[args.indexOf('--mb') + 1] ?? 20) || 20;
const SIZE = MB * 1024 * 1024;
const RUNS = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;

async function measure(mode) {
	if (mode === 'filesystem') {
		process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
		process.env.N8N_BINARY_DATA_STORAGE_PATH = fs.mkdtempSync(
			path.join(os.tmpdir(), 'zoho-beam-binary-'),
		);
	}
	const harness = require(path.join(ROOT, 'test', 'harness'));
	const { FILE_SOURCE_TYPE, fileSource, fileWorkflow, fileBytes, sha256 } = require(
		path.join(ROOT, 'test', 'harness', 'file-source'),
	);
	const { Container } = require('@n8n/di');
	const { BinaryDataService } = require('n8n-core');
	const binaryData = Container.get(BinaryDataService);
	if (mode === 'filesystem') await binaryData.init();

	const emulator = forkWithRpc(path.join(__dirname, 'emulator-child.js'), { name: 'emulator' });
	const info = await emulator.call('start', { latencyMs: 0 });
	const token = await emulator.call('token');
	const emu = {
		url: info.url,
		config: { clientId: info.clientId, clientSecret: info.clientSecret },
		issueToken: () => token,
	};
	const [leadId] = await emulator.call('ids', 'Leads', 1);
	const [ticketId] = await emulator.call('deskIds', 'tickets', info.deskOrgIds.A, 1);
	const credential = harness.emulatorCredential(emu);
	const extraNodeTypes = { [FILE_SOURCE_TYPE]: fileSource };
	const fileItem = { size: SIZE, seed: 5, fileName: 'contract.pdf', mimeType: 'application/pdf' };
	const expected = sha256(fileBytes(SIZE, 5));
	const crm = {
		app: 'crm',
		module: { __rl: true, mode: 'name', value: 'Leads' },
		recordId: { __rl: true, mode: 'id', value: leadId },
	};
	const desk = { app: 'desk', ticketId: { __rl: true, mode: 'id', value: ticketId } };
	const bytesOf = async (binary) =>
		binary.id ? await binaryData.getAsBuffer(binary) : Buffer.from(binary.data, 'base64');

	const used = () => {
		const m = process.memoryUsage();
		return m.heapUsed + m.arrayBuffers;
	};
	/** The highest of RUNS runs: a GC during a run can only hide memory, never add it. */
	async function peakOf(run) {
		let worst = null;
		for (let i = 0; i < RUNS; i++) {
			const one = await peakOnce(run);
			if (!worst || one.extra > worst.extra) worst = one;
		}
		return worst;
	}
	async function peakOnce(run) {
		for (let i = 0; i < 3; i++) global.gc();
		const base = used();
		let peak = base;
		const timer = setInterval(() => {
			peak = Math.max(peak, used());
		}, 1);
		const started = Date.now();
		const result = await run();
		peak = Math.max(peak, used());
		clearInterval(timer);
		if (result.status !== 'success') throw new Error(`workflow failed: ${result.error?.message}`);
		return { extra: (peak - base) / SIZE, ms: Date.now() - started, result };
	}
	const control = {
		name: 'control',
		nodes: fileWorkflow({}).nodes.slice(0, 2),
		connections: { Start: fileWorkflow({}).connections.Start },
	};
	const rows = [];
	// One warm-up run so module loading and JIT do not count.
	await harness.runWorkflow({
		workflow: control,
		credential,
		input: [{ ...fileItem, size: 1024 }],
		extraNodeTypes,
	});
	const base = await peakOf(() =>
		harness.runWorkflow({ workflow: control, credential, input: [fileItem], extraNodeTypes }),
	);
	rows.push({
		mode,
		step: 'file source alone (control)',
		peak: base.extra,
		node: null,
		ms: base.ms,
	});
	const attachmentIds = {};
	for (const [app, target] of [
		['crm', crm],
		['desk', desk],
	]) {
		const up = await peakOf(() =>
			harness.runWorkflow({
				workflow: fileWorkflow({ resource: 'attachment', operation: 'upload', ...target }),
				credential,
				input: [fileItem],
				extraNodeTypes,
			}),
		);
		attachmentIds[app] = up.result.output('Zoho')[0].json.id;
		rows.push({
			mode,
			step: `upload ${app}`,
			peak: up.extra,
			node: up.extra - base.extra,
			ms: up.ms,
		});
	}
	for (const [app, target] of [
		['crm', crm],
		['desk', desk],
	]) {
		const down = await peakOf(() =>
			harness.runWorkflow({
				workflow: harness.singleNodeWorkflow({
					resource: 'attachment',
					operation: 'download',
					...target,
					attachmentId: attachmentIds[app],
				}),
				credential,
			}),
		);
		const item = down.result.output('Zoho')[0];
		const ok = sha256(await bytesOf(item.binary.data)) === expected;
		rows.push({
			mode,
			step: `download ${app}${ok ? '' : ' (SHA-256 MISMATCH)'}`,
			peak: down.extra,
			node: down.extra,
			ms: down.ms,
		});
	}
	await emulator.call('close').catch(() => undefined);
	emulator.child.kill();
	return rows;
}

async function main() {
	if (process.argv.includes('--child')) {
		const rows = await measure(process.argv[process.argv.indexOf('--child') + 1]);
		process.send(rows);
		return;
	}
	const all = [];
	for (const mode of ['memory', 'filesystem']) {
		const rows = await new Promise((resolve, reject) => {
			const child = fork(__filename, [...args, '--child', mode], {
				execArgv: ['--expose-gc'],
				stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			});
			child.on('message', resolve);
			child.on('exit', (code) =>
				code ? reject(new Error(`${mode} run exited ${code}`)) : undefined,
			);
		});
		all.push(...rows);
	}
	console.log(
		`\nA ${MB} MB attachment through n8n's engine (memory in multiples of the file size)\n`,
	);
	console.log('| binary mode | step | peak above idle | held by the node | time |');
	console.log('|---|---|---|---|---|');
	for (const r of all)
		console.log(
			`| ${r.mode} | ${r.step} | ${r.peak.toFixed(2)}× | ${r.node === null ? '–' : `${r.node.toFixed(2)}×`} | ${r.ms} ms |`,
		);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
