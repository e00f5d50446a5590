/**
 * The stable error catalogue of spec/api.md §1. Numbers never change once published;
 * new codes are added at the end.
 */
export const ERROR_CATALOG = {
  VALIDATION_FAILED: { error: 1, http: 400, text: 'Request body does not match the schema' },
  UNAUTHORIZED: { error: 2, http: 401, text: 'Missing or unknown token' },
  FORBIDDEN: { error: 3, http: 403, text: 'The token may not call this method' },
  NOT_FOUND: { error: 4, http: 404, text: 'Not found' },
  CONFLICT: { error: 5, http: 409, text: 'Unique key already taken' },
  IDEMPOTENCY_MISMATCH: { error: 6, http: 422, text: 'The key was used with a different body' },
  PROFILE_NOT_FOUND: { error: 7, http: 404, text: 'No profile matches' },
  NOT_A_MEMBER: { error: 8, http: 404, text: 'The profile is not a member of the program' },
  INSUFFICIENT_POINTS: { error: 9, http: 409, text: 'Not enough active points' },
  PROMOTION_NOT_APPLICABLE: { error: 10, http: 409, text: 'The promotion does not apply' },
  LIMIT_REACHED: { error: 11, http: 409, text: 'A limit of the promotion or code is exhausted' },
  AMOUNT_OUT_OF_RANGE: { error: 12, http: 400, text: "Amount outside the rule's range" },
  TRANSACTION_STATE: { error: 13, http: 409, text: 'The transaction or order is not in a state that allows this' },
  PREORDER_STALE: { error: 14, http: 409, text: 'The order calculation changed' },
  ORDER_ALREADY_COMMITTED: { error: 15, http: 409, text: 'The order was committed with a different body' },
  PROMO_CODE_INVALID: { error: 16, http: 409, text: 'The promo code cannot be used' },
  MARKET_REQUIRED: { error: 17, http: 409, text: 'The program has no catalog data' },
  UNKNOWN_REFERENCE: { error: 18, http: 400, text: 'The body names something that does not exist' },
  RATE_LIMITED: { error: 19, http: 429, text: 'Too many requests' },
  BUSY: { error: 20, http: 409, text: 'The account is busy; retry' },
  PAYLOAD_TOO_LARGE: { error: 21, http: 413, text: 'Request body too large' },
  METHOD_NOT_FOUND: { error: 22, http: 404, text: 'No such method' },
  UNSUPPORTED_MEDIA_TYPE: { error: 23, http: 415, text: 'Request body must be JSON' },
  NOT_READY: { error: 24, http: 503, text: 'Service not ready' },
  INTERNAL: { error: 100, http: 500, text: 'Internal error' },
} as const satisfies Record<string, { error: number; http: number; text: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;
