/* Attachments: files on CRM records and Desk tickets, as n8n binary data, through n8n's real engine against the emulator. */
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
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const moduleRl = (value: string) => ({ __rl: true, mode: 'list', value });
const ticketRl = (value: string) => ({ __rl: true, mode: 'id', value });
const extraNodeTypes = { [FILE_SOURCE_TYPE]: fileSource };
const run = (parameters: object, input?: object[], extra?: object) =>
	runWorkflow({ emu, workflow: singleNodeWorkflow(parameters, extra), input });
const runWithFiles = (parameters: object, files: object[], extra?: object) =>
	runWorkflow({ emu, workflow: fileWorkflow(parameters, extra), input: files, extraNodeTypes });
const continueOnFail = { onError: 'continueRegularOutput' };
const firstId = (module: string): string => emu.data.crm.records[module].keys().next().value;
const ticketId = (): string => emu.deskIds('tickets')[0];
const apiRequests = () => emu.requests.filter((r: any) => r.app === 'crm' || r.app === 'desk');
const fileRequests = () =>
	emu.requests.filter((r: any) => /\/(Attachments|attachments|uploads)/.test(r.path));

/** The bytes of an output binary property, read the way n8n's next node would. */
async function bytesOf(item: any, property = 'data'): Promise<Buffer> {
	const binary = item.binary[property];
	return Buffer.from(binary.data, 'base64');
}

describe('attachment upload → getAll → download → delete (CRM)', () => {
	it('round-trips a file: the SHA-256 of the download equals the upload', async () => {
		const leadId = firstId('Leads');
		const original = fileBytes(300_000, 7);
		const target = {
			app: 'crm',
			module: moduleRl('Leads'),
			recordId: { __rl: true, mode: 'id', value: leadId },
		};
		const up = await runWithFiles({ resource: 'attachment', operation: 'upload', ...target }, [
			{
				base64: original.toString('base64'),
				fileName: 'contract.pdf',
				mimeType: 'application/pdf',
			},
		]);
		expect(up.status).toBe('success');
		const [uploaded] = up.output('Zoho');
		expect(Object.keys(uploaded.json).slice(0, 2)).toEqual(['id', 'deepLink']);
		expect(uploaded.json).toMatchObject({
			File_Name: 'contract.pdf',
			Size: 300_000,
			status: 'success',
			module: 'Leads',
			recordId: leadId,
		});
		expect(uploaded.json.deepLink).toBe(`https://crm.zoho.com/crm/org74822955/tab/Leads/${leadId}`);
		const upload = fileRequests()[0];
		expect(upload).toMatchObject({
			method: 'POST',
			path: `/crm/v8/Leads/${leadId}/Attachments`,
			status: 200,
		});

		const list = await run({
			resource: 'attachment',
			operation: 'getAll',
			...target,
			returnAll: true,
		});
		expect(list.output('Zoho').map((item: any) => item.json.id)).toEqual([uploaded.json.id]);
		expect(list.output('Zoho')[0].json).toMatchObject({
			File_Name: 'contract.pdf',
			Size: '300000',
			deepLink: uploaded.json.deepLink,
		});

		const down = await run({
			resource: 'attachment',
			operation: 'download',
			...target,
			attachmentId: uploaded.json.id,
			binaryPropertyName: 'file',
		});
		expect(down.status).toBe('success');
		const [item] = down.output('Zoho');
		expect(item.json).toMatchObject({
			id: uploaded.json.id,
			fileName: 'contract.pdf',
			mimeType: 'application/pdf',
			size: 300_000,
		});
		expect(item.binary.file).toMatchObject({
			fileName: 'contract.pdf',
			mimeType: 'application/pdf',
		});
		expect(sha256(await bytesOf(item, 'file'))).toBe(sha256(original));

		const del = await run({
			resource: 'attachment',
			operation: 'delete',
			...target,
			attachmentId: uploaded.json.id,
		});
		expect(del.output('Zoho')[0].json).toMatchObject({
			id: uploaded.json.id,
			deleted: true,
			status: 'success',
		});
		expect(emu.data.crm.attachments.size).toBe(0);
	});
});

