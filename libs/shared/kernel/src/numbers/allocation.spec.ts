import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { allocate, allocateWithCaps } from './allocation';
import { bigintSum } from './bigint-math';

describe('allocate (largest remainder)', () => {
  it('reproduces the spec examples', () => {
    // E3: 10.00 discount over units 33.33 / 33.33 / 33.33
    expect(allocate(1000n, [3333n, 3333n, 3333n])).toEqual([334n, 333n, 333n]);
    // E3: 2,000 points (20.00) over the remaining 29.99 / 30.00 / 30.00
    expect(allocate(2000n, [2999n, 3000n, 3000n])).toEqual([666n, 667n, 667n]);
    // ... and the same 2,000 points in hundredths, split in whole points
    expect(allocate(200000n, [2999n, 3000n, 3000n], 100n)).toEqual([66600n, 66700n, 66700n]);
    // E3: 6.67 over two lines of 33.33
    expect(allocate(667n, [3333n, 3333n])).toEqual([334n, 333n]);
    // E9: 12.00 over 70.00 and 50.00
    expect(allocate(1200n, [7000n, 5000n])).toEqual([700n, 500n]);
  });

  it('gives leftover units to the largest remainders, ties to the earlier line', () => {
    expect(allocate(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(allocate(11n, [1n, 1n, 1n])).toEqual([4n, 4n, 3n]);
    expect(allocate(5n, [1n, 2n])).toEqual([2n, 3n]); // 1.67 / 3.33 → remainders .67 and .33
    expect(allocate(1n, [1n, 1n, 1n, 1n])).toEqual([1n, 0n, 0n, 0n]);
  });

  it('gives nothing to zero weights while any weight is positive', () => {
    expect(allocate(7n, [0n, 3n, 0n, 1n])).toEqual([0n, 5n, 0n, 2n]);
  });

  it('splits evenly when every weight is zero', () => {
    expect(allocate(10n, [0n, 0n, 0n])).toEqual([4n, 3n, 3n]);
    expect(allocate(0n, [0n, 0n])).toEqual([0n, 0n]);
  });

  it('splits a negative total as the mirror of its magnitude', () => {
    expect(allocate(-1000n, [3333n, 3333n, 3333n])).toEqual([-334n, -333n, -333n]);
  });

  it('handles zero totals and no parts', () => {
    expect(allocate(0n, [5n, 7n])).toEqual([0n, 0n]);
    expect(allocate(0n, [])).toEqual([]);
    expect(() => allocate(1n, [])).toThrow(DomainError);
  });

  it('splits in whole units when given one', () => {
    expect(allocate(200000n, [2999n, 3000n, 3000n])).toEqual([66652n, 66674n, 66674n]);
    expect(allocate(-1000n, [1n, 1n, 1n], 100n)).toEqual([-400n, -300n, -300n]);
    expect(() => allocate(1050n, [1n, 1n], 100n)).toThrow(DomainError);
    expect(() => allocate(1000n, [1n, 1n], 0n)).toThrow(DomainError);
  });

  it('refuses negative weights', () => {
    expect(() => allocate(10n, [1n, -1n])).toThrow(DomainError);
  });

  const weights = fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 30 });
  const total = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });

  it('parts always sum to the whole', () => {
    fc.assert(
      fc.property(total, weights, (t, w) => {
        expect(bigintSum(allocate(t, w))).toBe(t);
      }),
    );
  });

  it('each part is within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        total,
        weights.filter((w) => bigintSum(w) > 0n),
        (t, w) => {
          const sum = bigintSum(w);
          allocate(t, w).forEach((part, i) => {
            const error = part * sum - t * w[i]; // (part - exact share) × sum
            expect(error < sum && error > -sum).toBe(true);
          });
        },
      ),
    );
  });

  it('parts of a non-negative total are non-negative, and their signs follow the total', () => {
    fc.assert(
      fc.property(total, weights, (t, w) => {
        for (const part of allocate(t, w)) {
          expect(t >= 0n ? part >= 0n : part <= 0n).toBe(true);
        }
      }),
    );
  });

  it('does not depend on line order except for ties', () => {
    fc.assert(
      fc.property(total, weights, (t, w) => {
        const reversed = allocate(t, [...w].reverse()).reverse();
        allocate(t, w).forEach((part, i) => {
          const diff = part - reversed[i];
          expect(diff >= -1n && diff <= 1n).toBe(true);
        });
      }),
    );
  });
});

