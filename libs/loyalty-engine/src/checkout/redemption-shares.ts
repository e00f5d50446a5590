import { parseDecimal } from '@loyalty/kernel';
import { ArbitrationStep } from './arbitration';
import { PricingInput, PricingPartner } from './pricing-types';

/** How much of a line points may pay for. */
export interface LineShare {
  /** False when the line's partner forbids redemption: the line is left out of every redemption limit. */
  readonly eligible: boolean;
  /** The share cap on the line in hundredths of a percent (3000 = 30 %). */
  readonly percent: bigint;
  /** The points promotion whose `redemption` block set `percent`, or null for the program's. */
  readonly setBy: number | null;
}

/**
 * The redemption share of each line (spec rules.md §4 step 4): the program's `max_share_percent`,
 * or on the lines of a points promotion with a `redemption` block, that block's (the highest when
 * several promotions have one there, the earlier in arbitration order on a tie).
 */
export function redemptionShares(
  input: PricingInput,
  partners: readonly (PricingPartner | null)[],
  steps: readonly ArbitrationStep[],
): LineShare[] {
  const programShare = parseDecimal(input.program.redemption.maxSharePercent, 2, 'max_share_percent');
  const overrides = new Map<number, { percent: bigint; promotionId: number }>();
  for (const { candidate, slots } of steps) {
    const override = candidate.promotion.redemption;
    if (candidate.promotion.type !== 'points' || override === null) {
      continue;
    }
    const percent = parseDecimal(override.maxSharePercent, 2, 'max_share_percent');
    for (const line of slots) {
      const current = overrides.get(line);
      if (current === undefined || percent > current.percent) {
        overrides.set(line, { percent, promotionId: candidate.promotion.id });
      }
    }
  }
  return input.lines.map((_, line) => {
    const override = overrides.get(line);
    return {
      eligible: partners[line]?.terms.redemptionAllowed !== false,
      percent: override?.percent ?? programShare,
      setBy: override?.promotionId ?? null,
    };
  });
}
