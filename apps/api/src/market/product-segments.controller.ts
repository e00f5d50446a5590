import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import {
  CreateProductSegment,
  GetProductSegment,
  ListProductSegments,
  ListSegmentMembers,
  UpdateProductSegment,
} from '@loyalty/market-catalog';
import { pageAnswer, pageOf, PageRequest } from '../common/page.dto';
import { CreatedIdResponse } from './market-settings.dto';
import {
  CreateSegmentRequest,
  ListSegmentsResponse,
  SegmentIdRequest,
  SegmentMembersRequest,
  SegmentMembersResponse,
  SegmentView,
  UpdateSegmentRequest,
} from './product-segments.dto';

@ApiTags('Market catalog')
@Controller(API_PREFIX)
export class ProductSegmentsController {
  constructor(
    private readonly createSegment: CreateProductSegment,
    private readonly updateSegment: UpdateProductSegment,
    private readonly getSegment: GetProductSegment,
    private readonly listSegments: ListProductSegments,
    private readonly listMembers: ListSegmentMembers,
  ) {}

  @ApiMethod('market/product_segments/create', {
    access: 'admin',
    summary: 'Create a static or dynamic product segment',
    response: CreatedIdResponse,
  })
  create(@Body() body: CreateSegmentRequest) {
    return this.createSegment.execute(body);
  }

  @ApiMethod('market/product_segments/update', {
    access: 'admin',
    summary: 'Change a product segment (partial)',
    response: SegmentView,
  })
  update(@Body() body: UpdateSegmentRequest) {
    const { segment_id: segmentId, ...patch } = body;
    return this.updateSegment.execute(segmentId, patch);
  }

  @ApiMethod('market/product_segments/get', { access: 'read', summary: 'A product segment', response: SegmentView })
  get(@Body() body: SegmentIdRequest) {
    return this.getSegment.execute(body.segment_id);
  }

  @ApiMethod('market/product_segments/list', {
    access: 'read',
    summary: 'Product segments, ascending by id',
    response: ListSegmentsResponse,
  })
  async list(@Body() body: PageRequest) {
    const page = await this.listSegments.execute(pageOf(body));
    return pageAnswer(page);
  }

  @ApiMethod('market/product_segments/members', {
    access: 'read',
    summary: 'The products or SKUs in a segment',
    response: SegmentMembersResponse,
  })
  members(@Body() body: SegmentMembersRequest) {
    return this.listMembers.execute(body.segment_id, pageOf(body));
  }
}
