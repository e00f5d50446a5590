import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { MinorDigits, Money } from './money';
import { Points, PointsPrecision } from './points';
import {
  floorToPrecision,
  floorToRedeemable,
  floorToStep,
  maxPointsForMoney,
  moneyForPoints,
  multiplyPoints,
  percentOf,
  percentPoints,
  perAmountPoints,
  pointsForMoney,
} from './rounding';

const rub = (text: string) => Money.parse(text, 2);
const pts = (text: string) => Points.parse(text);

describe('percentOf (discounts round half-up)', () => {
  it('reproduces the spec examples', () => {
    expect(percentOf(rub('99.99'), '10')).toBe(rub('10.00')); // E3: 9.999 → 10.00
    expect(percentOf(rub('33.33') + rub('33.33'), '10')).toBe(rub('6.67')); // E3: 6.666 → 6.67
    expect(percentOf(rub('2200.00'), '10')).toBe(rub('220.00')); // E7
    expect(percentOf(rub('105.00'), '10')).toBe(rub('10.50')); // E4
    expect(percentOf(rub('120.00'), '10')).toBe(rub('12.00')); // E9
  });

  it('rounds exactly half up and below half down', () => {
    expect(percentOf(5n, '10')).toBe(1n); // 0.5 → 1
    expect(percentOf(4n, '10')).toBe(0n); // 0.4 → 0
    expect(percentOf(15n, '10')).toBe(2n); // 1.5 → 2
    expect(percentOf(rub('10.00'), '12.5')).toBe(rub('1.25'));
    expect(percentOf(rub('0.10'), '12.5')).toBe(rub('0.01')); // 0.0125 → 0.01
    expect(percentOf(rub('0.20'), '12.5')).toBe(rub('0.03')); // 0.025 → 0.03
    expect(percentOf(rub('1.00'), '0.5')).toBe(rub('0.01')); // 0.005 → 0.01
    expect(percentOf(rub('1.00'), '0.49')).toBe(0n);
  });

  it('is symmetric for negative amounts (half away from zero)', () => {
    expect(percentOf(-5n, '10')).toBe(-1n);
    expect(percentOf(rub('-99.99'), '10')).toBe(rub('-10.00'));
  });

  it('handles 0 % and 100 %', () => {
    expect(percentOf(rub('99.99'), '0')).toBe(0n);
    expect(percentOf(rub('99.99'), '100')).toBe(rub('99.99'));
  });

  it.each(['-10', '10.001', 'ten', '', '1e1'])('refuses the percent %p', (percent) => {
    expect(() => percentOf(100n, percent)).toThrow(DomainError);
  });

  it('is the nearest minor unit to the exact value', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, p) => {
          const percent = Points.format(BigInt(p)); // any percent with 2 fraction digits
          const result = percentOf(amount, percent);
          const error = result * 10_000n - amount * BigInt(p); // in 1/10,000 of a minor unit
          expect(error <= 5_000n && error >= -5_000n).toBe(true);
          expect(percentOf(-amount, percent)).toBe(-result);
        },
      ),
    );
  });
});

