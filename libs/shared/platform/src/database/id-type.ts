import { BigIntType } from '@mikro-orm/core';

/** Surrogate keys are bigint columns read as JS numbers: ids stay below 2^53 and are JSON numbers on the wire. */
export const idType = new BigIntType('number');
