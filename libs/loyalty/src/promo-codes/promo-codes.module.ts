import { Module } from '@nestjs/common';
import { ActivatePromoCode } from './use-cases/activate-promo-code.use-case';
import { AttachPromoCode } from './use-cases/attach-promo-code.use-case';
import { CreatePromoCodeProgram } from './use-cases/create-promo-code-program.use-case';
import { DetachPromoCode } from './use-cases/detach-promo-code.use-case';
import { GeneratePromoCodes } from './use-cases/generate-promo-codes.use-case';
import { GetPromoCode } from './use-cases/get-promo-code.use-case';
import { ImportPromoCodes } from './use-cases/import-promo-codes.use-case';
import { ListPromoCodePrograms } from './use-cases/list-promo-code-programs.use-case';
import { ListPromoCodes } from './use-cases/list-promo-codes.use-case';
import { RunPromoCodeGeneration } from './use-cases/run-promo-code-generation.use-case';
import { UpdatePromoCode } from './use-cases/update-promo-code.use-case';

const useCases = [
  CreatePromoCodeProgram,
  ListPromoCodePrograms,
  GeneratePromoCodes,
  ImportPromoCodes,
  ListPromoCodes,
  GetPromoCode,
  AttachPromoCode,
  DetachPromoCode,
  ActivatePromoCode,
  UpdatePromoCode,
  RunPromoCodeGeneration,
];

/** Promo-code programs and codes (`promocodes/*`), and the worker's generation task. */
@Module({ providers: useCases, exports: useCases })
export class PromoCodesModule {}
