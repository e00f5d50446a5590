import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import { CreatePartner, ListPartners, UpdatePartner } from '@loyalty/loyalty';
import {
  CreatedIdResponse,
  CreatePartnerRequest,
  ListByProgramRequest,
  ListPartnersResponse,
  PartnerView,
  UpdatePartnerRequest,
} from './checkout-config.dto';
import { pageAnswer, pageOf } from '../common/page.dto';

@ApiTags('Loyalty configuration')
@Controller(API_PREFIX)
export class PartnersController {
  constructor(
    private readonly createPartner: CreatePartner,
    private readonly updatePartner: UpdatePartner,
    private readonly listPartners: ListPartners,
  ) {}

  @ApiMethod('loyalty/partners/create', {
    access: 'admin',
    summary: 'Create a partner: its product set and the terms its lines earn on',
    response: CreatedIdResponse,
  })
  create(@Body() body: CreatePartnerRequest): Promise<CreatedIdResponse> {
    const { loyalty_program_id: programId, ...settings } = body;
    return this.createPartner.execute(programId, settings);
  }

  @ApiMethod('loyalty/partners/update', {
    access: 'admin',
    summary: "Change a partner's name, product set or terms (partial)",
    response: PartnerView,
  })
  update(@Body() body: UpdatePartnerRequest): Promise<PartnerView> {
    const { loyalty_program_id: programId, partner_id: reference, ...patch } = body;
    return this.updatePartner.execute(programId, reference, patch);
  }

  @ApiMethod('loyalty/partners/list', {
    access: 'read',
    summary: "A program's partners, ascending by id",
    response: ListPartnersResponse,
  })
  async list(@Body() body: ListByProgramRequest): Promise<ListPartnersResponse> {
    return pageAnswer(await this.listPartners.execute(body.loyalty_program_id, pageOf(body)));
  }
}
