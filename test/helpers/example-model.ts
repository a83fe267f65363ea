import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLASSES, DEFAULT_PARAMS, FEATURES, loadSeattleWeather, trainWeatherModel } from '../../examples/seattle-weather/pipeline.js';
import { LOGISTIC_REGRESSION_IO } from '../../src/model/logistic-regression-onnx.js';
import { repoRoot, seattleWeather } from './temp.js';

/**
 * The example project's model (examples/seattle-weather), for tests that need a real ONNX model:
 *
 *   input   features       float32 [N, 4]  precipitation, temp_max, temp_min, wind
 *   output  label          string  [N]     one of CLASSES
 *   output  probabilities  float32 [N, 5]  in CLASSES order
 *
 * Trained with the default parameters and seed 0, the same as `ghml train` on the example without params.
 */
export const EXAMPLE_MODEL = {
  input: LOGISTIC_REGRESSION_IO.input,
  outputs: { label: LOGISTIC_REGRESSION_IO.label, probabilities: LOGISTIC_REGRESSION_IO.probabilities },
  features: FEATURES,
  classes: CLASSES,
  data: seattleWeather,
  seed: 0,
  params: DEFAULT_PARAMS,
} as const;

async function sourceDigest(): Promise<string> {
  const hash = createHash('sha256');
  const modelDir = path.join(repoRoot, 'src/model');
  const sources = [path.join(repoRoot, 'examples/seattle-weather/pipeline.ts'), ...(await readdir(modelDir)).sort().map((f) => path.join(modelDir, f)), seattleWeather];
  for (const file of sources) hash.update(await readFile(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Returns the path of the trained example model (.onnx). Training takes a fraction of a second, but
 * every test file runs in a process of its own, so the model is kept in the temporary directory,
 * keyed by the sources that make it, and trained once per change.
 */
export async function trainExampleModel(dir?: string): Promise<string> {
  const cached = path.join(tmpdir(), 'ghml-example-model', await sourceDigest(), 'seattle-weather.onnx');
  if (!(await stat(cached).catch(() => undefined))) {
    const trained = trainWeatherModel({ data: await loadSeattleWeather(seattleWeather), params: DEFAULT_PARAMS, seed: EXAMPLE_MODEL.seed });
    await mkdir(path.dirname(cached), { recursive: true });
    // Test files run in parallel: each writes a file of its own and renames it into place.
    const temporary = `${cached}.${process.pid}.tmp`;
    await writeFile(temporary, trained.onnx);
    await rename(temporary, cached);
  }
  if (dir === undefined) return cached;
  const target = path.join(dir, 'seattle-weather.onnx');
  await mkdir(dir, { recursive: true });
  await copyFile(cached, target);
  return target;
}
