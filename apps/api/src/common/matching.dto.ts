import { MATCHING_KINDS, MatchingKind } from '@loyalty/profiles';
import { EnumField, ScalarField, TextField } from '@loyalty/platform';

/** A person's identifiers (spec/api.md §1 "Matching"), as list items carry them. */
export class PersonFields {
  @TextField({ optional: true, nullable: true, maxLength: 254, example: 'anna@example.com' })
  email?: string | null;

  @TextField({ optional: true, nullable: true, maxLength: 32, example: '+79001234567' })
  phone?: string | null;

  @TextField({ optional: true, nullable: true, maxLength: 64, example: '6f1c2a9e8b7d4c3a2b1e0f9a' })
  profile_id?: string | null;

  @TextField({ optional: true, nullable: true, maxLength: 255, example: 'card_number' })
  field_name?: string | null;

  @ScalarField({ optional: true, nullable: true, example: 'C-1001' })
  field_value?: string | number | boolean | null;
}

/** The person fields of a request; which identifier is required depends on `matching`. */
export class MatchingFields extends PersonFields {
  @EnumField(MATCHING_KINDS, { example: 'email' })
  matching!: MatchingKind;
}
