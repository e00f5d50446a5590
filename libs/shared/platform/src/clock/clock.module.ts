import { Global, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { Clock, systemClock } from '@loyalty/kernel';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { SharedTestClock } from './shared-test-clock';

/** Injection token of the Clock every use case reads "now" from. */
export const CLOCK = Symbol('CLOCK');

@Global()
@Module({
  providers: [
    {
      provide: CLOCK,
      inject: [APP_CONFIG, REDIS],
      useFactory: (config: AppConfig, redis: Redis): Clock =>
        config.testClock ? new SharedTestClock(redis, config.redisPrefix) : systemClock,
    },
  ],
  exports: [CLOCK],
})
export class ClockModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  async onModuleInit(): Promise<void> {
    if (this.clock instanceof SharedTestClock) await this.clock.start();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.clock instanceof SharedTestClock) await this.clock.stop();
  }
}
