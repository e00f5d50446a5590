import { DomainError, MinorDigits, Money } from '@loyalty/kernel';
import { AccrualBase, AccrualEffect, AccrualKind } from '../pricing-types';
import { ACCRUAL_KINDS } from './accrual-registry';
import { isAbsent, readChoice, readDecimalText, readObject } from './raw-fields';

/** A points promotion's `accrual` block as the API sends and returns it. */
export type AccrualEffectView = {
  kind: AccrualKind;
  value: string;
  per: string | null;
  base: AccrualBase;
  points_currency_eid: string;
};

const BASES: readonly AccrualBase[] = ['paid', 'discounted', 'list'];

/**
 * Checks an `accrual` block when a promotion is saved (spec api.md §6): `value` is a percent in
 * (0, 100] for `percent`, a factor ≥ 1 for `multiplier`, and a positive number of points otherwise;
 * `per` (a positive amount) is required for `per_amount` and refused for the other kinds; `base`
 * defaults to `paid`; `points_currency_eid` must name one of the program's currencies (error 18).
 */
export function parseAccrualEffect(
  raw: unknown,
  minorDigits: MinorDigits,
  currencyEids: ReadonlySet<string>,
  path = 'accrual',
): AccrualEffect {
  const block = readObject(raw, path, ['kind', 'value', 'per', 'base', 'points_currency_eid']);
  const kind = readChoice(block['kind'], ACCRUAL_KINDS.codes, `${path}.kind`);
  const definition = ACCRUAL_KINDS.get(kind);
  const value = definition.parseValue(readDecimalText(block['value'], `${path}.value`), `${path}.value`);
  const per = readPer(block['per'], definition.needsPer, minorDigits, `${path}.per`);
  const base = isAbsent(block['base']) ? 'paid' : readChoice(block['base'], BASES, `${path}.base`);
  const eid = block['points_currency_eid'];
  const eidPath = `${path}.points_currency_eid`;
  if (typeof eid !== 'string' || eid.length === 0) {
    throw DomainError.invalid(eidPath, 'is required');
  }
  if (!currencyEids.has(eid)) {
    throw DomainError.unknownReference(eidPath, `no points currency "${eid}" in this program`);
  }
  return { kind, value, per, base, points_currency_eid: eid };
}

function readPer(raw: unknown, needed: boolean, minorDigits: MinorDigits, path: string): bigint | null {
  if (!needed) {
    if (!isAbsent(raw)) {
      throw DomainError.invalid(path, 'is only for kind "per_amount"');
    }
    return null;
  }
  const per = Money.parse(readDecimalText(raw, path), minorDigits, path);
  if (per <= 0n) {
    throw DomainError.invalid(path, 'must be positive');
  }
  return per;
}

export function accrualEffectView(effect: AccrualEffect, minorDigits: MinorDigits): AccrualEffectView {
  return {
    kind: effect.kind,
    value: effect.value,
    per: effect.per === null ? null : Money.format(effect.per, minorDigits),
    base: effect.base,
    points_currency_eid: effect.points_currency_eid,
  };
}
