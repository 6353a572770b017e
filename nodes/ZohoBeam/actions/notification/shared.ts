/**
 * The notification (watch channel) pieces, split by concern: parameter declarations
 * (descriptions.ts), readers that check values (readers.ts) and the channel requests with
 * the normalisation of Zoho's answers (channels.ts). Import from those files; this index
 * keeps older import paths working.
 */
export * from './channels';
export * from './descriptions';
export * from './readers';
