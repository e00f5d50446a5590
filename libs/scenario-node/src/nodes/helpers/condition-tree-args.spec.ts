import { conditionTreeProblems } from './condition-tree-args';

describe('conditionTreeProblems', () => {
  it('accepts a well-formed tree', () => {
    expect(
      conditionTreeProblems({
        all: [
          { field: 'payload.source', op: 'in', value: ['app', 'web'] },
          { not: { field: 'event_name', op: 'eq', value: 'x' } },
          {
            any: [
              { field: 'payload.total', op: 'gte', value: '100.00' },
              { field: 'payload.a', op: 'exists', value: true },
            ],
          },
        ],
      }),
    ).toEqual([]);
  });

  it('names every problem at its path', () => {
    expect(
      conditionTreeProblems({
        all: [
          { field: 'order.total', op: 'gt', value: 'lots' },
          { field: 'payload.x', op: 'like', value: 'a' },
          { field: 'payload..x', op: 'exists', value: 'yes' },
          { field: 'payload.x', op: 'in', value: [] },
          { field: 'payload.x', op: 'eq' },
          { any: [] },
          { not: { field: 'payload.x', op: 'eq', value: 1 }, extra: 1 },
          'leaf',
        ],
      }),
    ).toEqual([
      { path: 'tree.all[0].field', message: 'must be event_id, event_name or a dotted path under payload' },
      { path: 'tree.all[0].value', message: 'must be a number or a decimal string such as "100.00"' },
      { path: 'tree.all[1].op', message: 'must be one of eq, ne, in, not_in, gt, gte, lt, lte, contains, exists' },
      { path: 'tree.all[2].field', message: 'must be event_id, event_name or a dotted path under payload' },
      { path: 'tree.all[2].value', message: 'must be true or false' },
      { path: 'tree.all[3].value', message: 'must be a non-empty array' },
      { path: 'tree.all[4].value', message: 'is required' },
      { path: 'tree.all[5].any', message: 'must be a non-empty array of conditions' },
      { path: 'tree.all[6].extra', message: 'is not allowed in a "not" node' },
      { path: 'tree.all[7]', message: expect.stringContaining('must be {"all"') },
    ]);
  });

  it('refuses more than 10 levels and more than 200 nodes', () => {
    let deep: unknown = { field: 'payload.x', op: 'exists', value: true };
    for (let level = 0; level < 10; level += 1) deep = { not: deep };
    expect(conditionTreeProblems(deep)).toEqual([
      { path: `tree${'.not'.repeat(10)}`, message: 'nests deeper than 10 levels' },
    ]);
    const leaves = Array.from({ length: 200 }, () => ({ field: 'payload.x', op: 'exists', value: true }));
    expect(conditionTreeProblems({ all: leaves })).toEqual([{ path: 'tree', message: 'must have at most 200 nodes' }]);
    expect(conditionTreeProblems({ all: leaves.slice(1) })).toEqual([]);
  });
});