describe('accrued points round down to the precision', () => {
  it('reproduces the spec examples', () => {
    // E2: 5 % of 20.00 = 1.00 → 100.00 points at 0.01
    expect(percentPoints(rub('20.00'), 2, '5', '0.01', 2)).toBe(pts('100.00'));
    expect(pointsForMoney(rub('1.00'), 2, '0.01', 2)).toBe(pts('100.00'));
    // E7: 5 % of 1,850.00 paid at point value 1.00 → 92.50; from the shop touchpoint 2,070.00 → 103.50
    expect(percentPoints(rub('1850.00'), 2, '5', '1.00', 2)).toBe(pts('92.50'));
    expect(percentPoints(rub('2070.00'), 2, '5', '1.00', 2)).toBe(pts('103.50'));
    // E3: 1 point per 1.00 of 69.99 at precision 0 → 69; per unit 23.33 → 23
    expect(perAmountPoints(rub('69.99'), rub('1.00'), pts('1'))).toBe(pts('69'));
    expect(perAmountPoints(rub('23.33'), rub('1.00'), pts('1'))).toBe(pts('23'));
    // E2: 1 point per 1.00 of paid 50.00 / discounted 80.00 / list 100.00
    expect(perAmountPoints(rub('50.00'), rub('1.00'), pts('1'))).toBe(pts('50'));
    expect(perAmountPoints(rub('80.00'), rub('1.00'), pts('1'))).toBe(pts('80'));
    // E10: 1 point per 100.00 of 100,000.00 → 1,000
    expect(perAmountPoints(rub('100000.00'), rub('100.00'), pts('1'))).toBe(pts('1000'));
  });

  it('rounds down, once, on the exact value', () => {
    // 3 % of 33.33 at 0.01 = 99.99 points exactly
    expect(percentPoints(rub('33.33'), 2, '3', '0.01', 2)).toBe(pts('99.99'));
    expect(percentPoints(rub('33.33'), 2, '3', '0.01', 0)).toBe(pts('99'));
    // 12.5 % of 0.99 at 1.00 = 0.12375 → 0.12
    expect(percentPoints(rub('0.99'), 2, '12.5', '1.00', 2)).toBe(pts('0.12'));
    // 1.99 money at 1.00 a point, precision 0 → 1 point
    expect(pointsForMoney(rub('1.99'), 2, '1.00', 0)).toBe(pts('1'));
    expect(pointsForMoney(rub('1.99'), 2, '1.00', 2)).toBe(pts('1.99'));
    // 100 yen at 3.00 a point → 33.33
    expect(pointsForMoney(100n, 0, '3', 2)).toBe(pts('33.33'));
  });

  it('multiplies points and rounds down', () => {
    expect(multiplyPoints(pts('92.50'), '2', 2)).toBe(pts('185.00'));
    expect(multiplyPoints(pts('0.05'), '1.5', 2)).toBe(pts('0.07'));
    expect(multiplyPoints(pts('23'), '1.5', 0)).toBe(pts('34'));
  });

  it('gives fixed per-amount points only for whole steps', () => {
    expect(perAmountPoints(rub('0.99'), rub('1.00'), pts('1'))).toBe(0n);
    expect(perAmountPoints(rub('250.00'), rub('100.00'), pts('2.5'))).toBe(pts('5'));
    expect(() => perAmountPoints(rub('250.00'), 0n, pts('1'))).toThrow('per: must be positive');
  });

  it('refuses a point value that is not positive', () => {
    expect(() => pointsForMoney(100n, 2, '0', 2)).toThrow('point_value: must be positive');
    expect(() => percentPoints(100n, 2, '5', '-1', 2)).toThrow('point_value: must be positive');
  });

  it('never gives more points than the money is worth, nor a point too few', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.constantFrom<MinorDigits>(0, 1, 2),
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom<PointsPrecision>(0, 2),
        (money, digits, value, precision) => {
          const pointValue = Points.format(BigInt(value));
          const points = pointsForMoney(money, digits, pointValue, precision);
          const granule = precision === 0 ? 100n : 1n;
          // points × value ≤ money < (points + granule) × value, all scaled to integers
          const moneyScaled = money * 10_000n;
          const scale = 10n ** BigInt(digits);
          expect(points % granule).toBe(0n);
          expect(points * BigInt(value) * scale <= moneyScaled).toBe(true);
          expect((points + granule) * BigInt(value) * scale > moneyScaled).toBe(true);
        },
      ),
    );
  });
});

