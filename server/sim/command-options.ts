// Kept for older import paths: the choices now live with the command specs in server/protocol/commands/options.ts.
export * from '../protocol/commands/options.ts';
