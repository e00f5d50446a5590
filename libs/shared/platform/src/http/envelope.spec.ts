import {
  BadRequestException,
  HttpException,
  InternalServerErrorException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import {
  ConnectionException,
  DriverException,
  ForeignKeyConstraintViolationException,
  DeadlockException,
  LockWaitTimeoutException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { DomainError } from '@loyalty/kernel';
import { payloadKeyFor, renderFailure, renderSuccess, toApiFailure } from './envelope';

describe('renderSuccess', () => {
  it('puts the payload under data', () => {
    expect(renderSuccess('loyalty/accrue_points', { points: 10 })).toEqual({
      status: 200,
      body: '{"error":0,"error_text":"Successful operation","data":{"points":10}}',
      headers: {},
    });
  });

  it('puts the payload of market/ methods under result', () => {
    expect(renderSuccess('market/products/get', [1, 2]).body).toBe(
      '{"error":0,"error_text":"Successful operation","result":[1,2]}',
    );
  });

  it('writes null for a missing payload', () => {
    expect(renderSuccess('profiles/delete', undefined).body).toBe(
      '{"error":0,"error_text":"Successful operation","data":null}',
    );
  });

  it.each([
    ['market/products/get', 'result'],
    ['market', 'data'],
    ['profiles/market/get', 'data'],
    ['marketing/get', 'data'],
  ])('payloadKeyFor(%p) is %p', (path, key) => {
    expect(payloadKeyFor(path)).toBe(key);
  });
});

describe('toApiFailure', () => {
  it('keeps the code, message and details of a DomainError', () => {
    const error = DomainError.invalid('data.email', 'is not an email');
    expect(toApiFailure(error)).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'data.email: is not an email',
      details: { fields: [{ path: 'data.email', message: 'is not an email' }] },
      internal: false,
    });
    expect(toApiFailure(new DomainError('INSUFFICIENT_POINTS'))).toEqual({
      code: 'INSUFFICIENT_POINTS',
      message: 'Not enough active points',
      details: {},
      internal: false,
    });
  });

  it('treats a DomainError coded INTERNAL as internal', () => {
    expect(toApiFailure(new DomainError('INTERNAL', 'broken invariant')).internal).toBe(true);
  });

  it('maps a unique violation to CONFLICT', () => {
    expect(toApiFailure(new UniqueConstraintViolationException(new Error('dup')))).toEqual({
      code: 'CONFLICT',
      message: 'A unique key is already taken',
      details: {},
      internal: false,
    });
  });

  it('maps a lock wait timeout to BUSY', () => {
    expect(toApiFailure(new LockWaitTimeoutException(new Error('lock timeout')))).toEqual({
      code: 'BUSY',
      message: 'The account is busy; retry',
      details: {},
      internal: false,
    });
  });

  it('maps a deadlock (its transaction rolled back) to BUSY', () => {
    expect(toApiFailure(new DeadlockException(new Error('deadlock detected'))).code).toBe('BUSY');
  });

  it('maps a lost database connection to NOT_READY', () => {
    expect(toApiFailure(new ConnectionException(new Error('ECONNREFUSED'))).code).toBe('NOT_READY');
  });

  it.each([
    [
      'a session cut by a restart (57P01)',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ],
    ['a server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a connection failure (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a refused socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection ended under a query', new Error('Connection terminated unexpectedly')],
    [
      'a query on a broken client, as MikroORM wraps it',
      new Error('select 1 - Client has encountered a connection error and is not queryable'),
    ],
    ['a query on a closed client', new Error('insert 1 - Client was closed and is not queryable')],
    [
      'no pooled connection in time, as MikroORM wraps it',
      new Error('select 1 - Knex: Timeout acquiring a connection. The pool is probably full.'),
    ],
    [
      'no pooled connection in time',
      Object.assign(new Error('Knex: Timeout acquiring a connection'), { name: 'KnexTimeoutError' }),
    ],
  ])('maps %s to NOT_READY (error 24), not INTERNAL', (_what, error) => {
    expect(toApiFailure(error)).toEqual({
      code: 'NOT_READY',
      message: 'The database is unreachable',
      details: {},
      internal: false,
    });
  });

  it('maps a driver error without a SQLSTATE (a connection problem in any wording) to NOT_READY', () => {
    expect(toApiFailure(new DriverException(new Error('select 1 - some new way a socket died'))).code).toBe(
      'NOT_READY',
    );
    expect(
      toApiFailure(new DriverException(Object.assign(new Error('select 1 - syntax error'), { code: '42601' }))).code,
    ).toBe('INTERNAL');
  });

  it('keeps other database errors INTERNAL (a syntax error is a bug)', () => {
    expect(toApiFailure(Object.assign(new Error('syntax error'), { code: '42601' })).code).toBe('INTERNAL');
  });

  it.each([
    ['NotFound', new NotFoundException(), 'METHOD_NOT_FOUND', 'No such method'],
    ['MethodNotAllowed', new MethodNotAllowedException(), 'METHOD_NOT_FOUND', 'No such method'],
    ['PayloadTooLarge', new PayloadTooLargeException(), 'PAYLOAD_TOO_LARGE', 'Request body too large'],
    [
      'UnsupportedMediaType',
      new UnsupportedMediaTypeException(),
      'UNSUPPORTED_MEDIA_TYPE',
      'Request body must be JSON',
    ],
    [
      'BadRequest',
      new BadRequestException('Unexpected'),
      'VALIDATION_FAILED',
      'Request body does not match the schema',
    ],
  ])('maps the Nest %sException to %s', (_name, error, code, message) => {
    expect(toApiFailure(error)).toEqual({ code, message, details: {}, internal: false });
  });

  it.each([
    ['an unknown Error', new Error('secret sql')],
    [
      'an unmapped database error',
      new ForeignKeyConstraintViolationException(Object.assign(new Error('secret sql'), { code: '23503' })),
    ],
    ['an unmapped HTTP status', new HttpException('secret sql', 418)],
    ['a Nest 500', new InternalServerErrorException('secret sql')],
    ['a thrown string', 'secret sql'],
    ['undefined', undefined],
  ])('turns %s into INTERNAL without leaking its text', (_name, error) => {
    const failure = toApiFailure(error);
    expect(failure).toEqual({ code: 'INTERNAL', message: 'Internal error', details: {}, internal: true });
    expect(renderFailure(failure).body).not.toContain('secret sql');
  });
});

