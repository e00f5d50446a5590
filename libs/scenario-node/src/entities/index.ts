import { Scenario } from './scenario.entity';
import { ScenarioEvent } from './scenario-event.entity';
import { ScenarioRun } from './scenario-run.entity';
import { ScenarioRunStep } from './scenario-run-step.entity';
import { ScenarioVersion } from './scenario-version.entity';

export { Scenario, ScenarioEvent, ScenarioRun, ScenarioRunStep, ScenarioVersion };
export type { RunStatus } from './scenario-run.entity';
export type { ScenarioEventSource } from './scenario-event.entity';

export const SCENARIO_ENTITIES = [Scenario, ScenarioVersion, ScenarioEvent, ScenarioRun, ScenarioRunStep];
