/** Event types written to the outbox and offered to action hooks (spec/api.md §9). */
export const EVENT_TYPES = [
  'member.registered',
  'member.deleted',
  'points.accrued',
  'points.redeemed',
  'points.activated',
  'points.expiring',
  'points.expired',
  'points.cancelled',
  'tier.changed',
  'order.committed',
  'order.canceled',
  'order.refunded',
  'promocode.activated',
  'scenario.node_failed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The outbox `subject_key` of events about a person (members, their points, tiers and orders).
 * Action hooks number a subject's events (`sequence`), so every writer must use this one key.
 */
export function personSubjectKey(profileId: string): string {
  return `profile:${profileId}`;
}
