import { Body, Controller } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod, DownloadTaskFile, Out } from '@loyalty/platform';
import { GetTaskRequest } from './tasks.controller';

export class TaskFileResponse {
  @Out({ description: 'Not JSON: the file itself (text/csv for exports), sent as an attachment', example: '' })
  file!: string;
}

@ApiTags('Tasks')
@Controller(API_PREFIX)
export class TaskDownloadController {
  constructor(private readonly download: DownloadTaskFile) {}

  @ApiMethod('tasks/download', {
    access: 'read',
    summary: "A finished task's file (an export's CSV), streamed",
    description:
      'Answers the file itself with Content-Disposition: attachment, not the JSON envelope. ' +
      'A task not done yet answers error 13 (TRANSACTION_STATE) with details.status.',
    response: TaskFileResponse,
  })
  @ApiProduces('text/csv', 'application/json')
  get(@Body() body: GetTaskRequest) {
    return this.download.execute(body.task_id);
  }
}
