import type { ScenarioGraph } from '../graph/scenario-graph';
import { stepTransition } from './step-transition';

const graph: ScenarioGraph = {
  nodes: [
    { id: 'check', code: 'flow.condition', args: {} },
    { id: 'nap', code: 'flow.wait', args: {} },
    { id: 'give', code: 'loyalty.points_management', args: {} },
  ],
  edges: [
    { from: 'check', output: 'true', to: 'nap' },
    { from: 'nap', output: 'done', to: 'give' },
  ],
};
const NOW = new Date('2026-03-15T10:00:00.000Z');

describe('stepTransition', () => {
  it('follows the edge of the output to the next step', () => {
    expect(stepTransition(graph, 'check', 1, { output: 'true' }, NOW)).toEqual({
      status: 'running',
      nextNode: 'nap',
      nextStep: 2,
      wakeAt: null,
      finishedAt: null,
      wake: { step: 2, at: null },
    });
  });

  it('ends the run when the output has no edge', () => {
    expect(stepTransition(graph, 'check', 1, { output: 'false' }, NOW)).toEqual({
      status: 'completed',
      nextNode: null,
      nextStep: 2,
      wakeAt: null,
      finishedAt: NOW,
      wake: null,
    });
  });

  it('sleeps until a later wake-up, then goes on to the edge of the output', () => {
    const wakeAt = new Date(NOW.getTime() + 2_000);
    expect(stepTransition(graph, 'nap', 2, { output: 'done', wakeAt }, NOW)).toEqual({
      status: 'waiting',
      nextNode: 'give',
      nextStep: 3,
      wakeAt,
      finishedAt: null,
      wake: { step: 3, at: wakeAt },
    });
  });

  it('does not sleep for a wake-up that is already due', () => {
    expect(stepTransition(graph, 'nap', 2, { output: 'done', wakeAt: NOW }, NOW).status).toBe('running');
  });
});
