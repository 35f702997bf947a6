/**
 * Conditions are data. A condition (all / any / not and leaf tests) is compiled once into a
 * tree over compiled leaf tests (compile.ts; each leaf's operator is an entry of the table in
 * operators.ts), evaluated in three-valued logic (evaluate.ts), and traced in words for
 * explanations. Nothing here builds a regular expression from input or evaluates code.
 */
import { LeafCompiler, type CompiledLeaf, type ConditionNode } from './compile.js';
import { EvalContext, evalNode, leafMask, maskTri } from './evaluate.js';
import { describeValue } from './operators.js';
import type { Condition, ConditionTrace, LeafCondition, Tri } from './types.js';
import { Vocabulary, tokenize } from './words.js';

export { COMPUTED_FIELDS, type ComputedField } from './domain.js';
export { EvalContext, Vocabulary, tokenize, describeValue };

export interface CompiledCondition {
  /** true, false, or null when a field it needs is unknown. */
  evaluate(ctx: EvalContext): Tri;
  /** The same evaluation, with every step in words. */
  trace(ctx: EvalContext): ConditionTrace;
  /** Every field the condition reads. */
  readonly fields: readonly string[];
}

/**
 * Compile one condition on its own, for embedders and tests; a policy compiles all of its
 * conditions together (compilePolicy). Conditions sharing a vocabulary look a text's words up
 * once per item for all.
 */
export function compileCondition(condition: Condition, vocabulary: Vocabulary = new Vocabulary()): CompiledCondition {
  const compiler = new LeafCompiler(vocabulary);
  const node = compiler.condition(condition);
  const { leaves } = compiler;
  const masksOf = (ctx: EvalContext): Uint8Array => {
    const masks = new Uint8Array(leaves.length);
    for (const leaf of leaves) masks[leaf.index] = leafMask(leaf, ctx.get(leaf.field, leaf.computed), ctx);
    return masks;
  };
  return {
    evaluate: (ctx) => maskTri(evalNode(node, masksOf(ctx))),
    trace: (ctx) => traceNode(node, leaves, masksOf(ctx), ctx),
    fields: [...new Set(leaves.map((leaf) => leaf.field))],
  };
}

/** A condition's evaluation in words: each step with its outcome, each leaf with what it saw. */
export function traceNode(node: ConditionNode, leaves: readonly CompiledLeaf[], masks: Uint8Array, ctx: EvalContext): ConditionTrace {
  const result = maskTri(evalNode(node, masks));
  switch (node.kind) {
    case 'all':
    case 'any':
      return { test: node.kind === 'all' ? 'all of' : 'any of', result, children: node.parts.map((part) => traceNode(part, leaves, masks, ctx)) };
    case 'not':
      return { test: 'not', result, children: [traceNode(node.part, leaves, masks, ctx)] };
    case 'leaf': {
      const leaf = leaves[node.leaf] as CompiledLeaf;
      const value = ctx.get(leaf.field, leaf.computed);
      const actual = value !== undefined && leaf.test.seen ? leaf.test.seen(value, ctx) : describeValue(value);
      return { test: leaf.describe, result, actual };
    }
  }
}

/** The leaf tests of a condition, at any depth, in order. */
export function leavesOf(condition: Condition): LeafCondition[] {
  if ('all' in condition) return condition.all.flatMap(leavesOf);
  if ('any' in condition) return condition.any.flatMap(leavesOf);
  if ('not' in condition) return leavesOf(condition.not);
  return [condition];
}
