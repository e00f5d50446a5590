import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, ConfigError, parseConfig } from './app-config';

/** Injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The application's settings; main.ts calls it before anything starts. This file is the one place that reads process.env. */
export function loadConfig(): AppConfig {
  return parseConfig(process.env);
}

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

/**
 * DATABASE_URL and REDIS_URL alone (with the application's defaults), for tools and test harnesses
 * that need no other setting: the MikroORM CLI, seeding, test databases and Redis prefixes.
 */
export function loadServerUrls(): { databaseUrl: string; redisUrl: string } {
  const config = parseConfig({ ...process.env, ROOT_API_KEY: 'x'.repeat(16), QUOTE_SECRET: 'x'.repeat(16) });
  return { databaseUrl: config.databaseUrl, redisUrl: config.redisUrl };
}

export function loadDatabaseUrl(): string {
  return loadServerUrls().databaseUrl;
}

/** The environment a child process inherits, with `overrides` on top. */
export function inheritedEnvironment(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** loadConfig for a process entry point: prints every problem and exits instead of throwing. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
