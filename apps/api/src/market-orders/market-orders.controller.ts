import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DeleteOrder, GetOrder, GetOrderStatus, ImportOrder, ListOrders, UpdateOrderLineStatus } from '@loyalty/orders';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import { ImportOrderRequest, ImportOrderResponse } from './order-import.dto';
import { ListOrdersRequest, OrderReferenceRequest, UpdateOrderLineStatusRequest } from './order-requests.dto';
import {
  DeleteOrderResponse,
  LineStatusChangeView,
  ListOrdersResponse,
  OrderStatusView,
  OrderView,
} from './order-views.dto';
import { pageAnswer, pageOf } from '../common/page.dto';

@ApiTags('Market orders')
@Controller(API_PREFIX)
export class MarketOrdersController {
  constructor(
    private readonly importOrder: ImportOrder,
    private readonly getOrder: GetOrder,
    private readonly listOrders: ListOrders,
    private readonly getOrderStatus: GetOrderStatus,
    private readonly deleteOrder: DeleteOrder,
    private readonly updateLineStatus: UpdateOrderLineStatus,
  ) {}

  @ApiMethod('market/orders/import', {
    access: 'integration',
    summary: "Create or update an order from the shop's system (never touches loyalty)",
    description:
      'On an update, absent optional fields keep their stored values and lines, when sent, replace the stored ones ' +
      '(returned units stay). An order made by preorder_commit takes only status, update_time, tags and custom_fields.',
    response: ImportOrderResponse,
  })
  async import(@Body() body: ImportOrderRequest): Promise<ImportOrderResponse> {
    const result = await this.importOrder.execute(body);
    return { order_id: result.orderId, external_id: result.externalId, created: result.created };
  }

  @ApiMethod('market/orders/get', {
    access: 'read',
    summary: 'An order with its lines and refund history',
    response: OrderView,
  })
  get(@Body() body: OrderReferenceRequest): Promise<OrderView> {
    return this.getOrder.execute(body.external_id);
  }

  @ApiMethod('market/orders/list', {
    access: 'read',
    summary: 'Orders (without lines), ascending by id',
    response: ListOrdersResponse,
  })
  async list(@Body() body: ListOrdersRequest): Promise<ListOrdersResponse> {
    const page = await this.listOrders.execute({ status: body.status, profileId: body.profile_id }, pageOf(body));
    return pageAnswer(page);
  }

  @ApiMethod('market/orders/get_status', {
    access: 'read',
    summary: 'The status of an order and of each of its lines',
    response: OrderStatusView,
  })
  getStatus(@Body() body: OrderReferenceRequest): Promise<OrderStatusView> {
    return this.getOrderStatus.execute(body.external_id);
  }

  @ApiMethod('market/orders/delete', {
    access: 'integration',
    summary: 'Delete an order (an order made at checkout must be canceled first)',
    response: DeleteOrderResponse,
  })
  async delete(@Body() body: OrderReferenceRequest): Promise<DeleteOrderResponse> {
    const result = await this.deleteOrder.execute(body.external_id);
    return { order_id: result.orderId, external_id: result.externalId };
  }

  @ApiMethod('market/orders/update_order_line_status', {
    access: 'integration',
    summary: "Set a line's status; canceling or refunding returns units and records a refund",
    response: LineStatusChangeView,
  })
  updateOrderLineStatus(@Body() body: UpdateOrderLineStatusRequest): Promise<LineStatusChangeView> {
    return this.updateLineStatus.execute(body);
  }
}
