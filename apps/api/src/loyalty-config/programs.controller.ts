import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import {
  ActivateProgram,
  CreateProgram,
  DeactivateProgram,
  GetProgram,
  ListPrograms,
  UpdateProgram,
} from '@loyalty/loyalty';
import { pageAnswer, pageOf, PageRequest } from '../common/page.dto';
import {
  CreateProgramRequest,
  CreateProgramResponse,
  ListProgramsResponse,
  ProgramActivityResponse,
  ProgramRequest,
  ProgramView,
  UpdateProgramRequest,
} from './programs.dto';

@ApiTags('Loyalty configuration')
@Controller(API_PREFIX)
export class ProgramsController {
  constructor(
    private readonly createProgram: CreateProgram,
    private readonly updateProgram: UpdateProgram,
    private readonly getProgram: GetProgram,
    private readonly listPrograms: ListPrograms,
    private readonly activateProgram: ActivateProgram,
    private readonly deactivateProgram: DeactivateProgram,
  ) {}

  @ApiMethod('loyalty/programs/create', {
    access: 'admin',
    summary: 'Create a loyalty program on a profile database',
    description: 'Active unless is_active is false; at most one active program per database (error 5).',
    response: CreateProgramResponse,
  })
  async create(@Body() body: CreateProgramRequest): Promise<CreateProgramResponse> {
    const { programId } = await this.createProgram.execute(body);
    return { loyalty_program_id: programId };
  }

  @ApiMethod('loyalty/programs/update', {
    access: 'admin',
    summary: "Change a program's settings (partial; null restores a default)",
    description: 'db_id never changes. Answers the program as programs/get does.',
    response: ProgramView,
  })
  update(@Body() body: UpdateProgramRequest): Promise<ProgramView> {
    const { loyalty_program_id: programId, ...patch } = body;
    return this.updateProgram.execute(programId, patch);
  }

  @ApiMethod('loyalty/programs/get', { access: 'read', summary: 'A program with every setting', response: ProgramView })
  get(@Body() body: ProgramRequest): Promise<ProgramView> {
    return this.getProgram.execute(body.loyalty_program_id);
  }

  @ApiMethod('loyalty/programs/list', {
    access: 'read',
    summary: "The account's programs, ascending by id",
    response: ListProgramsResponse,
  })
  async list(@Body() body: PageRequest): Promise<ListProgramsResponse> {
    const page = await this.listPrograms.execute(pageOf(body));
    return pageAnswer(page);
  }

  @ApiMethod('loyalty/programs/activate', {
    access: 'admin',
    summary: 'Activate a program (a no-op when active)',
    description: 'Error 5 when another program is active on the same database.',
    response: ProgramActivityResponse,
  })
  async activate(@Body() body: ProgramRequest): Promise<ProgramActivityResponse> {
    const result = await this.activateProgram.execute(body.loyalty_program_id);
    return { loyalty_program_id: result.programId, is_active: result.isActive };
  }

  @ApiMethod('loyalty/programs/deactivate', {
    access: 'admin',
    summary: 'Deactivate a program (a no-op when inactive)',
    response: ProgramActivityResponse,
  })
  async deactivate(@Body() body: ProgramRequest): Promise<ProgramActivityResponse> {
    const result = await this.deactivateProgram.execute(body.loyalty_program_id);
    return { loyalty_program_id: result.programId, is_active: result.isActive };
  }
}
