'use strict';
/**
 * The demo's polling part: the trigger of examples/trigger-deal-updated.json activated the way
 * n8n activates it, then one scheduled poll after a few deals changed in Zoho, then a quiet one.
 */
const { pollTrigger } = require('../test/harness/poll');

async function zoho(emu, method, path, body) {
	const token = emu.issueToken();
	const response = await fetch(`${emu.url}${path}`, {
		method,
		headers: {
			Authorization: `Zoho-oauthtoken ${token.access_token}`,
			'content-type': 'application/json',
		},
		body: JSON.stringify(body),
	});
	if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}`);
}

async function showPolling(emu, workflow) {
	emu.reset();
	const node = workflow.nodes.find((n) => n.type === 'n8n-nodes-zoho-beam.zohoBeamTrigger');
	const trigger = await pollTrigger({ emu, parameters: node.parameters });
	const activation = await trigger.activate();
	console.log(
		`Polling trigger "${node.name}" (${node.parameters.event} ${node.parameters.module.value}), as n8n schedules it:`,
	);
	console.log(
		`   activation: cursor set at Zoho's newest change (${trigger.staticData.zohoBeamPoll.cursor.time}), ${activation.requests.length} request, nothing emitted`,
	);
	const deals = emu.ids('Deals', 3);
	await zoho(emu, 'PUT', '/crm/v8/Deals', {
		data: deals.map((id) => ({ id, Stage: 'Negotiation/Review' })),
	});
	console.log(`   meanwhile in Zoho: ${deals.length} deals moved to Negotiation/Review`);
	const poll = await trigger.poll();
	if (poll.error) throw poll.error;
	console.log(`   poll: ${poll.items?.length ?? 0} item(s) in ${poll.requests.length} requests`);
	for (const item of poll.items ?? [])
		console.log(
			`     ${JSON.stringify({ id: item.id, event: item.event, Deal_Name: item.Deal_Name, Stage: item.Stage })}\n     ↳ ${item.deepLink}`,
		);
	const quiet = await trigger.poll();
	console.log(
		`   next poll: ${quiet.items ? quiet.items.length + ' item(s)' : 'nothing new, no execution'} (${quiet.requests.length} request)\n`,
	);
	return (poll.items?.length ?? 0) === deals.length && !quiet.items;
}

module.exports = { showPolling };
