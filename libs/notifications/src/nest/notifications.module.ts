import { Module } from '@nestjs/common';
import { DeliveriesForSweep } from '../delivery/deliveries-for-sweep';
import { DeliveryScheduler } from '../delivery/delivery-scheduler';
import { SendHookDelivery } from '../delivery/send-hook-delivery.use-case';
import { CreateHook } from '../use-cases/create-hook.use-case';
import { DeleteHook } from '../use-cases/delete-hook.use-case';
import { ListHookDeliveries } from '../use-cases/list-deliveries.use-case';
import { ListHooks } from '../use-cases/list-hooks.use-case';
import { TestHook } from '../use-cases/test-hook.use-case';

const providers = [
  DeliveryScheduler,
  SendHookDelivery,
  DeliveriesForSweep,
  CreateHook,
  ListHooks,
  DeleteHook,
  TestHook,
  ListHookDeliveries,
];

/** Action hooks: subscriptions, deliveries, signing, retries and dead letters. */
@Module({ providers, exports: providers })
export class NotificationsModule {}
