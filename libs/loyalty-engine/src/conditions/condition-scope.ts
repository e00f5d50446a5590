import { DomainError } from '@loyalty/kernel';
import { ConditionField } from './condition-field';
import { customFieldCondition, CustomFieldFamily } from './custom-field-condition';
import { CustomFieldTypeLookup } from './custom-field-types';

/** The fields leaves may name over one kind of facts (`Ctx`): a catalog item, an order. */
export interface ConditionScope<Ctx> {
  readonly fields: ReadonlyMap<string, ConditionField<Ctx>>;
  readonly customFieldFamilies: readonly CustomFieldFamily<Ctx>[];
}

/** The field `code` names, or a validation error at `path` (the leaf's `field`). */
export function resolveField<Ctx>(
  scope: ConditionScope<Ctx>,
  code: string,
  customFieldType: CustomFieldTypeLookup,
  path: string,
): ConditionField<Ctx> {
  const field = scope.fields.get(code);
  if (field !== undefined) {
    return field;
  }
  const family = scope.customFieldFamilies.find((candidate) => code.startsWith(candidate.prefix));
  if (family === undefined) {
    throw DomainError.invalid(path, `unknown field "${code}"`);
  }
  const id = code.slice(family.prefix.length);
  const type = id === '' ? undefined : customFieldType(family.entity, id);
  if (type === undefined) {
    throw DomainError.invalid(path, `unknown ${family.entity} custom field "${id}"`);
  }
  return customFieldCondition(family, id, type);
}
