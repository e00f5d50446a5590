import { DynamicModule, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { CreateAccount } from './accounts/use-cases/create-account.use-case';
import { CreateToken } from './accounts/use-cases/create-token.use-case';
import { ListAudit } from './accounts/use-cases/list-audit.use-case';
import { ListTokens } from './accounts/use-cases/list-tokens.use-case';
import { RevokeToken } from './accounts/use-cases/revoke-token.use-case';
import { RateLimiter } from './auth/rate-limiter';
import { TokenAuthenticator } from './auth/token-authenticator';
import { ClockModule } from './clock/clock.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { buildOrmConfig, SchemaDefinition } from './database/orm-config';
import { HealthController } from './health/health.controller';
import { ReadinessProbe } from './health/readiness';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { LoggingModule } from './logging/logging.module';
import { Metrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { JobQueues } from './queues/job-queues';
import { RedisModule } from './redis/redis.module';

export interface PlatformOptions {
  config: AppConfig;
  logger: Logger;
  metrics: Metrics;
  schema: SchemaDefinition;
}

const useCases = [CreateAccount, CreateToken, ListTokens, RevokeToken, ListAudit];

/** Config, logging, database, Redis, clock, health and metrics, plus the account and token use cases. */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggingModule.forRoot(options.logger),
        RedisModule,
        ClockModule,
        MikroOrmModule.forRootAsync({
          driver: PostgreSqlDriver,
          useFactory: () => ({
            ...buildOrmConfig(options.schema, {
              databaseUrl: options.config.databaseUrl,
              poolMax: options.config.dbPoolMax,
              lockWaitMs: options.config.lockWaitMs,
            }),
            // ApiMethodInterceptor opens the request context itself (cheaper than a Fastify middleware).
            registerRequestContext: false,
          }),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: Metrics, useValue: options.metrics },
        ReadinessProbe,
        TokenAuthenticator,
        RateLimiter,
        IdempotencyStore,
        JobQueues,
        ...useCases,
      ],
      exports: [Metrics, ReadinessProbe, TokenAuthenticator, RateLimiter, IdempotencyStore, JobQueues, ...useCases],
    };
  }
}
