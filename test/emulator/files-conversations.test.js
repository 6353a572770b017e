'use strict';
/** Emulator rules for CRM notes and attachments, Desk threads, replies, comments and files (see RULES.md). */

const { useEmulator } = require('./testkit');

const t = useEmulator();
beforeEach(() => t.emu.reset());

const leadId = () => t.emu.firstId('Leads');
const ticketId = () => t.emu.deskIds('tickets')[0];
const SUPPORT = 'support@beamsupport.zohodesk.com';

/** A multipart upload through Node's own FormData. */
async function upload(
	url,
	headers,
	bytes,
	fileName,
	type = 'application/octet-stream',
	field = 'file',
) {
	const form = new FormData();
	form.append(field, new Blob([bytes], { type }), fileName);
	const res = await fetch(url, { method: 'POST', headers, body: form });
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : null };
}
const crmUrl = (path) => `${t.emu.url}/crm/v8${path}`;
const deskUrl = (path) => `${t.emu.url}/api/v1${path}`;
const deskHeaders = (token) => ({ ...t.auth(token), orgId: t.emu.deskOrgIds.A });

describe('CRM attachments', () => {
	it('stores the exact bytes and serves them with Content-Type and Content-Disposition', async () => {
		const bytes = Buffer.from([0, 1, 2, 255, 13, 10, 45, 45, 0]);
		const up = await upload(
			crmUrl(`/Leads/${leadId()}/Attachments`),
			t.auth(),
			bytes,
			'raw.bin',
			'application/x-raw',
		);
		expect(up.status).toBe(200);
		expect(up.body.data[0]).toMatchObject({
			code: 'SUCCESS',
			status: 'success',
			details: { id: expect.stringMatching(/^\d+$/) },
		});
		const res = await fetch(
			crmUrl(`/Leads/${leadId()}/Attachments/${up.body.data[0].details.id}`),
			{ headers: t.auth() },
		);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/x-raw');
		expect(res.headers.get('content-disposition')).toBe(
			`attachment; filename="raw.bin"; filename*=UTF-8''raw.bin`,
		);
		expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
	});

	it('refuses a body without a file, an unknown record, and answers 204 for an unknown attachment', async () => {
		const noFile = await upload(
			crmUrl(`/Leads/${leadId()}/Attachments`),
			t.auth(),
			Buffer.from('x'),
			'a.txt',
			'text/plain',
			'other',
		);
		expect(noFile.body).toMatchObject({
			code: 'REQUIRED_PARAM_MISSING',
			details: { param_name: 'file' },
		});
		const json = await t.crm('POST', `/Leads/${leadId()}/Attachments`, { body: { file: 'x' } });
		expect(json.status).toBe(400);
		const unknown = await upload(
			crmUrl('/Leads/5725767000000000001/Attachments'),
			t.auth(),
			Buffer.from('x'),
			'a.txt',
		);
		expect(unknown.body).toMatchObject({ code: 'INVALID_DATA' });
		const missing = await t.crm('GET', `/Leads/${leadId()}/Attachments/5725767000000000001`);
		expect(missing.status).toBe(204);
	});
});

describe('CRM notes', () => {
	it('requires fields on lists, Note_Content and a known parent on create, at most 100 a request', async () => {
		expect((await t.crm('GET', '/Notes')).body).toMatchObject({
			code: 'REQUIRED_PARAM_MISSING',
			details: { param_name: 'fields' },
		});
		const parent = { module: { api_name: 'Leads' }, id: leadId() };
		const mixed = await t.crm('POST', '/Notes', {
			body: {
				data: [
					{ Note_Content: 'ok', Parent_Id: parent },
					{ Note_Title: 'no text', Parent_Id: parent },
					{
						Note_Content: 'x',
						Parent_Id: { module: { api_name: 'Leads' }, id: '5725767000000000001' },
					},
				],
			},
		});
		expect(mixed.status).toBe(207);
		expect(mixed.body.data.map((r) => r.code)).toEqual([
			'SUCCESS',
			'MANDATORY_NOT_FOUND',
			'INVALID_DATA',
		]);
		const tooMany = await t.crm('POST', '/Notes', {
			body: { data: Array.from({ length: 101 }, () => ({ Note_Content: 'x', Parent_Id: parent })) },
		});
		expect(tooMany.body).toMatchObject({ code: 'LIMIT_EXCEEDED' });
		const list = await t.crm('GET', `/Leads/${leadId()}/Notes`, {
			query: { fields: 'Note_Content,Parent_Id' },
		});
		expect(list.body.data).toEqual([
			{
				id: mixed.body.data[0].details.id,
				Note_Content: 'ok',
				Parent_Id: expect.objectContaining({ id: leadId() }),
			},
		]);
	});
});

