import { Module } from '@nestjs/common';
import { PromoCodesModule } from '@loyalty/loyalty';
import { PromoCodeProgramsController } from './promo-code-programs.controller';
import { PromoCodesController } from './promo-codes.controller';

/** Controllers of promo-code programs and codes (`promocodes/*`). */
@Module({ imports: [PromoCodesModule], controllers: [PromoCodeProgramsController, PromoCodesController] })
export class PromoCodesApiModule {}
