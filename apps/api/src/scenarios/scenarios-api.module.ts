import { Module } from '@nestjs/common';
import { ScenarioNodeModule } from '@loyalty/scenario-node';
import { ScenariosController } from './scenarios.controller';

/** Controllers of scenarios (`scenarios/*`). */
@Module({ imports: [ScenarioNodeModule], controllers: [ScenariosController] })
export class ScenariosApiModule {}
