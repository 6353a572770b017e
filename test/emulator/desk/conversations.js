'use strict';
/**
 * Desk ticket conversations and files:
 *   threads   GET /tickets/{id}/threads, GET /tickets/{id}/threads/{threadId}, POST /tickets/{id}/sendReply
 *   comments  GET/POST /tickets/{id}/comments, PATCH/DELETE /tickets/{id}/comments/{commentId}
 *   files     GET/POST /tickets/{id}/attachments, DELETE …/attachments/{id}, GET …/attachments/{id}/content,
 *             POST /uploads (files for reply attachmentIds)
 * Shapes from Zoho's Desk OpenAPI files Thread.json, TicketComment.json, TicketAttachment.json
 * and Upload.json (zoho/zohodesk-oas) and https://desk.zoho.com/DeskAPIDocument.
 */

const { deskError, DESK } = require('../errors');
const { deskDateTime } = require('../time');
const { parseParts, contentDisposition } = require('../multipart');
const { allowParams, paging, findInOrg, apiAgent, portalOf, ID_RE } = require('./common');

/** Per-file limit the emulator holds Desk uploads to (see RULES.md: unverified). */
const MAX_BYTES = 20 * 1024 * 1024;
/** Keys of an email reply (emailThreadSendReply); cc / bcc as the thread answers carry them (RULES.md ⚠). */
const REPLY_KEYS = [
	'channel',
	'content',
	'contentType',
	'fromEmailAddress',
	'to',
	'cc',
	'bcc',
	'attachmentIds',
	'ticketStatus',
	'isForward',
];
const CHANNELS = ['EMAIL', 'FACEBOOK', 'TWITTER', 'FORUMS'];
const EMAIL_RE = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[A-Za-z]{2,}$/;
let seq = 0;
const newId = () => `1892000${String(700000000000 + ++seq)}`;

/** @param {import('../server').Ctx} ctx @param {string} name */
const store = (ctx, name) => (ctx.data.desk[`_${name}`] ??= new Map());

/** Seeded tickets are frozen: a changed count replaces the stored ticket. @param {import('../server').Ctx} ctx @param {Record<string, any>} ticket @param {string} key @param {number} delta */
function bump(ctx, ticket, key, delta) {
	ctx.data.desk.tickets.set(ticket.id, {
		...ticket,
		[key]: String(Math.max(0, Number(ticket[key] ?? 0) + delta)),
	});
}

/** The support address of the organization: where customers write, and the only From a reply may use. @param {import('../server').Ctx} ctx */
const supportAddress = (ctx) => `support@${portalOf(ctx)}.zohodesk.com`;

/** @param {string} fieldName @param {'invalid'|'missing'} errorType @param {string} [message] */
const invalid = (fieldName, errorType, message) =>
	deskError(
		422,
		'UNPROCESSABLE_ENTITY',
		message ??
			`The value passed for '${fieldName}' is ${errorType === 'missing' ? 'missing' : 'invalid'}.`,
		[{ fieldName: `/${fieldName}`, errorType, errorMessage: message ?? '' }],
	);

/** The ticket's threads (oldest first); the first is the customer's email, made on first use. @param {import('../server').Ctx} ctx @param {Record<string, any>} ticket */
function threadsOf(ctx, ticket) {
	const all = store(ctx, 'threads');
	let list = all.get(ticket.id);
	if (!list) {
		const channel = ['Email', 'Web', 'Phone'].includes(ticket.channel)
			? 'EMAIL'
			: String(ticket.channel).toUpperCase();
		const content = `<div>${ticket.description ?? ticket.subject}</div>`;
		list = [
			{
				id: `${ticket.id}9`,
				channel,
				direction: 'in',
				isDescriptionThread: true,
				visibility: 'public',
				status: 'SUCCESS',
				canReply: true,
				fromEmailAddress: ticket.email ?? `customer@${portalOf(ctx)}.example`,
				to: supportAddress(ctx),
				cc: '',
				bcc: '',
				summary: String(ticket.description ?? ticket.subject).slice(0, 100),
				content,
				contentType: 'text/html',
				hasAttach: false,
				attachmentCount: '0',
				attachments: [],
				author: { name: 'Customer', email: ticket.email, type: 'END_USER' },
				createdTime: ticket.createdTime,
			},
		];
		all.set(ticket.id, list);
	}
	return list;
}

/** A thread as the list shows it: summary, no content. @param {Record<string, any>} t */
const listed = (t) => {
	const { content: _c, attachments: _a, ...rest } = t;
	return rest;
};

