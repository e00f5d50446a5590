import { Module } from '@nestjs/common';
import { CheckoutConfigModule, LoyaltyConfigurationModule } from '@loyalty/loyalty';
import { OrderSegmentsController } from './order-segments.controller';
import { PartnersController } from './partners.controller';
import { PointsCurrenciesController } from './points-currencies.controller';
import { ProgramsController } from './programs.controller';
import { PromotionsController } from './promotions.controller';
import { TierGroupsController } from './tier-groups.controller';

/** Controllers of loyalty configuration: programs, points currencies, tier groups, promotions,
 * partners and order segments. */
@Module({
  imports: [LoyaltyConfigurationModule, CheckoutConfigModule],
  controllers: [
    ProgramsController,
    PointsCurrenciesController,
    TierGroupsController,
    PromotionsController,
    PartnersController,
    OrderSegmentsController,
  ],
})
export class LoyaltyConfigApiModule {}
