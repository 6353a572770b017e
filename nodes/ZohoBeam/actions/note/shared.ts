import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CrmLinker } from '../../helpers/links';
import { crmLinker } from '../../helpers/links';
import { inputError, toCleanText, toModuleName } from '../../helpers/validation';
import type { ZohoSession } from '../../transport/session';

/** Parameters and readers the note (CRM Notes) operations share. */

/** Fields asked for when listing notes (v8 wants an explicit list). */
export const NOTE_FIELDS =
	'Note_Title,Note_Content,Parent_Id,Owner,Created_By,Created_Time,Modified_By,Modified_Time';

/** Zoho's Note_Content is a text area of up to 32,000 characters; a title up to 120 (field metadata of Notes). */
export const MAX_NOTE_CONTENT = 32000;
export const MAX_NOTE_TITLE = 120;

export const noteIdParameter: INodeProperties = {
	displayName: 'Note ID',
	name: 'noteId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5725767000000612001',
	description: 'ID of the note (from Get Many or Create)',
};

export const titleParameter = (description: string): INodeProperties => ({
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
	placeholder: 'e.g. Call summary',
	description,
});

export const contentParameter = (description: string, required: boolean): INodeProperties => ({
	displayName: 'Content',
	name: 'content',
	type: 'string',
	typeOptions: { rows: 4 },
	required,
	default: '',
	placeholder: 'e.g. Customer asked for a quote for 20 seats.',
	description,
});

export function readTitle(fn: IExecuteFunctions, itemIndex: number): string {
	return toCleanText(
		fn.getNode(),
		itemIndex,
		fn.getNodeParameter('title', itemIndex, ''),
		'title',
		{ maxLength: MAX_NOTE_TITLE, required: false },
	);
}

export function readNoteContent(
	fn: IExecuteFunctions,
	itemIndex: number,
	required: boolean,
): string {
	const node = fn.getNode();
	const text = toCleanText(
		node,
		itemIndex,
		fn.getNodeParameter('content', itemIndex, ''),
		'content',
		{ maxLength: MAX_NOTE_CONTENT, required: false },
	);
	if (required && text === '')
		throw inputError(
			node,
			itemIndex,
			`"content" of item ${itemIndex} is empty`,
			'Zoho CRM refuses a note without content; map or type the text.',
		);
	return text;
}

/**
 * Links notes to their parent records (a note has no page of its own), one linker per parent
 * module, resolved once.
 */
export function parentLinks(
	session: ZohoSession,
): (note: IDataObject) => Promise<string | undefined> {
	const linkers = new Map<string, Promise<CrmLinker>>();
	return async (note) => {
		const parent = (note.Parent_Id ?? {}) as IDataObject;
		const moduleInfo = (parent.module ?? note.$se_module ?? note.se_module) as
			| IDataObject
			| string
			| undefined;
		const apiName = typeof moduleInfo === 'string' ? moduleInfo : moduleInfo?.api_name;
		if (typeof apiName !== 'string' || parent.id === undefined) return undefined;
		let module: string;
		try {
			module = toModuleName(session.node, 0, apiName);
		} catch {
			return undefined;
		}
		let linker = linkers.get(module);
		if (!linker) {
			linker = crmLinker(session, module);
			linkers.set(module, linker);
		}
		return (await linker)(parent.id);
	};
}

/** A note as an output item: `id` and `deepLink` (its parent record) first. */
export function noteItem(note: IDataObject, deepLink: string | undefined): IDataObject {
	const { id, ...rest } = note;
	return { id, deepLink, ...rest };
}
