import pino, { Logger } from 'pino';
import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../config/app-config';

/** Structured JSON logs; credentials are redacted wherever they could appear. */
export function createLogger(level: LogLevel, name: string): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'body.token', 'token', 'secret', '*.secret'],
      censor: '[redacted]',
    },
  });
}

/** Routes Nest's own log lines into the same JSON logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
