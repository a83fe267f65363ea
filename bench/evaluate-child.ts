// ghml's evaluation as the Action and the CLI run it: bundled with the rest of the sources by
// bench/evaluate.ts, so the model's worker thread starts from the bundle too.
// Usage: evaluate-child <model.onnx> <data.csv> <rounds>; prints one JSON line.
import { runEvaluate } from '../src/steps/evaluate.js';

const [model, file, rounds] = process.argv.slice(2);
const seconds: number[] = [];
for (let round = 0; round < Number(rounds); round++) {
  const started = performance.now();
  const report = await runEvaluate({ model, data: [file], label: 'weather', bootstrap: 0 });
  if (report.rows === 0) throw new Error('no rows');
  seconds.push((performance.now() - started) / 1000);
}
process.stdout.write(`${JSON.stringify({ seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
