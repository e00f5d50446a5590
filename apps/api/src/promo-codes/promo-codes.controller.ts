import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import {
  ActivatePromoCode,
  AttachPromoCode,
  DetachPromoCode,
  GeneratePromoCodes,
  GetPromoCode,
  ImportPromoCodes,
  ListPromoCodes,
  UpdatePromoCode,
} from '@loyalty/loyalty';
import { pageAnswer, pageOf } from '../common/page.dto';
import {
  ActivatePromoCodeRequest,
  AttachPromoCodeRequest,
  DetachPromoCodeRequest,
  GeneratePromoCodesRequest,
  GeneratePromoCodesResponse,
  ImportPromoCodesRequest,
  ImportPromoCodesResponse,
  ListPromoCodesRequest,
  ListPromoCodesResponse,
  PromoCodeAnswer,
  PromoCodeRequest,
  PromoCodeView,
  UpdatePromoCodeRequest,
} from './promo-codes.dto';

@ApiTags('Promo codes')
@Controller(API_PREFIX)
export class PromoCodesController {
  constructor(
    private readonly generateCodes: GeneratePromoCodes,
    private readonly importCodes: ImportPromoCodes,
    private readonly listCodes: ListPromoCodes,
    private readonly getCode: GetPromoCode,
    private readonly attachCode: AttachPromoCode,
    private readonly detachCode: DetachPromoCode,
    private readonly activateCode: ActivatePromoCode,
    private readonly updateCode: UpdatePromoCode,
  ) {}

  @ApiMethod('promocodes/generate', {
    access: 'integration',
    summary: 'Generate random codes from a pattern',
    description:
      'Unique in the program, all or nothing. Up to 10,000 codes answer {created}; more (up to 1,000,000) ' +
      'answer {task_id} of a worker task (tasks/get). A pattern whose free codes cannot meet count is error 1.',
    response: GeneratePromoCodesResponse,
  })
  async generate(@Body() body: GeneratePromoCodesRequest): Promise<GeneratePromoCodesResponse> {
    const { created, taskId } = await this.generateCodes.execute(body.loyalty_id, body);
    return { created, task_id: taskId };
  }

  @ApiMethod('promocodes/import', {
    access: 'integration',
    summary: 'Import codes into a program',
    description: 'All or nothing: a code the program has, or one sent twice, is error 5 naming each.',
    response: ImportPromoCodesResponse,
  })
  import(@Body() body: ImportPromoCodesRequest): Promise<ImportPromoCodesResponse> {
    return this.importCodes.execute(body.loyalty_id, body.codes);
  }

  @ApiMethod('promocodes/list', {
    access: 'read',
    summary: "A program's codes, ascending by id",
    response: ListPromoCodesResponse,
  })
  async list(@Body() body: ListPromoCodesRequest): Promise<ListPromoCodesResponse> {
    return pageAnswer(await this.listCodes.execute(body.loyalty_id, pageOf(body)));
  }

  @ApiMethod('promocodes/get', {
    access: 'read',
    summary: 'A code of a program',
    description: "Unknown codes and other accounts' codes answer the same 404.",
    response: PromoCodeView,
  })
  get(@Body() body: PromoCodeRequest): Promise<PromoCodeView> {
    return this.getCode.execute(body.loyalty_id, body.code);
  }

  @ApiMethod('promocodes/attach', {
    access: 'integration',
    summary: 'Attach a personal code (or any free one) to a profile',
    description:
      "Answers the code. A code attached to someone else, used or expired, or a universal program's, is error 16; " +
      'no free code left is error 11.',
    response: PromoCodeAnswer,
  })
  attach(@Body() body: AttachPromoCodeRequest): Promise<PromoCodeAnswer> {
    return this.attachCode.execute({ programId: body.loyalty_id, dbId: body.db_id, code: body.code, person: body });
  }

  @ApiMethod('promocodes/detach', {
    access: 'integration',
    summary: "Free a profile's unused personal code",
    description: 'A code not attached to this profile, or already used, is error 16.',
    response: PromoCodeAnswer,
  })
  detach(@Body() body: DetachPromoCodeRequest): Promise<PromoCodeAnswer> {
    return this.detachCode.execute({ programId: body.loyalty_id, dbId: body.db_id, code: body.code, person: body });
  }

  @ApiMethod('promocodes/activate', {
    access: 'integration',
    summary: 'Use a code once',
    description:
      'Only an attached personal code (of the named person, when db_id and matching are given) can be ' +
      'activated; universal codes once, or multi-use ones up to max_uses_per_code (then error 11). ' +
      'Already activated, expired or outside the program window: error 16. Answers the code as get does.',
    response: PromoCodeView,
  })
  activate(@Body() body: ActivatePromoCodeRequest): Promise<PromoCodeView> {
    return this.activateCode.execute({ programId: body.loyalty_id, code: body.code, dbId: body.db_id, person: body });
  }

  @ApiMethod('promocodes/update', {
    access: 'integration',
    summary: "Change a code's expire date, or mark it activated or not",
    description: 'At least one of activated and expire_date. Answers the code as get does.',
    response: PromoCodeView,
  })
  update(@Body() body: UpdatePromoCodeRequest): Promise<PromoCodeView> {
    return this.updateCode.execute({
      programId: body.loyalty_id,
      code: body.code,
      activated: body.activated,
      expire_date: body.expire_date,
    });
  }
}
