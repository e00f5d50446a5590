import { ConditionField, defineField } from './condition-field';
import { CustomFieldEntity, CustomFieldFact, CustomFieldFacts, CustomFieldValueType } from './custom-field-types';
import { booleanKind, decimalKind, integerKind, textKind } from './field-kinds';
import { dateKind } from './date-kind';
import { listKind } from './list-kind';

/** The fields `<prefix><id>` of one entity's custom fields, e.g. `line.custom_fields.<id>`. */
export interface CustomFieldFamily<Ctx> {
  readonly prefix: string;
  readonly entity: CustomFieldEntity;
  readonly isLineField: boolean;
  facts(context: Ctx): CustomFieldFacts | undefined;
}

/**
 * The field for custom field `id` of declared `type`. A fact whose representation does not match
 * the type (see `CustomFieldFact`) reads as absent.
 */
export function customFieldCondition<Ctx>(
  family: CustomFieldFamily<Ctx>,
  id: string,
  type: CustomFieldValueType,
): ConditionField<Ctx> {
  const code = family.prefix + id;
  const fact = (context: Ctx): CustomFieldFact | undefined => family.facts(context)?.get(id);
  const options = { isLineField: family.isLineField };
  switch (type) {
    case 'int':
      return defineField(code, integerKind, (context: Ctx) => numberFact(fact(context)), options);
    case 'date':
      return defineField(code, dateKind, (context: Ctx) => numberFact(fact(context)), options);
    case 'float':
      return defineField(code, decimalKind, (context: Ctx) => bigintFact(fact(context)), options);
    case 'string':
      return defineField(code, textKind, (context: Ctx) => stringFact(fact(context)), options);
    case 'bool':
      return defineField(code, booleanKind, (context: Ctx) => booleanFact(fact(context)), options);
    case 'list':
      return defineField(code, listKind, (context: Ctx) => listFact(fact(context)), options);
  }
}

const numberFact = (fact: CustomFieldFact | undefined) => (typeof fact === 'number' ? fact : undefined);
const bigintFact = (fact: CustomFieldFact | undefined) => (typeof fact === 'bigint' ? fact : undefined);
const stringFact = (fact: CustomFieldFact | undefined) => (typeof fact === 'string' ? fact : undefined);
const booleanFact = (fact: CustomFieldFact | undefined) => (typeof fact === 'boolean' ? fact : undefined);
const listFact = (fact: CustomFieldFact | undefined): readonly string[] | undefined =>
  typeof fact === 'object' ? fact : undefined;
