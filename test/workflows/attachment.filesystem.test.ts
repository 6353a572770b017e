/* Attachments with n8n's filesystem binary mode (the default of current n8n): files go through n8n's binary data service on disk. */
const fs = require('fs');
const os = require('os');
const path = require('path');

process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_BINARY_DATA_STORAGE_PATH = fs.mkdtempSync(
	path.join(os.tmpdir(), 'zoho-beam-binary-'),
);

const { Container } = require('@n8n/di');
const { BinaryDataService } = require('n8n-core');
const {
	FILE_SOURCE_TYPE,
	fileBytes,
	fileSource,
	fileWorkflow,
	sha256,
} = require('../harness/file-source');
const { startEmulator } = require('../emulator');
const { runWorkflow, singleNodeWorkflow } = require('../harness');

let emu: any;
const binaryData = Container.get(BinaryDataService);
beforeAll(async () => {
	await binaryData.init();
	emu = await startEmulator();
});
afterAll(async () => {
	await emu.close();
	fs.rmSync(process.env.N8N_BINARY_DATA_STORAGE_PATH as string, { recursive: true, force: true });
});

it('uploads from and downloads into filesystem binary data, bytes unchanged (CRM and Desk)', async () => {
	const original = fileBytes(2 * 1024 * 1024 + 17, 11);
	const targets = [
		{
			app: 'crm',
			module: { __rl: true, mode: 'name', value: 'Contacts' },
			recordId: { __rl: true, mode: 'id', value: emu.firstId('Contacts') },
		},
		{ app: 'desk', ticketId: { __rl: true, mode: 'id', value: emu.deskIds('tickets')[0] } },
	];
	for (const target of targets) {
		const up = await runWorkflow({
			emu,
			workflow: fileWorkflow({ resource: 'attachment', operation: 'upload', ...target }),
			input: [
				{
					base64: original.toString('base64'),
					fileName: 'report.xlsx',
					mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				},
			],
			extraNodeTypes: { [FILE_SOURCE_TYPE]: fileSource },
		});
		expect(up.status).toBe('success');
		// The file source's binary data lives on disk: only a reference travels with the item.
		expect(up.output('Files')[0].binary.data.id).toEqual(expect.stringMatching(/^filesystem/));
		const attachmentId = up.output('Zoho')[0].json.id;
		const down = await runWorkflow({
			emu,
			workflow: singleNodeWorkflow({
				resource: 'attachment',
				operation: 'download',
				...target,
				attachmentId,
			}),
		});
		expect(down.status).toBe('success');
		const item = down.output('Zoho')[0];
		expect(item.binary.data.id).toEqual(expect.stringMatching(/^filesystem/));
		expect(item.binary.data.data).not.toEqual(expect.stringMatching(/.{100}/));
		expect(item.json).toMatchObject({ fileName: 'report.xlsx', size: original.length });
		expect(sha256(await binaryData.getAsBuffer(item.binary.data))).toBe(sha256(original));
	}
});
