import { isDomainError } from '@loyalty/kernel';
import type { CategoryInput } from './catalog-item-input';
import { ancestorsOf, mergeCategories as mergeLabelled } from './category-tree';

const mergeCategories = (existing: Map<string, string | null>, inputs: CategoryInput[]) =>
  mergeLabelled(
    existing,
    inputs.map((category, index) => ({ category, path: `categories[${index}]` })),
  );

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, fields: error.details.fields };
    throw error;
  }
  throw new Error('expected a failure');
};

describe('category tree', () => {
  const existing = new Map<string, string | null>([
    ['electronics', null],
    ['phones', 'electronics'],
  ]);

  it('merges new categories and re-parents existing ones', () => {
    const merged = mergeCategories(existing, [
      { external_id: 'smartphones', name: 'Smartphones', parent_external_id: 'phones' },
      { external_id: 'phones', name: 'Phones', parent_external_id: null },
    ]);
    expect(merged.get('smartphones')).toBe('phones');
    expect(merged.get('phones')).toBeNull();
    expect(ancestorsOf('smartphones', merged)).toEqual(['smartphones', 'phones']);
  });

  it('accepts children before their parents in one call', () => {
    const merged = mergeCategories(new Map(), [
      { external_id: 'b', name: 'B', parent_external_id: 'a' },
      { external_id: 'a', name: 'A' },
    ]);
    expect(ancestorsOf('b', merged)).toEqual(['b', 'a']);
  });

  it('refuses a cycle, naming the category that closes it', () => {
    expect(
      failure(() =>
        mergeCategories(existing, [{ external_id: 'electronics', name: 'E', parent_external_id: 'phones' }]),
      ),
    ).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [
        { path: 'categories[0].parent_external_id', message: 'makes a cycle: "electronics" would be its own ancestor' },
      ],
    });
    expect(
      failure(() => mergeCategories(new Map(), [{ external_id: 'x', name: 'X', parent_external_id: 'x' }])).code,
    ).toBe('VALIDATION_FAILED');
  });

  it('refuses an unknown parent (error 18) and a category sent twice', () => {
    expect(
      failure(() => mergeCategories(existing, [{ external_id: 'y', name: 'Y', parent_external_id: 'nope' }])),
    ).toEqual({
      code: 'UNKNOWN_REFERENCE',
      fields: [{ path: 'categories[0].parent_external_id', message: 'unknown category' }],
    });
    expect(
      failure(() =>
        mergeCategories(existing, [
          { external_id: 'y', name: 'Y' },
          { external_id: 'y', name: 'Y2' },
        ]),
      ).fields,
    ).toEqual([{ path: 'categories[1].external_id', message: 'is sent twice' }]);
  });
});
