// TypeDoc plugin (typedoc.json "plugin"): documents the generated torch.* functions from the op
// declarations they come from, so `pnpm api-docs` shows a description and an example for each rather
// than a bare signature. The functions are built from the ops (the elementwise table's function forms,
// the checked wrappers of @torch/core's ops/functions.ts, the umbrella's Variable-aware forms), so their
// declarations carry no comment of their own. An undocumented top-level function or variable of
// @torch/core or the umbrella gets:
//   - in @torch/core, the comment of the implementation it wraps (`checked('sum', reduceOps.sum)`);
//   - in the umbrella, the comment of @torch/core's export of the same name (sum, conv2d, outer, ...);
//   - else the comment of the Tensor method of the same name (`torch.sum(x, 1)` is `x.sum(1)`), its
//     examples rewritten into the function form (`x.sum(1)` becomes `torch.sum(x, 1)`).
import ts from 'typescript';
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

const FUNCTION_LIKE = ReflectionKind.Function | ReflectionKind.Variable;
const UMBRELLA = 'torch';
const CORE = '@torch/core';

/** The comment of a reflection, of its first documented signature, or of its function type's. */
function commentOf(r) {
  if (r.comment && (r.comment.summary.length > 0 || r.comment.blockTags.length > 0)) return r.comment;
  const signatures = r.signatures ?? r.type?.declaration?.signatures;
  return signatures?.find((s) => s.comment)?.comment;
}

/** Has a description (a comment with only `@see` and `@example` tags, as `/** @see core.outer ... *\/`, has none). */
const described = (c) => c !== undefined && c.summary.some((p) => p.text.trim() !== '');

/** Index of the bracket matching the one at `close` (scanning left), or -1. */
function openingBracket(text, close) {
  const pair = { ')': '(', ']': '[' };
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (text[i] === text[close]) depth++;
    else if (text[i] === pair[text[close]] && --depth === 0) return i;
  }
  return -1;
}

/** Index of the parenthesis closing the one at `open`, or -1. */
function closingParen(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Rewrites method calls `recv.name(args)` in example code into `torch.name(recv, args)`.
 * @example toFunctionForm('x.sum(1, true)', 'sum') // 'torch.sum(x, 1, true)'
 */
export function toFunctionForm(code, name) {
  const needle = `.${name}(`;
  let out = code;
  for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at + 1)) {
    let start = at;
    while (start > 0) {
      const c = out[start - 1];
      if (c === ')' || c === ']') {
        const o = openingBracket(out, start - 1);
        if (o < 0) break;
        start = o;
      } else if (/[\w$.]/.test(c)) start--;
      else break;
    }
    const recv = out.slice(start, at);
    if (!recv || /^[\d.]/.test(recv) || recv === 'torch') continue;
    const open = at + needle.length - 1;
    const close = closingParen(out, open);
    if (close < 0) continue;
    const args = out.slice(open + 1, close).trim();
    const call = `torch.${name}(${recv}${args ? `, ${args}` : ''})`;
    out = out.slice(0, start) + call + out.slice(close + 1);
    at = start + call.length - 1;
  }
  return out;
}

const text = (s) => [{ kind: 'text', text: s }];
const VARIABLES = 'With a Variable among the tensors it returns Variables (recorded for backward where the op is differentiable).';

/** The function form's comment from the method's: its summary, then how the two relate; examples rewritten. */
function fromMethod(comment, name, umbrella) {
  const summary = Comment.cloneDisplayParts(comment.summary);
  const relation =
    `\n\nThe function form of \`Tensor.${name}\`: \`torch.${name}(t, ...args)\` is \`t.${name}(...args)\`, with the same options and checks.` +
    (umbrella ? ` ${VARIABLES}` : '');
  const tags = comment.blockTags
    .filter((t) => t.tag === '@example')
    .map((t) => new CommentTag('@example', t.content.map((p) => (p.kind === 'code' ? { ...p, text: toFunctionForm(p.text, name) } : { ...p }))));
  return new Comment([...summary, ...text(relation)], tags);
}

/**
 * The comment of the implementation a wrapper was made from: `export const sum = checked('sum', reduceOps.sum)`
 * (core's ops/functions.ts) has reduceOps.sum's. The implementation is the call's last argument.
 */
function implementationComment(context, r) {
  const init = context.getSymbolFromReflection(r)?.valueDeclaration?.initializer;
  if (!init || !ts.isCallExpression(init) || init.arguments.length === 0) return undefined;
  let target = context.checker.getSymbolAtLocation(init.arguments[init.arguments.length - 1]);
  if (target && target.flags & ts.SymbolFlags.Alias) target = context.checker.getAliasedSymbol(target);
  for (const d of target?.declarations ?? []) {
    const c = ts.isFunctionDeclaration(d) ? context.getSignatureComment(d) : undefined;
    if (described(c)) return c;
  }
  return undefined;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  /** Comments of @torch/core's documented top-level exports, by name (core converts before the umbrella). */
  const coreDocs = new Map();
  /** The implementation comments of wrappers, found while their source is being converted (the checker is gone later). */
  const implementationDocs = new WeakMap();
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, r) => {
    if (!r.kindOf(ReflectionKind.Variable) || r.parent !== context.project) return;
    const c = implementationComment(context, r);
    if (c) implementationDocs.set(r, c);
  });
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    if (project.name !== CORE && project.name !== UMBRELLA) return;
    const umbrella = project.name === UMBRELLA;
    const top = (project.children ?? []).filter((r) => r.kindOf(FUNCTION_LIKE));
    const tensor = project.getChildByName('Tensor');
    let filled = 0;
    for (const r of top) {
      const mine = commentOf(r);
      if (described(mine)) continue;
      const source = umbrella ? coreDocs.get(r.name) : implementationDocs.get(r);
      const method = tensor?.getChildByName(r.name);
      const methodComment = method ? commentOf(method) : undefined;
      const comment = described(source) ? source.clone() : methodComment ? fromMethod(methodComment, r.name, umbrella) : undefined;
      if (!comment) continue;
      if (umbrella && described(source)) comment.summary.push(...text(`\n\n${VARIABLES}`));
      // Its own tags (a function-form @example, @see) are kept, in place of the source's of the same kind.
      if (mine) comment.blockTags = [...comment.blockTags.filter((t) => !mine.blockTags.some((m) => m.tag === t.tag)), ...mine.blockTags.map((t) => t.clone())];
      r.comment = comment;
      filled++;
    }
    // The umbrella's functions take @torch/core's comments, these ones included.
    if (!umbrella) for (const r of top) if (described(commentOf(r))) coreDocs.set(r.name, commentOf(r));
    const bare = top.filter((r) => !described(commentOf(r))).map((r) => r.name);
    const noExample = top.filter((r) => !commentOf(r)?.blockTags.some((t) => t.tag === '@example')).map((r) => r.name);
    app.logger.info(
      `typedoc-op-docs: documented ${filled} ${project.name} functions from their ops; without a description: ${bare.join(', ') || 'none'}; ` +
        `without an example: ${noExample.join(', ') || 'none'}`,
    );
  });
}
