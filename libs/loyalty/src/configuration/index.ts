// Configuration of loyalty programs: programs, points currencies, tier groups, promotions.
export * from './loyalty-configuration.module';
