import { Module } from '@nestjs/common';
import { ActivateProgram } from './use-cases/activate-program.use-case';
import { ActivatePromotion } from './use-cases/activate-promotion.use-case';
import { CreatePointsCurrency } from './use-cases/create-points-currency.use-case';
import { CreateProgram } from './use-cases/create-program.use-case';
import { CreatePromotion } from './use-cases/create-promotion.use-case';
import { CreateTierGroup } from './use-cases/create-tier-group.use-case';
import { DeactivateProgram } from './use-cases/deactivate-program.use-case';
import { DeactivatePromotion } from './use-cases/deactivate-promotion.use-case';
import { GetProgram } from './use-cases/get-program.use-case';
import { GetPromotion } from './use-cases/get-promotion.use-case';
import { ListPointsCurrencies } from './use-cases/list-points-currencies.use-case';
import { ListPrograms } from './use-cases/list-programs.use-case';
import { ListPromotions } from './use-cases/list-promotions.use-case';
import { ListTierGroups } from './use-cases/list-tier-groups.use-case';
import { ListTriggerPromotions } from './use-cases/list-trigger-promotions.use-case';
import { UpdatePointsCurrency } from './use-cases/update-points-currency.use-case';
import { UpdateProgram } from './use-cases/update-program.use-case';
import { UpdatePromotion } from './use-cases/update-promotion.use-case';
import { UpdateTierGroup } from './use-cases/update-tier-group.use-case';

const useCases = [
  CreateProgram,
  UpdateProgram,
  GetProgram,
  ListPrograms,
  ActivateProgram,
  DeactivateProgram,
  CreatePointsCurrency,
  UpdatePointsCurrency,
  ListPointsCurrencies,
  CreateTierGroup,
  UpdateTierGroup,
  ListTierGroups,
  CreatePromotion,
  UpdatePromotion,
  GetPromotion,
  ListPromotions,
  ActivatePromotion,
  DeactivatePromotion,
  ListTriggerPromotions,
];

/** Use cases that configure loyalty programs (admin role). */
@Module({ providers: useCases, exports: useCases })
export class LoyaltyConfigurationModule {}
