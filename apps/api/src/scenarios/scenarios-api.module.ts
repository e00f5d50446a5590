import { Module } from '@nestjs/common';
import { ScenarioNodeModule } from '@loyalty/scenario-node';
import { ScenarioRunsController } from './scenario-runs.controller';
import { ScenariosController } from './scenarios.controller';

/** Controllers of scenarios (`scenarios/*`): configuration, events and runs. */
@Module({ imports: [ScenarioNodeModule], controllers: [ScenariosController, ScenarioRunsController] })
export class ScenariosApiModule {}
