import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { idType } from '../database/id-type';
import { Task } from './task.entity';

/**
 * A part of the file a task produced (an export's CSV), in the database so that any API process
 * can serve what any worker wrote. Parts are about 1 MB and numbered from 0; read in order they
 * are the file.
 */
@Entity({ tableName: 'task_file_chunks' })
export class TaskFileChunk {
  @ManyToOne(() => Task, { primary: true, mapToPk: true, type: idType, deleteRule: 'cascade' })
  task!: number;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  @Property({ type: 'blob' })
  data!: Buffer;
}

export const TASK_FILE_ENTITIES = [TaskFileChunk];
