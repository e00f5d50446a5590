import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, ConfigError, parseConfig } from './app-config';

/** Injection token of the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The one place that reads process.env; main.ts calls it before anything starts. */
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

/** DATABASE_URL alone, for tools that need no other setting (the MikroORM CLI, seeding). */
export function loadDatabaseUrl(): string {
  return parseConfig({ ...process.env, ROOT_API_KEY: 'x'.repeat(16), QUOTE_SECRET: 'x'.repeat(16) }).databaseUrl;
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
