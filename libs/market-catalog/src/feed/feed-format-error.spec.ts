import { DomainError, ERROR_CATALOG } from '@loyalty/kernel';
import { FeedFormatError } from './feed-format-error';

describe('FeedFormatError', () => {
  it('is a VALIDATION_FAILED domain error carrying position, line and element', () => {
    const error = FeedFormatError.at(
      { subject: 'offer', position: 50001, line: 400012 },
      'price',
      'price "12,5" is not a decimal',
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('FeedFormatError');
    expect(ERROR_CATALOG[error.code].error).toBe(1);
    expect(error.message).toBe('offer 50001 (line 400012): price "12,5" is not a decimal');
    expect(error.details).toEqual({ position: 50001, line: 400012, element: 'price' });
  });

  it.each([
    [{ subject: 'header' as const, position: null, line: 1 }, 'header (line 1): bad'],
    [{ subject: null, position: null, line: 3 }, 'line 3: bad'],
  ])('describes %j', (location, message) => {
    expect(FeedFormatError.at(location, null, 'bad').message).toBe(message);
  });
});
