'use strict';
/**
 * What the editor must show, taken from the sources of truth rather than written down twice:
 * the built package (credential options, node types) and the emulator (modules, tickets, leads).
 */
const fs = require('fs');
const path = require('path');

async function json(url, headers = {}) {
	const res = await fetch(url, { headers });
	const text = await res.text();
	if (!res.ok) throw new Error(`GET ${url} → HTTP ${res.status}: ${text.slice(0, 200)}`);
	return JSON.parse(text);
}

/** The node and credential classes the package lists in package.json → n8n. */
function packageDescriptions(packageDir) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const load = (file) =>
		Object.values(require(path.join(packageDir, file)))
			.filter((value) => typeof value === 'function')
			.map((Cls) => new Cls());
	const nodes = pkg.n8n.nodes.flatMap(load).map((n) => n.description);
	const credentials = pkg.n8n.credentials.flatMap(load);
	return { nodes, credentials };
}

async function expected(packageDir, emuUrl) {
	const { nodes, credentials } = packageDescriptions(packageDir);
	const credential = credentials.find((c) => c.name === 'zohoBeamOAuth2Api');
	if (!credential) throw new Error('the package has no zohoBeamOAuth2Api credential');
	const dataCenters = credential.properties
		.find((p) => p.name === 'dataCenter')
		.options.map((o) => o.name);
	const node = nodes.find((n) => n.name === 'zohoBeam');
	if (!node) throw new Error('the package has no zohoBeam node');
	const triggers = ['zohoBeamTrigger', 'zohoBeamInstantTrigger'].map((name) => ({
		name,
		description: nodes.find((n) => n.name === name) ?? null,
	}));

	const config = await json(`${emuUrl}/__emulator/config`);
	const tokenRes = await fetch(`${emuUrl}/__emulator/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	const { access_token: token } = await tokenRes.json();
	const auth = { Authorization: `Zoho-oauthtoken ${token}` };
	const modules = (await json(`${emuUrl}/crm/v8/settings/modules`, auth)).modules
		.filter((m) => m.api_supported !== false)
		.map((m) => m.api_name);
	const lead = (
		await json(`${emuUrl}/crm/v8/Leads?fields=Last_Name&per_page=1&sort_by=id&sort_order=asc`, auth)
	).data[0];
	const orgs = (await json(`${emuUrl}/api/v1/organizations`, auth)).data;
	const org = orgs.find((o) => o.isDefault) ?? orgs[0];
	const ticket = (
		await json(`${emuUrl}/api/v1/tickets?limit=1`, { ...auth, orgId: String(org.id) })
	).data[0];
	return {
		dataCenters,
		nodeDisplayName: node.displayName,
		triggers,
		client: { id: config.clientId, secret: config.clientSecret },
		modules,
		leadId: String(lead.id),
		ticket: {
			id: String(ticket.id),
			number: String(ticket.ticketNumber),
			subject: String(ticket.subject),
		},
	};
}

module.exports = { expected };
