import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import {
  ActivateScenario,
  CreateScenario,
  DeactivateScenario,
  GetScenario,
  ListNodeCatalogue,
  ListScenarios,
  UpdateScenario,
} from '@loyalty/scenario-node';
import { pageAnswer, pageOf, PageRequest } from '../common/page.dto';
import {
  CreateScenarioRequest,
  CreateScenarioResponse,
  ListScenariosResponse,
  NodeCatalogueRequest,
  NodeCatalogueResponse,
  ScenarioActivityResponse,
  ScenarioRequest,
  ScenarioView,
  UpdateScenarioRequest,
} from './scenarios.dto';

const GRAPH_RULES =
  'The graph is validated against the node catalogue: error 1 with details.fields naming every problem ' +
  '(unknown code, args against the args schema, duplicate or malformed node id, dangling edge, undeclared or ' +
  'doubled output, node unreachable from nodes[0], a cycle through no waiting node); nothing is saved.';

/** Scenarios (spec/api.md §10): configuration is the admin's; reads and the catalogue are every role's. */
@ApiTags('Scenarios')
@Controller(API_PREFIX)
export class ScenariosController {
  constructor(
    private readonly createScenario: CreateScenario,
    private readonly updateScenario: UpdateScenario,
    private readonly getScenario: GetScenario,
    private readonly listScenarios: ListScenarios,
    private readonly activateScenario: ActivateScenario,
    private readonly deactivateScenario: DeactivateScenario,
    private readonly listCatalogue: ListNodeCatalogue,
  ) {}

  @ApiMethod('scenarios/create', {
    access: 'admin',
    summary: 'Create a scenario, inactive, as version 1; answers its webhook secret once',
    description: GRAPH_RULES,
    response: CreateScenarioResponse,
  })
  async create(@Body() body: CreateScenarioRequest): Promise<CreateScenarioResponse> {
    const created = await this.createScenario.execute(body);
    return { scenario_id: created.scenarioId, webhook_secret: created.webhookSecret };
  }

  @ApiMethod('scenarios/update', {
    access: 'admin',
    summary: 'Change a scenario (partial); a changed graph is saved as the next version',
    description: `Runs in progress keep the version they started with. ${GRAPH_RULES} Answers the scenario as scenarios/get does.`,
    response: ScenarioView,
  })
  update(@Body() body: UpdateScenarioRequest): Promise<ScenarioView> {
    const { scenario_id: scenarioId, ...patch } = body;
    return this.updateScenario.execute(scenarioId, patch);
  }

  @ApiMethod('scenarios/get', {
    access: 'read',
    summary: 'A scenario with its graph, version and state (never its webhook secret)',
    response: ScenarioView,
  })
  get(@Body() body: ScenarioRequest): Promise<ScenarioView> {
    return this.getScenario.execute(body.scenario_id);
  }

  @ApiMethod('scenarios/list', {
    access: 'read',
    summary: "The account's scenarios, ascending by id",
    response: ListScenariosResponse,
  })
  async list(@Body() body: PageRequest): Promise<ListScenariosResponse> {
    return pageAnswer(await this.listScenarios.execute(pageOf(body)));
  }

  @ApiMethod('scenarios/activate', {
    access: 'admin',
    summary: 'Activate a scenario: its trigger event starts runs (a no-op when active)',
    response: ScenarioActivityResponse,
  })
  async activate(@Body() body: ScenarioRequest): Promise<ScenarioActivityResponse> {
    const result = await this.activateScenario.execute(body.scenario_id);
    return { scenario_id: result.scenarioId, is_active: result.isActive };
  }

  @ApiMethod('scenarios/deactivate', {
    access: 'admin',
    summary: 'Deactivate a scenario: no new runs, runs in progress go on (a no-op when inactive)',
    response: ScenarioActivityResponse,
  })
  async deactivate(@Body() body: ScenarioRequest): Promise<ScenarioActivityResponse> {
    const result = await this.deactivateScenario.execute(body.scenario_id);
    return { scenario_id: result.scenarioId, is_active: result.isActive };
  }

  @ApiMethod('scenarios/nodes/catalogue', {
    access: 'read',
    summary: 'Every node code with its description, args schema and outputs',
    response: NodeCatalogueResponse,
  })
  catalogue(@Body() body: NodeCatalogueRequest): NodeCatalogueResponse {
    return { items: this.listCatalogue.execute(body.code) };
  }
}