describe('attachment upload → getAll → download → delete (Desk)', () => {
	it('round-trips a file on a ticket, keeping name, type and bytes', async () => {
		const id = ticketId();
		const original = fileBytes(123_457, 3);
		const target = { app: 'desk', ticketId: ticketRl(id) };
		const up = await runWithFiles(
			{ resource: 'attachment', operation: 'upload', ...target, options: { isPublic: true } },
			[
				{
					base64: original.toString('base64'),
					fileName: 'screenshot ü.png',
					mimeType: 'image/png',
				},
			],
		);
		expect(up.status).toBe('success');
		const [uploaded] = up.output('Zoho');
		expect(uploaded.json).toMatchObject({
			name: 'screenshot ü.png',
			size: '123457',
			isPublic: true,
			ticketId: id,
		});
		expect(uploaded.json.deepLink).toMatch(new RegExp(`#Cases/dv/${id}$`));
		expect(fileRequests()[0]).toMatchObject({
			method: 'POST',
			path: `/api/v1/tickets/${id}/attachments`,
			query: { isPublic: 'true' },
		});

		const list = await run({
			resource: 'attachment',
			operation: 'getAll',
			...target,
			returnAll: true,
		});
		expect(list.output('Zoho').map((item: any) => item.json.id)).toEqual([uploaded.json.id]);

		const down = await run({
			resource: 'attachment',
			operation: 'download',
			...target,
			attachmentId: uploaded.json.id,
		});
		const [item] = down.output('Zoho');
		expect(item.json).toMatchObject({
			fileName: 'screenshot ü.png',
			mimeType: 'image/png',
			size: 123_457,
		});
		expect(sha256(await bytesOf(item))).toBe(sha256(original));

		const del = await run({
			resource: 'attachment',
			operation: 'delete',
			...target,
			attachmentId: uploaded.json.id,
		});
		expect(del.output('Zoho')[0].json).toMatchObject({ id: uploaded.json.id, deleted: true });
		const after = await run({
			resource: 'attachment',
			operation: 'getAll',
			...target,
			returnAll: true,
		});
		expect(after.output('Zoho')).toHaveLength(0);
	});
});

describe('attachment bad input is refused before any request', () => {
	it('names the item and the property when the binary property is missing', async () => {
		const result = await runWithFiles(
			{
				resource: 'attachment',
				operation: 'upload',
				app: 'crm',
				module: moduleRl('Leads'),
				recordId: { __rl: true, mode: 'id', value: firstId('Leads') },
				binaryPropertyName: 'invoice',
			},
			[{ base64: 'aGVsbG8=', fileName: 'a.txt', mimeType: 'text/plain' }],
			continueOnFail,
		);
		const [item] = result.output('Zoho');
		expect(item.json.error.message).toMatch(/Item 0 has no binary property "invoice"/);
		expect(item.json.error.description).toMatch(/data/);
		expect(apiRequests()).toHaveLength(0);
	});

	it('refuses non-digit IDs and a file over the Desk limit', async () => {
		const bad = await run(
			{
				resource: 'attachment',
				operation: 'download',
				app: 'desk',
				ticketId: ticketRl(ticketId()),
				attachmentId: '12ab',
			},
			[{}],
			continueOnFail,
		);
		expect(bad.output('Zoho')[0].json.error.message).toMatch(/"attachmentId" must be a Zoho ID/);
		const big = await runWithFiles(
			{ resource: 'attachment', operation: 'upload', app: 'desk', ticketId: ticketRl(ticketId()) },
			[{ size: 20 * 1024 * 1024 + 1, fileName: 'big.bin', mimeType: 'application/octet-stream' }],
			continueOnFail,
		);
		expect(big.output('Zoho')[0].json.error.message).toMatch(
			/is 20,971,521 bytes \(20 MB\); a Zoho Desk ticket attachment may be at most 20,971,520 bytes \(20 MB\)/,
		);
		expect(apiRequests()).toHaveLength(0);
	});
});
