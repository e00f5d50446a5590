import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CommitPreorder,
  DeleteOrder,
  GetOrder,
  GetOrderStatus,
  ImportOrder,
  ListOrders,
  Preorder,
  UpdateOrderLineStatus,
} from '@loyalty/orders';
import { CommitPreorderRequest, CommitPreorderView, PreorderRequest, PreorderView } from './checkout.dto';
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
    private readonly preorder: Preorder,
    private readonly commitPreorder: CommitPreorder,
  ) {}

  @ApiMethod('market/orders/preorder', {
    access: 'integration',
    summary: 'Price a cart: discounts, points to redeem and to earn, explained line by line; changes nothing',
    description:
      'The program is the active one of the database bound to the sales channel of data.endpoint (error 17 without ' +
      'one). A missing, unknown or non-member person gets the discounts that need no membership and no points.',
    response: PreorderView,
  })
  price(@Body() body: PreorderRequest): Promise<PreorderView> {
    return this.preorder.execute(body);
  }

  @ApiMethod('market/orders/preorder_commit', {
    access: 'integration',
    summary: 'Create the order and move points atomically (idempotent by external_id)',
    description:
      'Recalculates under the member lock; a different final_total_price (or quoted figure) is error 14 with the ' +
      'fresh calculation in details.calculation and writes nothing. The same external_id with the same body answers ' +
      'the stored answer with replayed: true; with another body, error 15.',
    response: CommitPreorderView,
  })
  commit(@Body() body: CommitPreorderRequest): Promise<CommitPreorderView> {
    return this.commitPreorder.execute(body);
  }

  @ApiMethod('market/orders/import', {
    access: 'integration',
    summary: "Create or update an order from the shop's system",
    description:
      'Creating an order here never touches loyalty. On an update, absent optional fields keep their stored values and ' +
      'lines, when sent, replace the stored ones (returned units stay). An order made by preorder_commit takes only ' +
      'status, update_time, tags and custom_fields, and its status acts on loyalty: canceled reverses the order, ' +
      'paid or delivered activate its pending points early when the program says so.',
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
