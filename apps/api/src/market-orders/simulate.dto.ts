import { BoolField, IdField, NestedArrayField, NestedField } from '@loyalty/platform';
import { DraftPromotionDto } from '../loyalty-config/promotions.dto';
import { PreorderRequest } from './checkout.dto';

export class SimulatePromotionsRequest {
  @IdField({ description: 'The program to price with (it may be inactive)', example: 1 })
  loyalty_program_id!: number;

  @NestedArrayField(() => DraftPromotionDto, {
    optional: true,
    nullable: true,
    maxItems: 100,
    description: 'Draft discount or points promotions, checked as promotions/create checks them; ids -1, -2, ...',
  })
  promotions?: DraftPromotionDto[] | null;

  @BoolField({
    optional: true,
    nullable: true,
    description: "Whether the program's saved checkout promotions take part too (default true)",
    example: true,
  })
  include_saved?: boolean | null;

  @NestedField(() => PreorderRequest, {
    description: "A preorder body; data.endpoint must be on the program's database",
  })
  cart!: PreorderRequest;
}
