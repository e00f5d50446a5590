// Configuration that only checkout reads: partners and order segments.
export * from './domain/checkout-condition';
export * from './domain/partner-settings';
export * from './views/partner-view';
export * from './views/order-segment-view';
export * from './use-cases/create-partner.use-case';
export * from './use-cases/update-partner.use-case';
export * from './use-cases/list-partners.use-case';
export * from './use-cases/create-order-segment.use-case';
export * from './use-cases/update-order-segment.use-case';
export * from './use-cases/get-order-segment.use-case';
export * from './use-cases/list-order-segments.use-case';
export * from './checkout-config.module';
export * from './draft-promotions';
