import { createHash } from 'node:crypto';
import type { NodeContext } from '../../node/scenario-node';

export const SCENARIO_WEBHOOK_EVENT = 'scenario.webhook';

/** The profile a message names, as templates and receivers see it. */
export interface MessageProfile {
  id: string;
  email: string | null;
  phone: string | null;
}

/**
 * The `event_id` of a step's message: a UUID made from the step's effect key, so every attempt of
 * the same step sends the same id and a receiver can drop repeats.
 */
export function stepEventId(effectKey: string): string {
  const hex = createHash('sha256').update(`scenario.webhook:${effectKey}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The JSON body `notify.webhook` posts (spec/api.md §9's envelope without `sequence`). */
export function webhookBody(context: NodeContext, message: string | null): string {
  const { event } = context;
  return JSON.stringify({
    event_id: stepEventId(context.effectKey),
    event_type: SCENARIO_WEBHOOK_EVENT,
    occurred_at: context.now.toISOString(),
    account_id: context.accountId,
    data: {
      scenario_id: context.scenarioId,
      run_id: context.runId,
      node_id: context.nodeId,
      event: { event_id: event.event_id, event_name: event.event_name, payload: event.payload },
      profile_id: context.profileId,
      outputs: context.outputs,
      message,
    },
  });
}

/** What templates read: the event, the profile (null when unknown) and earlier nodes' data by node id. */
export function templateView(context: NodeContext, profile: MessageProfile | null): Record<string, unknown> {
  return { event: context.event, profile, outputs: context.outputs };
}