/** Answers a page of `rows`, or 204 at the end. @param {import('../server').Ctx} ctx @param {any[]} rows @param {number} maxLimit */
function pageOf(ctx, rows, maxLimit) {
	allowParams(ctx, ['from', 'limit', 'sortBy', 'include', 'isPublic']);
	const { from, limit } = paging(ctx, { maxLimit });
	const slice = rows.slice(from, from + limit);
	if (slice.length === 0) return { status: 204 };
	ctx.entry.records = slice.length;
	return { status: 200, body: { data: slice } };
}

/** GET /tickets/{id}/threads @param {import('../server').Ctx} ctx */
function listThreads(ctx) {
	const ticket = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	return pageOf(ctx, threadsOf(ctx, ticket).map(listed), 200);
}

/** GET /tickets/{id}/threads/{threadId}: the full thread. @param {import('../server').Ctx} ctx */
function getThread(ctx) {
	const ticket = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	if (!ID_RE.test(ctx.params.threadId)) throw invalid('threadId', 'invalid');
	const thread = threadsOf(ctx, ticket).find((t) => t.id === ctx.params.threadId);
	if (!thread) throw DESK.notFound();
	return { status: 200, body: thread };
}

/** POST /tickets/{id}/sendReply @param {import('../server').Ctx} ctx */
function sendReply(ctx) {
	const ticket = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	const body = /** @type {Record<string, any>} */ (ctx.body);
	if (ctx.bodyKind !== 'json' || !body || typeof body !== 'object' || Array.isArray(body))
		throw invalid('content', 'missing', 'The request body must be a JSON object.');
	for (const key of Object.keys(body))
		if (!REPLY_KEYS.includes(key))
			throw invalid(key, 'invalid', `The key '${key}' is not supported by Send Reply.`);
	if (!CHANNELS.includes(body.channel))
		throw invalid('channel', body.channel === undefined ? 'missing' : 'invalid');
	if (typeof body.content !== 'string' || body.content.trim() === '')
		throw invalid('content', 'missing');
	let extra = {};
	if (body.channel === 'EMAIL') {
		if (typeof body.fromEmailAddress !== 'string' || body.fromEmailAddress === '')
			throw invalid('fromEmailAddress', 'missing');
		if (body.fromEmailAddress.toLowerCase() !== supportAddress(ctx))
			throw invalid(
				'fromEmailAddress',
				'invalid',
				'The fromEmailAddress is not a support email address of this department.',
			);
		for (const key of ['to', 'cc', 'bcc']) {
			if (body[key] === undefined) continue;
			if (
				typeof body[key] !== 'string' ||
				!String(body[key])
					.split(/[,;]/)
					.every((a) => EMAIL_RE.test(a.trim()))
			)
				throw invalid(key, 'invalid');
		}
		if (body.contentType !== undefined && !['html', 'plainText'].includes(body.contentType))
			throw invalid('contentType', 'invalid');
		const uploads = store(ctx, 'uploads');
		const ids = body.attachmentIds ?? [];
		if (
			!Array.isArray(ids) ||
			ids.some((id) => !uploads.has(String(id)) || uploads.get(String(id)).orgId !== ctx.orgId)
		)
			throw invalid('attachmentIds', 'invalid');
		const attachments = ids.map((id) => {
			const u = uploads.get(String(id));
			return {
				id: u.id,
				name: u.name,
				size: u.size,
				href: `${ctx.baseUrl}/api/v1/uploads/${u.id}/content`,
			};
		});
		extra = {
			fromEmailAddress: body.fromEmailAddress,
			to: body.to ?? ticket.email ?? '',
			cc: body.cc ?? '',
			bcc: body.bcc ?? '',
			contentType: body.contentType === 'html' ? 'text/html' : 'text/plain',
			attachments,
			hasAttach: attachments.length > 0,
			attachmentCount: String(attachments.length),
		};
	} else {
		extra = { contentType: 'text/plain', attachments: [], hasAttach: false, attachmentCount: '0' };
	}
	const agent = apiAgent(ctx);
	const thread = {
		id: newId(),
		channel: body.channel,
		direction: 'out',
		isDescriptionThread: false,
		visibility: 'public',
		status: 'SUCCESS',
		canReply: true,
		summary: String(body.content)
			.replace(/<[^>]*>/g, '')
			.slice(0, 100),
		content: body.content,
		...extra,
		author: agent ? { id: agent.id, name: agent.name, email: agent.emailId, type: 'AGENT' } : null,
		responderId: agent ? agent.id : null,
		createdTime: deskDateTime(Date.now()),
	};
	threadsOf(ctx, ticket).push(thread);
	bump(ctx, ticket, 'threadCount', 1);
	ctx.core.countWrite('threads', thread.id);
	return { status: 200, body: thread };
}

