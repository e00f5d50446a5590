import { PricingInput, PricingPromotion, RejectedPromotion, RejectionReason } from './pricing-types';
import { comparePromotions } from './promotion-order';
import { DELIVERY, Slot } from './slots';
import { isTierMismatch } from './tier-recheck';

/** A promotion that may act on this cart, and where. */
export interface Candidate {
  readonly promotion: PricingPromotion;
  /** The known lines its condition picks (all known lines without a condition), ascending. */
  readonly lines: readonly number[];
  /** Where it acts: its lines, or the delivery for a `target: "delivery"` discount. */
  readonly slots: readonly Slot[];
}

export interface CandidateSelection {
  /** In arbitration order. */
  readonly candidates: readonly Candidate[];
  readonly rejected: readonly RejectedPromotion[];
}

interface CodeState {
  /** A `valid` code of the promotion's code program was sent. */
  readonly unlocked: boolean;
  /** A code of that program was sent, valid or not. */
  readonly sent: boolean;
}

function codeStateOf(promotion: PricingPromotion, input: PricingInput): CodeState {
  const programId = promotion.promoCodeProgramId;
  const codes = programId === null ? [] : input.promoCodes.filter((code) => code.programId === programId);
  return { unlocked: codes.some((code) => code.state === 'valid'), sent: codes.length > 0 };
}

function withinDates(promotion: PricingPromotion, now: Date): boolean {
  const at = now.getTime();
  return (
    (promotion.startDate === null || promotion.startDate.getTime() <= at) &&
    (promotion.endDate === null || at <= promotion.endDate.getTime())
  );
}

/**
 * Step 2 of spec rules.md §4 for one promotion: a candidate, a rejection reason, or null for an
 * inactive or out-of-date promotion that no code asked for (those are not reported). Checks run in
 * this order: active, dates, membership (points promotions), conditions, limits, code.
 */
function judge(promotion: PricingPromotion, input: PricingInput): Candidate | RejectionReason | null {
  const code = codeStateOf(promotion, input);
  if (!promotion.isActive) {
    return code.unlocked ? 'INACTIVE' : null;
  }
  if (!withinDates(promotion, input.now)) {
    return code.unlocked ? 'OUT_OF_DATES' : null;
  }
  // Points need a points account: for a buyer who is not a member a points promotion reads as
  // "conditions not met", as if every points promotion had an implicit `member.is_member` leaf.
  if (promotion.type === 'points' && input.member === null) {
    return 'CONDITIONS_NOT_MET';
  }
  const match = promotion.condition?.evaluate(input.order);
  if (match !== undefined && !match.matches) {
    return promotion.condition !== null && isTierMismatch(promotion.condition, input.order)
      ? 'TIER_MISMATCH'
      : 'CONDITIONS_NOT_MET';
  }
  const { exhausted, budgetLeft } = promotion.limits;
  if (exhausted || (budgetLeft !== null && budgetLeft <= 0n)) {
    return 'LIMIT_REACHED';
  }
  if (promotion.promoCodeProgramId !== null && !code.unlocked) {
    return code.sent ? 'CODE_INVALID' : 'CODE_MISSING';
  }
  const picked = match?.lineIndexes ?? input.lines.map((_, index) => index);
  const lines = picked.filter((index) => input.lines[index].known);
  const slots = promotion.discount?.target === 'delivery' ? [DELIVERY] : lines;
  return { promotion, lines, slots };
}

/** The checkout promotions that may act on the cart, in arbitration order, and why the others do not. */
export function selectCandidates(input: PricingInput): CandidateSelection {
  const candidates: Candidate[] = [];
  const rejected: RejectedPromotion[] = [];
  for (const promotion of [...input.promotions].sort(comparePromotions)) {
    const verdict = judge(promotion, input);
    if (typeof verdict === 'string') {
      rejected.push({ promotionId: promotion.id, externalId: promotion.externalId, reason: verdict });
    } else if (verdict !== null) {
      candidates.push(verdict);
    }
  }
  return { candidates, rejected };
}
