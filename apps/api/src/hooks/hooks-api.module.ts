import { Module } from '@nestjs/common';
import { NotificationsModule } from '@loyalty/notifications';
import { HooksController } from './hooks.controller';

/** Controllers of action hooks (`hooks/*`). */
@Module({ imports: [NotificationsModule], controllers: [HooksController] })
export class HooksApiModule {}
