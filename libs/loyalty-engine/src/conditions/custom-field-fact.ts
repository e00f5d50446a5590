import { decimalTextFromNumber, isDomainError, parseDecimal } from '@loyalty/kernel';
import { dateOrInstantMs } from './condition-dates';
import { CONDITION_DECIMAL_SCALE } from './condition-decimals';
import { CustomFieldFact, CustomFieldFacts, CustomFieldValueType } from './custom-field-types';

function decimalText(raw: unknown): string | undefined {
  if (typeof raw === 'number') {
    return decimalTextFromNumber(raw);
  }
  return typeof raw === 'string' ? raw : undefined;
}

function readFact(type: CustomFieldValueType, raw: unknown): CustomFieldFact | undefined {
  switch (type) {
    case 'int': {
      const text = decimalText(raw);
      const whole = text === undefined ? undefined : Number(parseDecimal(text, 0));
      return whole !== undefined && Number.isSafeInteger(whole) ? whole : undefined;
    }
    case 'float': {
      const text = decimalText(raw);
      return text === undefined ? undefined : parseDecimal(text, CONDITION_DECIMAL_SCALE);
    }
    case 'string':
      return typeof raw === 'string' ? raw : undefined;
    case 'bool':
      return typeof raw === 'boolean' ? raw : raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'list':
      return Array.isArray(raw) && raw.every((item) => typeof item === 'string') ? [...raw] : undefined;
    case 'date':
      return typeof raw === 'string' ? dateOrInstantMs(raw) : undefined;
    default:
      return undefined;
  }
}

/**
 * A stored custom field value (a JSON value, or feed text) as the fact conditions read; `undefined`
 * when it does not fit the declared type, so conditions see it as absent. Floats, like every API
 * number (api.md §1), have at most 2 fraction digits.
 */
export function customFieldFact(type: CustomFieldValueType, raw: unknown): CustomFieldFact | undefined {
  try {
    return readFact(type, raw);
  } catch (error) {
    if (isDomainError(error)) {
      return undefined;
    }
    throw error;
  }
}

/** The facts of an entity's stored `custom_fields`, keeping the declared fields whose values fit their type. */
export function customFieldFacts(
  values: Readonly<Record<string, unknown>> | null | undefined,
  typeOf: (id: string) => CustomFieldValueType | undefined,
): CustomFieldFacts {
  const facts = new Map<string, CustomFieldFact>();
  for (const [id, raw] of Object.entries(values ?? {})) {
    const type = typeOf(id);
    const fact = type === undefined ? undefined : customFieldFact(type, raw);
    if (fact !== undefined) {
      facts.set(id, fact);
    }
  }
  return facts;
}
