/** What `Math` does for `number`, for the `bigint` amounts of money and points. */

export function bigintAbs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

export function bigintMin(first: bigint, ...rest: bigint[]): bigint {
  return rest.reduce((least, value) => (value < least ? value : least), first);
}

export function bigintMax(first: bigint, ...rest: bigint[]): bigint {
  return rest.reduce((most, value) => (value > most ? value : most), first);
}

export function bigintSum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

/** -1, 0 or 1, for `Array.prototype.sort`. */
export function bigintCompare(a: bigint, b: bigint): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
