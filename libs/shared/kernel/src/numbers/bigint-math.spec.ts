import { bigintAbs, bigintCompare, bigintMax, bigintMin, bigintSum } from './bigint-math';

describe('bigint maths', () => {
  it('takes absolute values', () => {
    expect(bigintAbs(-5n)).toBe(5n);
    expect(bigintAbs(5n)).toBe(5n);
    expect(bigintAbs(0n)).toBe(0n);
  });

  it('finds the least and the most', () => {
    expect(bigintMin(3n, -1n, 2n)).toBe(-1n);
    expect(bigintMax(3n, -1n, 2n)).toBe(3n);
    expect(bigintMin(7n)).toBe(7n);
  });

  it('sums, with 0 for nothing', () => {
    expect(bigintSum([1n, 2n, -4n])).toBe(-1n);
    expect(bigintSum([])).toBe(0n);
  });

  it('compares for sorting', () => {
    expect([3n, -1n, 2n, 2n].sort(bigintCompare)).toEqual([-1n, 2n, 2n, 3n]);
    expect(bigintCompare(1n, 1n)).toBe(0);
  });
});
