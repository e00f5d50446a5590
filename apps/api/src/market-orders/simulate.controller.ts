import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SimulatePromotions } from '@loyalty/orders';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import { PreorderView } from './checkout.dto';
import { SimulatePromotionsRequest } from './simulate.dto';

@ApiTags('Loyalty configuration')
@Controller(API_PREFIX)
export class SimulateController {
  constructor(private readonly simulatePromotions: SimulatePromotions) {}

  @ApiMethod('loyalty/promotions/simulate', {
    access: 'integration',
    summary: 'Price a cart with draft promotions and explain every decision; saves nothing',
    description:
      'The answer is a preorder calculation: applied_promotions and rejected_promotions (with their reasons) explain ' +
      'which promotion did what on which line. Drafts are validated like promotions/create (errors at promotions[i]).',
    response: PreorderView,
  })
  simulate(@Body() body: SimulatePromotionsRequest): Promise<PreorderView> {
    return this.simulatePromotions.execute({
      programId: body.loyalty_program_id,
      promotions: body.promotions ?? [],
      includeSaved: body.include_saved ?? true,
      cart: body.cart,
    });
  }
}
