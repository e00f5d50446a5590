/** The ordering operators of conditions (`balance_condition`, and `flow.condition` on numbers). */
export const COMPARE_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** Whether `comparison` (-1, 0 or 1, left against right) satisfies `op`. */
export function satisfies(comparison: number, op: CompareOp): boolean {
  switch (op) {
    case 'eq':
      return comparison === 0;
    case 'ne':
      return comparison !== 0;
    case 'gt':
      return comparison > 0;
    case 'gte':
      return comparison >= 0;
    case 'lt':
      return comparison < 0;
    case 'lte':
      return comparison <= 0;
  }
}

export function compareBigints(left: bigint, right: bigint): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
