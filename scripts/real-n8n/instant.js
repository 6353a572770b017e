#!/usr/bin/env node
'use strict';
/**
 * The instant-trigger step of scripts/real-n8n.sh, in a real n8n:
 *   1. imports two workflows that start with the Zoho Beam Instant Trigger (CRM Leads.edit, and
 *      Desk Ticket_Add) and publishes (activates) them with n8n's own CLI;
 *   2. starts `n8n start` (port REAL_N8N_PORT, default 5680; task broker REAL_N8N_BROKER_PORT,
 *      default 5681) and waits until n8n's activation created the notification channel and the
 *      Desk webhook (whose validation GET n8n must answer);
 *   3. changes a lead and creates a ticket through the emulator's API, which POSTs the callbacks
 *      to n8n's webhook URLs;
 *   4. waits for the executions in n8n's database and checks that they hold that lead / ticket;
 *   5. stops n8n.
 *
 *   instant.js <n8nBin> <emuUrl> <runDir> <credentialId> <installDir>
 */
const fs = require('fs');
const path = require('path');
const { spawn, execFileSync } = require('child_process');

const [n8nBin, emuUrl, runDir, credentialId, installDir] = process.argv.slice(2);
const PORT = Number(process.env.REAL_N8N_PORT || 5680);
const BROKER_PORT = Number(process.env.REAL_N8N_BROKER_PORT || 5681);
const WORKFLOW_ID = 'ZohoBeamInstant1';
const DESK_WORKFLOW_ID = 'ZohoBeamInstant2';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const info = (text) => console.log(`  ${text}`);

async function json(url, init) {
	const res = await fetch(url, init);
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function until(what, timeoutMs, probe) {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		const value = await probe();
		if (value) return value;
		await sleep(500);
	}
	throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
}

