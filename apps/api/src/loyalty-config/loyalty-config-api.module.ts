import { Module } from '@nestjs/common';
import { LoyaltyConfigurationModule } from '@loyalty/loyalty';
import { PointsCurrenciesController } from './points-currencies.controller';
import { ProgramsController } from './programs.controller';
import { PromotionsController } from './promotions.controller';
import { TierGroupsController } from './tier-groups.controller';

/** Controllers of loyalty configuration: programs, points currencies, tier groups, promotions. */
@Module({
  imports: [LoyaltyConfigurationModule],
  controllers: [ProgramsController, PointsCurrenciesController, TierGroupsController, PromotionsController],
})
export class LoyaltyConfigApiModule {}
