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
