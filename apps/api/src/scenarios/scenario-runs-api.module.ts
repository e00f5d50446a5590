import { Module } from '@nestjs/common';
import { ScenarioNodeModule } from '@loyalty/scenario-node';
import { ScenarioRunsController } from './scenario-runs.controller';

@Module({ imports: [ScenarioNodeModule], controllers: [ScenarioRunsController] })
export class ScenarioRunsApiModule {}
