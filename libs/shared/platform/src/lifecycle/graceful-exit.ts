import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';

let draining = false;

/** True once shutdown began: answers then carry `Connection: close`, so keep-alive sockets do not hold the exit. */
export function isDraining(): boolean {
  return draining;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests and jobs finish
 * (Nest's close runs every shutdown hook: the HTTP server, BullMQ workers, the ORM), then exit 0.
 * A second signal exits at once.
 */
export function exitGracefullyOnSignals(app: INestApplication, logger: Logger): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    draining = true;
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
