import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod, GetTask, IdField, Out, TASK_STATUSES, TaskStatus } from '@loyalty/platform';

export class GetTaskRequest {
  @IdField({ example: 12 })
  task_id!: number;
}

export class TaskView {
  @Out({ type: 'integer', example: 12 }) task_id!: number;
  @Out({ example: 'market.feed_import' }) kind!: string;
  @Out({ enum: TASK_STATUSES, example: 'done' }) status!: TaskStatus;
  @Out({ type: 'integer', minimum: 0, maximum: 100, example: 100 }) progress!: number;
  @Out({
    type: 'integer',
    minimum: 0,
    example: 0,
    description: 'Items handled so far (an export: rows written); 0 for tasks that do not count',
  })
  items_processed!: number;
  @Out({ type: 'object', additionalProperties: true, example: { format: 'yml', url: null, schedule_id: null } })
  input!: Record<string, unknown>;
  @Out({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { categories: 2, products: 10, skus: 0 },
  })
  result!: Record<string, unknown> | null;
  @Out({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [],
    description: 'On failure: error_code, message and details (position, line, element, fields)',
  })
  errors!: Array<Record<string, unknown>>;
  @Out({ format: 'date-time', example: '2026-11-25T10:00:00.000Z' }) created_at!: string;
  @Out({ format: 'date-time', nullable: true, example: '2026-11-25T10:00:01.000Z' }) started_at!: string | null;
  @Out({ format: 'date-time', nullable: true, example: '2026-11-25T10:00:09.000Z' }) finished_at!: string | null;
}

@ApiTags('Tasks')
@Controller(API_PREFIX)
export class TasksController {
  constructor(private readonly getTask: GetTask) {}

  @ApiMethod('tasks/get', {
    access: 'read',
    summary: 'A background task: status, progress, result and errors',
    response: TaskView,
  })
  get(@Body() body: GetTaskRequest) {
    return this.getTask.execute(body.task_id);
  }
}
