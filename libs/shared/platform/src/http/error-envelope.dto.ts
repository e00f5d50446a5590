import { ApiProperty } from '@nestjs/swagger';

/** The failure envelope of every API method (documentation only). */
export class ErrorEnvelopeDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'Stable error number (spec/api.md §1)' })
  error!: number;

  @ApiProperty({ example: 'data.lines[0].count: count must not be less than 1' })
  error_text!: string;

  @ApiProperty({ example: 'VALIDATION_FAILED' })
  error_code!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { fields: [{ path: 'data.lines[0].count', message: 'count must not be less than 1' }] },
  })
  details!: Record<string, unknown>;
}
