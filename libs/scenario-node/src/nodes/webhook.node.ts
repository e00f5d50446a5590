import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { JsonSchema } from '@loyalty/contracts';
import { Clock, DomainError } from '@loyalty/kernel';
import { ActionHook, DELIVERY_TIMEOUT_MS, signHookBody } from '@loyalty/notifications';
import { APP_CONFIG, AppConfig, CLOCK, parseOutboundUrl, postOutbound } from '@loyalty/platform';
import { Profile } from '@loyalty/profiles';
import { Scenario } from '../entities/scenario.entity';
import type { ArgsProblem, ArgsReference, NodeContext, NodeResult, ScenarioNode } from '../node/scenario-node';
import { renderMessage, templateProblem } from './helpers/message-template';
import { MessageProfile, stepEventId, templateView, webhookBody } from './helpers/webhook-body';

export type WebhookArgs = {
  hook_id?: number;
  url?: string;
  template?: string;
};

interface Target {
  url: string;
  secret: string;
}

/**
 * `notify.webhook`: POSTs a signed message (headers as hook deliveries have them) to one of the
 * account's hooks (signed with its secret) or to a URL (signed with the scenario's webhook secret).
 * It runs outside the step's transaction, so it is at-least-once: every attempt of a step sends the
 * same `event_id`. One attempt, 10 s; an HTTP failure is the `failed` output, never a throw.
 */
@Injectable()
export class WebhookNode implements ScenarioNode<WebhookArgs> {
  readonly code = 'notify.webhook';
  readonly description = 'Sends a signed JSON message, with an optional Mustache template, to a hook or a URL.';
  readonly argsSchema: JsonSchema = {
    type: 'object',
    properties: {
      hook_id: { type: 'integer', minimum: 1 },
      url: { type: 'string', minLength: 1, maxLength: 2048 },
      template: {
        type: 'string',
        maxLength: 10_000,
        description: 'Mustache over {event, profile, outputs.<node_id>}, not HTML-escaped',
      },
    },
    additionalProperties: false,
  };
  readonly outputs = ['sent', 'failed'] as const;
  readonly runs = 'outside-transaction' as const;

  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  checkArgs(args: WebhookArgs): ArgsProblem[] {
    const problems: ArgsProblem[] = [];
    if ((args.hook_id === undefined) === (args.url === undefined)) {
      problems.push({ path: 'hook_id', message: 'exactly one of hook_id and url is required' });
    }
    if (args.url !== undefined) {
      try {
        parseOutboundUrl(args.url, 'url');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problems.push({ path: 'url', message: error.details.fields?.[0]?.message ?? error.message });
      }
    }
    const problem = args.template === undefined ? null : templateProblem(args.template);
    if (problem) problems.push({ path: 'template', message: problem });
    return problems;
  }

  references(args: WebhookArgs): ArgsReference[] {
    if (args.hook_id !== undefined) return [{ path: 'hook_id', kind: 'hook', id: args.hook_id }];
    return args.url === undefined ? [] : [{ path: 'url', kind: 'outbound_url', url: args.url }];
  }

  async execute(context: NodeContext, args: WebhookArgs): Promise<NodeResult> {
    const target = await this.target(context, args);
    if (!target) return { output: 'failed', data: { status_code: null, error: `hook ${args.hook_id} does not exist` } };
    const profile = await this.profile(context);
    const message = args.template === undefined ? null : renderMessage(args.template, templateView(context, profile));
    const body = webhookBody(context, message);
    try {
      const { status } = await postOutbound(parseOutboundUrl(target.url, 'url'), {
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'loyalty-engine-hooks/1',
          'x-event-id': stepEventId(context.effectKey),
          'x-timestamp': this.clock.now().toISOString(),
          'x-signature': signHookBody(target.secret, body),
        },
        allowPrivate: this.config.allowPrivateUrls,
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
      if (status >= 200 && status < 300) return { output: 'sent', data: { status_code: status } };
      return { output: 'failed', data: { status_code: status, error: `HTTP ${status}` } };
    } catch (error) {
      return { output: 'failed', data: { status_code: null, error: (error as Error).message.slice(0, 500) } };
    }
  }

  /** The hook's URL and secret (a deleted or foreign hook is none), or the URL with the scenario's secret. */
  private async target(context: NodeContext, args: WebhookArgs): Promise<Target | null> {
    if (args.hook_id !== undefined) {
      const hook = await this.em.findOne(
        ActionHook,
        { id: args.hook_id, deletedAt: null },
        { populate: ['secret'], refresh: true },
      );
      return hook ? { url: hook.url, secret: hook.secret } : null;
    }
    const scenario = await this.em.findOneOrFail(
      Scenario,
      { id: context.scenarioId },
      { populate: ['webhookSecret'], refresh: true },
    );
    return { url: args.url as string, secret: scenario.webhookSecret };
  }

  private async profile(context: NodeContext): Promise<MessageProfile | null> {
    if (!context.profileId) return null;
    const profile = await this.em.findOne(Profile, { id: context.profileId });
    return profile && { id: profile.id, email: profile.email, phone: profile.phone };
  }
}
