/**
 * Typed helpers the workflow tests share (the harness itself is plain JavaScript): the
 * emulator's request-log entry, output items, resource-locator values and the seeded Desk
 * organizations.
 */
const { DESK_ORG_IDS } = require('../emulator');

/** One request in the emulator's log (`emu.requests`). */
export interface LogEntry {
	app: string;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** The JSON body as sent (any shape). */
	body: any;
	status: number;
}

/** An output item of a node run. */
export interface OutputItem {
	json: Record<string, any>;
	pairedItem?: { item: number } | Array<{ item: number }>;
}

/** A resource-locator value as n8n saves it. */
export const rl = (mode: string, value: unknown) => ({ __rl: true, mode, value });
/** A CRM module picked from the list. */
export const moduleRl = (value: string) => rl('list', value);

/** The emulator's seeded Desk organizations: A (default), B, and one the token may not use. */
export const ORG_A: string = DESK_ORG_IDS.A;
export const ORG_B: string = DESK_ORG_IDS.B;
export const FOREIGN_ORG: string = DESK_ORG_IDS.foreign;
