import { CONDITION_OPS, isConditionOp, MAX_CONDITION_DEPTH, MAX_CONDITION_NODES } from '@loyalty/loyalty-engine';
import type { ArgsProblem } from '../../node/scenario-node';
import { exactDecimal } from './exact-decimal';

const ROOTS = ['event_id', 'event_name', 'payload'];
const NODE_SHAPE = 'must be {"all": [...]}, {"any": [...]}, {"not": {...}} or {"field", "op", "value"}';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The problems of a `flow.condition` tree, each at its JSON path under `path`: the node shapes of
 * rules.md §6, at most 10 levels and 200 nodes, fields that are dotted paths under `event_id`,
 * `event_name` or `payload`, known ops and a value each op can use.
 */
export function conditionTreeProblems(tree: unknown, path = 'tree'): ArgsProblem[] {
  const problems: ArgsProblem[] = [];
  let count = 0;
  const visit = (node: unknown, at: string, depth: number): void => {
    if (!isObject(node)) return void problems.push({ path: at, message: NODE_SHAPE });
    if (depth > MAX_CONDITION_DEPTH)
      return void problems.push({ path: at, message: `nests deeper than ${MAX_CONDITION_DEPTH} levels` });
    count += 1;
    if (count === MAX_CONDITION_NODES + 1)
      problems.push({ path, message: `must have at most ${MAX_CONDITION_NODES} nodes` });
    const kind = (['all', 'any', 'not', 'field'] as const).find((key) => Object.hasOwn(node, key));
    if (!kind) return void problems.push({ path: at, message: NODE_SHAPE });
    const allowed = kind === 'field' ? ['field', 'op', 'value'] : [kind];
    for (const key of Object.keys(node).filter((key) => !allowed.includes(key)))
      problems.push({ path: `${at}.${key}`, message: `is not allowed in a "${kind}" node` });
    if (kind === 'not') return visit(node['not'], `${at}.not`, depth + 1);
    if (kind === 'field') return void problems.push(...leafProblems(node, at));
    const children = node[kind];
    if (!Array.isArray(children) || children.length === 0)
      return void problems.push({ path: `${at}.${kind}`, message: 'must be a non-empty array of conditions' });
    children.forEach((child, index) => visit(child, `${at}.${kind}[${index}]`, depth + 1));
  };
  visit(tree, path, 1);
  return problems;
}

function leafProblems(leaf: JsonObject, at: string): ArgsProblem[] {
  const problems: ArgsProblem[] = [];
  const field = leaf['field'];
  const segments = typeof field === 'string' ? field.split('.') : [];
  if (!ROOTS.includes(segments[0] ?? '') || segments.some((segment) => segment === '')) {
    problems.push({ path: `${at}.field`, message: 'must be event_id, event_name or a dotted path under payload' });
  }
  const op = leaf['op'];
  if (!isConditionOp(op)) {
    problems.push({ path: `${at}.op`, message: `must be one of ${CONDITION_OPS.join(', ')}` });
    return problems;
  }
  if (!Object.hasOwn(leaf, 'value')) return [...problems, { path: `${at}.value`, message: 'is required' }];
  const message = valueProblem(op, leaf['value']);
  return message ? [...problems, { path: `${at}.value`, message }] : problems;
}

function valueProblem(op: string, value: unknown): string | null {
  switch (op) {
    case 'exists':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'in':
    case 'not_in':
      return Array.isArray(value) && value.length > 0 ? null : 'must be a non-empty array';
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return exactDecimal(value) ? null : 'must be a number or a decimal string such as "100.00"';
    case 'contains':
      return ['string', 'number', 'boolean'].includes(typeof value) ? null : 'must be a string, number or boolean';
    default:
      return value === undefined ? 'is required' : null;
  }
}
