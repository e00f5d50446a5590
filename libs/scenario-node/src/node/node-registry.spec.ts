import { NodeRegistry } from './node-registry';
import type { ScenarioNode } from './scenario-node';

const node = (code: string): ScenarioNode => ({
  code,
  description: `The ${code} node`,
  argsSchema: { type: 'object', additionalProperties: false },
  outputs: ['done'],
  runs: 'in-transaction',
  execute: async () => ({ output: 'done' }),
});

describe('NodeRegistry', () => {
  it('refuses two nodes with one code at start-up', () => {
    expect(() => new NodeRegistry([node('flow.wait'), node('notify.webhook'), node('flow.wait')])).toThrow(
      'Two scenario nodes have the code flow.wait',
    );
  });

  it('finds nodes by code and lists the catalogue sorted by code', () => {
    const registry = new NodeRegistry([node('notify.webhook'), node('flow.wait')]);
    expect(registry.find('flow.wait')?.code).toBe('flow.wait');
    expect(registry.find('flow.sleep')).toBeUndefined();
    expect(() => registry.require('flow.sleep')).toThrow('No scenario node has the code flow.sleep');
    expect(registry.catalogue()).toEqual([
      {
        code: 'flow.wait',
        description: 'The flow.wait node',
        args_schema: { type: 'object', additionalProperties: false },
        outputs: ['done'],
      },
      {
        code: 'notify.webhook',
        description: 'The notify.webhook node',
        args_schema: { type: 'object', additionalProperties: false },
        outputs: ['done'],
      },
    ]);
  });
});
