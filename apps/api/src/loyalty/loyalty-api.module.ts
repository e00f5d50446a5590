import { Module } from '@nestjs/common';
import { LoyaltyModule } from '@loyalty/loyalty';
import { AccountController } from './account.controller';
import { MembersController } from './members.controller';
import { PointsController } from './points.controller';

/** Controllers of members, points operations and balance reads. */
@Module({ imports: [LoyaltyModule], controllers: [MembersController, PointsController, AccountController] })
export class LoyaltyApiModule {}
