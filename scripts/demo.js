#!/usr/bin/env node
'use strict';
/**
 * The main job: runs every example workflow in examples/ through n8n's real execution engine
 * against the bundled Zoho emulator, and prints what each one did. Run it with `npm run demo`
 * (which builds first). Exits non-zero if any workflow fails.
 */
const fs = require('fs');
const path = require('path');

const { startEmulator } = require('../test/emulator');
const { runWorkflow } = require('../test/harness');
const { showPolling } = require('./demo-poll');

const EXAMPLES = path.resolve(__dirname, '..', 'examples');
const ZOHO_TYPE = 'n8n-nodes-zoho-beam.zohoBeam';
const KEY_FIELDS = [
	'id',
	'app',
	'module',
	'count',
	'code',
	'status',
	'action',
	'subject',
	'Last_Name',
	'Deal_Name',
	'Full_Name',
	'Lead_Status',
	'Stage',
	'ticketNumber',
	'statusType',
	'channelId',
	'eventName',
	'action',
	'audited_time',
	'error',
];

function brief(json) {
	const picked = {};
	for (const key of KEY_FIELDS) {
		if (json[key] === undefined || key in picked) continue;
		const value = json[key];
		picked[key] = typeof value === 'object' ? JSON.stringify(value).slice(0, 80) : value;
	}
	return JSON.stringify(picked);
}

function requestSummary(requests) {
	const counts = new Map();
	for (const r of requests) {
		const key = `${r.method} ${r.path.replace(/\d{6,}/g, '{id}')}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return [...counts].map(([key, n]) => `${n} × ${key}`);
}

async function main() {
	const files = fs
		.readdirSync(EXAMPLES)
		.filter((f) => f.endsWith('.json'))
		.sort();
	const emu = await startEmulator({ latencyMs: 5 });
	let failures = 0;
	console.log(
		`Zoho emulator on ${emu.url} — running ${files.length} example workflows through n8n's WorkflowExecute\n`,
	);
	try {
		for (const file of files) {
			emu.reset();
			const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
			const started = Date.now();
			const result = await runWorkflow({ emu, workflow });
			const ms = Date.now() - started;
			const ok = result.status === 'success';
			if (!ok) failures++;
			console.log(`${ok ? '✔' : '✘'} ${file} — ${workflow.name} (${ms} ms, ${result.status})`);
			for (const node of workflow.nodes.filter((n) => n.type === ZOHO_TYPE)) {
				const task = result.runData[node.name]?.[0];
				if (!task) continue;
				if (task.error) {
					console.log(`   ${node.name}: ERROR ${task.error.message}`);
					continue;
				}
				const items = task.data?.main?.[0] ?? [];
				const { resource, operation } = node.parameters;
				console.log(`   ${node.name} [${resource}/${operation}]: ${items.length} item(s)`);
				for (const item of items.slice(0, 2)) {
					console.log(`     ${brief(item.json)}`);
					if (item.json.deepLink) console.log(`     ↳ ${item.json.deepLink}`);
				}
				if (items.length > 2) console.log(`     … ${items.length - 2} more`);
			}
			const zohoRequests = emu.requests.filter(
				(r) => r.app === 'crm' || r.app === 'desk' || r.app === 'accounts',
			);
			console.log(`   requests to Zoho: ${zohoRequests.length}`);
			for (const line of requestSummary(zohoRequests)) console.log(`     ${line}`);
			console.log('');
			if (
				workflow.nodes.some((n) => n.type === `${ZOHO_TYPE}Trigger`) &&
				!(await showPolling(emu, workflow))
			)
				failures++;
		}
	} finally {
		await emu.close();
	}
	console.log(
		failures
			? `${failures} workflow(s) failed`
			: `All ${files.length} example workflows succeeded.`,
	);
	process.exit(failures ? 1 : 0);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
