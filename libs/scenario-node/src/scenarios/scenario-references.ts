import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { AccountContext, APP_CONFIG, AppConfig, assertOutboundAddress, parseOutboundUrl } from '@loyalty/platform';
import type { GraphNode } from '../graph/scenario-graph';
import { GraphProblem, nodeLabel } from '../graph/validate-graph';
import { NodeRegistry } from '../node/node-registry';
import type { ArgsReference } from '../node/scenario-node';

/**
 * The check of a graph against the account's data when it is saved (after the graph validation):
 * programs, promotions, currencies, tier groups and hooks its nodes name must exist in the account
 * (error 18 naming every missing one), and a webhook URL must not be a private address unless those
 * are allowed (error 1). A run still handles a reference deleted later: the node answers `error`.
 */
@Injectable()
export class ScenarioReferences {
  constructor(
    private readonly registry: NodeRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertExist(em: EntityManager, nodes: GraphNode[]): Promise<void> {
    const problems: GraphProblem[] = [];
    for (const [at, node] of nodes.entries()) {
      for (const reference of this.registry.find(node.code)?.references?.(node.args as never) ?? []) {
        const path = `nodes[${at}].args.${reference.path}`;
        const missing = await this.missing(em, reference, path);
        if (missing) problems.push({ path, message: `${nodeLabel(node.id, at)}: ${missing}` });
      }
    }
    if (problems.length === 0) return;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new DomainError('UNKNOWN_REFERENCE', `${problems[0].path}: ${problems[0].message}${more}`, {
      fields: problems,
    });
  }

  /** Why the reference is missing, or null when it exists. */
  private async missing(em: EntityManager, reference: ArgsReference, path: string): Promise<string | null> {
    const account = AccountContext.accountId();
    const exists = async (sql: string, params: unknown[]) => (await em.execute(sql, params)).length > 0;
    switch (reference.kind) {
      case 'loyalty_program':
        return (await exists('select 1 from loyalty_programs where id = ? and account_id = ?', [reference.id, account]))
          ? null
          : `loyalty program ${reference.id} does not exist`;
      case 'promotion':
        return (await exists(
          `select 1 from promotions where program_id = ? and account_id = ? and ${typeof reference.id === 'number' ? 'id' : 'external_id'} = ?`,
          [reference.programId, account, reference.id],
        ))
          ? null
          : `promotion ${JSON.stringify(reference.id)} does not exist in loyalty program ${reference.programId}`;
      case 'points_currency':
        return (await exists(
          'select 1 from points_currencies where program_id = ? and account_id = ? and external_id = ?',
          [reference.programId, account, reference.externalId],
        ))
          ? null
          : `points currency ${JSON.stringify(reference.externalId)} does not exist in loyalty program ${reference.programId}`;
      case 'tier_group':
        return (await exists('select 1 from tier_groups where id = ? and account_id = ?', [reference.id, account]))
          ? null
          : `tier group ${reference.id} does not exist`;
      case 'hook':
        return (await exists('select 1 from action_hooks where id = ? and account_id = ? and deleted_at is null', [
          reference.id,
          account,
        ]))
          ? null
          : `hook ${reference.id} does not exist`;
      case 'outbound_url':
        await assertOutboundAddress(parseOutboundUrl(reference.url, path), {
          allowPrivate: this.config.allowPrivateUrls,
          path,
        });
        return null;
    }
  }
}
