import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import {
  ApiExceptionFilter,
  ApiMethodInterceptor,
  ApiValidationPipe,
  AuthGuard,
  PlatformModule,
  PlatformOptions,
} from '@loyalty/platform';
import { ProfilesModule } from '@loyalty/profiles';
import { AccountsController } from './accounts/accounts.controller';
import { AuditController } from './audit/audit.controller';
import { DatabasesController } from './databases/databases.controller';
import { HooksApiModule } from './hooks/hooks-api.module';
import { LoyaltyConfigApiModule } from './loyalty-config/loyalty-config-api.module';
import { LoyaltyApiModule } from './loyalty/loyalty-api.module';
import { MarketApiModule } from './market/market-api.module';
import { MarketOrdersApiModule } from './market-orders/market-orders-api.module';
import { ProfilesController } from './profiles/profiles.controller';
import { PromoCodesApiModule } from './promo-codes/promo-codes-api.module';
import { ReportsApiModule } from './reports/reports-api.module';
import { ScenariosApiModule } from './scenarios/scenarios-api.module';
import { TestClockController } from './test-clock/test-clock.controller';
import { TokensController } from './tokens/tokens.controller';

/** The REST API: thin controllers over the libraries' use cases, behind one guard, interceptor, pipe and filter. */
@Module({})
export class ApiModule {
  static forRoot(platform: PlatformOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(platform),
        ProfilesModule,
        LoyaltyConfigApiModule,
        LoyaltyApiModule,
        MarketApiModule,
        MarketOrdersApiModule,
        PromoCodesApiModule,
        HooksApiModule,
        ReportsApiModule,
        ScenariosApiModule,
      ],
      controllers: [
        AccountsController,
        TokensController,
        AuditController,
        DatabasesController,
        ProfilesController,
        ...(platform.config.testClock ? [TestClockController] : []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: ApiMethodInterceptor },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