describe('redeemed points convert to money rounding down', () => {
  it('reproduces the spec examples', () => {
    expect(moneyForPoints(pts('2000'), 2, '0.01')).toBe(rub('20.00')); // E3
    expect(moneyForPoints(pts('3000'), 2, '0.01')).toBe(rub('30.00')); // E2
    expect(moneyForPoints(pts('130'), 2, '1.00')).toBe(rub('130.00')); // E7
    expect(moneyForPoints(pts('1800'), 2, '0.01')).toBe(rub('18.00')); // E1
    expect(moneyForPoints(pts('666'), 2, '0.01')).toBe(rub('6.66'));
  });

  it('rounds down', () => {
    expect(moneyForPoints(pts('1799.10'), 2, '0.01')).toBe(rub('17.99'));
    expect(moneyForPoints(pts('0.99'), 2, '0.01')).toBe(0n);
    expect(moneyForPoints(pts('1.50'), 0, '1')).toBe(1n);
  });

  it('caps the points by money: the largest amount whose value is whole minor units', () => {
    // E1: cap 30 % of 60.00 = 18.00 → 1,800.00 points at 0.01
    expect(maxPointsForMoney(percentOf(rub('60.00'), '30'), 2, '0.01', 2)).toBe(pts('1800.00'));
    expect(maxPointsForMoney(rub('17.99'), 2, '0.01', 2)).toBe(pts('1799.00'));
    expect(maxPointsForMoney(rub('13.50'), 2, '1.00', 2)).toBe(pts('13.50'));
    expect(maxPointsForMoney(rub('13.50'), 2, '1.00', 0)).toBe(pts('13'));
    expect(maxPointsForMoney(rub('0.01'), 2, '0.50', 2)).toBe(pts('0.02'));
    expect(maxPointsForMoney(rub('0.03'), 2, '0.02', 2)).toBe(pts('1.50'));
    expect(maxPointsForMoney(7n, 0, '0.5', 2)).toBe(pts('14'));
  });

  it('follows the E1 chain: cap 17.991 → 1,799.10 → 1,799.00 → step 100 → 1,700.00', () => {
    const cap = percentPoints(rub('59.97'), 2, '30', '0.01', 2);
    expect(cap).toBe(pts('1799.10'));
    const whole = floorToRedeemable(cap, 2, '0.01', 2);
    expect(whole).toBe(pts('1799.00'));
    expect(floorToStep(whole, pts('100'))).toBe(pts('1700.00'));
  });

  it('keeps redeemable amounts whose value is already whole', () => {
    expect(floorToRedeemable(pts('130.55'), 2, '1.00', 2)).toBe(pts('130.55'));
    expect(floorToRedeemable(pts('130.55'), 2, '1.00', 0)).toBe(pts('130'));
    expect(floorToRedeemable(pts('0.03'), 2, '0.50', 2)).toBe(pts('0.02'));
  });

  it('finds the largest whole-minor-unit amount under any money cap', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.constantFrom<MinorDigits>(0, 1, 2),
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom<PointsPrecision>(0, 2),
        (cap, digits, value, precision) => {
          const pointValue = Points.format(BigInt(value));
          const points = maxPointsForMoney(cap, digits, pointValue, precision);
          const exactValue = (p: bigint) => p * BigInt(value) * 10n ** BigInt(digits); // × 10,000 minor units
          expect(exactValue(points) % 10_000n).toBe(0n);
          expect(moneyForPoints(points, digits, pointValue)).toBeLessThanOrEqual(cap);
          expect(floorToPrecision(points, precision)).toBe(points);
          // The next larger candidate (whole points, whole minor value) passes the cap.
          let next = points + 1n;
          while (exactValue(next) % 10_000n !== 0n || floorToPrecision(next, precision) !== next) {
            next += 1n;
          }
          expect(exactValue(next) / 10_000n > cap).toBe(true);
        },
      ),
    );
  });
});

describe('floorToStep and floorToPrecision', () => {
  it('round down to a multiple', () => {
    expect(floorToStep(pts('1799.00'), pts('100'))).toBe(pts('1700.00'));
    expect(floorToStep(pts('1800.00'), pts('100'))).toBe(pts('1800.00'));
    expect(floorToStep(pts('99.99'), pts('100'))).toBe(0n);
    expect(floorToStep(-150n, 100n)).toBe(-100n);
    expect(floorToPrecision(pts('69.99'), 0)).toBe(pts('69'));
    expect(floorToPrecision(pts('69.99'), 2)).toBe(pts('69.99'));
  });

  it('refuses a step that is not positive', () => {
    expect(() => floorToStep(100n, 0n)).toThrow('step: must be positive');
  });

  it('give the largest multiple not above the amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (amount, step) => {
        const result = floorToStep(amount, step);
        expect(result % step).toBe(0n);
        expect(result <= amount && amount < result + step).toBe(true);
      }),
    );
  });
});
