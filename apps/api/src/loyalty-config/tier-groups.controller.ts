import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import { CreateTierGroup, ListTierGroups, UpdateTierGroup } from '@loyalty/loyalty';
import {
  CreateTierGroupRequest,
  CreateTierGroupResponse,
  ListTierGroupsRequest,
  ListTierGroupsResponse,
  TierGroupView,
  UpdateTierGroupRequest,
} from './tier-groups.dto';
import { pageAnswer, pageOf } from '../common/page.dto';

@ApiTags('Loyalty configuration')
@Controller(API_PREFIX)
export class TierGroupsController {
  constructor(
    private readonly createTierGroup: CreateTierGroup,
    private readonly updateTierGroup: UpdateTierGroup,
    private readonly listTierGroups: ListTierGroups,
  ) {}

  @ApiMethod('loyalty/tier_groups/create', {
    access: 'admin',
    summary: 'Create a tier group with its tiers',
    description: 'The tiers read one qualification currency of the program.',
    response: CreateTierGroupResponse,
  })
  async create(@Body() body: CreateTierGroupRequest): Promise<CreateTierGroupResponse> {
    const { loyalty_program_id: programId, ...settings } = body;
    const group = await this.createTierGroup.execute(programId, settings);
    return {
      tiers_group_id: group.id,
      tiers: group.tiers.map((tier) => ({
        tier_id: tier.tier_id,
        tier_eid: tier.tier_eid,
        tier_order: tier.tier_order,
      })),
    };
  }

  @ApiMethod('loyalty/tier_groups/update', {
    access: 'admin',
    summary: 'Rename a tier group, change its review or replace its tiers (partial)',
    description:
      'tiers_group_type and points_currency_eid never change. Answers the group as tier_groups/list shows it.',
    response: TierGroupView,
  })
  update(@Body() body: UpdateTierGroupRequest): Promise<TierGroupView> {
    const { loyalty_program_id: programId, tiers_group_id: groupId, ...patch } = body;
    return this.updateTierGroup.execute(programId, groupId, patch);
  }

  @ApiMethod('loyalty/tier_groups/list', {
    access: 'read',
    summary: "A program's tier groups with their tiers, ascending by id",
    response: ListTierGroupsResponse,
  })
  async list(@Body() body: ListTierGroupsRequest): Promise<ListTierGroupsResponse> {
    const page = await this.listTierGroups.execute(body.loyalty_program_id, {
      ...pageOf(body),
    });
    return pageAnswer(page);
  }
}
