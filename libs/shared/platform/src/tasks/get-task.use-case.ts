import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { Task } from './task.entity';
import { taskView, TaskView } from './task-view';

/** `tasks/get`: a task of the caller's account (another account's is 404, like a missing one). */
@Injectable()
export class GetTask {
  constructor(private readonly em: EntityManager) {}

  async execute(taskId: number): Promise<TaskView> {
    const task = await this.em.findOne(Task, { id: taskId });
    if (!task) throw DomainError.notFound(`Task ${taskId}`);
    return taskView(task);
  }
}