describe('renderFailure', () => {
  it('renders the envelope with the status of the catalogue', () => {
    const failure = toApiFailure(DomainError.invalid('data.email', 'is not an email'));
    expect(renderFailure(failure)).toEqual({
      status: 400,
      body:
        '{"error":1,"error_text":"data.email: is not an email","error_code":"VALIDATION_FAILED",' +
        '"details":{"fields":[{"path":"data.email","message":"is not an email"}]}}',
      headers: {},
      errorCode: 'VALIDATION_FAILED',
    });
  });

  it.each([
    ['PROFILE_NOT_FOUND', 404, 7],
    ['CONFLICT', 409, 5],
    ['IDEMPOTENCY_MISMATCH', 422, 6],
    ['PAYLOAD_TOO_LARGE', 413, 21],
    ['METHOD_NOT_FOUND', 404, 22],
    ['NOT_READY', 503, 24],
    ['INTERNAL', 500, 100],
  ] as const)('renders %s with status %p and error %p', (code, status, number) => {
    const rendered = renderFailure({ code, message: 'm', details: {}, internal: false });
    expect(rendered.status).toBe(status);
    expect(JSON.parse(rendered.body)).toEqual({ error: number, error_text: 'm', error_code: code, details: {} });
  });

  it('moves retry_after_seconds out of the details into Retry-After', () => {
    const rendered = renderFailure({
      code: 'RATE_LIMITED',
      message: 'Too many requests',
      details: { retry_after_seconds: 7, limit: 60 },
      internal: false,
    });
    expect(rendered.status).toBe(429);
    expect(rendered.headers).toEqual({ 'retry-after': '7' });
    expect(rendered.body).toBe(
      '{"error":19,"error_text":"Too many requests","error_code":"RATE_LIMITED","details":{"limit":60}}',
    );
  });

  it('renders BUSY as 409 with a retry hint when one is given', () => {
    const rendered = renderFailure({
      code: 'BUSY',
      message: 'The account is busy; retry',
      details: { retry_after_seconds: 1 },
      internal: false,
    });
    expect(rendered.status).toBe(409);
    expect(rendered.headers).toEqual({ 'retry-after': '1' });
    expect(JSON.parse(rendered.body).details).toEqual({});
  });
});
