import { formatRfc3339 } from '@loyalty/kernel';
import type { Task } from './task.entity';

/** A task as `tasks/get` answers it. */
export function taskView(task: Task) {
  return {
    task_id: task.id,
    kind: task.kind,
    status: task.status,
    progress: task.progress,
    items_processed: task.itemsProcessed,
    input: task.input,
    result: task.result,
    errors: task.errors,
    created_at: formatRfc3339(task.createdAt),
    started_at: task.startedAt && formatRfc3339(task.startedAt),
    finished_at: task.finishedAt && formatRfc3339(task.finishedAt),
  };
}
export type TaskView = ReturnType<typeof taskView>;
