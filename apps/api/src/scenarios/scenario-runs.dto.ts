import { MATCHING_KINDS, MatchingKind } from '@loyalty/profiles';
import { EnumField, ExternalIdField, IdField, ObjectField, Out, TextField } from '@loyalty/platform';
import { PersonFields } from '../common/matching.dto';

export class FireEventRequest extends PersonFields {
  @TextField({ minLength: 1, maxLength: 255, example: 'form_filled' })
  event_name!: string;

  @ExternalIdField({ description: 'Unique per account: firing it again answers the same runs', example: 'evt-0001' })
  event_id!: string;

  @EnumField(MATCHING_KINDS, {
    optional: true,
    nullable: true,
    description: 'Who the event is about; without it the event names no one',
    example: 'email',
  })
  matching?: MatchingKind | null;

  @ObjectField({
    optional: true,
    nullable: true,
    description: 'Free JSON the scenario reads (`flow.condition`, templates)',
    example: { form: 'newsletter' },
  })
  payload?: Record<string, unknown> | null;
}

export class StartedRunView {
  @Out({ example: 1 })
  run_id!: number;

  @Out({ example: 1 })
  scenario_id!: number;
}

export class FireEventResponse {
  @Out({ type: [StartedRunView], description: 'One run per active scenario listening to the event' })
  runs!: StartedRunView[];
}

export class RunIdRequest {
  @IdField({ example: 1 })
  run_id!: number;
}

export class RunEventView {
  @Out({ example: 'evt-0001' })
  event_id!: string;

  @Out({ example: 'form_filled' })
  event_name!: string;

  @Out({ example: '2026-11-26T10:00:00.000Z' })
  occurred_at!: string;
}

export class RunStepView {
  @Out({ example: 1 })
  step!: number;

  @Out({ example: 'join' })
  node_id!: string;

  @Out({ example: 'loyalty.participation' })
  code!: string;

  @Out({ example: 'joined' })
  output!: string;

  @Out({ type: 'object', additionalProperties: true, example: { profile_id: '6f1c2a9e8b7d4c3a2b1e0f9a' } })
  data!: Record<string, unknown>;

  @Out({ example: '2026-11-26T10:00:00.010Z' })
  started_at!: string;

  @Out({
    nullable: true,
    description: 'For a wait: when the run woke up (null while it sleeps)',
    example: '2026-11-26T10:00:00.030Z',
  })
  finished_at!: string | null;

  @Out({ nullable: true, example: 20 })
  duration_ms!: number | null;
}

export class ScenarioRunResponse {
  @Out({ example: 1 })
  run_id!: number;

  @Out({ example: 1 })
  scenario_id!: number;

  @Out({ description: 'The version of the graph the run follows', example: 1 })
  scenario_version!: number;

  @Out({ type: RunEventView })
  event!: RunEventView;

  @Out({ enum: ['running', 'waiting', 'completed', 'failed'], example: 'completed' })
  status!: string;

  @Out({ nullable: true, example: '6f1c2a9e8b7d4c3a2b1e0f9a' })
  profile_id!: string | null;

  @Out({ nullable: true, description: 'The node the run executes next', example: null })
  next_node!: string | null;

  @Out({ nullable: true, description: 'While waiting: when the run wakes up', example: null })
  wake_at!: string | null;

  @Out({ nullable: true, description: 'Why the run failed', example: null })
  error!: string | null;

  @Out({ example: '2026-11-26T10:00:00.000Z' })
  started_at!: string;

  @Out({ example: '2026-11-26T10:00:00.050Z' })
  updated_at!: string;

  @Out({ nullable: true, example: '2026-11-26T10:00:00.050Z' })
  finished_at!: string | null;

  @Out({ type: [RunStepView], description: 'The nodes the run passed, in order' })
  path!: RunStepView[];
}
