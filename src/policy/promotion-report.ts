import { fitToLimit, LIMITS, table } from '../report/markdown.js';
import type { AliasChange, PromotionVerdict, RequirementState } from './promotion.js';

const icons: Record<RequirementState, string> = { passed: '✅', missing: '⏳', failed: '❌' };

function describeChange(change: AliasChange): string {
  return `${change.stage} ${change.from === undefined ? '(none)' : `v${change.from}`} → ${change.to === undefined ? '(none)' : `v${change.to}`}`;
}

function describeTier(verdict: PromotionVerdict): string {
  const { name, rule } = verdict.tier;
  const who = rule.approvers.length > 0 ? ` from ${rule.approvers.join(' or ')}` : ' from people with write access';
  const also = rule.alsoRequired.length > 0 ? `, and one from each of ${rule.alsoRequired.join(', ')}` : '';
  const label = name === null ? 'no tier in the policy: the default rule' : `risk tier **${name}**`;
  return `${label}: ${rule.approvals} approval${rule.approvals === 1 ? '' : 's'}${who}${also}`;
}

/** The check run's title and summary: the verdict first, then every requirement, then the reviews. */
export function renderPromotionCheck(verdict: PromotionVerdict, policySource: string): { title: string; summary: string } {
  const title = verdict.passed
    ? `Policy met: ${verdict.model} ${verdict.changes.map(describeChange).join(', ')}`
    : `${verdict.missing.length} requirement${verdict.missing.length === 1 ? '' : 's'} not met`;
  const parts: string[] = [];
  parts.push(verdict.passed
    ? '**✅ Ready to merge:** every requirement of the promotion policy is met.'
    : `**❌ Not ready to merge:** ${verdict.missing.join('; ')}.`);
  if (verdict.model !== null) parts.push(`Promotes **${verdict.model}**: ${verdict.changes.map(describeChange).join(', ') || 'no stage'} · ${describeTier(verdict)}.`);
  parts.push(table(['', 'Requirement', 'Detail'], verdict.requirements.map((requirement) => [icons[requirement.state], requirement.name, requirement.detail])));
  if (verdict.reviews.length > 0) {
    parts.push('**Reviews** (the latest per reviewer)');
    parts.push(table(['Reviewer', 'Review', 'Counted', 'Why'], verdict.reviews.map((review) => [`@${review.reviewer}`, review.state.toLowerCase().replace('_', ' '), review.counted ? 'yes' : 'no', review.reason])));
  }
  parts.push(`_Policy: ${policySource}. Changes to the policy in a pull request apply only once merged into the default branch._`);
  return { title, summary: fitToLimit(parts.join('\n\n'), LIMITS.bodyCharacters) };
}
