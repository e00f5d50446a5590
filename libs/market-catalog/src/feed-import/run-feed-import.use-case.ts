import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { APP_CONFIG, AppConfig, CLOCK, runClaimedTask, TaskProgress } from '@loyalty/platform';
import { FeedRecord, readCsvFeed, readYmlFeed } from '../feed';
import type { FeedFormat } from '../entities/feed-schedule.entity';
import { CatalogImportSession, ImportCounts } from '../repositories/catalog-import-session';
import { contentSource, CountedFeedSource, urlSource } from './feed-source';
import type { LabelledCategory } from '../domain/category-tree';
import type { LabelledItem } from '../repositories/catalog-import-session';

const BATCH_SIZE = 1000;

/** The sweep re-queues a running import silent for this long. */
export const FEED_TASK_STALE_MS = 120_000;

/** A feed waits this long for another import of the same account's catalog to finish. */
const FEED_LOCK_WAIT_MS = 15 * 60_000;

/**
 * Runs a queued feed-import task: streams the feed through its reader and imports it in batches
 * inside ONE transaction, so a feed that fails anywhere changes nothing. Progress is written on
 * another connection as bytes are read. A task already taken (a duplicate job) is left alone.
 */
@Injectable()
export class RunFeedImport {
  private readonly logger = new Logger(RunFeedImport.name);

  constructor(
    private readonly orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(taskId: number): Promise<'done' | 'failed' | 'skipped'> {
    const em = this.orm.em.fork();
    const run = {
      taskId,
      label: 'feed task',
      unexpectedFailure: 'The import failed unexpectedly; nothing was changed',
    };
    return runClaimedTask(em, this.clock, this.logger, run, async (claimed) => ({
      ...(await this.importFeed(em, taskId, claimed.input)),
    }));
  }

  private async importFeed(em: EntityManager, taskId: number, input: Record<string, unknown>): Promise<ImportCounts> {
    const format = input['format'] as FeedFormat;
    const url = input['url'] as string | null;
    const feed = url
      ? await urlSource(url, this.config.allowPrivateUrls)
      : contentSource((await TaskProgress.payload(em, taskId)) ?? '');
    const records = format === 'yml' ? readYmlFeed(feed.source) : readCsvFeed(feed.source);
    return em.transactional(async (tx) => {
      const session = await CatalogImportSession.open(tx, this.clock.now(), {
        lockWaitMs: FEED_LOCK_WAIT_MS,
        customFieldsAsText: true,
      });
      await this.importRecords(records, session, format, () => this.reportProgress(em, taskId, feed));
      return session.counts();
    });
  }

  private async importRecords(
    records: AsyncIterable<FeedRecord>,
    session: CatalogImportSession,
    format: FeedFormat,
    onBatch: () => Promise<void>,
  ): Promise<void> {
    let categories: LabelledCategory[] = [];
    let items: LabelledItem[] = [];
    const flush = async () => {
      await session.addCategories(categories);
      await session.addItems(items);
      categories = [];
      items = [];
      await onBatch();
    };
    for await (const record of records) {
      if (record.kind === 'category') {
        if (items.length > 0) await flush();
        const subject = format === 'yml' ? 'category' : 'row';
        categories.push({ category: record.category, path: `${subject} ${record.position} (line ${record.line})` });
      } else {
        const subject = format === 'yml' ? 'offer' : 'row';
        items.push({ input: record.item, path: `${subject} ${record.position} (line ${record.line})` });
        if (items.length >= BATCH_SIZE) await flush();
      }
    }
    await flush();
  }

  private async reportProgress(em: EntityManager, taskId: number, feed: CountedFeedSource): Promise<void> {
    if (!feed.totalBytes) return;
    const percent = Math.min(99, Math.floor((feed.bytesRead() * 100) / feed.totalBytes));
    await TaskProgress.progress(em, taskId, percent, this.clock.now());
  }
}
