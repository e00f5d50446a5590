import { Module } from '@nestjs/common';
import { CreateOrderSegment } from './use-cases/create-order-segment.use-case';
import { CreatePartner } from './use-cases/create-partner.use-case';
import { GetOrderSegment } from './use-cases/get-order-segment.use-case';
import { ListOrderSegments } from './use-cases/list-order-segments.use-case';
import { ListPartners } from './use-cases/list-partners.use-case';
import { UpdateOrderSegment } from './use-cases/update-order-segment.use-case';
import { UpdatePartner } from './use-cases/update-partner.use-case';

const useCases = [
  CreatePartner,
  UpdatePartner,
  ListPartners,
  CreateOrderSegment,
  UpdateOrderSegment,
  GetOrderSegment,
  ListOrderSegments,
];

/** Configuration that only checkout reads: partners and order segments (admin role). */
@Module({ providers: useCases, exports: useCases })
export class CheckoutConfigModule {}
