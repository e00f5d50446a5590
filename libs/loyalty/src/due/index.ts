export * from './due-store';
export * from './settle-due-ledgers';
export * from './expiry-notices';
