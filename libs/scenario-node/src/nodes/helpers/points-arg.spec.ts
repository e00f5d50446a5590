import { compareBigints, satisfies } from './compare-op';
import { pointsArg, pointsArgProblem } from './points-arg';

describe('points args', () => {
  it('reads decimal strings and numbers as hundredths', () => {
    expect(pointsArg('100.5', 'value')).toBe(10050n);
    expect(pointsArg(0.07, 'value')).toBe(7n);
    expect(pointsArg(1100, 'value')).toBe(110000n);
  });

  it('names the problem at its path', () => {
    expect(pointsArgProblem('1.001', 'value', false)).toEqual({
      path: 'value',
      message: 'must have at most 2 fraction digits',
    });
    expect(pointsArgProblem(-1, 'amount', true)).toEqual({ path: 'amount', message: 'must be greater than 0' });
    expect(pointsArgProblem(true, 'amount', true)).toEqual({ path: 'amount', message: 'must be a decimal amount' });
    expect(pointsArgProblem('0', 'value', false)).toBeNull();
  });

  it.each([
    ['eq', [false, true, false]],
    ['ne', [true, false, true]],
    ['gt', [false, false, true]],
    ['gte', [false, true, true]],
    ['lt', [true, false, false]],
    ['lte', [true, true, false]],
  ] as const)('%s against 100 for 99.99, 100, 100.01', (op, expected) => {
    expect([9999n, 10000n, 10001n].map((balance) => satisfies(compareBigints(balance, 10000n), op))).toEqual(expected);
  });
});
