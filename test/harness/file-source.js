'use strict';
/**
 * A stand-in for n8n's file nodes (Read/Write Files from Disk, HTTP Request) in workflow tests
 * and the benchmark: it turns each input item into a file in a binary property through n8n's
 * own `prepareBinaryData`, as those nodes do. The bytes are `base64` when given, else `size`
 * pseudo-random bytes from `seed`, so large files need not travel through the workflow's JSON.
 */
const { createHash } = require('crypto');

/** Deterministic pseudo-random bytes (xorshift32). @param {number} size @param {number} [seed] */
function fileBytes(size, seed = 1) {
	const out = Buffer.allocUnsafe(size);
	let state = seed >>> 0 || 1;
	for (let i = 0; i < size; i++) {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		out[i] = state & 0xff;
	}
	return out;
}

/** @param {Buffer} data */
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

const FILE_SOURCE_TYPE = 'test.fileSource';

const fileSource = {
	description: {
		displayName: 'File Source',
		name: 'fileSource',
		group: ['input'],
		version: 1,
		defaults: { name: 'File Source' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute() {
		const items = this.getInputData();
		const out = [];
		for (const item of items) {
			const json = item.json;
			const data =
				typeof json.base64 === 'string'
					? Buffer.from(json.base64, 'base64')
					: fileBytes(Number(json.size), Number(json.seed ?? 1));
			const property = typeof json.property === 'string' ? json.property : 'data';
			const binary = {
				[property]: await this.helpers.prepareBinaryData(data, json.fileName, json.mimeType),
			};
			const { base64: _base64, ...rest } = json;
			out.push({ json: rest, binary, pairedItem: item.pairedItem });
		}
		return [out];
	},
};

/** Manual Trigger → File Source → Zoho Beam. @param {object} parameters @param {object} [extra] */
function fileWorkflow(parameters, extra = {}) {
	return {
		name: 'file',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
			{ name: 'Files', type: FILE_SOURCE_TYPE, typeVersion: 1, parameters: {} },
			{ name: 'Zoho', type: 'n8n-nodes-zoho-beam.zohoBeam', typeVersion: 1, parameters, ...extra },
		],
		connections: {
			Start: { main: [[{ node: 'Files', type: 'main', index: 0 }]] },
			Files: { main: [[{ node: 'Zoho', type: 'main', index: 0 }]] },
		},
	};
}

module.exports = { fileBytes, sha256, FILE_SOURCE_TYPE, fileSource, fileWorkflow };
