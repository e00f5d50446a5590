import { DomainError } from '@loyalty/kernel';
import { answerRefusals, errorData, pointsRefusalOutput } from './node-outcome';

describe('refusal outputs', () => {
  it.each([
    ['INSUFFICIENT_POINTS', 'insufficient_points'],
    ['LIMIT_REACHED', 'limit_reached'],
    ['NOT_A_MEMBER', 'not_a_member'],
    ['PROFILE_NOT_FOUND', 'not_a_member'],
    ['PROMOTION_NOT_APPLICABLE', 'error'],
    ['VALIDATION_FAILED', 'error'],
    ['UNKNOWN_REFERENCE', 'error'],
  ] as const)('%s is %s, with the code and text', (code, output) => {
    const error = new DomainError(code, 'why');
    expect(pointsRefusalOutput(error)).toEqual({ output, data: { error_code: code, error_text: 'why' } });
  });

  it('answers a DomainError and throws anything else on', async () => {
    const refused = (error: DomainError) => ({ output: 'error', data: errorData(error) });
    await expect(answerRefusals(() => Promise.reject(new DomainError('NOT_FOUND', 'gone')), refused)).resolves.toEqual({
      output: 'error',
      data: { error_code: 'NOT_FOUND', error_text: 'gone' },
    });
    await expect(answerRefusals(() => Promise.reject(new Error('db down')), refused)).rejects.toThrow('db down');
    const busy = new DomainError('BUSY', 'lock wait');
    await expect(answerRefusals(() => Promise.reject(busy), refused)).rejects.toBe(busy);
  });
});
