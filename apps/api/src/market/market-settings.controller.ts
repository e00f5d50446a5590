import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import {
  CreateCustomField,
  CreateMarketCurrency,
  CreateRegion,
  CreateSalesChannel,
  CreateTouchpoint,
  ListCustomFields,
  ListMarketCurrencies,
  ListRegions,
  ListSalesChannels,
  ListTouchpoints,
  UpdateSalesChannel,
  UpdateTouchpoint,
} from '@loyalty/market-catalog';
import { pageAnswer, pageOf, PageRequest } from '../common/page.dto';
import {
  ChannelView,
  CreateChannelRequest,
  CreateCurrencyRequest,
  CreateCurrencyResponse,
  CreateCustomFieldRequest,
  CreatedIdResponse,
  CreateEndpointRequest,
  CreateRegionRequest,
  EndpointView,
  ListChannelsResponse,
  ListCurrenciesResponse,
  ListCustomFieldsRequest,
  ListCustomFieldsResponse,
  ListEndpointsResponse,
  ListRegionsResponse,
  UpdateChannelRequest,
  UpdateEndpointRequest,
} from './market-settings.dto';

@ApiTags('Market settings')
@Controller(API_PREFIX)
export class MarketSettingsController {
  constructor(
    private readonly createChannel: CreateSalesChannel,
    private readonly updateChannel: UpdateSalesChannel,
    private readonly listChannels: ListSalesChannels,
    private readonly createTouchpoint: CreateTouchpoint,
    private readonly updateTouchpoint: UpdateTouchpoint,
    private readonly listTouchpoints: ListTouchpoints,
    private readonly createCurrency: CreateMarketCurrency,
    private readonly listCurrencies: ListMarketCurrencies,
    private readonly createRegion: CreateRegion,
    private readonly listRegions: ListRegions,
    private readonly createCustomField: CreateCustomField,
    private readonly listCustomFields: ListCustomFields,
  ) {}

  @ApiMethod('market/channels/create', {
    access: 'admin',
    summary: 'Create a sales channel bound to a profile database',
    response: CreatedIdResponse,
  })
  channelsCreate(@Body() body: CreateChannelRequest) {
    return this.createChannel.execute(body);
  }

  @ApiMethod('market/channels/update', {
    access: 'admin',
    summary: 'Change a sales channel (partial)',
    response: ChannelView,
  })
  channelsUpdate(@Body() body: UpdateChannelRequest) {
    return this.updateChannel.execute(body);
  }

  @ApiMethod('market/channels/list', {
    access: 'read',
    summary: 'Sales channels, ascending by id',
    response: ListChannelsResponse,
  })
  async channelsList(@Body() body: PageRequest) {
    return pageAnswer(await this.listChannels.execute(pageOf(body)));
  }

  @ApiMethod('market/endpoints/create', {
    access: 'admin',
    summary: 'Create a touchpoint of a sales channel',
    response: CreatedIdResponse,
  })
  endpointsCreate(@Body() body: CreateEndpointRequest) {
    return this.createTouchpoint.execute(body);
  }

  @ApiMethod('market/endpoints/update', {
    access: 'admin',
    summary: 'Rename a touchpoint or move it to another channel',
    response: EndpointView,
  })
  endpointsUpdate(@Body() body: UpdateEndpointRequest) {
    return this.updateTouchpoint.execute(body);
  }

  @ApiMethod('market/endpoints/list', {
    access: 'read',
    summary: 'Touchpoints, ascending by id',
    response: ListEndpointsResponse,
  })
  async endpointsList(@Body() body: PageRequest) {
    return pageAnswer(await this.listTouchpoints.execute(pageOf(body)));
  }

  @ApiMethod('market/currencies/create', {
    access: 'admin',
    summary: 'Add an ISO 4217 currency (minor digits from the standard; 3-digit currencies refused)',
    response: CreateCurrencyResponse,
  })
  currenciesCreate(@Body() body: CreateCurrencyRequest) {
    return this.createCurrency.execute(body);
  }

  @ApiMethod('market/currencies/list', {
    access: 'read',
    summary: 'Currencies, ascending by id',
    response: ListCurrenciesResponse,
  })
  async currenciesList(@Body() body: PageRequest) {
    return pageAnswer(await this.listCurrencies.execute(pageOf(body)));
  }

  @ApiMethod('market/regions/create', {
    access: 'admin',
    summary: 'Create a sales region',
    response: CreatedIdResponse,
  })
  regionsCreate(@Body() body: CreateRegionRequest) {
    return this.createRegion.execute(body);
  }

  @ApiMethod('market/regions/list', {
    access: 'read',
    summary: 'Regions, ascending by id',
    response: ListRegionsResponse,
  })
  async regionsList(@Body() body: PageRequest) {
    return pageAnswer(await this.listRegions.execute(pageOf(body)));
  }

  @ApiMethod('market/custom_fields/create', {
    access: 'admin',
    summary: 'Define a typed custom field of products, SKUs, orders or order lines',
    response: CreatedIdResponse,
  })
  customFieldsCreate(@Body() body: CreateCustomFieldRequest) {
    return this.createCustomField.execute(body);
  }

  @ApiMethod('market/custom_fields/list', {
    access: 'read',
    summary: 'Custom field definitions, ascending by id',
    response: ListCustomFieldsResponse,
  })
  async customFieldsList(@Body() body: ListCustomFieldsRequest) {
    return pageAnswer(await this.listCustomFields.execute({ ...pageOf(body), entityType: body.entity_type }));
  }
}
