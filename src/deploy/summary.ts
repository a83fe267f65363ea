import type { DeployReport } from '../contracts/deploy.js';
import { table } from '../report/markdown.js';

/** One line: what happened to which version where. */
export function deployVerdict(report: DeployReport): string {
  const label = `${report.model} v${report.version}`;
  if (report.result === 'succeeded') {
    if (report.target === 'batch') return `${label} scored ${report.predictions?.rows ?? 0} rows for ${report.environment}`;
    if (report.strategy === 'shadow' && report.target === 'serve') return `${label} shadows v${report.previousVersion} in ${report.environment}`;
    return `${label} deployed to ${report.environment}${report.previousVersion ? ` (was v${report.previousVersion})` : ''}`;
  }
  if (report.result === 'rolled-back') return `${label} rolled back in ${report.environment}${report.previousVersion ? `, v${report.previousVersion} serves` : ''}: ${report.reason}`;
  return `${label} not deployed to ${report.environment}: ${report.reason}`;
}

/** The job summary of a deployment: the verdict first, then each step with what it measured. */
export function renderDeployMarkdown(report: DeployReport): string {
  const icon = report.result === 'succeeded' ? '✅' : report.result === 'rolled-back' ? '↩️' : '❌';
  const lines = [`## ${icon} ${deployVerdict(report)}`, ''];
  lines.push(`${report.target} target, ${report.strategy}; package \`sha256:${report.digest}\` verified.`, '');
  if (report.steps.length > 0) {
    const percent = (value: number | null) => (value === null ? '—' : `${value}%`);
    const rows = report.steps.map((step) => [
      step.passed ? '✅' : '❌',
      step.name,
      percent(step.percent),
      step.requests === null ? '—' : String(step.requests),
      step.errorRate === null ? '—' : `${(step.errorRate * 100).toFixed(2)}%`,
      step.p95Ms === null ? '—' : `≤ ${step.p95Ms} ms`,
      `${step.seconds} s`,
      step.detail,
    ]);
    lines.push(table(['', 'Step', 'Traffic', 'Requests', 'Errors', 'p95', 'Took', 'Detail'], rows), '');
  }
  if (report.reason) lines.push(`**Why:** ${report.reason}`, '');
  if (report.predictions) lines.push(`Predictions: ${report.predictions.rows} rows in \`${report.predictions.path}\`${report.predictions.artifact ? `, published as ${report.predictions.artifact}` : ''}.`, '');
  return `${lines.join('\n')}\n`;
}
