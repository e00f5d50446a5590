import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiMethod, CreateAccount, Out, TextField } from '@loyalty/platform';
import { API_PREFIX } from '@loyalty/platform';

export class CreateAccountRequest {
  @TextField({ example: 'Coffee Corner' })
  name!: string;

  @TextField({ optional: true, maxLength: 64, description: 'IANA time zone; default UTC', example: 'Europe/Moscow' })
  timezone?: string;
}

export class CreateAccountResponse {
  @Out({ type: 'integer', example: 1 })
  account_id!: number;

  @Out({ description: 'Shown once; store it safely', example: 'lyt_0Jx1mXhR1d3y8Gq2i0P6c5QK8m9Vv3TtUo4Zx7Yb2Ns' })
  admin_token!: string;
}

@ApiTags('Accounts and tokens')
@Controller(API_PREFIX)
export class AccountsController {
  constructor(private readonly createAccount: CreateAccount) {}

  @ApiMethod('admin/accounts/create', {
    access: 'root',
    summary: 'Create an account (tenant) and its first admin token',
    response: CreateAccountResponse,
  })
  async create(@Body() body: CreateAccountRequest): Promise<CreateAccountResponse> {
    const created = await this.createAccount.execute({ name: body.name, timezone: body.timezone });
    return { account_id: created.accountId, admin_token: created.adminToken };
  }
}
