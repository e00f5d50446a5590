import { validateJson } from '@loyalty/contracts';
import type { ScenarioNode } from '../node/scenario-node';
import { NodeRegistry } from '../node/node-registry';
import { BalanceConditionNode } from './balance-condition.node';
import { FlowConditionNode } from './condition.node';
import { ExpiringPointsConditionNode } from './expiring-points-condition.node';
import { ParticipationNode } from './participation.node';
import { PointsManagementNode } from './points-management.node';
import { TierConditionNode } from './tier-condition.node';
import { WaitNode } from './wait.node';
import { WebhookNode } from './webhook.node';

// Args checks need none of the nodes' collaborators.
const none = null as never;
const nodes = {
  participation: new ParticipationNode(none),
  points: new PointsManagementNode(none, none, none),
  balance: new BalanceConditionNode(none),
  tier: new TierConditionNode(none, none),
  expiring: new ExpiringPointsConditionNode(none),
  wait: new WaitNode(),
  condition: new FlowConditionNode(),
  webhook: new WebhookNode(none, none, none),
};

/** Schema problems, then checkArgs problems, as the graph validation would run them. */
function problems(node: ScenarioNode, args: Record<string, unknown>): string[] {
  const schema = validateJson(node.argsSchema, args, 'args');
  if (schema.length > 0) return schema;
  return (node.checkArgs?.(args) ?? []).map((problem) => `${problem.path}: ${problem.message}`);
}

const valid: [ScenarioNode, Record<string, unknown>][] = [
  [nodes.participation, { loyalty_program_id: 1 }],
  [nodes.points, { loyalty_program_id: 1, promotion_id: 'welcome', operation: 'accrue', amount: '10.50' }],
  [nodes.balance, { loyalty_program_id: 1, points_currency_eid: 'bonus', op: 'gte', value: 100 }],
  [nodes.tier, { tiers_group_id: 1, tier_eid: 'gold' }],
  [nodes.expiring, { loyalty_program_id: 1, points_currency_eid: 'bonus', within_days: 7 }],
  [nodes.wait, { seconds: 3600 }],
  [nodes.condition, { tree: { field: 'payload.source', op: 'eq', value: 'app' } }],
  [nodes.webhook, { url: 'https://example.com/hook', template: 'Hi {{profile.email}}' }],
];

describe('node args', () => {
  it('lists eight nodes with distinct codes and the outputs of rules.md §8', () => {
    const catalogue = new NodeRegistry(Object.values(nodes)).catalogue();
    expect(catalogue.map((entry) => [entry.code, entry.outputs])).toEqual([
      ['flow.condition', ['true', 'false']],
      ['flow.wait', ['done']],
      ['loyalty.balance_condition', ['true', 'false']],
      ['loyalty.expiring_points_condition', ['true', 'false']],
      ['loyalty.participation', ['joined', 'already_member', 'error']],
      ['loyalty.points_management', ['success', 'insufficient_points', 'limit_reached', 'not_a_member', 'error']],
      ['loyalty.tier_condition', ['true', 'false']],
      ['notify.webhook', ['sent', 'failed']],
    ]);
    expect(nodes.wait.waits).toBe(true);
    expect(Object.values(nodes).filter((node) => node.runs === 'outside-transaction')).toEqual([nodes.webhook]);
  });

  it.each(valid.map(([node, args]) => [node.code, node, args] as const))(
    '%s accepts valid args',
    (_code, node, args) => {
      expect(problems(node, args)).toEqual([]);
    },
  );

  it.each(valid.map(([node, args]) => [node.code, node, args] as const))(
    '%s rejects an unknown field',
    (_code, node, args) => {
      expect(node.argsSchema.additionalProperties).toBe(false);
      expect(problems(node, { ...args, extra: 1 })).toEqual(['args.extra: is not allowed']);
    },
  );

  it('checks points amounts: at most 2 decimals, positive where an amount is given', () => {
    const base = { loyalty_program_id: 1, promotion_id: 7, operation: 'redeem' };
    expect(problems(nodes.points, { ...base, amount: '1.005' })).toEqual([
      'args.amount: does not match ^-?(0|[1-9][0-9]*)(\\.[0-9]{1,2})?$',
    ]);
    expect(problems(nodes.points, { ...base, amount: 1.005 })).toEqual(['amount: must have at most 2 fraction digits']);
    expect(problems(nodes.points, { ...base, amount: '0' })).toEqual(['amount: must be greater than 0']);
    expect(problems(nodes.points, { ...base, expiration_days: 30 })).toEqual([
      'expiration_days: applies to accrue only',
    ]);
    expect(problems(nodes.points, { ...base, operation: 'transfer' })).toEqual([
      'args.operation: is not one of accrue, redeem',
    ]);
    expect(problems(nodes.expiring, { ...valid[4][1], min_amount: 0 })).toEqual(['min_amount: must be greater than 0']);
    expect(problems(nodes.balance, { ...valid[2][1], value: '-5' })).toEqual([]);
  });

  it('checks webhook targets and templates', () => {
    expect(problems(nodes.webhook, {})).toEqual(['hook_id: exactly one of hook_id and url is required']);
    expect(problems(nodes.webhook, { hook_id: 1, url: 'https://example.com' })).toEqual([
      'hook_id: exactly one of hook_id and url is required',
    ]);
    expect(problems(nodes.webhook, { url: 'ftp://example.com' })).toEqual(['url: must be an http or https URL']);
    expect(problems(nodes.webhook, { hook_id: 3, template: '{{#a}}' })).toEqual([
      expect.stringMatching(/^template: Unclosed section "a"/),
    ]);
  });

  it('checks wait and condition args', () => {
    expect(problems(nodes.wait, { seconds: 0 })).toEqual(['args.seconds: is below 1']);
    expect(problems(nodes.wait, { seconds: 10, until: '2026-01-01T00:00:00Z' })).toEqual([
      'seconds: exactly one of seconds and until is required',
    ]);
    expect(problems(nodes.condition, { tree: { field: 'payload.x', op: 'near', value: 1 } })).toEqual([
      'tree.op: must be one of eq, ne, in, not_in, gt, gte, lt, lte, contains, exists',
    ]);
  });
});
