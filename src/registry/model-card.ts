import type { VersionRecord } from '../contracts/registry.js';
import { escapeCell, table } from '../report/markdown.js';

/** What a model card says: the version record without what only exists once the release does. */
export type CardFacts = Omit<VersionRecord, 'format' | 'release' | 'package' | 'assets' | 'attestation'>;

export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toPrecision(4).replace(/\.?0+$/, '');
}

export function commitLink(facts: Pick<CardFacts, 'commit' | 'lineage'>): string {
  const short = facts.commit.slice(0, 12);
  return facts.lineage.repositoryUrl ? `[\`${short}\`](${facts.lineage.repositoryUrl}/commit/${facts.commit})` : `\`${short}\``;
}

export function evaluationVerdict(facts: Pick<CardFacts, 'evaluation'>): string {
  if (!facts.evaluation) return '➖ not evaluated';
  return facts.evaluation.passed ? '✅ passed its gate' : '❌ failed its gate';
}

export function dataValidationVerdict(facts: Pick<CardFacts, 'dataValidation'>): string {
  const validation = facts.dataValidation;
  if (!validation) return '➖ no validation report';
  const detail = `${validation.failed} failed, ${validation.warnings} warning${validation.warnings === 1 ? '' : 's'}`;
  return validation.passed ? `✅ valid (${detail})` : `❌ invalid (${detail})`;
}

/** Links to where the version came from: commit, workflow run, training run, data. */
export function lineageLines(facts: CardFacts): string[] {
  const lines = [`- Commit ${commitLink(facts)}`];
  const run = facts.lineage.workflowRun;
  if (run) lines.push(`- Workflow run [${run.id}${run.attempt && run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}](${run.url})`);
  if (facts.run) lines.push(`- Training run \`runs/${facts.model}/${facts.run}.json\` on the registry branch`);
  if (facts.lineage.dataFingerprint) lines.push(`- Training data fingerprint \`${facts.lineage.dataFingerprint}\``);
  for (const file of facts.lineage.dataFiles) lines.push(`  - \`${escapeCell(file.path)}\` ${file.bytes.toLocaleString('en-US')} bytes, sha256 \`${file.sha256.slice(0, 16)}…\``);
  if (facts.lineage.evaluationDataFingerprint) lines.push(`- Evaluation data fingerprint \`${facts.lineage.evaluationDataFingerprint}\``);
  return lines;
}

/** The model card: the package's model-card.md and the release's description. */
export function renderModelCard(facts: CardFacts): string {
  const { card } = facts;
  const about: string[][] = [
    ['Model', `${facts.model} v${facts.version}`],
    ['Task', card.task ?? '—'],
    ['Owners', card.owners.length > 0 ? card.owners.join(', ') : '—'],
    ['Registered', `${facts.createdAt}${facts.createdBy ? ` by ${facts.createdBy}` : ''}`],
  ];
  if (facts.tags.length > 0) about.push(['Tags', facts.tags.join(', ')]);
  const metrics = Object.entries(facts.metrics);
  const parts = [
    `# ${facts.model} v${facts.version}`,
    card.description ?? '_No description was given._',
    table(['', ''], about),
    '## Intended use',
    card.intendedUse ?? '_Not stated._',
    '## Limitations',
    card.limitations ?? '_Not stated._',
    '## Metrics',
    metrics.length > 0
      ? `${table(['Metric', 'Value'], metrics.map(([name, value]) => [name, formatMetric(value)]))}\n\n_From ${facts.evaluation ? 'the evaluation registered with this version' : 'the training run'}._`
      : '_No metrics were recorded._',
    '## Verdicts',
    table(['Check', 'Result'], [['Data validation', dataValidationVerdict(facts)], ['Evaluation', evaluationVerdict(facts)]]),
    '## Lineage',
    lineageLines(facts).join('\n'),
  ];
  return `${parts.join('\n\n')}\n`;
}
