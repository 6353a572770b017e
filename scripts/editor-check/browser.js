#!/usr/bin/env node
'use strict';
/**
 * Drives Chromium through n8n's editor the way a new user meets the Zoho Beam node.
 * Started by scripts/editor-check.sh once n8n and the emulator run:
 *
 *   browser.js --n8n <url> --emulator <url> --package <custom extension dir>
 *              --playwright <playwright-core dir> --chromium <binary> --screenshots <dir> --profile <dir>
 *
 * Every step saves a screenshot (NN-<step>.png, or NN-<step>-FAILED.png) and prints ✔ or ✘ with
 * the step's name; the first failing step ends the run with exit code 1. Elements of n8n itself
 * are found by the data-test-id attributes n8n's own Playwright tests use; the node's parameters
 * by their visible labels, so a changed default or a reordered list does not break the check.
 */
const fs = require('fs');
const path = require('path');
const { expected } = require('./expected');

const args = Object.fromEntries(
	process.argv
		.slice(2)
		.reduce(
			(pairs, arg, i, all) =>
				arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs,
			[],
		),
);
for (const key of [
	'n8n',
	'emulator',
	'package',
	'playwright',
	'chromium',
	'screenshots',
	'profile',
]) {
	if (!args[key]) {
		console.error(`✘ missing --${key}`);
		process.exit(2);
	}
}
const { chromium, selectors } = require(path.resolve(args.playwright));
// n8n marks its elements with data-test-id (Playwright's getByTestId looks for data-testid).
selectors.setTestIdAttribute('data-test-id');

const OWNER = {
	email: 'owner@zoho-beam.test',
	firstName: 'Editor',
	lastName: 'Check',
	password: 'EditorCheck-2026!',
};
const TIMEOUT = 20_000;

let shot = 0;
let page;

class StepFailure extends Error {}

/** Runs one named step: screenshot afterwards, ✔/✘ line, the step's name on failure. */
async function step(name, fn) {
	const file = `${String(++shot).padStart(2, '0')}-${name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')}`;
	try {
		const detail = await fn();
		await page.screenshot({ path: path.join(args.screenshots, `${file}.png`) });
		console.log(`  ✔ ${name}${detail ? `: ${detail}` : ''}`);
	} catch (error) {
		await page
			.screenshot({ path: path.join(args.screenshots, `${file}-FAILED.png`) })
			.catch(() => {});
		console.log(
			`  ✘ ${name}: ${String(error.message ?? error)
				.split('\n')
				.slice(0, 6)
				.join('\n    ')}`,
		);
		if (process.env.EDITOR_CHECK_DEBUG === '1') {
			const ids = await page.$$eval('[data-test-id]', (els) =>
				els.filter((e) => e.offsetParent).map((e) => e.getAttribute('data-test-id')),
			);
			console.log(`    visible data-test-ids: ${[...new Set(ids)].join(' ')}`);
		}
		throw new StepFailure(name);
	}
}

/** A screenshot in the middle of the running step (an open list), named after the step's number. */
async function extraShot(label) {
	await page.screenshot({
		path: path.join(args.screenshots, `${String(shot).padStart(2, '0')}-${label}.png`),
	});
}

function check(condition, message) {
	if (!condition) throw new Error(message);
}