describe('Desk replies, comments and files', () => {
	it('sendReply needs a support From address, known keys and content; a reply becomes a thread', async () => {
		const path = `/tickets/${ticketId()}/sendReply`;
		expect(
			(await t.desk('POST', path, { body: { channel: 'EMAIL', content: 'hi' } })).body.errors[0],
		).toMatchObject({ fieldName: '/fromEmailAddress', errorType: 'missing' });
		expect(
			(
				await t.desk('POST', path, {
					body: { channel: 'EMAIL', content: 'hi', fromEmailAddress: 'me@gmail.com' },
				})
			).status,
		).toBe(422);
		expect(
			(
				await t.desk('POST', path, {
					body: { channel: 'EMAIL', content: '', fromEmailAddress: SUPPORT },
				})
			).body.errors[0].fieldName,
		).toBe('/content');
		expect(
			(
				await t.desk('POST', path, {
					body: { channel: 'EMAIL', content: 'hi', fromEmailAddress: SUPPORT, subject: 'x' },
				})
			).status,
		).toBe(422);
		const sent = await t.desk('POST', path, {
			body: { channel: 'EMAIL', content: 'hi', fromEmailAddress: SUPPORT },
		});
		expect(sent.body).toMatchObject({
			direction: 'out',
			status: 'SUCCESS',
			fromEmailAddress: SUPPORT,
		});
		const threads = await t.desk('GET', `/tickets/${ticketId()}/threads`);
		expect(threads.body.data.map((th) => th.id)).toContain(sent.body.id);
		expect(threads.body.data.every((th) => th.content === undefined)).toBe(true);
		expect(
			(await t.desk('GET', `/tickets/${ticketId()}/threads/${sent.body.id}`)).body.content,
		).toBe('hi');
	});

	it('comments: isPublic only at creation, 204 on delete, then 404', async () => {
		const made = await t.desk('POST', `/tickets/${ticketId()}/comments`, {
			body: { content: 'note', isPublic: true },
		});
		expect(made.body).toMatchObject({ content: 'note', isPublic: true, contentType: 'html' });
		const path = `/tickets/${ticketId()}/comments/${made.body.id}`;
		expect((await t.desk('PATCH', path, { body: { content: 'x', isPublic: false } })).status).toBe(
			422,
		);
		expect((await t.desk('DELETE', path)).status).toBe(204);
		expect((await t.desk('DELETE', path)).status).toBe(404);
	});

	it('ticket files: bytes kept, 20 MB per file, uploads need Desk.basic.CREATE', async () => {
		const bytes = Buffer.from('%PDF-1.4 binary \u0000\u00ff');
		const up = await upload(
			deskUrl(`/tickets/${ticketId()}/attachments`),
			deskHeaders(),
			bytes,
			'doc.pdf',
			'application/pdf',
		);
		expect(up.body).toMatchObject({ name: 'doc.pdf', size: String(bytes.length), isPublic: false });
		const res = await fetch(deskUrl(`/tickets/${ticketId()}/attachments/${up.body.id}/content`), {
			headers: deskHeaders(),
		});
		expect(res.headers.get('content-disposition')).toMatch(/filename="doc.pdf"/);
		expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
		const big = await upload(
			deskUrl(`/tickets/${ticketId()}/attachments`),
			deskHeaders(),
			Buffer.alloc(20 * 1024 * 1024 + 1),
			'big.bin',
		);
		expect(big).toMatchObject({ status: 413, body: { errorCode: 'PAYLOAD_TOO_LARGE' } });
		const narrow = t.emu.issueToken({ scopes: ['Desk.tickets.ALL', 'Desk.basic.READ'] });
		const denied = await upload(
			deskUrl('/uploads'),
			deskHeaders(narrow.access_token),
			bytes,
			'doc.pdf',
		);
		expect(denied.body).toMatchObject({ errorCode: 'SCOPE_MISMATCH' });
	});
});
