import { isDomainError } from '@loyalty/kernel';
import { rejectionOf } from '@loyalty/testing';
import type { GraphEdge, GraphNode } from '../graph/scenario-graph';
import { createScenarioWorld, ScenarioWorld } from '../test-support/scenario-world';
import { CreateScenario } from './create-scenario.use-case';
import { GetScenario } from './get-scenario.use-case';
import { UpdateScenario } from './update-scenario.use-case';

/** api.md §1: a reference inside the body that does not exist answers 400 UNKNOWN_REFERENCE, and nothing is written. */
describe('scenario references are checked against the account when saved (real PostgreSQL)', () => {
  let world: ScenarioWorld;
  let programId: number;
  let promotionId: number;
  let groupId: number;
  let liveHook: number;
  let deletedHook: number;

  beforeAll(async () => {
    world = await createScenarioWorld('scenario-references');
    programId = world.program.id;
    const bonus = await world.currency({ externalId: 'bonus' });
    promotionId = (await world.triggerPromotion({ externalId: 'form', accrual: [{ points_currency_eid: 'bonus' }] }))
      .id;
    groupId = await world.tierGroup((await world.currency({ externalId: 'qp', type: 'qualification' })).id, [
      ['bronze', '0'],
      ['silver', '1000'],
    ]);
    expect(bonus.externalId).toBe('bonus');
    liveHook = await world.hook('http://127.0.0.1:9/live', 'secret-live');
    deletedHook = await world.hook('http://127.0.0.1:9/gone', 'secret-gone', true);
  });

  afterAll(() => world.close());

  const create = (nodes: GraphNode[], edges: GraphEdge[] = []) =>
    world.as(() =>
      world.ctx.get(CreateScenario).execute({ name: 'References', trigger: { event_name: 'refs' }, nodes, edges }),
    );
  const count = async () =>
    Number((await world.ctx.em().execute('select count(*) as count from scenarios'))[0]['count'] as string);

  it('names every missing program, promotion, currency, tier group and hook at its path, and writes nothing', async () => {
    const before = await count();
    const rejected = await rejectionOf(
      create(
        [
          { id: 'join', code: 'loyalty.participation', args: { loyalty_program_id: 999_999 } },
          {
            id: 'give',
            code: 'loyalty.points_management',
            args: {
              loyalty_program_id: programId,
              promotion_id: 'nope',
              operation: 'accrue',
              points_currency_eid: 'gold',
            },
          },
          { id: 'tier', code: 'loyalty.tier_condition', args: { tiers_group_id: 999_999, tier_eid: 'silver' } },
          { id: 'tell', code: 'notify.webhook', args: { hook_id: deletedHook } },
        ],
        [
          { from: 'join', output: 'joined', to: 'give' },
          { from: 'give', output: 'success', to: 'tier' },
          { from: 'tier', output: 'true', to: 'tell' },
        ],
      ),
    );
    expect(isDomainError(rejected) && [rejected.code, rejected.details?.fields]).toEqual([
      'UNKNOWN_REFERENCE',
      [
        {
          path: 'nodes[0].args.loyalty_program_id',
          message: 'node "join" (nodes[0]): loyalty program 999999 does not exist',
        },
        {
          path: 'nodes[1].args.promotion_id',
          message: `node "give" (nodes[1]): promotion "nope" does not exist in loyalty program ${programId}`,
        },
        {
          path: 'nodes[1].args.points_currency_eid',
          message: `node "give" (nodes[1]): points currency "gold" does not exist in loyalty program ${programId}`,
        },
        { path: 'nodes[2].args.tiers_group_id', message: 'node "tier" (nodes[2]): tier group 999999 does not exist' },
        { path: 'nodes[3].args.hook_id', message: `node "tell" (nodes[3]): hook ${deletedHook} does not exist` },
      ],
    ]);
    expect(await count()).toBe(before);
  });

  it('saves a graph whose references exist; an update naming a missing one changes nothing', async () => {
    const nodes: GraphNode[] = [
      {
        id: 'give',
        code: 'loyalty.points_management',
        args: { loyalty_program_id: programId, promotion_id: promotionId, operation: 'accrue' },
      },
    ];
    const { scenarioId } = await create([
      ...nodes.map((node) => ({ ...node, args: { ...node.args, promotion_id: 'form' } })),
    ]);
    await world.as(() =>
      world.ctx.get(UpdateScenario).execute(scenarioId, {
        nodes: [
          ...nodes,
          { id: 'tier', code: 'loyalty.tier_condition', args: { tiers_group_id: groupId, tier_eid: 'silver' } },
        ],
        edges: [{ from: 'give', output: 'success', to: 'tier' }],
      }),
    );
    const rejected = await rejectionOf(
      world.as(() =>
        world.ctx.get(UpdateScenario).execute(scenarioId, {
          nodes: [{ id: 'tell', code: 'notify.webhook', args: { hook_id: liveHook + 1000 } }],
          edges: [],
        }),
      ),
    );
    expect(isDomainError(rejected) && rejected.code).toBe('UNKNOWN_REFERENCE');
    const saved = await world.as(() => world.ctx.get(GetScenario).execute(scenarioId));
    expect([saved.version, saved.nodes.map((node) => node.id)]).toEqual([2, ['give', 'tier']]);
  });
});
