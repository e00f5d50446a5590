import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod, requestFingerprint } from '@loyalty/platform';
import { MatchingInput, parseMatching } from '@loyalty/profiles';
import { FireScenarioEvent, GetScenarioRun } from '@loyalty/scenario-node';
import { FireEventRequest, FireEventResponse, RunIdRequest, ScenarioRunResponse } from './scenario-runs.dto';

/** The person an event names: checked as every matching is, or null when it names no one. */
function eventPerson(body: FireEventRequest): MatchingInput | null {
  const { matching, email, phone, profile_id, field_name, field_value } = body;
  const person = { matching, email, phone, profile_id, field_name, field_value };
  if (Object.values(person).every((value) => value === undefined || value === null)) return null;
  parseMatching(person);
  return person;
}

/** Scenario events and runs (spec/api.md §10). */
@ApiTags('Scenarios')
@Controller(API_PREFIX)
export class ScenarioRunsController {
  constructor(
    private readonly fireEvent: FireScenarioEvent,
    private readonly getRun: GetScenarioRun,
  ) {}

  @ApiMethod('scenarios/events/fire', {
    access: 'integration',
    summary: 'Start a run of every active scenario listening to the event (once per event_id)',
    response: FireEventResponse,
  })
  async fire(@Body() body: FireEventRequest): Promise<FireEventResponse> {
    const { runs } = await this.fireEvent.execute({
      eventName: body.event_name,
      eventId: body.event_id,
      person: eventPerson(body),
      payload: body.payload ?? {},
      fingerprint: requestFingerprint(body),
    });
    return { runs: runs.map((run) => ({ run_id: run.runId, scenario_id: run.scenarioId })) };
  }

  @ApiMethod('scenarios/runs/get', {
    access: 'read',
    mutating: false,
    summary: "A run: the path it took, each node's output and data, and timing",
    response: ScenarioRunResponse,
  })
  async get(@Body() body: RunIdRequest): Promise<ScenarioRunResponse> {
    return this.getRun.execute(body.run_id);
  }
}
