import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The size a task file's parts are cut at. */
export const TASK_FILE_CHUNK_BYTES = 1024 * 1024;

/**
 * A task's output file stored in `task_file_chunks` (parts of about 1 MB, numbered from 0), so an
 * API process on another machine can serve what a worker wrote. Plain SQL: the worker crosses
 * accounts, and the download checks the task's account before it reads.
 */
export const TaskFiles = {
  /** Drops what an earlier, interrupted run of the task wrote, so a run starts from nothing. */
  async clear(em: EntityManager, taskId: number): Promise<void> {
    await em.getConnection().execute('delete from task_file_chunks where task_id = ?', [taskId]);
  },

  async append(em: EntityManager, taskId: number, seq: number, data: Buffer): Promise<void> {
    await em
      .getConnection()
      .execute('insert into task_file_chunks (task_id, seq, data) values (?, ?, ?)', [taskId, seq, data]);
  },

  /** Total size and number of parts of a task's file. */
  async size(em: EntityManager, taskId: number): Promise<{ bytes: number; chunks: number }> {
    const rows: Array<{ bytes: string | null; chunks: string }> = await em
      .getConnection()
      .execute(
        'select sum(length(data))::text as bytes, count(*)::text as chunks from task_file_chunks where task_id = ?',
        [taskId],
      );
    return { bytes: Number(rows[0]?.bytes ?? 0), chunks: Number(rows[0]?.chunks ?? 0) };
  },

  /** The file, part by part: one part in memory at a time. */
  async *parts(em: EntityManager, taskId: number): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq += 1) {
      const rows: Array<{ data: Buffer }> = await em
        .getConnection()
        .execute('select data from task_file_chunks where task_id = ? and seq = ?', [taskId, seq]);
      if (rows.length === 0) return;
      yield rows[0].data;
    }
  },

  stream(em: EntityManager, taskId: number): Readable {
    return Readable.from(TaskFiles.parts(em, taskId), { objectMode: false });
  },
};

/**
 * Collects text into parts of `chunkBytes` and stores each part as it fills: memory holds one part.
 * `close` stores the last, partial one.
 */
export class TaskFileWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly taskId: number,
    private readonly chunkBytes = TASK_FILE_CHUNK_BYTES,
  ) {}

  /** Parts stored so far. */
  get parts(): number {
    return this.seq;
  }

  async write(text: string): Promise<void> {
    const buffer = Buffer.from(text, 'utf8');
    this.pending.push(buffer);
    this.pendingBytes += buffer.length;
    while (this.pendingBytes >= this.chunkBytes) {
      const all = Buffer.concat(this.pending);
      await TaskFiles.append(this.em, this.taskId, this.seq, all.subarray(0, this.chunkBytes));
      this.seq += 1;
      const rest = all.subarray(this.chunkBytes);
      this.pending = rest.length ? [Buffer.from(rest)] : [];
      this.pendingBytes = rest.length;
    }
  }

  async close(): Promise<void> {
    if (this.pendingBytes > 0 || this.seq === 0) {
      await TaskFiles.append(this.em, this.taskId, this.seq, Buffer.concat(this.pending));
      this.seq += 1;
    }
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/**
 * What a download method answers instead of a JSON payload: the API's method interceptor sends
 * the stream as the body with these headers, without the envelope.
 */
export class FileDownload {
  constructor(
    readonly stream: Readable,
    readonly contentType: string,
    readonly fileName: string,
  ) {}
}
