import { ConditionNode } from '../conditions/condition-tree';
import { OrderCondition } from '../conditions/order-condition';
import { MemberFacts, OrderFacts } from '../conditions/order-facts';

/** A tier set that holds every tier: a `member.tier` leaf that asks whether a tier is held answers yes. */
class EveryTier extends Set<string> {
  constructor() {
    super(['*']); // not empty: an empty tier set reads as "no tier" (absent)
  }

  override has(): boolean {
    return true;
  }
}

function namesTier(node: ConditionNode): boolean {
  if ('all' in node) {
    return node.all.some(namesTier);
  }
  if ('any' in node) {
    return node.any.some(namesTier);
  }
  if ('not' in node) {
    return namesTier(node.not);
  }
  return node.field === 'member.tier';
}

/** Whether a compiled condition names `member.tier`, walked once per condition (conditions live as long as their configuration). */
const namingTier = new WeakMap<OrderCondition, boolean>();

function treeNamesTier(condition: OrderCondition): boolean {
  let names = namingTier.get(condition);
  if (names === undefined) {
    names = namesTier(condition.tree);
    namingTier.set(condition, names);
  }
  return names;
}

/**
 * TIER_MISMATCH (spec rules.md §4): a tree that failed would hold if the member held every tier.
 * Only trees that name `member.tier` can mismatch on tier; a non-member is re-checked as a member
 * of 0 days, so a tree that also needs membership or seniority still reads as not met.
 */
export function isTierMismatch(condition: OrderCondition, order: OrderFacts): boolean {
  if (!treeNamesTier(condition)) {
    return false;
  }
  const member: MemberFacts = { registeredDays: 0, ...order.member, tiers: new EveryTier() };
  return condition.evaluate({ ...order, member }).matches;
}
