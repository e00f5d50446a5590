import { buildCategoryAncestry, categoryMembership } from './category-ancestry';

describe('buildCategoryAncestry', () => {
  it('answers each category with itself and all its ancestors, in any input order', () => {
    const ancestry = buildCategoryAncestry([
      { externalId: 'c', parentExternalId: 'b' },
      { externalId: 'a', parentExternalId: null },
      { externalId: 'b', parentExternalId: 'a' },
      { externalId: 'd', parentExternalId: 'b' },
      { externalId: 'x', parentExternalId: null },
    ]);
    expect([...(ancestry.ancestorsOf('c') ?? [])].sort()).toEqual(['a', 'b', 'c']);
    expect([...(ancestry.ancestorsOf('d') ?? [])].sort()).toEqual(['a', 'b', 'd']);
    expect([...(ancestry.ancestorsOf('a') ?? [])]).toEqual(['a']);
    expect(ancestry.ancestorsOf('nope')).toBeUndefined();
  });

  it('ends a chain at a missing parent and at a cycle', () => {
    const ancestry = buildCategoryAncestry([
      { externalId: 'orphan', parentExternalId: 'gone' },
      { externalId: 'p', parentExternalId: 'q' },
      { externalId: 'q', parentExternalId: 'p' },
    ]);
    expect([...(ancestry.ancestorsOf('orphan') ?? [])].sort()).toEqual(['gone', 'orphan']);
    expect([...(ancestry.ancestorsOf('p') ?? [])].sort()).toEqual(['p', 'q']);
    expect([...(ancestry.ancestorsOf('q') ?? [])].sort()).toEqual(['p', 'q']);
  });
});

describe('categoryMembership', () => {
  const ancestry = buildCategoryAncestry([
    { externalId: 'a', parentExternalId: null },
    { externalId: 'b', parentExternalId: 'a' },
  ]);

  it('belongs to the direct categories and their ancestors', () => {
    const membership = categoryMembership(['b', 'unknown'], ancestry);
    expect(['a', 'b', 'unknown', 'c'].map((id) => membership?.has(id))).toEqual([true, true, true, false]);
  });

  it('is absent without a category', () => {
    expect(categoryMembership([], ancestry)).toBeUndefined();
  });
});