/** n8n's REST API, outside the browser: the owner account (what n8n's setup page posts). */
async function rest(method, url, body) {
	const res = await fetch(`${args.n8n}${url}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	check(res.ok, `${method} ${url} → HTTP ${res.status}: ${text.slice(0, 200)}`);
	return JSON.parse(text);
}

/** The options of the open select dropdown (Element Plus renders it in a popper outside the field). */
const visibleOptions = () =>
	page.locator('.el-select-dropdown__item:visible, [role="option"]:visible');

/** Opens the select parameter `name` in `scope` and returns the labels of its options. */
async function selectOptions(scope, name) {
	await scope.getByTestId(`parameter-input-${name}`).click();
	await visibleOptions().first().waitFor();
	const labels = (await visibleOptions().allInnerTexts()).map((t) => t.trim().split('\n')[0]);
	await extraShot(`${name}-options`);
	await scope.getByTestId(`parameter-input-${name}`).click(); // closes the list again
	await visibleOptions().first().waitFor({ state: 'hidden' });
	return labels;
}

/** Picks the option labelled `label` (exactly, ignoring a description under it) of the select parameter `name`. */
async function choose(scope, name, label) {
	await scope.getByTestId(`parameter-input-${name}`).click();
	await visibleOptions().first().waitFor();
	const texts = (await visibleOptions().allInnerTexts()).map((t) => t.trim().split('\n')[0]);
	const index = texts.indexOf(label);
	check(index >= 0, `"${label}" is not among the options of ${name}: ${JSON.stringify(texts)}`);
	await visibleOptions().nth(index).click();
	await visibleOptions().first().waitFor({ state: 'hidden' }); // the list closes before the next one opens
}

/** Types `value` into the text parameter `name` in `scope`. */
async function fill(scope, name, value) {
	const input = scope.getByTestId(`parameter-input-${name}`).locator('input, textarea').first();
	await input.fill(value);
}

/** Replaces the text of the code-editor parameter `name` (CodeMirror: typed, not filled). */
async function setCode(scope, name, text) {
	await scope.getByTestId(`parameter-input-${name}`).locator('.cm-content').click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.press('Delete');
	await page.keyboard.insertText(text);
	// n8n takes the editor's text on a short debounce: leave the editor and give it a moment.
	await scope
		.getByTestId(`parameter-input-${name}`)
		.locator('xpath=ancestor::*[@data-test-id="parameter-item"][1]')
		.getByTestId('input-label')
		.first()
		.click();
	await page.waitForTimeout(1000);
}

/**
 * Adds a node through the node creator (the + button): search `name` and pick it. For a node
 * with actions n8n then shows its actions panel (with the package's trigger events on top when
 * the package has trigger nodes): search `action` there and pick it, or pick the `nth` entry.
 * Waits for the node's parameters; false when there is no `nth` entry.
 */
async function addNode(name, { action, nth = 0 } = {}) {
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill(name);
	const items = page
		.getByTestId('node-creator')
		.getByTestId('item-iterator-item')
		.filter({ visible: true });
	await items.filter({ hasText: name }).first().click();
	const ndvOpen = page.getByTestId('ndv').getByTestId('node-parameters');
	const actionSearch = page.getByPlaceholder(/^Search .* Actions/).filter({ visible: true });
	await Promise.race([ndvOpen.waitFor(), actionSearch.waitFor()]);
	if (!(await ndvOpen.isVisible())) {
		if (action) {
			await actionSearch.fill(action);
			await items.filter({ hasText: action }).first().click();
		} else {
			const entries = items.filter({ hasNotText: /^\s*(Triggers|Actions)\s*\(\d+\)/ }); // not the section headers
			if (nth >= (await entries.count())) return false;
			await entries.nth(nth).click();
		}
	}
	await ndvOpen.waitFor();
	return true;
}

async function main() {
	const want = await expected(path.resolve(args.package), args.emulator);
	// A new, empty profile every run (--user-data-dir): no cookies or state from an earlier run.
	fs.rmSync(args.profile, { recursive: true, force: true });
	const context = await chromium.launchPersistentContext(args.profile, {
		executablePath: args.chromium,
		headless: process.env.EDITOR_CHECK_HEADED !== '1',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
		viewport: { width: 1440, height: 900 },
		baseURL: args.n8n,
	});
	context.setDefaultTimeout(TIMEOUT);
	page = context.pages()[0] ?? (await context.newPage());
	page.on('dialog', (dialog) => dialog.accept()); // "leave this page?" when a new workflow is opened
	try {
		await run(context, want);
	} finally {
		await context.close();
	}
}

async function run(context, want) {
	await step('Owner account through the REST API', async () => {
		// n8n answers /healthz before its REST API is mounted: wait for the settings to answer.
		let settings;
		for (
			const deadline = Date.now() + 60_000;
			!settings;
			await new Promise((r) => setTimeout(r, 500))
		) {
			settings = await rest('GET', '/rest/settings').catch((error) => {
				if (Date.now() > deadline) throw error;
			});
		}
		if (settings.data?.userManagement?.showSetupOnFirstLoad !== false)
			await rest('POST', '/rest/owner/setup', OWNER);
		const login = await context.request.post('/rest/login', {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		check(login.ok(), `POST /rest/login → HTTP ${login.status()}`);
		await page.goto('/home/workflows');
		await page.getByTestId('main-sidebar').or(page.getByText('Overview')).first().waitFor();
		return OWNER.email;
	});

	const modal = page.getByTestId('credential-edit-dialog');
	await step('Create a Zoho Beam credential: the full Data Center list', async () => {
		await page.goto('/home/credentials/create');
		await page.getByPlaceholder('Search for app').click();
		await page.keyboard.type('Zoho Beam');
		await visibleOptions().filter({ hasText: 'Zoho Beam' }).first().click();
		await page.getByRole('button', { name: 'Continue' }).click();
		await modal.getByTestId('parameter-input-dataCenter').waitFor();
		const shown = await selectOptions(modal, 'dataCenter');
		const missing = want.dataCenters.filter((label) => !shown.includes(label));
		check(
			!missing.length,
			`the Data Center list lacks ${JSON.stringify(missing)} (shown: ${JSON.stringify(shown)})`,
		);
		check(
			shown.length === want.dataCenters.length,
			`the Data Center list shows ${shown.length} entries, the credential defines ${want.dataCenters.length}`,
		);
		return `${shown.length} data centers: ${shown.join(', ')}`;
	});

	await step('Connect the credential: OAuth2 sign-in at the emulator', async () => {
		await choose(
			modal,
			'dataCenter',
			want.dataCenters.find((label) => /^Custom/.test(label)),
		);
		const fields = {
			customAccountsUrl: args.emulator,
			customCrmApiUrl: args.emulator,
			customDeskApiUrl: `${args.emulator}/api/v1`,
			customCrmWebUrl: 'https://crm.zoho.com',
			customDeskWebUrl: 'https://desk.zoho.com',
			clientId: want.client.id,
			clientSecret: want.client.secret,
		};
		for (const [name, value] of Object.entries(fields)) await fill(modal, name, value);
		const popup = page.waitForEvent('popup');
		await modal.getByTestId('oauth-connect-button').click();
		// n8n opens the authorization URL in a popup; the emulator signs in and redirects straight
		// back to n8n's callback, which exchanges the code for tokens and closes the popup.
		await (await popup).waitForEvent('close', { timeout: TIMEOUT }).catch(() => {});
		await modal.getByTestId('oauth-connect-success-banner').waitFor();
		const name = await page.getByTestId('credential-name').innerText();
		return `"${name.trim()}" connected (Custom data center → ${args.emulator})`;
	});

	const ndv = page.getByTestId('ndv');
	await step('Add the Zoho Beam node and pick Record → Update', async () => {
		await page.keyboard.press('Escape'); // closes the credential dialog
		await page.goto('/workflow/new');
		await addNode(want.nodeDisplayName, { action: 'Update a record' });
		await choose(ndv, 'resource', 'Record');
		await choose(ndv, 'operation', 'Update');
		return 'node added; Resource Record, Operation Update';
	});

	await step('Module picker "From list": the modules loaded from the emulator', async () => {
		const locator = ndv.getByTestId('resource-locator-module');
		await locator.getByTestId('rlc-input').click();
		const items = page.getByTestId('rlc-item').filter({ visible: true });
		await items.first().waitFor();
		const shown = (await items.allInnerTexts()).map((t) => t.trim());
		const missing = want.modules.filter(
			(api) => !shown.some((text) => text === api || text.includes(`(${api})`)),
		);
		check(
			!missing.length,
			`the list lacks ${JSON.stringify(missing)} (shown: ${JSON.stringify(shown)})`,
		);
		await extraShot('module-list');
		await items
			.filter({ hasText: /^\s*Leads\s*$/ })
			.first()
			.click();
		return `${shown.length} modules: ${shown.join(', ')}; picked Leads`;
	});

	await step('Execute the node: output items with deepLink', async () => {
		// Record ID: from the default expression to a fixed ID of a Lead in the emulator.
		const recordId = ndv.getByTestId('resource-locator-recordId');
		await recordId.hover();
		await ndv
			.getByTestId('recordId-parameter-input-options-container')
			.getByTestId('radio-button-fixed')
			.click();
		await recordId.getByTestId('rlc-input').fill(want.leadId);
		await setCode(
			ndv,
			'fieldsJson',
			JSON.stringify(
				{ Lead_Status: 'Contacted', Description: 'Updated from the n8n editor' },
				null,
				2,
			),
		);
		await ndv.getByTestId('node-execute-button').click();
		const output = ndv.getByTestId('output-panel');
		await output.getByText('deepLink').first().waitFor({ timeout: 60_000 });
		await output.getByText('JSON', { exact: true }).click(); // the JSON view shows id and deepLink first
		const link = `https://crm.zoho.com/crm/`;
		await output.getByText(link).first().waitFor();
		const text = await output.innerText();
		check(
			text.includes(link),
			`the output has no deepLink starting ${link}: ${text.slice(0, 300)}`,
		);
		check(text.includes(want.leadId), `the output does not show the updated Lead ${want.leadId}`);
		check(/\b1 item\b/.test(text), `the output does not say "1 item": ${text.slice(0, 200)}`);
		return `1 item: Lead ${want.leadId} updated, deepLink ${link}…`;
	});

	await step('Ticket picker: search a ticket', async () => {
		await page.getByTestId('ndv-close-button').click();
		await addNode(want.nodeDisplayName, { action: 'Get a ticket' });
		await choose(ndv, 'resource', 'Case');
		await choose(ndv, 'operation', 'Get');
		await ndv.getByTestId('resource-locator-ticketId').getByTestId('rlc-input').click();
		const word = want.ticket.subject.split(/\s+/)[0];
		await page
			.getByPlaceholder('Search...')
			.filter({ visible: true })
			.pressSequentially(word, { delay: 80 });
		const items = page.getByTestId('rlc-item').filter({ visible: true });
		const wanted = items.filter({ hasText: `#${want.ticket.number} ` });
		// The unfiltered list shows first; the search answer replaces it.
		let shown = [];
		for (
			const deadline = Date.now() + TIMEOUT;
			Date.now() < deadline;
			await page.waitForTimeout(250)
		) {
			shown = (await items.allInnerTexts()).map((t) => t.trim());
			if (shown.length && shown.every((t) => t.toLowerCase().includes(word.toLowerCase()))) break;
		}
		const unrelated = shown.filter((t) => !t.toLowerCase().includes(word.toLowerCase()));
		check(
			shown.length && !unrelated.length,
			`searching "${word}" lists ${JSON.stringify(unrelated.slice(0, 3))}, which do not match`,
		);
		check(
			await wanted.count(),
			`searching "${word}" does not list ticket #${want.ticket.number}: ${JSON.stringify(shown.slice(0, 5))}`,
		);
		await extraShot('ticket-search');
		await wanted.first().click();
		return `"${word}" → ${shown.length} ticket(s); picked #${want.ticket.number} ${want.ticket.subject}`;
	});

	for (const trigger of want.triggers) {
		if (!trigger.description) {
			console.log(`  – Trigger node ${trigger.name}: not present in the built package, skipped`);
			continue;
		}
		const { displayName } = trigger.description;
		await step(`Add the ${displayName} node and see its parameters`, async () => {
			// n8n lists the trigger events of all the package's trigger nodes in one panel under the
			// app's name, on top when the workflow has no trigger yet: on a new workflow each time,
			// open them in turn until the NDV shows this trigger node.
			let found = false;
			// n8n 2.8.4 lists the polling trigger's events in the app's panel but the webhook trigger
			// under its own name (n8n drops the "Trigger" suffix): search that name first for a webhook trigger.
			if (trigger.description.webhooks) {
				await page.goto('/workflow/new');
				if (await addNode(displayName.replace(/ Trigger$/, '')).catch(() => false)) {
					found = (await ndv.getByTestId('node-title-container').innerText()).includes(displayName);
				}
			}
			for (let nth = 0; !found && nth < 12; nth++) {
				await page.goto('/workflow/new');
				if (!(await addNode(want.nodeDisplayName, { nth }))) break;
				found = (await ndv.getByTestId('node-title-container').innerText()).includes(displayName);
			}
			check(found, `no entry of the node creator opens a node named ${displayName}`);
			await ndv.getByTestId('parameter-item').first().waitFor();
			const labels = (
				await ndv
					.getByTestId('parameter-item')
					.locator('[data-test-id="input-label"]')
					.allInnerTexts()
			)
				.map((t) => t.trim())
				.filter(Boolean);
			check(labels.length > 0, `the ${displayName} node shows no parameters`);
			return `parameters: ${labels.join(', ')}`;
		});
	}
}

main().catch((error) => {
	if (!(error instanceof StepFailure)) console.log(`  ✘ ${error.stack ?? error}`);
	process.exit(1);
});
