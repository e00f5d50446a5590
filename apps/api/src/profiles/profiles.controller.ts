import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiMethod, EnumField, IdField, NestedArrayField, ObjectField, Out, TextField } from '@loyalty/platform';
import { API_PREFIX } from '@loyalty/platform';
import {
  CustomFieldValue,
  DeleteProfile,
  GetProfile,
  ImportProfiles,
  MATCHING_KINDS,
  MatchingKind,
  parseMatching,
  Profile,
} from '@loyalty/profiles';
import { MatchingFields } from '../common/matching.dto';
import { wireTime } from '../common/wire-format';

export class ProfileRequest extends MatchingFields {
  @IdField({ example: 1 })
  db_id!: number;
}

export class ProfileImportItemDto {
  @TextField({ optional: true, nullable: true, maxLength: 254, example: 'anna@example.com' })
  email?: string | null;

  @TextField({ optional: true, nullable: true, maxLength: 32, example: '+79001234567' })
  phone?: string | null;

  @TextField({ optional: true, nullable: true, maxLength: 64, example: null })
  profile_id?: string | null;

  @ObjectField({ optional: true, nullable: true, example: { card_number: 'C-1001', city: 'Kazan' } })
  custom_fields?: Record<string, CustomFieldValue> | null;
}

export class ImportProfilesRequest {
  @IdField({ example: 1 })
  db_id!: number;

  @EnumField(MATCHING_KINDS, { example: 'email' })
  matching!: MatchingKind;

  @TextField({
    optional: true,
    nullable: true,
    description: 'With matching custom: the identifying custom field',
    example: null,
  })
  field_name?: string | null;

  @NestedArrayField(() => ProfileImportItemDto, { minItems: 1, maxItems: 1000 })
  data!: ProfileImportItemDto[];
}

export class ImportProfilesResponse {
  @Out({ type: 'integer', example: 1 })
  created!: number;

  @Out({ type: 'integer', example: 0 })
  updated!: number;

  @Out({ type: [String], description: 'In the order of data', example: ['6f1c2a9e8b7d4c3a2b1e0f9a'] })
  profile_ids!: string[];
}

export class ProfileView {
  @Out({ example: '6f1c2a9e8b7d4c3a2b1e0f9a' })
  profile_id!: string;

  @Out({ type: 'integer', example: 1 })
  db_id!: number;

  @Out({ nullable: true, example: 'anna@example.com' })
  email!: string | null;

  @Out({ nullable: true, example: '+79001234567' })
  phone!: string | null;

  @Out({ type: 'object', additionalProperties: true, example: { card_number: 'C-1001' } })
  custom_fields!: Record<string, CustomFieldValue>;

  @Out({
    description: 'Loyalty memberships with their balances',
    type: 'array',
    items: { type: 'object' },
    example: [],
  })
  memberships!: unknown[];

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  updated_at!: string;
}

export class DeleteProfileResponse {
  @Out({ description: 'Remains as an anonymous id', example: '6f1c2a9e8b7d4c3a2b1e0f9a' })
  profile_id!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  erased_at!: string;
}

function toView(profile: Profile): ProfileView {
  return {
    profile_id: profile.id,
    db_id: profile.database,
    email: profile.email,
    phone: profile.phone,
    custom_fields: profile.customFields,
    memberships: [],
    created_at: wireTime(profile.createdAt),
    updated_at: wireTime(profile.updatedAt),
  };
}

@ApiTags('Databases and profiles')
@Controller(API_PREFIX)
export class ProfilesController {
  constructor(
    private readonly importProfiles: ImportProfiles,
    private readonly getProfile: GetProfile,
    private readonly deleteProfile: DeleteProfile,
  ) {}

  @ApiMethod('profiles/import', {
    access: 'integration',
    summary: 'Upsert up to 1,000 profiles by the matching field, all or nothing',
    response: ImportProfilesResponse,
  })
  async import(@Body() body: ImportProfilesRequest): Promise<ImportProfilesResponse> {
    const result = await this.importProfiles.execute({
      dbId: body.db_id,
      matching: body.matching,
      fieldName: body.field_name,
      items: body.data,
    });
    return { created: result.created, updated: result.updated, profile_ids: result.profileIds };
  }

  @ApiMethod('profiles/get', {
    access: 'read',
    summary: 'A profile with its custom fields and memberships',
    response: ProfileView,
  })
  async get(@Body() body: ProfileRequest): Promise<ProfileView> {
    return toView(await this.getProfile.execute(body.db_id, parseMatching(body)));
  }

  @ApiMethod('profiles/delete', {
    access: 'admin',
    summary: 'Erase personal data; ledger rows stay under an anonymous id',
    response: DeleteProfileResponse,
  })
  async delete(@Body() body: ProfileRequest): Promise<DeleteProfileResponse> {
    const erased = await this.deleteProfile.execute(body.db_id, parseMatching(body));
    return { profile_id: erased.profileId, erased_at: wireTime(erased.erasedAt) };
  }
}