describe('allocateWithCaps', () => {
  it('splits like allocate when no cap binds', () => {
    expect(allocateWithCaps(1000n, [3333n, 3333n, 3333n], [3333n, 3333n, 3333n])).toEqual([334n, 333n, 333n]);
  });

  it('hands what a capped part cannot take to the others, by largest remainder again', () => {
    // Unit floors leave 1.00, 50.00, 50.00 above them; 30.00 of points by weights 10/45/45.
    expect(allocateWithCaps(3000n, [1000n, 4500n, 4500n], [100n, 5000n, 5000n])).toEqual([100n, 1450n, 1450n]);
    expect(allocateWithCaps(3001n, [1000n, 4500n, 4500n], [100n, 5000n, 5000n])).toEqual([100n, 1451n, 1450n]);
    // The excess pushes a second part over its cap.
    expect(allocateWithCaps(100n, [1n, 1n, 1n], [10n, 30n, 100n])).toEqual([10n, 30n, 60n]);
  });

  it('can fill every cap exactly', () => {
    expect(allocateWithCaps(60n, [5n, 1n, 1n], [10n, 20n, 30n])).toEqual([10n, 20n, 30n]);
  });

  it('gives excess to zero-weight parts only when the weighted ones are full', () => {
    expect(allocateWithCaps(10n, [1n, 0n], [5n, 10n])).toEqual([5n, 5n]);
    expect(allocateWithCaps(4n, [1n, 0n], [5n, 10n])).toEqual([4n, 0n]);
  });

  it('splits in whole units when given one, counting only whole units of a cap', () => {
    expect(allocateWithCaps(1000n, [1n, 1n, 1n], [150n, 1000n, 1000n], 100n)).toEqual([100n, 500n, 400n]);
    expect(() => allocateWithCaps(300n, [1n, 1n], [150n, 150n], 100n)).toThrow(DomainError);
  });

  it('mirrors a negative total, caps being magnitudes', () => {
    expect(allocateWithCaps(-100n, [1n, 1n, 1n], [10n, 30n, 100n])).toEqual([-10n, -30n, -60n]);
  });

  it('refuses a total the caps cannot hold, and mismatched inputs', () => {
    expect(() => allocateWithCaps(61n, [1n, 1n], [30n, 30n])).toThrow(DomainError);
    expect(() => allocateWithCaps(10n, [1n], [10n, 10n])).toThrow(DomainError);
    expect(() => allocateWithCaps(10n, [1n, 1n], [10n, -1n])).toThrow(DomainError);
  });

  const lines = fc.array(
    fc.record({ weight: fc.bigInt({ min: 0n, max: 10n ** 7n }), cap: fc.bigInt({ min: 0n, max: 10n ** 7n }) }),
    { minLength: 1, maxLength: 20 },
  );
  const capped = lines.chain((ls) =>
    fc.tuple(fc.constant(ls), fc.bigInt({ min: 0n, max: bigintSum(ls.map((l) => l.cap)) })),
  );

  it('parts sum to the whole, are non-negative and never exceed their caps', () => {
    fc.assert(
      fc.property(capped, ([ls, total]) => {
        const parts = allocateWithCaps(
          total,
          ls.map((l) => l.weight),
          ls.map((l) => l.cap),
        );
        expect(bigintSum(parts)).toBe(total);
        parts.forEach((part, i) => {
          expect(part >= 0n && part <= ls[i].cap).toBe(true);
        });
      }),
    );
  });

  it('in whole units, parts are multiples of the unit and stay under their caps', () => {
    const inUnits = fc.tuple(lines, fc.bigInt({ min: 1n, max: 1000n })).chain(([ls, unit]) => {
      const wholeUnits = bigintSum(ls.map((l) => l.cap / unit));
      return fc.tuple(fc.constant(ls), fc.constant(unit), fc.bigInt({ min: 0n, max: wholeUnits }));
    });
    fc.assert(
      fc.property(inUnits, ([ls, unit, units]) => {
        const total = units * unit;
        const parts = allocateWithCaps(
          total,
          ls.map((l) => l.weight),
          ls.map((l) => l.cap),
          unit,
        );
        expect(bigintSum(parts)).toBe(total);
        parts.forEach((part, i) => {
          expect(part % unit).toBe(0n);
          expect(part >= 0n && part <= ls[i].cap).toBe(true);
        });
      }),
    );
  });

  it('equals allocate when caps are generous', () => {
    fc.assert(
      fc.property(lines, fc.bigInt({ min: 0n, max: 10n ** 7n }), (ls, total) => {
        const weights = ls.map((l) => l.weight);
        expect(
          allocateWithCaps(
            total,
            weights,
            weights.map(() => total),
          ),
        ).toEqual(allocate(total, weights));
      }),
    );
  });
});
