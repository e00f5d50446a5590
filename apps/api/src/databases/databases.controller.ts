import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiMethod, Out, TextField } from '@loyalty/platform';
import { API_PREFIX } from '@loyalty/platform';
import { CreateDatabase, ListDatabases } from '@loyalty/profiles';
import { PageInfo, pageOf, PageRequest } from '../common/page.dto';
import { wireTime } from '../common/wire-format';

export class CreateDatabaseRequest {
  @TextField({ example: 'Customers' })
  name!: string;
}

export class CreateDatabaseResponse {
  @Out({ type: 'integer', example: 1 })
  db_id!: number;
}

export class DatabaseView {
  @Out({ type: 'integer', example: 1 })
  db_id!: number;

  @Out({ example: 'Customers' })
  name!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;
}

export class ListDatabasesResponse extends PageInfo {
  @Out({ type: [DatabaseView] })
  items!: DatabaseView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}

@ApiTags('Databases and profiles')
@Controller(API_PREFIX)
export class DatabasesController {
  constructor(
    private readonly createDatabase: CreateDatabase,
    private readonly listDatabases: ListDatabases,
  ) {}

  @ApiMethod('databases/create', {
    access: 'admin',
    summary: 'Create a profile database',
    response: CreateDatabaseResponse,
  })
  async create(@Body() body: CreateDatabaseRequest): Promise<CreateDatabaseResponse> {
    const { dbId } = await this.createDatabase.execute(body.name);
    return { db_id: dbId };
  }

  @ApiMethod('databases/list', { access: 'read', summary: 'List profile databases', response: ListDatabasesResponse })
  async list(@Body() body: PageRequest): Promise<ListDatabasesResponse> {
    const page = await this.listDatabases.execute(pageOf(body));
    return {
      items: page.items.map((db) => ({ db_id: db.id, name: db.name, created_at: wireTime(db.createdAt) })),
      next_from_id: page.nextFromId,
      total_count: page.totalCount,
    };
  }
}
