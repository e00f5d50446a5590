/** A custom field's declared value type (`market/custom_fields/create`). */
export type CustomFieldValueType = 'int' | 'float' | 'string' | 'bool' | 'list' | 'date';

/** What a custom field belongs to; `line_order` fields sit on order lines. */
export type CustomFieldEntity = 'product' | 'sku' | 'order' | 'line_order' | 'profile';

/** Answers the declared type of a custom field, or `undefined` when no such field is declared. */
export type CustomFieldTypeLookup = (entity: CustomFieldEntity, id: string) => CustomFieldValueType | undefined;

/**
 * A custom field's value as conditions read it, normalised once when the facts are built
 * (see `customFieldFact`):
 *
 * | type   | fact                                                    |
 * | ------ | ------------------------------------------------------- |
 * | int    | `number`, a safe integer                                |
 * | float  | `bigint` hundredths (`"4.5"` → `450n`)                  |
 * | string | `string`                                                |
 * | bool   | `boolean`                                               |
 * | list   | `readonly string[]`                                     |
 * | date   | `number`, epoch milliseconds (a date alone: UTC midnight) |
 */
export type CustomFieldFact = number | bigint | string | boolean | readonly string[];

/** Custom field facts by custom field id; a missing id is an absent value. */
export type CustomFieldFacts = ReadonlyMap<string, CustomFieldFact>;
