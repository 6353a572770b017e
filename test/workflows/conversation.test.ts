/* Conversations: a Desk ticket's threads, replies and comments, through n8n's real engine against the emulator. */
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

const ticketRl = (value: string) => ({ __rl: true, mode: 'id', value });
const run = (parameters: object, input?: object[], extra?: object) =>
	runWorkflow({ emu, workflow: singleNodeWorkflow(parameters, extra), input });
const continueOnFail = { onError: 'continueRegularOutput' };
const ticketId = (): string => emu.deskIds('tickets')[0];
const ticket = () => emu.data.desk.tickets.get(ticketId());
const deskRequests = () =>
	emu.requests.filter((r: any) => r.app === 'desk' && !/organizations|portal/.test(r.path));
const SUPPORT = 'support@beamsupport.zohodesk.com';

describe('conversation reply', () => {
	it('sends an email reply that then appears as a thread, From and To taken from the ticket', async () => {
		const id = ticketId();
		const result = await run({
			resource: 'conversation',
			operation: 'reply',
			ticketId: ticketRl(id),
			content: 'Your order ships tomorrow.',
		});
		expect(result.status).toBe('success');
		const [reply] = result.output('Zoho');
		expect(Object.keys(reply.json).slice(0, 2)).toEqual(['id', 'deepLink']);
		expect(reply.json).toMatchObject({
			ticketId: id,
			type: 'thread',
			channel: 'EMAIL',
			direction: 'out',
			fromEmailAddress: SUPPORT,
			to: ticket().email,
			content: 'Your order ships tomorrow.',
		});
		expect(reply.json.deepLink).toMatch(new RegExp(`#Cases/dv/${id}$`));
		const sent = emu.requests.find((r: any) => r.path.endsWith('/sendReply'));
		expect(sent.body).toEqual({
			channel: 'EMAIL',
			content: 'Your order ships tomorrow.',
			contentType: 'plainText',
			fromEmailAddress: SUPPORT,
			to: ticket().email,
		});

		const list = await run({
			resource: 'conversation',
			operation: 'getAll',
			ticketId: ticketRl(id),
			returnAll: true,
		});
		const threads = list.output('Zoho').map((item: any) => item.json);
		expect(threads.map((t: any) => t.direction)).toEqual(['in', 'out']);
		expect(threads[1].id).toBe(reply.json.id);
		for (const t of threads) expect(t.deepLink).toBe(reply.json.deepLink);

		const one = await run({
			resource: 'conversation',
			operation: 'get',
			ticketId: ticketRl(id),
			threadId: reply.json.id,
		});
		expect(one.output('Zoho')[0].json).toMatchObject({
			id: reply.json.id,
			content: 'Your order ships tomorrow.',
			type: 'thread',
		});
	});

	it('attaches files from binary properties (uploaded first) with cc and HTML; with channel, From and To given, no lookup', async () => {
		const id = ticketId();
		const original = fileBytes(4096, 9);
		const workflow = fileWorkflow({
			resource: 'conversation',
			operation: 'reply',
			ticketId: ticketRl(id),
			channel: 'EMAIL',
			content: '<p>Invoice attached</p>',
			contentType: 'html',
			options: {
				attachmentBinaryProperties: 'invoice',
				cc: 'boss@example.com',
				fromEmailAddress: SUPPORT,
				to: 'buyer@example.com',
			},
		});
		const result = await runWorkflow({
			emu,
			workflow,
			input: [
				{
					base64: original.toString('base64'),
					fileName: 'invoice.pdf',
					mimeType: 'application/pdf',
					property: 'invoice',
				},
			],
			extraNodeTypes: { [FILE_SOURCE_TYPE]: fileSource },
		});
		expect(result.status).toBe('success');
		const [reply] = result.output('Zoho');
		expect(reply.json).toMatchObject({
			cc: 'boss@example.com',
			to: 'buyer@example.com',
			hasAttach: true,
			contentType: 'text/html',
		});
		expect(reply.json.attachments[0]).toMatchObject({ name: 'invoice.pdf', size: '4096' });
		const paths = deskRequests().map((r: any) => `${r.method} ${r.path.replace(/\d{6,}/g, ':id')}`);
		expect(paths).toEqual(['POST /api/v1/uploads', 'POST /api/v1/tickets/:id/sendReply']);
		const stored = emu.data.desk._uploads.get(reply.json.attachments[0].id);
		expect(sha256(stored._data)).toBe(sha256(original));
	});

	it('refuses empty content, a bad address and a missing binary property before any request', async () => {
		const id = ticketRl(ticketId());
		const result = await run(
			{
				resource: 'conversation',
				operation: 'reply',
				ticketId: id,
				content: '={{ $json.text }}',
				options: { to: '={{ $json.to }}', attachmentBinaryProperties: '={{ $json.files }}' },
			},
			[
				{ text: '   ', to: 'a@example.com' },
				{ text: 'Hello', to: 'not-an-address' },
				{ text: 'Hello', to: 'a@example.com', files: 'data' },
			],
			continueOnFail,
		);
		const errors = result.output('Zoho').map((item: any) => item.json.error.message);
		expect(errors[0]).toMatch(/"content" of item 0 is empty/);
		expect(errors[1]).toMatch(/"to" has "not-an-address", which is not an email address/);
		expect(errors[2]).toMatch(/Item 2 has no binary property "data"/);
		expect(deskRequests()).toHaveLength(0);
	});
});

