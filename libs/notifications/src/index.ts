export * from './domain/retry-schedule';
export * from './domain/hook-signature';
export * from './domain/hook-body';
export * from './entities/action-hook.entity';
export * from './entities/hook-delivery.entity';
export * from './entities/hook-sequence.entity';
export * from './delivery/create-hook-deliveries';
export * from './delivery/delivery-scheduler';
export * from './delivery/send-hook-delivery.use-case';
export * from './delivery/deliveries-for-sweep';
export * from './use-cases/create-hook.use-case';
export * from './use-cases/list-hooks.use-case';
export * from './use-cases/delete-hook.use-case';
export * from './use-cases/test-hook.use-case';
export * from './use-cases/list-deliveries.use-case';
export * from './nest/notifications.module';

import { ActionHook } from './entities/action-hook.entity';
import { HookDelivery } from './entities/hook-delivery.entity';
import { HookSequence } from './entities/hook-sequence.entity';

export const NOTIFICATION_ENTITIES = [ActionHook, HookDelivery, HookSequence];
