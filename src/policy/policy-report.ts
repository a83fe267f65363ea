import type { Policy } from '../contracts/policy.js';
import { fitToLimit, LIMITS, table } from '../report/markdown.js';

export type ProposedPolicy =
  | { valid: true; policy: Policy; source: string }
  | { valid: false; problem: string; source: string };

/** The `ghml/policy` check on a PR that changes the policy file: the same schema the Actions use. */
export function renderPolicyCheck(proposed: ProposedPolicy | undefined, intoDefaultBranch: boolean): { conclusion: 'success' | 'failure'; title: string; summary: string } {
  const applies = intoDefaultBranch
    ? 'It governs promotions once this pull request is merged; until then the policy on the default branch applies.'
    : 'It governs nothing on this branch: only the policy on the default branch applies.';
  if (proposed === undefined) {
    return { conclusion: 'success', title: 'Policy removed', summary: `This pull request removes \`.github/ghml.yml\`: once merged, the defaults apply (stages staging then production, one approval from anyone with write access). ${applies}` };
  }
  if (!proposed.valid) {
    return { conclusion: 'failure', title: 'Policy invalid', summary: fitToLimit(`**❌ The proposed policy is invalid** (${proposed.source}):\n\n${proposed.problem.split('; ').map((problem) => `- ${problem}`).join('\n')}\n\n${applies}`, LIMITS.bodyCharacters) };
  }
  const { policy } = proposed;
  const tiers = Object.entries(policy['risk-tiers']).map(([name, tier]) => [name, String(tier.approvals), tier.approvers.join(', ') || 'anyone with write access', tier['also-required'].join(', ')]);
  const gates = Object.entries(policy.gates).map(([stage, gate]) => [stage, gate.evaluation, gate['data-validation'], gate['open-drift-issues']]);
  const parts = [
    `**✅ The proposed policy is valid.** ${applies}`,
    `Registry branch \`${policy['registry-branch']}\`; stages ${policy.stages.join(' → ')}${policy['enforce-stage-order'] ? ' (in order)' : ' (any order)'}; drift issues after ${policy.drift['schedule-issue-after']} drifted reports${policy.drift['retrain-workflow'] ? `, retraining with \`${policy.drift['retrain-workflow']}\`` : ''}.`,
    tiers.length > 0 ? table(['Risk tier', 'Approvals', 'Approvers', 'Also required'], tiers) : '_No risk tiers: every promotion needs one approval from anyone with write access._',
    gates.length > 0 ? table(['Stage', 'Evaluation', 'Data validation', 'Open drift issues'], gates) : '_No gates._',
  ];
  return { conclusion: 'success', title: 'Policy valid', summary: fitToLimit(parts.join('\n\n'), LIMITS.bodyCharacters) };
}
