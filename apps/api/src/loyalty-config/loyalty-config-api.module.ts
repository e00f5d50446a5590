import { Module } from '@nestjs/common';
import { LoyaltyConfigurationModule } from '@loyalty/loyalty';

/** Controllers of loyalty configuration: programs, points currencies, tier groups, promotions. */
@Module({ imports: [LoyaltyConfigurationModule], controllers: [] })
export class LoyaltyConfigApiModule {}
