import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QUEUE_NAMES } from '@loyalty/contracts';
import { JobQueues, TokenAuthenticator } from '@loyalty/platform';
import { basicAuthPassword } from './basic-auth';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board under `/admin/queues`, showing every queue under the deployment's Redis prefix. HTTP
 * Basic auth: the password must be a live admin-role API token (any user name); the root key is
 * not a token. Anything else is 401 with `WWW-Authenticate`, so a browser asks for it.
 */
export async function mountQueueDashboard(app: INestApplication): Promise<void> {
  const queues = app.get(JobQueues);
  const authenticator = app.get(TokenAuthenticator);
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(queues.queue(name))),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Loyalty queues' } },
  });
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (await isAdmin(authenticator, request.headers.authorization)) return;
      // Returning the reply ends the request here: the board's handler never runs.
      return reply
        .code(401)
        .header('WWW-Authenticate', 'Basic realm="queues", charset="UTF-8"')
        .header('Content-Type', 'application/json; charset=utf-8')
        .send({ error: 'An admin API token is required as the Basic auth password' });
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}

async function isAdmin(authenticator: TokenAuthenticator, header: string | undefined): Promise<boolean> {
  const password = basicAuthPassword(header);
  if (!password) return false;
  const who = await authenticator.authenticate(password);
  return who?.kind === 'token' && who.caller.role === 'admin';
}
