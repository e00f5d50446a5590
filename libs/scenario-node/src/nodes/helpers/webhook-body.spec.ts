import type { NodeContext } from '../../node/scenario-node';
import { stepEventId, templateView, webhookBody } from './webhook-body';

const context: NodeContext = {
  accountId: 3,
  scenarioId: 5,
  runId: 8,
  nodeId: 'notify',
  step: 2,
  event: { event_id: 'e1', event_name: 'signup', occurred_at: '2026-11-25T11:00:00.000Z', payload: { a: 1 } },
  person: { matching: 'email', email: 'anna@example.com' },
  profileId: 'p1',
  outputs: { join: { profile_id: 'p1' } },
  now: new Date('2026-11-25T12:00:00.000Z'),
  effectKey: 'run-8-step-2',
};

describe('webhook body', () => {
  it('derives a stable UUID-shaped event id from the effect key', () => {
    expect(stepEventId('run-8-step-2')).toBe(stepEventId('run-8-step-2'));
    expect(stepEventId('run-8-step-2')).not.toBe(stepEventId('run-8-step-3'));
    expect(stepEventId('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('writes the envelope of a hook delivery without sequence', () => {
    expect(JSON.parse(webhookBody(context, 'hello'))).toEqual({
      event_id: stepEventId('run-8-step-2'),
      event_type: 'scenario.webhook',
      occurred_at: '2026-11-25T12:00:00.000Z',
      account_id: 3,
      data: {
        scenario_id: 5,
        run_id: 8,
        node_id: 'notify',
        event: { event_id: 'e1', event_name: 'signup', payload: { a: 1 } },
        profile_id: 'p1',
        outputs: { join: { profile_id: 'p1' } },
        message: 'hello',
      },
    });
  });

  it('gives templates the event, the profile and the outputs', () => {
    const profile = { id: 'p1', email: 'anna@example.com', phone: null };
    expect(templateView(context, profile)).toEqual({ event: context.event, profile, outputs: context.outputs });
  });
});
