import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import { CreatePromoCodeProgram, ListPromoCodePrograms } from '@loyalty/loyalty';
import { pageAnswer, pageOf, PageRequest } from '../common/page.dto';
import {
  CreatePromoCodeProgramRequest,
  CreatePromoCodeProgramResponse,
  ListPromoCodeProgramsResponse,
} from './promo-codes.dto';

@ApiTags('Promo codes')
@Controller(API_PREFIX)
export class PromoCodeProgramsController {
  constructor(
    private readonly createProgram: CreatePromoCodeProgram,
    private readonly listPrograms: ListPromoCodePrograms,
  ) {}

  @ApiMethod('promocodes/programs/create', {
    access: 'admin',
    summary: 'Create a program of personal or universal promo codes',
    description: 'short_name is unique in the account (error 5); only universal programs may be multi_use.',
    response: CreatePromoCodeProgramResponse,
  })
  async create(@Body() body: CreatePromoCodeProgramRequest): Promise<CreatePromoCodeProgramResponse> {
    const { programId } = await this.createProgram.execute(body);
    return { loyalty_id: programId };
  }

  @ApiMethod('promocodes/programs/list', {
    access: 'read',
    summary: "The account's promo-code programs, ascending by id",
    response: ListPromoCodeProgramsResponse,
  })
  async list(@Body() body: PageRequest): Promise<ListPromoCodeProgramsResponse> {
    return pageAnswer(await this.listPrograms.execute(pageOf(body)));
  }
}
