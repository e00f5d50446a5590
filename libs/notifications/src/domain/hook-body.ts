/** The JSON every delivery sends (spec/api.md §9), built once when the delivery is created. */
export interface HookBody {
  event_id: string;
  event_type: string;
  occurred_at: string;
  account_id: number;
  sequence: number;
  data: Record<string, unknown>;
}

export function hookBody(input: {
  eventId: string;
  eventType: string;
  occurredAt: Date;
  accountId: number;
  sequence: bigint;
  data: Record<string, unknown>;
}): string {
  const body: HookBody = {
    event_id: input.eventId,
    event_type: input.eventType,
    occurred_at: input.occurredAt.toISOString(),
    account_id: input.accountId,
    sequence: Number(input.sequence),
    data: input.data,
  };
  return JSON.stringify(body);
}

/** The sequence key of an event: its subject, or one account-wide key for events about no one. */
export const ACCOUNT_SUBJECT_KEY = 'account';

export function sequenceKey(subjectKey: string | null): string {
  return subjectKey ?? ACCOUNT_SUBJECT_KEY;
}

/** The BullMQ id of the job that wakes a delivery for the attempt after `attempts` (no `:` in ids). */
export function deliveryJobId(deliveryId: number, attempts: number): string {
  return `hook-delivery-${deliveryId}-${attempts}`;
}
