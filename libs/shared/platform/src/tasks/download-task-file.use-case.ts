import { Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { Task } from './task.entity';
import { FileDownload, TaskFiles } from './task-files';

/**
 * `tasks/download`: the file a finished task produced, streamed part by part. Another account's
 * task is 404 like a missing one; a task that is not done yet (or failed, or made no file) is
 * error 13 with the task's status in `details`.
 */
@Injectable()
export class DownloadTaskFile {
  constructor(
    private readonly em: EntityManager,
    private readonly orm: MikroORM,
  ) {}

  async execute(taskId: number): Promise<FileDownload> {
    const task = await this.em.findOne(Task, { id: taskId });
    if (!task) throw DomainError.notFound(`Task ${taskId}`);
    const file = task.result?.['file'] as { name?: string; content_type?: string } | undefined;
    if (task.status !== 'done' || !file?.name) {
      const why = task.status === 'done' ? 'made no file' : `is ${task.status}`;
      throw new DomainError('TRANSACTION_STATE', `Task ${taskId} ${why}: download it when tasks/get says done`, {
        task_id: taskId,
        status: task.status,
      });
    }
    const reader = this.orm.em.fork();
    return new FileDownload(
      TaskFiles.stream(reader, taskId),
      file.content_type ?? 'application/octet-stream',
      file.name,
    );
  }
}
