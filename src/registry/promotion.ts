import type { Policy } from '../contracts/policy.js';
import type { Aliases, VersionRecord } from '../contracts/registry.js';
import { ConfigurationError } from '../errors.js';
import { fitToLimit, LIMITS, table } from '../report/markdown.js';
import { dataValidationVerdict, evaluationVerdict, formatMetric, lineageLines, renderModelCard } from './model-card.js';
import { promotionBranch, registryPaths } from './paths.js';

export interface PromotionPlan {
  model: string;
  stage: string;
  version: number;
  /** The version holding the stage now, if any. */
  champion: number | null;
  aliases: Aliases;
  branch: string;
  title: string;
  body: string;
}

/** A stage must be one the policy names: a typo must not create a stage nobody deploys from. */
export function checkStage(policy: Policy, stage: string): void {
  if (!policy.stages.includes(stage)) {
    throw new ConfigurationError(`"${stage}" is not a stage of the promotion policy: its stages are ${policy.stages.join(', ')} (.github/ghml.yml, stages)`, { input: 'stage' });
  }
}

export function promotionMarker(model: string, stage: string, version: number): string {
  return `<!-- ghml:promotion ${JSON.stringify({ model, stage, version })} -->`;
}

/**
 * The change a promotion pull request proposes (aliases.json with the stage moved) and the body
 * that lets a reviewer decide: the challenger against the champion, the verdicts, the lineage and
 * the model card, within GitHub's body limit.
 */
export function planPromotion(options: { policy: Policy; stage: string; aliases: Aliases; challenger: VersionRecord; champion: VersionRecord | null; rollback?: boolean }): PromotionPlan {
  const { policy, stage, aliases, challenger, champion } = options;
  checkStage(policy, stage);
  const { model, version } = challenger;
  const previousStage = policy.stages[policy.stages.indexOf(stage) - 1];
  const next: Aliases = { ...aliases, [stage]: version };
  const ordered: Aliases = Object.fromEntries(Object.entries(next).sort(([a], [b]) => stageOrder(policy, a) - stageOrder(policy, b) || a.localeCompare(b)));
  const verb = options.rollback ? 'Roll back' : 'Promote';
  const title = `${verb} ${model} to v${version} in ${stage}`;
  const sections = [
    promotionMarker(model, stage, version),
    `## ${verb} ${model} v${version} to ${stage}`,
    `This pull request changes only \`${registryPaths.aliases(model)}\`: ${stage} ${champion ? `v${champion.version}` : '(none)'} → v${version}. Merging it is the ${options.rollback ? 'rollback' : 'promotion'}.`,
    '### Champion and challenger',
    comparisonTable(challenger, champion, stage),
    '### Verdicts',
    table(['Check', `v${version}`], [
      ['Data validation', dataValidationVerdict(challenger)],
      ['Evaluation', evaluationVerdict(challenger)],
      ...(previousStage ? [[`Holds ${previousStage}`, aliases[previousStage] === version ? `✅ v${version} is in ${previousStage}` : `⚠️ ${previousStage} holds ${aliases[previousStage] ? `v${aliases[previousStage]}` : 'no version'}`]] : []),
    ]),
    '### Lineage',
    [`- Release [${challenger.release.tag}](${challenger.release.url}), package digest \`sha256:${challenger.package.digest}\``, ...lineageLines(challenger)].join('\n'),
    '### Model card',
    renderModelCard(challenger).replace(/^# .*\n\n/, ''),
  ];
  return {
    model,
    stage,
    version,
    champion: champion?.version ?? null,
    aliases: ordered,
    branch: promotionBranch(model, stage, version),
    title,
    body: fitToLimit(sections.join('\n\n'), LIMITS.bodyCharacters),
  };
}

function stageOrder(policy: Policy, stage: string): number {
  const index = policy.stages.indexOf(stage);
  return index < 0 ? policy.stages.length : index;
}

function comparisonTable(challenger: VersionRecord, champion: VersionRecord | null, stage: string): string {
  if (!champion) return `_No version holds ${stage} yet: v${challenger.version} would be the first._\n\n${table(['Metric', `v${challenger.version}`], Object.entries(challenger.metrics).map(([name, value]) => [name, formatMetric(value)]))}`;
  const names = [...new Set([...Object.keys(challenger.metrics), ...Object.keys(champion.metrics)])].sort();
  const rows = names.map((name) => {
    const before = champion.metrics[name];
    const after = challenger.metrics[name];
    const change = typeof before === 'number' && typeof after === 'number' ? `${after - before >= 0 ? '+' : ''}${formatMetric(after - before)}` : '—';
    return [name, formatMetric(before), formatMetric(after), change];
  });
  return table(['Metric', `Champion v${champion.version} (${stage} now)`, `Challenger v${challenger.version}`, 'Change'], rows);
}
