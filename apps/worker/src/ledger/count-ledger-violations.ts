import { EntityManager, IsolationLevel } from '@mikro-orm/postgresql';
import { LEDGER_INVARIANTS, LedgerRule } from '@loyalty/platform';

/**
 * How many rows break each ledger invariant, every rule present. One read-only transaction, so all
 * four rules see the same snapshot (writes committed between two rules cannot pass for violations).
 */
export async function countLedgerViolations(em: EntityManager): Promise<Map<LedgerRule, number>> {
  return em.transactional(
    async (tx) => {
      const counts = new Map<LedgerRule, number>();
      for (const { rule, violationsSql } of LEDGER_INVARIANTS) {
        const [row] = await tx.execute<{ violations: string }[]>(
          `select count(*) as violations from (${violationsSql}) as broken`,
        );
        counts.set(rule, Number(row.violations));
      }
      return counts;
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
  );
}
