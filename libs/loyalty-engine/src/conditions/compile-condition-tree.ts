import { DomainError } from '@loyalty/kernel';
import { Predicate } from './condition-field';
import { resolveField, ConditionScope } from './condition-scope';
import { CONDITION_OPS, isConditionOp, MAX_CONDITION_DEPTH, MAX_CONDITION_NODES } from './condition-tree';
import { CustomFieldTypeLookup } from './custom-field-types';

/** A checked tree as one predicate over its scope's facts. */
export interface CompiledTree<Ctx> {
  readonly test: Predicate<Ctx>;
  /** Whether a leaf names a line field (order scope): the tree is then a line condition. */
  readonly usesLineFields: boolean;
}

const NODE_KEYS = ['all', 'any', 'not', 'field'] as const;
const LEAF_KEYS: readonly string[] = ['field', 'op', 'value'];
const NODE_SHAPE = 'must be {"all": [...]}, {"any": [...]}, {"not": {...}} or {"field", "op", "value"}';

type JsonObject = Readonly<Record<string, unknown>>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks a tree once: checks every node (errors name its JSON path) and builds its predicate. */
class TreeCompiler<Ctx> {
  usesLineFields = false;
  private nodeCount = 0;

  constructor(
    private readonly scope: ConditionScope<Ctx>,
    private readonly customFieldType: CustomFieldTypeLookup,
    private readonly rootPath: string,
  ) {}

  node(raw: unknown, path: string, depth: number): Predicate<Ctx> {
    if (!isJsonObject(raw)) {
      throw DomainError.invalid(path, NODE_SHAPE);
    }
    if (depth > MAX_CONDITION_DEPTH) {
      throw DomainError.invalid(path, `nests deeper than ${MAX_CONDITION_DEPTH} levels`);
    }
    this.nodeCount += 1;
    if (this.nodeCount > MAX_CONDITION_NODES) {
      throw DomainError.invalid(this.rootPath, `must have at most ${MAX_CONDITION_NODES} nodes`);
    }
    const kind = NODE_KEYS.find((key) => Object.hasOwn(raw, key));
    if (kind === undefined) {
      throw DomainError.invalid(path, NODE_SHAPE);
    }
    const allowedKeys = kind === 'field' ? LEAF_KEYS : [kind];
    const extraKey = Object.keys(raw).find((key) => !allowedKeys.includes(key));
    if (extraKey !== undefined) {
      throw DomainError.invalid(`${path}.${extraKey}`, `is not allowed in a "${kind}" node`);
    }
    switch (kind) {
      case 'all':
        return this.group(raw['all'], `${path}.all`, depth, 'all');
      case 'any':
        return this.group(raw['any'], `${path}.any`, depth, 'any');
      case 'not': {
        const inner = this.node(raw['not'], `${path}.not`, depth + 1);
        return (context) => !inner(context);
      }
      case 'field':
        return this.leaf(raw, path);
    }
  }

  private group(raw: unknown, path: string, depth: number, kind: 'all' | 'any'): Predicate<Ctx> {
    if (!Array.isArray(raw) || raw.length === 0) {
      throw DomainError.invalid(path, 'must be a non-empty array of conditions');
    }
    const children = raw.map((child: unknown, index) => this.node(child, `${path}[${index}]`, depth + 1));
    if (children.length === 1) {
      return children[0];
    }
    return kind === 'all'
      ? (context) => children.every((child) => child(context))
      : (context) => children.some((child) => child(context));
  }

  private leaf(raw: JsonObject, path: string): Predicate<Ctx> {
    const code = raw['field'];
    if (typeof code !== 'string') {
      throw DomainError.invalid(`${path}.field`, 'must be a field name such as "price"');
    }
    const field = resolveField(this.scope, code, this.customFieldType, `${path}.field`);
    const op = raw['op'];
    if (!isConditionOp(op)) {
      throw DomainError.invalid(`${path}.op`, `must be one of ${CONDITION_OPS.join(', ')}`);
    }
    if (!field.ops.includes(op)) {
      throw DomainError.invalid(
        `${path}.op`,
        `"${op}" does not apply to "${code}"; use one of ${field.ops.join(', ')}`,
      );
    }
    if (!Object.hasOwn(raw, 'value')) {
      throw DomainError.invalid(`${path}.value`, 'is required');
    }
    this.usesLineFields ||= field.isLineField;
    return field.compile(op, raw['value'], `${path}.value`);
  }
}

/**
 * Checks a condition tree against a scope's fields and compiles it: an unknown field or custom
 * field, an op the field does not allow, a value of the wrong type, an empty `all`/`any`, a key a
 * node may not have, more than 10 levels or more than 200 nodes are each a validation error
 * naming the offending node's JSON path under `path` (`conditions.all[2].op`).
 */
export function compileConditionTree<Ctx>(
  tree: unknown,
  scope: ConditionScope<Ctx>,
  customFieldType: CustomFieldTypeLookup,
  path: string,
): CompiledTree<Ctx> {
  const compiler = new TreeCompiler(scope, customFieldType, path);
  const test = compiler.node(tree, path, 1);
  return { test, usesLineFields: compiler.usesLineFields };
}
