import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Clock, DomainError, parseRfc3339 } from '@loyalty/kernel';
import { CLOCK, SharedTestClock } from '@loyalty/platform';

/**
 * `POST /test/clock {now}` (only with TEST_CLOCK=true): fixes the instant that the API and the
 * workers see; `{now: null}` returns to real time. For end-to-end tests that travel in time.
 */
@ApiExcludeController()
@Controller('test')
export class TestClockController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Post('clock')
  @HttpCode(200)
  async set(@Body() body: { now?: unknown }): Promise<{ now: string }> {
    if (!(this.clock instanceof SharedTestClock)) throw new DomainError('METHOD_NOT_FOUND');
    const value = body?.now;
    if (value !== null && typeof value !== 'string')
      throw DomainError.invalid('now', 'must be an RFC 3339 date-time or null');
    await this.clock.set(value === null ? null : parseRfc3339(value, 'now'));
    return { now: this.clock.now().toISOString() };
  }
}
