// Trains the Seattle weather classifier under `ghml train` (or on its own) and writes it as ONNX.
//
//   npx tsx train.ts --data <seattle-weather.csv> [--out model.onnx]
//
// Everything ghml hands a run arrives in the environment, so the script needs no ghml library:
// parameters from $GHML_PARAMS, the seed from $GHML_SEED, metrics appended to $GHML_METRICS and
// final metrics written to $GHML_FINAL_METRICS, the model written to $GHML_MODEL_PATH, and
// progress kept in $GHML_CHECKPOINT_DIR so an interrupted run resumes.
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate } from '../../src/model/logistic-regression.js';
import { DEFAULT_PARAMS, loadSeattleWeather, trainWeatherModel, type TrainingParams } from './pipeline.js';

const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } });
if (!values.data) {
  console.error('usage: train.ts --data <seattle-weather.csv> [--out model.onnx]');
  process.exit(2);
}
const env = process.env;
const params: TrainingParams = { ...DEFAULT_PARAMS, ...(env.GHML_PARAMS ? JSON.parse(await readFile(env.GHML_PARAMS, 'utf8')) : {}) };
const seed = Number(env.GHML_SEED ?? 0);
const out = env.GHML_MODEL_PATH ?? values.out ?? 'model.onnx';
const checkpointFile = env.GHML_CHECKPOINT_DIR ? path.join(env.GHML_CHECKPOINT_DIR, 'checkpoint.json') : undefined;

const resume = checkpointFile ? await readFile(checkpointFile, 'utf8').then(JSON.parse, () => undefined) : undefined;
if (resume) console.log(`resuming from epoch ${resume.epoch}`);

const metric = (entry: Record<string, number>) => {
  if (env.GHML_METRICS) appendFileSync(env.GHML_METRICS, `${JSON.stringify(entry)}\n`);
};

const data = await loadSeattleWeather(values.data);
const trained = trainWeatherModel({
  data,
  params,
  seed,
  resume,
  onEpoch(epoch, model, loss, accuracy, test) {
    if (epoch % 10 !== 0 && epoch !== params.epochs) return;
    metric({ step: epoch, loss, train_accuracy: accuracy, test_accuracy: evaluate(model, test).accuracy });
    if (checkpointFile && epoch % 50 === 0) {
      // Written whole, then renamed: a kill mid-write leaves the previous checkpoint intact.
      writeFileSync(`${checkpointFile}.tmp`, JSON.stringify({ epoch, weights: model.weights, intercepts: model.intercepts }));
      renameSync(`${checkpointFile}.tmp`, checkpointFile);
    }
  },
});

const final = { accuracy: trained.test.accuracy, f1: trained.test.f1, log_loss: trained.test.logLoss, train_accuracy: trained.train.accuracy };
if (env.GHML_FINAL_METRICS) await writeFile(env.GHML_FINAL_METRICS, JSON.stringify(final));
await mkdir(path.dirname(path.resolve(out)), { recursive: true });
await writeFile(out, trained.onnx);
console.log(`trained ${trained.model.epoch} epochs: accuracy ${final.accuracy.toFixed(3)}, f1 ${final.f1.toFixed(3)}; model written to ${out}`);
