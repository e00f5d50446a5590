import { BigIntType } from '@mikro-orm/core';

/** Points in hundredths of a point. */
export const pointsType = new BigIntType('bigint');
