'use strict';
/**
 * Zoho CRM + Zoho Desk + Zoho Accounts HTTP emulator (dev/test only).
 *
 *   const { startEmulator } = require('./test/emulator');
 *   const emu = await startEmulator({ latencyMs: 0 });
 *   const { access_token } = emu.issueToken();
 *   await fetch(`${emu.url}/crm/v8/Leads?fields=Last_Name`, { headers: { Authorization: `Zoho-oauthtoken ${access_token}` } });
 *   await emu.close();
 */

const { startEmulator } = require('./server');
const { ALL_SCOPES } = require('./scopes');
const { ORG_A, ORG_B, FOREIGN_ORG } = require('./data/desk-seed');

module.exports = {
	startEmulator,
	ALL_SCOPES,
	DESK_ORG_IDS: { A: ORG_A, B: ORG_B, foreign: FOREIGN_ORG },
};
