import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import { CreatePointsCurrency, ListPointsCurrencies, UpdatePointsCurrency } from '@loyalty/loyalty';
import {
  CreatePointsCurrencyRequest,
  CreatePointsCurrencyResponse,
  ListPointsCurrenciesRequest,
  ListPointsCurrenciesResponse,
  PointsCurrencyView,
  UpdatePointsCurrencyRequest,
} from './points-currencies.dto';
import { pageAnswer, pageOf } from '../common/page.dto';

@ApiTags('Loyalty configuration')
@Controller(API_PREFIX)
export class PointsCurrenciesController {
  constructor(
    private readonly createCurrency: CreatePointsCurrency,
    private readonly updateCurrency: UpdatePointsCurrency,
    private readonly listCurrencies: ListPointsCurrencies,
  ) {}

  @ApiMethod('loyalty/points_currencies/create', {
    access: 'admin',
    summary: 'Create a points currency of a program',
    description: 'standard points are spent; qualification points drive tiers and cannot be redeemed.',
    response: CreatePointsCurrencyResponse,
  })
  async create(@Body() body: CreatePointsCurrencyRequest): Promise<CreatePointsCurrencyResponse> {
    const { loyalty_program_id: programId, ...settings } = body;
    const { currencyId } = await this.createCurrency.execute(programId, settings);
    return { points_currency_iid: currencyId };
  }

  @ApiMethod('loyalty/points_currencies/update', {
    access: 'admin',
    summary: "Change a currency's settings (partial; null restores a default)",
    description:
      'type, external_id and precision never change. Changes apply to operations from now on. ' +
      'Answers the currency as points_currencies/list shows it.',
    response: PointsCurrencyView,
  })
  update(@Body() body: UpdatePointsCurrencyRequest): Promise<PointsCurrencyView> {
    const { loyalty_program_id: programId, points_currency_iid: currencyId, ...patch } = body;
    return this.updateCurrency.execute(programId, currencyId, patch);
  }

  @ApiMethod('loyalty/points_currencies/list', {
    access: 'read',
    summary: "A program's points currencies, ascending by id",
    response: ListPointsCurrenciesResponse,
  })
  async list(@Body() body: ListPointsCurrenciesRequest): Promise<ListPointsCurrenciesResponse> {
    const page = await this.listCurrencies.execute(body.loyalty_program_id, {
      ...pageOf(body),
    });
    return pageAnswer(page);
  }
}
