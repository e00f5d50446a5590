import { applyDecorators, HttpCode, Post, SetMetadata, Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiDefaultResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  getSchemaPath,
} from '@nestjs/swagger';
import { ErrorEnvelopeDto } from './error-envelope.dto';
import { payloadKeyFor } from './envelope';
import type { Role } from '../tenancy/account-context';

/** Who may call a method: `root` is the ROOT_API_KEY alone; the others are the least role that may. */
export type MethodAccess = 'root' | Role;

export interface ApiMethodMeta {
  /** The path below `/api/v1.1/`, e.g. `loyalty/accrue_points`. */
  path: string;
  access: MethodAccess;
  /** Mutating methods accept `Idempotency-Key`. Defaults to true unless access is `read`. */
  mutating: boolean;
}

export const API_METHOD_META = 'loyalty:api-method';

export interface ApiMethodOptions {
  access: MethodAccess;
  summary: string;
  description?: string;
  mutating?: boolean;
  /** The class describing the payload under `data` (or `result` for `market/` methods). */
  response: Type;
  /** The payload is a list of `response` objects. */
  responseIsList?: boolean;
}

const ACCESS_TEXT: Record<MethodAccess, string> = {
  root: 'Root key only.',
  admin: 'Role: admin.',
  integration: 'Roles: admin, integration.',
  read: 'Roles: admin, integration, read.',
};

/** The header a mutating method accepts (spec/api.md §1 "Idempotency"), as the OpenAPI document shows it. */
const IDEMPOTENCY_HEADER = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'Up to 255 characters, unique per account and method: the first answer below 500 is stored for 24 h and ' +
    'replayed byte for byte with `Idempotent-Replayed: true`; the same key with another body is error 6.',
  schema: { type: 'string', maxLength: 255 },
});

/**
 * Declares one API method: POST, 200 on success, its access rule, its OpenAPI operation and, when
 * it changes anything, the `Idempotency-Key` header.
 */
export function ApiMethod(path: string, options: ApiMethodOptions): MethodDecorator {
  const meta: ApiMethodMeta = { path, access: options.access, mutating: options.mutating ?? options.access !== 'read' };
  return applyDecorators(
    Post(path),
    HttpCode(200),
    SetMetadata(API_METHOD_META, meta),
    ApiBearerAuth(),
    ApiExtraModels(options.response),
    ApiOkResponse({
      description: 'Success',
      schema: {
        type: 'object',
        required: ['error', 'error_text', payloadKeyFor(path)],
        properties: {
          error: { type: 'integer', example: 0 },
          error_text: { type: 'string', example: 'Successful operation' },
          [payloadKeyFor(path)]: options.responseIsList
            ? { type: 'array', items: { $ref: getSchemaPath(options.response) } }
            : { $ref: getSchemaPath(options.response) },
        },
      },
    }),
    ApiDefaultResponse({ description: 'Failure (see error_code)', type: ErrorEnvelopeDto }),
    ...(meta.mutating ? [IDEMPOTENCY_HEADER] : []),
    ApiOperation({
      operationId: path.replace(/\//g, '_'),
      summary: options.summary,
      description: [options.description, ACCESS_TEXT[options.access]].filter(Boolean).join('\n\n'),
    }),
  );
}

const RANK: Record<Role, number> = { read: 1, integration: 2, admin: 3 };

/** The role table of spec/api.md §1: admin ⊇ integration ⊇ read. */
export function roleMayCall(role: Role, access: MethodAccess): boolean {
  return access !== 'root' && RANK[role] >= RANK[access];
}
