import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DeleteMember, ImportMembers, ListMembers, RegisterMember } from '@loyalty/loyalty';
import {
  API_PREFIX,
  ApiMethod,
  DateTimeField,
  EnumField,
  IdField,
  NestedArrayField,
  Out,
  TextField,
} from '@loyalty/platform';
import { MATCHING_KINDS, MatchingKind } from '@loyalty/profiles';
import { PageInfo, pageOf, PageRequest } from '../common/page.dto';
import { wireTime } from '../common/wire-format';
import { PersonFields } from '../common/matching.dto';
import { MemberRequest } from './loyalty.dto';

export class RegisterMemberRequest extends MemberRequest {
  @DateTimeField({ optional: true, nullable: true, example: '2026-01-25' })
  registration_date?: string | null;
}

export class RegisterMemberResponse {
  @Out({ example: '6f1c2a9e8b7d4c3a2b1e0f9a' })
  profile_id!: string;

  @Out({ description: 'false when the person was already a member (nothing changed)', example: true })
  is_new!: boolean;
}

export class DeleteMemberResponse {
  @Out({ example: '6f1c2a9e8b7d4c3a2b1e0f9a' })
  profile_id!: string;
}

export class ListMembersRequest extends PageRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @TextField({ optional: true, nullable: true, example: 'silver' })
  tier_eid?: string | null;
}

export class MemberView {
  @Out({ type: 'integer', example: 7 })
  member_id!: number;

  @Out({ example: '6f1c2a9e8b7d4c3a2b1e0f9a' })
  profile_id!: string;

  @Out({ nullable: true, example: 'anna@example.com' })
  email!: string | null;

  @Out({ nullable: true, example: '+79001234567' })
  phone!: string | null;

  @Out({ format: 'date-time', example: '2026-01-25T00:00:00.000Z' })
  registered_at!: string;
}

export class ListMembersResponse extends PageInfo {
  @Out({ type: [MemberView] })
  items!: MemberView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}

export class MemberImportItem extends PersonFields {
  @DateTimeField({ optional: true, nullable: true, example: null })
  registration_date?: string | null;
}

export class ImportMembersRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @EnumField(MATCHING_KINDS, { example: 'email' })
  matching!: MatchingKind;

  @NestedArrayField(() => MemberImportItem, { minItems: 1, maxItems: 1000 })
  data!: MemberImportItem[];
}

export class ImportMembersResponse {
  @Out({ type: 'integer', example: 1 })
  created!: number;

  @Out({ type: 'integer', description: 'Already members: unchanged', example: 0 })
  existing!: number;

  @Out({ type: [String], example: ['6f1c2a9e8b7d4c3a2b1e0f9a'] })
  profile_ids!: string[];
}

@ApiTags('Loyalty members')
@Controller(API_PREFIX)
export class MembersController {
  constructor(
    private readonly registerMember: RegisterMember,
    private readonly deleteMember: DeleteMember,
    private readonly listMembers: ListMembers,
    private readonly importMembers: ImportMembers,
  ) {}

  @ApiMethod('loyalty/register_member', {
    access: 'integration',
    summary: 'Make a person a member (creating the profile when matching by email, phone or custom field)',
    response: RegisterMemberResponse,
  })
  async register(@Body() body: RegisterMemberRequest): Promise<RegisterMemberResponse> {
    const result = await this.registerMember.execute({
      programId: body.loyalty_program_id,
      person: body,
      registrationDate: body.registration_date,
    });
    return { profile_id: result.profileId, is_new: result.isNew };
  }

  @ApiMethod('loyalty/delete_member', {
    access: 'integration',
    summary: 'End a membership: points are written off, the ledger stays',
    response: DeleteMemberResponse,
  })
  async delete(@Body() body: MemberRequest): Promise<DeleteMemberResponse> {
    const result = await this.deleteMember.execute({ programId: body.loyalty_program_id, person: body });
    return { profile_id: result.profileId };
  }

  @ApiMethod('loyalty/members/list', { access: 'read', summary: "A program's members", response: ListMembersResponse })
  async list(@Body() body: ListMembersRequest): Promise<ListMembersResponse> {
    const page = await this.listMembers.execute({
      programId: body.loyalty_program_id,
      ...pageOf(body),
      tierEid: body.tier_eid,
    });
    return {
      items: page.items.map(({ member, profile }) => ({
        member_id: member.id,
        profile_id: member.profile,
        email: profile.email,
        phone: profile.phone,
        registered_at: wireTime(member.registeredAt),
      })),
      next_from_id: page.nextFromId,
      total_count: page.totalCount,
    };
  }

  @ApiMethod('loyalty/members/import', {
    access: 'integration',
    summary: 'Register up to 1,000 people in one call (all or nothing)',
    response: ImportMembersResponse,
  })
  async import(@Body() body: ImportMembersRequest): Promise<ImportMembersResponse> {
    const result = await this.importMembers.execute({
      programId: body.loyalty_program_id,
      matching: body.matching,
      items: body.data,
    });
    return { created: result.created, existing: result.existing, profile_ids: result.profileIds };
  }
}
