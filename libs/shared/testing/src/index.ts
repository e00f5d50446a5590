export * from './test-database';
export * from './test-redis';
export * from './test-config';
export * from './integration-context';
export * from './e2e-stack';
export { FixedClock } from '@loyalty/kernel';
export * from './rejection';
export * from './ledger-invariants';
