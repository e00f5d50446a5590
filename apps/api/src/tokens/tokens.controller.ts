import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ApiMethod,
  ApiToken,
  CreateToken,
  EnumField,
  IdField,
  ListTokens,
  Out,
  RevokeToken,
  Role,
  TextField,
} from '@loyalty/platform';
import { API_PREFIX } from '@loyalty/platform';
import { PageInfo, pageOf, PageRequest } from '../common/page.dto';
import { wireTime } from '../common/wire-format';

const ROLES = ['admin', 'integration', 'read'] as const;

export class CreateTokenRequest {
  @TextField({ example: 'POS integration' })
  name!: string;

  @EnumField(ROLES, { example: 'integration' })
  role!: Role;
}

export class CreateTokenResponse {
  @Out({ type: 'integer', example: 2 })
  token_id!: number;

  @Out({ description: 'The secret, shown once', example: 'lyt_q8bC1n4W0r9kS2eV7hJ3mL5pX6zA1dF0gT8yU2iO4' })
  token!: string;
}

export class TokenView {
  @Out({ type: 'integer', example: 2 })
  token_id!: number;

  @Out({ example: 'POS integration' })
  name!: string;

  @Out({ enum: ROLES, example: 'integration' })
  role!: Role;

  @Out({ description: 'The first characters of the secret', example: 'lyt_q8bC1n' })
  token_prefix!: string;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;

  @Out({ format: 'date-time', nullable: true, example: null })
  revoked_at!: string | null;
}

export class ListTokensResponse extends PageInfo {
  @Out({ type: [TokenView] })
  items!: TokenView[];
}

export class RevokeTokenRequest {
  @IdField({ example: 2 })
  token_id!: number;
}

export class RevokeTokenResponse {
  @Out({ type: 'integer', example: 2 })
  token_id!: number;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  revoked_at!: string;
}

function toView(token: ApiToken): TokenView {
  return {
    token_id: token.id,
    name: token.name,
    role: token.role,
    token_prefix: token.secretPrefix,
    created_at: wireTime(token.createdAt),
    revoked_at: wireTime(token.revokedAt),
  };
}

@ApiTags('Accounts and tokens')
@Controller(API_PREFIX)
export class TokensController {
  constructor(
    private readonly createToken: CreateToken,
    private readonly listTokens: ListTokens,
    private readonly revokeToken: RevokeToken,
  ) {}

  @ApiMethod('admin/tokens/create', { access: 'admin', summary: 'Create an API token', response: CreateTokenResponse })
  async create(@Body() body: CreateTokenRequest): Promise<CreateTokenResponse> {
    const created = await this.createToken.execute({ name: body.name, role: body.role });
    return { token_id: created.tokenId, token: created.token };
  }

  @ApiMethod('admin/tokens/list', {
    access: 'admin',
    mutating: false,
    summary: "List the account's tokens",
    response: ListTokensResponse,
  })
  async list(@Body() body: PageRequest): Promise<ListTokensResponse> {
    const page = await this.listTokens.execute(pageOf(body));
    return { items: page.items.map(toView), next_from_id: page.nextFromId };
  }

  @ApiMethod('admin/tokens/revoke', {
    access: 'admin',
    summary: 'Revoke a token at once',
    response: RevokeTokenResponse,
  })
  async revoke(@Body() body: RevokeTokenRequest): Promise<RevokeTokenResponse> {
    const revoked = await this.revokeToken.execute(body.token_id);
    return { token_id: revoked.tokenId, revoked_at: wireTime(revoked.revokedAt) };
  }
}
