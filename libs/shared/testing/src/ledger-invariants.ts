import { LEDGER_INVARIANTS } from '@loyalty/platform';

/** Runs one SELECT and answers its rows (an entity manager's `execute`, or a `pg` client's `query(...).rows`). */
export type SqlRows = (sql: string) => Promise<any[]>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface InvariantViolation {
  rule: string;
  subject: string;
  detail: string;
}

/**
 * The ledger's invariants (`LEDGER_INVARIANTS` of the platform, which the worker's gauge runs too)
 * checked over every account. Returns the violations (none when the ledger is sound). Integration
 * and end-to-end tests run it after every test that touches the ledger.
 */
export async function findLedgerViolations(rows: SqlRows): Promise<InvariantViolation[]> {
  const violations: InvariantViolation[] = [];
  for (const { rule, violationsSql } of LEDGER_INVARIANTS) {
    const found: { subject: string; detail: string }[] = await rows(violationsSql);
    violations.push(...found.map(({ subject, detail }) => ({ rule, subject, detail })));
  }
  return violations;
}
