/**
 * The case (Desk ticket) pieces, split by concern: parameter declarations (descriptions.ts),
 * readers that check values (readers.ts) and shared Desk calls (requests.ts). Import from
 * those files; this index keeps older import paths working.
 */
export * from './descriptions';
export * from './readers';
export * from './requests';
