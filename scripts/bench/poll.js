#!/usr/bin/env node
'use strict';
/**
 * Polling trigger benchmark: requests and wall time of one scheduled poll of Zoho Beam Trigger
 * (n8n-core's PollTriggerExecutor + PollContext, test/harness/poll.js) against the emulator with
 * injected latency: a quiet poll, and a poll after 10,000 changed Leads, both spread over time
 * and as one mass update (thousands of records sharing each second).
 *
 *   node scripts/bench/poll.js [--latency 50] [--concurrency 10]     (after npm run build)
 * `npm run bench` runs it after the main scenarios.
 */
const { startEmulator } = require('../../test/emulator');
const { pollTrigger } = require('../../test/harness/poll');

const CHANGES = 10000;
const AT = Date.UTC(2026, 0, 1);
const crmTime = (ms) => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;

/** Stamps the first `n` Leads as changed: one per second, or `perSecond` sharing each second. */
function changeLeads(emu, n, perSecond) {
	const map = emu.data.crm.records.Leads;
	emu.ids('Leads', n).forEach((id, i) =>
		map.set(
			id,
			Object.freeze({
				...map.get(id),
				Lead_Status: 'Contacted',
				Modified_Time: crmTime(AT + Math.floor(i / perSecond) * 1000),
			}),
		),
	);
}

async function measure(emu, parameters, prepare) {
	emu.reset();
	const trigger = await pollTrigger({ emu, parameters });
	await trigger.activate();
	await trigger.poll(); // warms the credential's metadata cache, as a running workflow has it
	prepare();
	const started = process.hrtime.bigint();
	const result = await trigger.poll();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	if (result.error) throw result.error;
	const pages = result.requests.filter((r) => r.path === '/crm/v8/Leads').length;
	// Time the emulator spent answering, beyond the injected latency (it runs in this process).
	const emulatorMs = result.requests.reduce(
		(sum, r) => sum + Math.max(0, r.durationMs - emu.config.latencyMs),
		0,
	);
	return {
		items: result.items ? result.items.length : 0,
		requests: result.requests.length,
		pages,
		ms,
		emulatorMs,
	};
}

async function pollRows({ latency = 50, concurrency = 10 } = {}) {
	const emu = await startEmulator({ latencyMs: latency, maxConcurrency: concurrency });
	const leads = (options) => ({
		app: 'crm',
		module: { __rl: true, mode: 'list', value: 'Leads' },
		event: 'createdOrUpdated',
		options,
	});
	const rows = [];
	try {
		rows.push(['Quiet poll (nothing changed)', await measure(emu, leads({}), () => undefined)]);
		rows.push([
			'10,000 changes, one per second, Max Records 10,000',
			await measure(emu, leads({ maxRecords: CHANGES }), () => changeLeads(emu, CHANGES, 1)),
		]);
		rows.push([
			'10,000 changes, mass update (5,000 per second), Max Records 10,000',
			await measure(emu, leads({ maxRecords: CHANGES }), () => changeLeads(emu, CHANGES, 5000)),
		]);
		rows.push([
			'10,000 changes, default Max Records (500): first poll',
			await measure(emu, leads({}), () => changeLeads(emu, CHANGES, 1)),
		]);
	} finally {
		await emu.close();
	}
	return { latency, concurrency, rows };
}

function pollTable(report) {
	const lines = [
		`Polling trigger, Leads, all fields (latency ${report.latency} ms, concurrency limit ${report.concurrency}):`,
		'| Poll | Items | Requests (list pages) | Wall time | Floor (requests × latency) | of which emulator work |',
		'|---|---|---|---|---|---|',
	];
	const time = (ms) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
	for (const [label, r] of report.rows)
		lines.push(
			`| ${label} | ${r.items} | ${r.requests} (${r.pages}) | ${time(r.ms)} | ${time(r.requests * report.latency)} | ${time(r.emulatorMs)} |`,
		);
	return lines.join('\n');
}

module.exports = { pollRows, pollTable };

if (require.main === module) {
	const arg = (flag, fallback) => {
		const i = process.argv.indexOf(flag);
		return i > 0 ? Number(process.argv[i + 1]) : fallback;
	};
	pollRows({ latency: arg('--latency', 50), concurrency: arg('--concurrency', 10) })
		.then((report) => {
			console.log(pollTable(report));
			process.exit(0);
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
