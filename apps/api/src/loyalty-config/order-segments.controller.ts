import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import { CreateOrderSegment, GetOrderSegment, ListOrderSegments, UpdateOrderSegment } from '@loyalty/loyalty';
import {
  CreatedIdResponse,
  CreateOrderSegmentRequest,
  ListByProgramRequest,
  ListOrderSegmentsResponse,
  OrderSegmentRequest,
  OrderSegmentView,
  UpdateOrderSegmentRequest,
} from './checkout-config.dto';
import { pageAnswer, pageOf } from '../common/page.dto';

@ApiTags('Loyalty configuration')
@Controller(API_PREFIX)
export class OrderSegmentsController {
  constructor(
    private readonly createSegment: CreateOrderSegment,
    private readonly updateSegment: UpdateOrderSegment,
    private readonly getSegment: GetOrderSegment,
    private readonly listSegments: ListOrderSegments,
  ) {}

  @ApiMethod('loyalty/order_segments/create', {
    access: 'admin',
    summary: 'Create an order segment: a named checkout condition tree',
    description: 'Conditions name it with {"field": "order_segment", "op": "eq", "value": <id>}.',
    response: CreatedIdResponse,
  })
  create(@Body() body: CreateOrderSegmentRequest): Promise<CreatedIdResponse> {
    const { loyalty_program_id: programId, ...settings } = body;
    return this.createSegment.execute(programId, settings);
  }

  @ApiMethod('loyalty/order_segments/update', {
    access: 'admin',
    summary: "Change an order segment's name or tree (partial)",
    response: OrderSegmentView,
  })
  update(@Body() body: UpdateOrderSegmentRequest): Promise<OrderSegmentView> {
    const { loyalty_program_id: programId, order_segment_id: segmentId, ...patch } = body;
    return this.updateSegment.execute(programId, segmentId, patch);
  }

  @ApiMethod('loyalty/order_segments/get', { access: 'read', summary: 'An order segment', response: OrderSegmentView })
  get(@Body() body: OrderSegmentRequest): Promise<OrderSegmentView> {
    return this.getSegment.execute(body.loyalty_program_id, body.order_segment_id);
  }

  @ApiMethod('loyalty/order_segments/list', {
    access: 'read',
    summary: "A program's order segments, ascending by id",
    response: ListOrderSegmentsResponse,
  })
  async list(@Body() body: ListByProgramRequest): Promise<ListOrderSegmentsResponse> {
    return pageAnswer(await this.listSegments.execute(body.loyalty_program_id, pageOf(body)));
  }
}
