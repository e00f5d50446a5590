// Promo codes: programs, codes, generation, attachment, activation, and the checkout's code service.
export * from './domain/code-pattern';
export * from './domain/code-state';
export * from './domain/promo-code-program-settings';
export * from './views/promo-code-program-view';
export * from './views/promo-code-view';
export * from './checkout/promo-code-checkout';
export * from './use-cases/create-promo-code-program.use-case';
export * from './use-cases/list-promo-code-programs.use-case';
export * from './use-cases/generate-promo-codes.use-case';
export * from './use-cases/import-promo-codes.use-case';
export * from './use-cases/list-promo-codes.use-case';
export * from './use-cases/get-promo-code.use-case';
export * from './use-cases/attach-promo-code.use-case';
export * from './use-cases/detach-promo-code.use-case';
export * from './use-cases/activate-promo-code.use-case';
export * from './use-cases/update-promo-code.use-case';
export * from './promo-codes.module';
