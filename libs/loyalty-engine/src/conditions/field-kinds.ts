import { ConditionOp } from './condition-tree';
import { Membership } from './membership';
import { membershipKind } from './membership-kind';
import { integerReader, readBoolean, readDecimal, readSegmentId, readText } from './operand-readers';
import { scalarKind } from './scalar-kinds';
import { ValueKind } from './value-kind';

/* The value kinds the fields of both scopes use; lists and dates have their own files. */

const COMPARING_OPS: readonly ConditionOp[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in'];
const ORDERED_OPS: readonly ConditionOp[] = [...COMPARING_OPS, 'exists'];

/** External ids and codes: compared whole. */
export const identityKind: ValueKind<string> = scalarKind(['eq', 'ne', 'in', 'not_in', 'exists'], readText);

/** Free text (names, string custom fields): also `contains` a substring, case-sensitive. */
export const textKind: ValueKind<string> = scalarKind(['eq', 'ne', 'in', 'not_in', 'contains', 'exists'], readText);

/** Money and float custom fields: decimal strings in leaves, `bigint` hundredths in facts. */
export const decimalKind: ValueKind<bigint> = scalarKind(ORDERED_OPS, readDecimal);

export const integerKind: ValueKind<number> = scalarKind(ORDERED_OPS, integerReader());

export const booleanKind: ValueKind<boolean> = scalarKind(['eq', 'ne', 'exists'], readBoolean);

/** ISO weekday, 1 = Monday .. 7 = Sunday; always known, so no `exists`. */
export const weekdayKind: ValueKind<number> = scalarKind(COMPARING_OPS, integerReader({ min: 1, max: 7 }));

export const hourKind: ValueKind<number> = scalarKind(COMPARING_OPS, integerReader({ min: 0, max: 23 }));

/** Categories (with their sub-categories) and tiers, by external id. */
export const externalIdMembershipKind: ValueKind<Membership<string>> = membershipKind(
  ['eq', 'ne', 'in', 'not_in', 'exists'],
  readText,
);

/** Product and order segments, by id; the facts always answer, so no `exists`. */
export const segmentKind: ValueKind<Membership<number>> = membershipKind(['eq', 'ne', 'in', 'not_in'], readSegmentId);
