import type { SNode } from './spec-tree';
import type { SpecPath, SpecProblem, SubstitutionContext } from './spec-types';

const VARIABLE = /\$\{([^}]*)\}/g;
export const SUBSTITUTION_NAMES = ['${workspaceFolder}', '${env:NAME}', '${git.sha}'];

/**
 * Replaces `${workspaceFolder}`, `${env:NAME}` and `${git.sha}` in every string value (keys stay as
 * written). A variable that cannot be resolved is left in place and reported at its exact position.
 */
export function substituteTree(root: SNode, context: SubstitutionContext): { root: SNode; problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  const walk = (node: SNode, path: SpecPath): SNode => {
    switch (node.kind) {
      case 'map':
        return { ...node, pairs: node.pairs.map((p) => ({ ...p, value: walk(p.value, [...path, p.key]) })) };
      case 'seq':
        return { ...node, items: node.items.map((item, i) => walk(item, [...path, i])) };
      default:
        return typeof node.value === 'string' ? { ...node, value: substituteString(node.value, context, path, problems) } : node;
    }
  };
  return { root: walk(root, []), problems };
}

export function substituteString(value: string, context: SubstitutionContext, path: SpecPath, problems: SpecProblem[]): string {
  return value.replace(VARIABLE, (whole: string, name: string, offset: number) => {
    const resolved = resolve(name.trim(), context);
    if (typeof resolved === 'string') {
      return resolved;
    }
    problems.push({ path, target: { slice: [offset, offset + whole.length] }, severity: 'error', ...resolved });
    return whole;
  });
}

function resolve(name: string, context: SubstitutionContext): string | { rule: string; message: string } {
  if (name === 'workspaceFolder') {
    return context.workspaceFolder ?? {
      rule: 'substitution-workspace',
      message: '${workspaceFolder} has no value here: open the folder that holds this spec as a workspace folder.',
    };
  }
  if (name === 'git.sha') {
    return context.gitSha ?? {
      rule: 'substitution-git',
      message: '${git.sha} has no value: the workspace is not a git repository with a commit. Commit first, or write the tag by hand.',
    };
  }
  if (name.startsWith('env:')) {
    const variable = name.slice(4);
    const value = variable === '' ? undefined : context.env?.[variable];
    return value ?? {
      rule: 'substitution-env',
      message: variable === ''
        ? '${env:} needs a variable name, as in ${env:USER}.'
        : `Environment variable ${variable} is not set for VS Code. Set it before starting VS Code, or write the value here.`,
    };
  }
  return {
    rule: 'substitution-unknown',
    message: `Unknown variable \${${name}}: the spec supports ${SUBSTITUTION_NAMES.join(', ')}.`,
  };
}