function workflow(
	id = WORKFLOW_ID,
	parameters = { app: 'crm', events: ['Leads.edit'], options: {} },
	webhookId = '5b0c2c7e-4f0a-4d6c-8b1e-0c9d8e7f6a51',
) {
	return {
		id,
		name: `Zoho Beam Instant Trigger (real n8n check, ${parameters.app})`,
		active: false,
		nodes: [
			{
				id: '1f6a8a52-2c64-4d0e-9a61-7d3f2b8c9e01',
				name: 'Zoho Beam Instant Trigger',
				type: 'CUSTOM.zohoBeamInstantTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters,
				credentials: { zohoBeamOAuth2Api: { id: credentialId, name: 'Zoho Beam (emulator)' } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** Rows of n8n's SQLite database, read with the sqlite3 module n8n itself uses. */
function query(dbFile, sql, params) {
	const sqlite3 = require(path.join(installDir, 'node_modules', 'sqlite3'));
	return new Promise((resolve, reject) => {
		const db = new sqlite3.Database(
			dbFile,
			sqlite3.OPEN_READONLY,
			(error) => error && reject(error),
		);
		db.all(sql, params, (error, rows) => {
			db.close();
			if (error) reject(error);
			else resolve(rows);
		});
	});
}

async function main() {
	const logs = path.join(runDir, 'logs');
	const workflows = [
		workflow(),
		workflow(
			DESK_WORKFLOW_ID,
			{ app: 'desk', deskEvents: ['Ticket_Add'], options: {} },
			'7d2e4f60-1a3b-4c5d-9e8f-0a1b2c3d4e52',
		),
	];
	for (const wf of workflows) {
		const file = path.join(runDir, 'import', `instant-trigger-${wf.id}.json`);
		fs.writeFileSync(file, JSON.stringify(wf, null, 2));
		execFileSync(n8nBin, ['import:workflow', '--input', file], {
			stdio: ['ignore', fs.openSync(path.join(logs, `instant-import-${wf.id}.log`), 'w'), 'pipe'],
		});
		execFileSync(n8nBin, ['publish:workflow', `--id=${wf.id}`], {
			stdio: ['ignore', fs.openSync(path.join(logs, `instant-publish-${wf.id}.log`), 'w'), 'pipe'],
		});
	}
	info(
		`workflows ${WORKFLOW_ID} (CRM Leads.edit) and ${DESK_WORKFLOW_ID} (Desk Ticket_Add) imported and published (CUSTOM.zohoBeamInstantTrigger)`,
	);

	const startLog = path.join(logs, 'n8n-start.log');
	const out = fs.openSync(startLog, 'w');
	const n8n = spawn(n8nBin, ['start'], {
		env: {
			...process.env,
			N8N_PORT: String(PORT),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(BROKER_PORT),
			WEBHOOK_URL: `http://127.0.0.1:${PORT}/`,
			N8N_SECURE_COOKIE: 'false',
		},
		stdio: ['ignore', out, out],
	});
	const stopped = new Promise((resolve) => n8n.on('exit', resolve));
	try {
		const started = Date.now();
		const channel = await until(
			'n8n to activate the workflow (a POST /crm/v8/actions/watch)',
			180_000,
			async () => {
				if (n8n.exitCode !== null)
					throw new Error(`n8n start exited with ${n8n.exitCode} (see ${startLog})`);
				const { body } = await json(`${emuUrl}/__emulator/requests`);
				return body.requests.find(
					(r) => r.method === 'POST' && r.path === '/crm/v8/actions/watch' && r.status === 201,
				);
			},
		);
		const notifyUrl = channel.body.watch[0].notify_url;
		info(
			`n8n started and created channel ${channel.body.watch[0].channel_id} → ${notifyUrl} (${Math.round((Date.now() - started) / 1000)}s)`,
		);

		const { body: token } = await json(`${emuUrl}/__emulator/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		const auth = {
			authorization: `Zoho-oauthtoken ${token.access_token}`,
			'content-type': 'application/json',
		};
		const { body: leads } = await json(`${emuUrl}/crm/v8/Leads?fields=Last_Name&per_page=1`, {
			headers: auth,
		});
		const leadId = leads.data[0].id;
		const marker = `Instant ${Date.now()}`;
		const update = await json(`${emuUrl}/crm/v8/Leads`, {
			method: 'PUT',
			headers: auth,
			body: JSON.stringify({ data: [{ id: leadId, Last_Name: marker }] }),
		});
		if (update.status !== 200)
			throw new Error(`the emulator refused the lead update (${update.status})`);
		info(`lead ${leadId} changed through the emulator's API (Last_Name = "${marker}")`);

		const delivery = await until('the emulator to deliver the callback', 30_000, async () => {
			const { body } = await json(`${emuUrl}/__emulator/deliveries`);
			return body.deliveries.find(
				(d) => d.kind === 'callback' && d.url === notifyUrl && d.status !== 0,
			);
		});
		if (delivery.status !== 200)
			throw new Error(`n8n answered the callback with ${delivery.status}`);
		info(`callback POST ${notifyUrl} → ${delivery.status} in ${delivery.durationMs} ms`);

		const dbFile = path.join(process.env.N8N_USER_FOLDER, '.n8n', 'database.sqlite');
		const executionOf = (workflowId) =>
			until(`the execution of ${workflowId} in n8n`, 60_000, async () => {
				const rows = await query(
					dbFile,
					'SELECT e.id AS id, e.status AS status, d.data AS data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ?',
					[workflowId],
				);
				return rows.find((row) => row.status === 'success' || row.status === 'error');
			});
		const execution = await executionOf(WORKFLOW_ID);
		if (execution.status !== 'success')
			throw new Error(`execution ${execution.id} ended with status ${execution.status}`);
		for (const expected of [leadId, '"edit"', '"Leads"', 'Last_Name']) {
			if (!String(execution.data).includes(expected))
				throw new Error(`execution ${execution.id} does not contain ${expected}`);
		}
		if (String(execution.data).includes(channel.body.watch[0].token))
			throw new Error(`execution ${execution.id} contains the channel token`);
		info(
			`execution ${execution.id}: success, one item with lead ${leadId}, event "edit", module "Leads" (no token in it)`,
		);

		// Desk: the webhook was created during activation, after n8n answered Zoho's validation GET.
		const hook = await until('n8n to create the Desk webhook', 60_000, async () => {
			const { body } = await json(`${emuUrl}/__emulator/requests`);
			return body.requests.find(
				(r) => r.method === 'POST' && r.path === '/api/v1/webhooks' && r.status === 200,
			);
		});
		const deliveries = (await json(`${emuUrl}/__emulator/deliveries`)).body.deliveries;
		const validation = deliveries.find((d) => d.kind === 'validation');
		info(
			`Desk webhook created for ${hook.body.url.replace(/beamKey=[^&]+/, 'beamKey=…')} (validation GET answered ${validation?.status})`,
		);
		const orgs = await json(`${emuUrl}/api/v1/organizations`, { headers: auth });
		const orgId = String(orgs.body.data.find((org) => org.isDefault)?.id ?? orgs.body.data[0].id);
		const deskAuth = { ...auth, orgId };
		const departments = await json(`${emuUrl}/api/v1/departments?limit=1`, { headers: deskAuth });
		const contacts = await json(`${emuUrl}/api/v1/contacts?limit=1`, { headers: deskAuth });
		const subject = `Instant ticket ${Date.now()}`;
		const ticket = await json(`${emuUrl}/api/v1/tickets`, {
			method: 'POST',
			headers: deskAuth,
			body: JSON.stringify({
				subject,
				departmentId: departments.body.data[0].id,
				contactId: contacts.body.data[0].id,
			}),
		});
		if (ticket.status !== 200)
			throw new Error(`the emulator refused the ticket (${ticket.status})`);
		info(`ticket ${ticket.body.id} created through the emulator's API`);
		const deskExecution = await executionOf(DESK_WORKFLOW_ID);
		if (deskExecution.status !== 'success')
			throw new Error(`execution ${deskExecution.id} ended with status ${deskExecution.status}`);
		for (const expected of [ticket.body.id, subject, '"Ticket_Add"', '"tickets"']) {
			if (!String(deskExecution.data).includes(expected))
				throw new Error(`execution ${deskExecution.id} does not contain ${expected}`);
		}
		info(
			`execution ${deskExecution.id}: success, one item with ticket ${ticket.body.id}, event "Ticket_Add"`,
		);
	} finally {
		n8n.kill('SIGTERM');
		await Promise.race([stopped, sleep(20_000).then(() => n8n.kill('SIGKILL'))]);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(`  ✘ ${error.message}`);
		process.exit(1);
	},
);