/** @param {import('../server').Ctx} ctx @param {string} ticketId @returns {Record<string, any>[]} */
function commentsOf(ctx, ticketId) {
	const all = store(ctx, 'comments');
	if (!all.has(ticketId)) all.set(ticketId, []);
	return all.get(ticketId);
}

/** @param {import('../server').Ctx} ctx @param {boolean} creating */
function commentBody(ctx, creating) {
	const body = /** @type {Record<string, any>} */ (ctx.body);
	if (ctx.bodyKind !== 'json' || !body || typeof body !== 'object' || Array.isArray(body))
		throw invalid('content', 'missing', 'The request body must be a JSON object.');
	for (const key of Object.keys(body)) {
		if (!['content', 'contentType', 'isPublic'].includes(key))
			throw invalid(key, 'invalid', `The key '${key}' is not supported.`);
		// Zoho lets the visibility be chosen only when the comment is made.
		if (key === 'isPublic' && !creating)
			throw invalid('isPublic', 'invalid', 'isPublic can be set only when the comment is created.');
	}
	if (typeof body.content !== 'string' || body.content.trim() === '')
		throw invalid('content', 'missing');
	if (body.content.length > 32000)
		throw invalid('content', 'invalid', 'The content exceeds 32000 characters.');
	if (body.contentType !== undefined && !['html', 'plainText'].includes(body.contentType))
		throw invalid('contentType', 'invalid');
	if (body.isPublic !== undefined && typeof body.isPublic !== 'boolean')
		throw invalid('isPublic', 'invalid');
	return body;
}

/** GET /tickets/{id}/comments (oldest first) @param {import('../server').Ctx} ctx */
function listComments(ctx) {
	const ticket = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	return pageOf(ctx, commentsOf(ctx, ticket.id), 100);
}

/** POST /tickets/{id}/comments @param {import('../server').Ctx} ctx */
function addComment(ctx) {
	const ticket = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	const body = commentBody(ctx, true);
	const agent = apiAgent(ctx);
	const now = deskDateTime(Date.now());
	const comment = {
		id: newId(),
		content: body.content,
		contentType: body.contentType ?? 'html',
		isPublic: body.isPublic ?? false,
		commentedTime: now,
		modifiedTime: now,
		commenterId: agent ? agent.id : null,
		commenter: agent
			? { id: agent.id, name: agent.name, email: agent.emailId, type: 'AGENT' }
			: null,
		attachments: [],
	};
	commentsOf(ctx, ticket.id).push(comment);
	bump(ctx, ticket, 'commentCount', 1);
	ctx.core.countWrite('comments', comment.id);
	return { status: 200, body: comment };
}

/** @param {import('../server').Ctx} ctx */
function findComment(ctx) {
	const ticket = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	if (!ID_RE.test(ctx.params.commentId)) throw invalid('commentId', 'invalid');
	const list = commentsOf(ctx, ticket.id);
	const index = list.findIndex((c) => c.id === ctx.params.commentId);
	if (index < 0) throw DESK.notFound();
	return { ticket, list, index };
}

/** PATCH /tickets/{id}/comments/{commentId} @param {import('../server').Ctx} ctx */
function updateComment(ctx) {
	const { list, index } = findComment(ctx);
	const body = commentBody(ctx, false);
	const comment = list[index];
	comment.content = body.content;
	if (body.contentType !== undefined) comment.contentType = body.contentType;
	comment.modifiedTime = deskDateTime(Date.now());
	ctx.core.countWrite('comments', comment.id);
	return { status: 200, body: comment };
}

/** DELETE /tickets/{id}/comments/{commentId} → 204 @param {import('../server').Ctx} ctx */
function deleteComment(ctx) {
	const { ticket, list, index } = findComment(ctx);
	list.splice(index, 1);
	bump(ctx, ticket, 'commentCount', -1);
	return { status: 204 };
}

