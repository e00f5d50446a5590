import { ConditionOp } from './condition-tree';
import { ValueKind } from './value-kind';

/** A compiled condition over the facts of one scope (`Ctx`). */
export type Predicate<Ctx> = (context: Ctx) => boolean;

/** A field a leaf may name: its code, the ops it allows and how a leaf on it compiles. */
export interface ConditionField<Ctx> {
  readonly code: string;
  readonly ops: readonly ConditionOp[];
  /** A leaf on a line field makes its tree a line condition (order scope). */
  readonly isLineField: boolean;
  /** Checks the leaf's value (errors name `valuePath`) and returns its predicate. */
  compile(op: ConditionOp, value: unknown, valuePath: string): Predicate<Ctx>;
}

export interface FieldOptions {
  readonly isLineField?: boolean;
}

/** A field whose value `read` takes from the facts and a `kind` tests; `undefined` is absent. */
export function defineField<Ctx, V>(
  code: string,
  kind: ValueKind<V>,
  read: (context: Ctx) => V | undefined,
  options: FieldOptions = {},
): ConditionField<Ctx> {
  return {
    code,
    ops: kind.ops,
    isLineField: options.isLineField ?? false,
    compile(op, value, valuePath) {
      const test = kind.compile(op, value, valuePath);
      return (context) => test(read(context));
    },
  };
}

/** A scope's fields by code, for a registry. */
export function fieldsByCode<Ctx>(fields: readonly ConditionField<Ctx>[]): ReadonlyMap<string, ConditionField<Ctx>> {
  return new Map(fields.map((field) => [field.code, field]));
}
