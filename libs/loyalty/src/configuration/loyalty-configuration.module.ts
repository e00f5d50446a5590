import { Module } from '@nestjs/common';

const useCases: never[] = [];

/** Use cases that configure loyalty programs (admin role). */
@Module({ providers: useCases, exports: useCases })
export class LoyaltyConfigurationModule {}
