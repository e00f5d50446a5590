import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import {
  ActivatePromotion,
  CreatePromotion,
  DeactivatePromotion,
  GetPromotion,
  ListPromotions,
  ListTriggerPromotions,
  PromotionActivity,
  UpdatePromotion,
} from '@loyalty/loyalty';
import {
  CreatePromotionRequest,
  CreatePromotionResponse,
  ListPromotionsRequest,
  ListPromotionsResponse,
  PromotionActivityResponse,
  PromotionRequest,
  PromotionView,
  TriggerPromotionsRequest,
  TriggerPromotionsResponse,
  UpdatePromotionRequest,
} from './promotions.dto';
import { pageAnswer, pageOf } from '../common/page.dto';

function activityOf(result: PromotionActivity): PromotionActivityResponse {
  return { id: result.id, external_id: result.externalId, is_active: result.isActive };
}

@ApiTags('Loyalty configuration')
@Controller(API_PREFIX)
export class PromotionsController {
  constructor(
    private readonly createPromotion: CreatePromotion,
    private readonly updatePromotion: UpdatePromotion,
    private readonly getPromotion: GetPromotion,
    private readonly listPromotions: ListPromotions,
    private readonly activatePromotion: ActivatePromotion,
    private readonly deactivatePromotion: DeactivatePromotion,
    private readonly listTriggerPromotions: ListTriggerPromotions,
  ) {}

  @ApiMethod('loyalty/promotions/create', {
    access: 'admin',
    summary: 'Create a promotion',
    description:
      'Trigger promotions give or take points through accrue_points, redeem_points and scenarios. ' +
      'Checkout promotions (discount, points) price carts in preorder and need catalog data: a sales channel bound ' +
      "to the program's database (error 17 otherwise).",
    response: CreatePromotionResponse,
  })
  async create(@Body() body: CreatePromotionRequest): Promise<CreatePromotionResponse> {
    const { loyalty_program_id: programId, ...settings } = body;
    const created = await this.createPromotion.execute(programId, settings);
    return { id: created.id, external_id: created.externalId };
  }

  @ApiMethod('loyalty/promotions/update', {
    access: 'admin',
    summary: "Change a promotion's settings (partial; null restores a default)",
    description:
      'type never changes; limits and each rules list are replaced as a whole. Answers the promotion as promotions/get does.',
    response: PromotionView,
  })
  update(@Body() body: UpdatePromotionRequest): Promise<PromotionView> {
    const { loyalty_program_id: programId, promotion_id: reference, ...patch } = body;
    return this.updatePromotion.execute(programId, reference, patch);
  }

  @ApiMethod('loyalty/promotions/get', {
    access: 'read',
    summary: 'A promotion with every setting and its counters',
    response: PromotionView,
  })
  get(@Body() body: PromotionRequest): Promise<PromotionView> {
    return this.getPromotion.execute(body.loyalty_program_id, body.promotion_id);
  }

  @ApiMethod('loyalty/promotions/list', {
    access: 'read',
    summary: "A program's promotions, ascending by id",
    response: ListPromotionsResponse,
  })
  async list(@Body() body: ListPromotionsRequest): Promise<ListPromotionsResponse> {
    const page = await this.listPromotions.execute(
      body.loyalty_program_id,
      { type: body.type, isActive: body.is_active },
      pageOf(body),
    );
    return pageAnswer(page);
  }

  @ApiMethod('loyalty/promotions/activate', {
    access: 'admin',
    summary: 'Activate a promotion (a no-op when active)',
    response: PromotionActivityResponse,
  })
  async activate(@Body() body: PromotionRequest): Promise<PromotionActivityResponse> {
    return activityOf(await this.activatePromotion.execute(body.loyalty_program_id, body.promotion_id));
  }

  @ApiMethod('loyalty/promotions/deactivate', {
    access: 'admin',
    summary: 'Deactivate a promotion (a no-op when inactive)',
    response: PromotionActivityResponse,
  })
  async deactivate(@Body() body: PromotionRequest): Promise<PromotionActivityResponse> {
    return activityOf(await this.deactivatePromotion.execute(body.loyalty_program_id, body.promotion_id));
  }

  @ApiMethod('loyalty/trigger_promotions', {
    access: 'read',
    summary: "A program's trigger promotions with their rules, ascending by id",
    response: TriggerPromotionsResponse,
  })
  async triggerPromotions(@Body() body: TriggerPromotionsRequest): Promise<TriggerPromotionsResponse> {
    const page = await this.listTriggerPromotions.execute(body.loyalty_program_id, body.is_active, {
      ...pageOf(body),
    });
    return pageAnswer(page);
  }
}
