import { DomainError } from '../errors/domain-error';
import { bigintSum } from './bigint-math';

/**
 * Largest-remainder splits (spec rules.md §1): every split of an amount over lines or units
 * floors each proportional share, then hands the units left over one each to the largest
 * remainders, ties to the lower index (line order), so the parts always sum to the whole.
 */

function misuse(message: string): DomainError {
  return new DomainError('INTERNAL', message);
}

/** How many whole `unit`s an amount holds; a split in units of 100 hundredths keeps points whole. */
function unitsOf(total: bigint, unit: bigint): bigint {
  if (unit <= 0n || total % unit !== 0n) {
    throw misuse(`allocate: total ${total} is not a whole number of units of ${unit}`);
  }
  return total / unit;
}

/**
 * Splits `total` in proportion to non-negative `weights`. Each part is within one `unit` of its
 * exact share, and a zero weight gets nothing while any weight is positive. When every weight is
 * zero the total is split evenly (as if all weights were 1). A negative total is split as its
 * magnitude and negated. With `unit` (say 100n, one whole point in hundredths) every part is a
 * multiple of it; the total must be too.
 */
export function allocate(total: bigint, weights: readonly bigint[], unit = 1n): bigint[] {
  if (unit !== 1n) {
    return allocate(unitsOf(total, unit), weights).map((part) => part * unit);
  }
  if (weights.some((weight) => weight < 0n)) {
    throw misuse('allocate: weights must not be negative');
  }
  if (total < 0n) {
    return allocate(-total, weights).map((part) => -part);
  }
  if (weights.length === 0) {
    if (total === 0n) {
      return [];
    }
    throw misuse('allocate: cannot split a non-zero total over no parts');
  }
  const weightSum = bigintSum(weights);
  const effective = weightSum === 0n ? weights.map(() => 1n) : weights;
  const divisor = weightSum === 0n ? BigInt(weights.length) : weightSum;

  const parts = effective.map((weight) => (total * weight) / divisor);
  const remainders = effective.map((weight) => (total * weight) % divisor);
  const leftover = Number(total - bigintSum(parts)); // fewer than weights.length, so a small count
  const byRemainder = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder.slice(0, leftover)) {
    parts[index] += 1n;
  }
  return parts;
}

/**
 * Like `allocate`, but no part exceeds its cap (a magnitude, ≥ 0): a part whose share would pass its
 * cap gets the cap, and what it could not take is split again over the other parts by their
 * weights, until every part fits. Used where a unit must not drop below its floor price.
 * With `unit`, parts are multiples of it and a cap counts only its whole units.
 * Throws if the total is more than the caps can hold.
 */
export function allocateWithCaps(
  total: bigint,
  weights: readonly bigint[],
  caps: readonly bigint[],
  unit = 1n,
): bigint[] {
  if (unit !== 1n) {
    const unitCaps = caps.map((cap) => (cap < 0n ? cap : cap / unit));
    return allocateWithCaps(unitsOf(total, unit), weights, unitCaps).map((part) => part * unit);
  }
  if (weights.length !== caps.length) {
    throw misuse('allocateWithCaps: weights and caps must have the same length');
  }
  if (caps.some((cap) => cap < 0n)) {
    throw misuse('allocateWithCaps: caps must not be negative');
  }
  if (total < 0n) {
    return allocateWithCaps(-total, weights, caps).map((part) => -part);
  }
  if (total > bigintSum(caps)) {
    throw misuse(`allocateWithCaps: total ${total} is more than the caps hold (${bigintSum(caps)})`);
  }
  const parts = caps.map(() => 0n);
  let open = weights.map((_, index) => index);
  let remaining = total;
  for (;;) {
    const shares = allocate(
      remaining,
      open.map((index) => weights[index]),
    );
    const over = open.filter((index, k) => shares[k] > caps[index]);
    if (over.length === 0) {
      open.forEach((index, k) => (parts[index] = shares[k]));
      return parts;
    }
    // A part over its cap would be over it in any later round too, so all of them can be fixed at once.
    for (const index of over) {
      parts[index] = caps[index];
      remaining -= caps[index];
    }
    open = open.filter((index) => !over.includes(index));
  }
}
