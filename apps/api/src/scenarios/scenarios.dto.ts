import type { JsonSchema } from '@loyalty/contracts';
import { IdField, NestedArrayField, NestedField, ObjectField, Out, TextField } from '@loyalty/platform';
import type { GraphEdge, GraphNode, ScenarioInput } from '@loyalty/scenario-node';
import { PageInfo } from '../common/page.dto';

/** Bounds that keep a graph to what a person configures; the graph's own rules are checked by the use case. */
export const MAX_SCENARIO_NODES = 200;
export const MAX_SCENARIO_EDGES = 1000;

const EXAMPLE_NODES: GraphNode[] = [
  { id: 'join', code: 'loyalty.participation', args: { loyalty_program_id: 1 } },
  {
    id: 'welcome',
    code: 'loyalty.points_management',
    args: { loyalty_program_id: 1, promotion_id: 'welcome-bonus', operation: 'accrue' },
  },
];
const EXAMPLE_EDGES: GraphEdge[] = [{ from: 'join', output: 'joined', to: 'welcome' }];

export class ScenarioTriggerDto {
  @TextField({ description: 'The event that starts a run: 1-255 printable characters', example: 'signed_up' })
  event_name!: string;
}

export class GraphNodeDto implements GraphNode {
  // the id's rules are the graph validation's, so its errors name the node
  @TextField({
    minLength: 0,
    description: 'Unique in the graph: 1-64 characters of A-Z, a-z, 0-9, "_", "." and "-"',
    example: 'welcome',
  })
  id!: string;

  @TextField({ description: 'A node code of scenarios/nodes/catalogue', example: 'loyalty.points_management' })
  code!: string;

  @ObjectField({
    description: "The node's args, checked against its args_schema in the catalogue",
    example: { loyalty_program_id: 1, promotion_id: 'welcome-bonus', operation: 'accrue' },
  })
  args!: Record<string, unknown>;
}

export class GraphEdgeDto implements GraphEdge {
  @TextField({ description: 'The id of the node whose output this is', example: 'join' })
  from!: string;

  @TextField({ description: 'One of the outputs the node declares', example: 'joined' })
  output!: string;

  @TextField({ description: 'The id of the node the run goes to', example: 'welcome' })
  to!: string;
}

/** The fields of create; on update every one is optional. */
class ScenarioFields {
  @TextField({ example: 'Welcome bonus' })
  name!: string;

  @NestedField(() => ScenarioTriggerDto)
  trigger!: ScenarioTriggerDto;

  @NestedArrayField(() => GraphNodeDto, {
    maxItems: MAX_SCENARIO_NODES,
    description: 'A run starts at nodes[0]; every node must be reachable from it',
    example: EXAMPLE_NODES,
  })
  nodes!: GraphNodeDto[];

  @NestedArrayField(() => GraphEdgeDto, {
    maxItems: MAX_SCENARIO_EDGES,
    description: 'At most one edge per (from, output); an output without an edge ends the run',
    example: EXAMPLE_EDGES,
  })
  edges!: GraphEdgeDto[];
}

export class CreateScenarioRequest extends ScenarioFields implements ScenarioInput {}

export class UpdateScenarioRequest {
  @IdField({ example: 1 })
  scenario_id!: number;

  @TextField({ optional: true, example: 'Welcome bonus' })
  name?: string;

  @NestedField(() => ScenarioTriggerDto, { optional: true })
  trigger?: ScenarioTriggerDto;

  @NestedArrayField(() => GraphNodeDto, {
    optional: true,
    maxItems: MAX_SCENARIO_NODES,
    description: 'The whole new list of nodes (with edges, or the saved edges)',
    example: EXAMPLE_NODES,
  })
  nodes?: GraphNodeDto[];

  @NestedArrayField(() => GraphEdgeDto, {
    optional: true,
    maxItems: MAX_SCENARIO_EDGES,
    description: 'The whole new list of edges (with nodes, or the saved nodes)',
    example: EXAMPLE_EDGES,
  })
  edges?: GraphEdgeDto[];
}

export class ScenarioRequest {
  @IdField({ example: 1 })
  scenario_id!: number;
}

export class CreateScenarioResponse {
  @Out({ type: 'integer', example: 1 })
  scenario_id!: number;

  @Out({
    description: 'Signs notify.webhook messages sent to a url (X-Signature); answered only here',
    example: 'whsec_3q2-7wE0Gg8bq1tYy0y1m0l7kYQ9lFfN3c3vU1s7q4E',
  })
  webhook_secret!: string;
}

export class ScenarioView extends ScenarioFields {
  @Out({ type: 'integer', example: 1 })
  id!: number;

  @Out({ type: 'integer', description: 'The saved graph new runs follow; a changed graph is the next one', example: 1 })
  version!: number;

  @Out({ example: false })
  is_active!: boolean;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  updated_at!: string;
}

export class ListScenariosResponse extends PageInfo {
  @Out({ type: [ScenarioView] })
  items!: ScenarioView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}

export class ScenarioActivityResponse {
  @Out({ type: 'integer', example: 1 })
  scenario_id!: number;

  @Out({ example: true })
  is_active!: boolean;
}

export class NodeCatalogueRequest {
  @TextField({
    optional: true,
    nullable: true,
    description: 'Only the entry of this code (an empty list when no node has it); every node when absent',
    example: 'flow.wait',
  })
  code?: string | null;
}

export class NodeCatalogueEntryView {
  @Out({ example: 'flow.wait' })
  code!: string;

  @Out({ example: 'Waits a number of seconds or until an instant, then answers done' })
  description!: string;

  @Out({
    type: 'object',
    additionalProperties: true,
    description: 'The JSON Schema of the args',
    example: { type: 'object', properties: { seconds: { type: 'integer', minimum: 1 } } },
  })
  args_schema!: JsonSchema;

  @Out({ type: [String], example: ['done'] })
  outputs!: string[];
}

export class NodeCatalogueResponse {
  @Out({ type: [NodeCatalogueEntryView] })
  items!: NodeCatalogueEntryView[];
}