/** The `file` part of a multipart upload, within the size limit. @param {import('../server').Ctx} ctx */
function filePart(ctx) {
	const parts = parseParts(
		/** @type {Buffer} */ (ctx.rawBody),
		/** @type {string|undefined} */ (ctx.headers['content-type']),
	);
	if (!parts)
		throw deskError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request must be multipart/form-data.');
	const file = parts.find((p) => p.name === 'file' && p.fileName !== null);
	if (!file) throw invalid('file', 'missing');
	if (file.data.length > MAX_BYTES)
		throw deskError(413, 'PAYLOAD_TOO_LARGE', 'The file is larger than the allowed size.');
	if (file.data.length === 0) throw invalid('file', 'invalid', 'The file is empty.');
	return file;
}

/** An attachment record as Zoho shows it. @param {Record<string, any>} a */
const presentAttachment = (a) => {
	const { _data: _d, _mime: _m, orgId: _o, ticketId: _t, ...rest } = a;
	return rest;
};

/** POST /uploads: a file for a later reply (Desk.basic.CREATE). @param {import('../server').Ctx} ctx */
function upload(ctx) {
	const file = filePart(ctx);
	const agent = apiAgent(ctx);
	const u = {
		id: newId(),
		orgId: ctx.orgId,
		name: file.fileName,
		size: String(file.data.length),
		creatorId: agent ? agent.id : null,
		createdTime: deskDateTime(Date.now()),
		isPublic: false,
		previewurl: null,
		_mime: file.contentType,
		_data: Buffer.from(file.data),
	};
	u.href = `${ctx.baseUrl}/api/v1/uploads/${u.id}/content`;
	store(ctx, 'uploads').set(u.id, u);
	return { status: 200, body: presentAttachment(u) };
}

/** @param {import('../server').Ctx} ctx @param {string} ticketId */
const ticketAttachments = (ctx, ticketId) =>
	Array.from(store(ctx, 'attachments').values()).filter((a) => a.ticketId === ticketId);

/** GET /tickets/{id}/attachments @param {import('../server').Ctx} ctx */
function listAttachments(ctx) {
	const ticket = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	return pageOf(ctx, ticketAttachments(ctx, ticket.id).map(presentAttachment), 100);
}

/** POST /tickets/{id}/attachments?isPublic= (multipart `file`) @param {import('../server').Ctx} ctx */
function addAttachment(ctx) {
	const ticket = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	allowParams(ctx, ['isPublic']);
	const flag = ctx.query.get('isPublic');
	if (flag !== null && flag !== 'true' && flag !== 'false') throw invalid('isPublic', 'invalid');
	const file = filePart(ctx);
	const agent = apiAgent(ctx);
	const a = {
		id: newId(),
		ticketId: ticket.id,
		orgId: ctx.orgId,
		name: file.fileName,
		size: String(file.data.length),
		creatorId: agent ? agent.id : null,
		createdTime: deskDateTime(Date.now()),
		isPublic: flag === 'true',
		previewurl: null,
		_mime: file.contentType ?? 'application/octet-stream',
		_data: Buffer.from(file.data),
	};
	a.href = `${ctx.baseUrl}/api/v1/tickets/${ticket.id}/attachments/${a.id}/content`;
	store(ctx, 'attachments').set(a.id, a);
	ctx.core.countWrite('attachments', a.id);
	return { status: 200, body: presentAttachment(a) };
}

/** @param {import('../server').Ctx} ctx */
function findAttachment(ctx) {
	const ticket = findInOrg(ctx, ctx.data.desk.tickets, ctx.params.id);
	if (!ID_RE.test(ctx.params.attachmentId)) throw invalid('attachmentId', 'invalid');
	const a = store(ctx, 'attachments').get(ctx.params.attachmentId);
	if (!a || a.ticketId !== ticket.id) throw DESK.notFound();
	return a;
}

/** GET /tickets/{id}/attachments/{attachmentId}/content @param {import('../server').Ctx} ctx */
function attachmentContent(ctx) {
	const a = findAttachment(ctx);
	return {
		status: 200,
		raw: a._data,
		headers: { 'content-type': a._mime, 'content-disposition': contentDisposition(a.name) },
	};
}

/** DELETE /tickets/{id}/attachments/{attachmentId} → 204 @param {import('../server').Ctx} ctx */
function deleteAttachment(ctx) {
	const a = findAttachment(ctx);
	store(ctx, 'attachments').delete(a.id);
	return { status: 204 };
}

module.exports = {
	listThreads,
	getThread,
	sendReply,
	listComments,
	addComment,
	updateComment,
	deleteComment,
	upload,
	listAttachments,
	addAttachment,
	attachmentContent,
	deleteAttachment,
	supportAddress,
	MAX_BYTES,
};