describe('conversation comments', () => {
	it('adds, updates and deletes a comment; getAll merges comments and threads in time order', async () => {
		const id = ticketId();
		const added = await run({
			resource: 'conversation',
			operation: 'addComment',
			ticketId: ticketRl(id),
			content: 'Called the customer',
			isPublic: false,
		});
		expect(added.status).toBe('success');
		const [comment] = added.output('Zoho');
		expect(Object.keys(comment.json).slice(0, 2)).toEqual(['id', 'deepLink']);
		expect(comment.json).toMatchObject({
			type: 'comment',
			ticketId: id,
			content: 'Called the customer',
			isPublic: false,
			contentType: 'plainText',
		});
		expect(
			emu.requests.find((r: any) => r.method === 'POST' && r.path.endsWith('/comments')).body,
		).toEqual({ content: 'Called the customer', contentType: 'plainText', isPublic: false });

		const listed = await run({
			resource: 'conversation',
			operation: 'getAll',
			ticketId: ticketRl(id),
			returnAll: true,
			options: { fullContent: true },
		});
		const entries = listed.output('Zoho').map((item: any) => item.json);
		expect(entries.map((e: any) => e.type)).toEqual(['thread', 'comment']);
		expect(entries[0].content).toEqual(expect.stringContaining('<div>'));
		expect(emu.requests.filter((r: any) => /\/threads\/\d+$/.test(r.path))).toHaveLength(1);

		const updated = await run({
			resource: 'conversation',
			operation: 'updateComment',
			ticketId: ticketRl(id),
			commentId: comment.json.id,
			content: '<b>Called twice</b>',
			contentType: 'html',
		});
		expect(updated.output('Zoho')[0].json).toMatchObject({
			id: comment.json.id,
			content: '<b>Called twice</b>',
			contentType: 'html',
		});

		const deleted = await run({
			resource: 'conversation',
			operation: 'deleteComment',
			ticketId: ticketRl(id),
			commentId: comment.json.id,
		});
		expect(deleted.output('Zoho')[0].json).toMatchObject({
			id: comment.json.id,
			deleted: true,
			ticketId: id,
		});
		expect(emu.data.desk._comments.get(id)).toHaveLength(0);
	});

	it('refuses non-digit IDs and empty comments, naming the item, with no request', async () => {
		const result = await run(
			{
				resource: 'conversation',
				operation: 'updateComment',
				ticketId: '={{ $json.ticket }}',
				commentId: '={{ $json.comment }}',
				content: '={{ $json.text }}',
			},
			[
				{ ticket: 'abc', comment: '1892000000000001', text: 'x' },
				{ ticket: ticketId(), comment: '12-34', text: 'x' },
				{ ticket: ticketId(), comment: '1892000000000001', text: '' },
			],
			continueOnFail,
		);
		const errors = result.output('Zoho').map((item: any) => item.json.error.message);
		expect(errors[0]).toMatch(/"ticketId" must be a Zoho ID/);
		expect(errors[1]).toMatch(/"commentId" must be a Zoho ID/);
		expect(errors[2]).toMatch(/"content" of item 2 is empty/);
		expect(deskRequests()).toHaveLength(0);
	});
});

describe('examples', () => {
	it('examples/conversation-answer-tickets.json replies to the three oldest open email tickets and notes it for the team', async () => {
		const workflow = require('../../examples/conversation-answer-tickets.json');
		const result = await runWorkflow({ emu, workflow });
		expect(result.error?.message).toBeUndefined();
		expect(result.status).toBe('success');
		const tickets = result.output('Oldest Open Tickets').map((item: any) => item.json);
		const replies = result.output('Reply to Customer').map((item: any) => item.json);
		const notes = result.output('Note for the Team').map((item: any) => item.json);
		expect(tickets).toHaveLength(3);
		expect(replies.map((r: any) => r.ticketId)).toEqual(tickets.map((t: any) => t.id));
		expect(notes.map((n: any) => n.ticketId)).toEqual(tickets.map((t: any) => t.id));
		replies.forEach((reply: any, i: number) => {
			expect(reply).toMatchObject({
				direction: 'out',
				channel: 'EMAIL',
				fromEmailAddress: SUPPORT,
			});
			expect(reply.content).toContain(`"${tickets[i].subject}"`);
			expect(notes[i]).toMatchObject({
				type: 'comment',
				isPublic: false,
				content: `Acknowledgement sent to ${reply.to} by n8n.`,
			});
			expect(notes[i].deepLink).toBe(tickets[i].deepLink);
		});
		for (const t of tickets)
			expect(emu.data.desk._threads.get(t.id).map((th: any) => th.direction)).toEqual([
				'in',
				'out',
			]);
	});
});
