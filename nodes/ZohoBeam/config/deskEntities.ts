/**
 * The one table of Zoho Desk record modules (Record resource, app Desk): what each is called,
 * its tab in the web UI (deep links: `ShowHomePage.do#<tab>/dv/<id>`) and the key its
 * "move to trash" call takes (https://desk.zoho.com/DeskAPIDocument#Tickets#Tickets_MovetoTrash,
 * …#Contacts_MovetoTrash, …#Accounts_MovetoTrash, …#Tasks_MovetoTrash).
 */
export interface DeskEntityFacts {
	/** Singular, for messages ("No Desk ticket with ID …"). */
	name: string;
	/** Label in the editor's Desk Module list. */
	label: string;
	/** Tab of the Desk web UI that opens a record. */
	webTab: string;
	/** Body key of `POST /<module>/moveToTrash`. */
	trashKey: string;
}

export type DeskEntity = 'tickets' | 'contacts' | 'accounts' | 'tasks';

export const DESK_ENTITIES: Record<DeskEntity, DeskEntityFacts> = {
	tickets: { name: 'ticket', label: 'Ticket', webTab: 'Cases', trashKey: 'ticketIds' },
	contacts: { name: 'contact', label: 'Contact', webTab: 'Contacts', trashKey: 'contactIds' },
	accounts: { name: 'account', label: 'Account', webTab: 'Accounts', trashKey: 'accountIds' },
	tasks: { name: 'task', label: 'Task', webTab: 'Tasks', trashKey: 'entityIds' },
};

export const DESK_ENTITY_NAMES: readonly DeskEntity[] = [
	'tickets',
	'contacts',
	'accounts',
	'tasks',
];
