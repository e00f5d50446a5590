import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ReadinessProbe } from './readiness';

/** `/health/live` and `/health/ready` (no envelope). */
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessProbe) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const result = await this.readiness.check();
    await reply
      .status(result.ready ? 200 : 503)
      .send({ status: result.ready ? 'ok' : 'not_ready', checks: result.checks });
  }
}
