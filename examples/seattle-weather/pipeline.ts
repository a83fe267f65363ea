import { readFile } from 'node:fs/promises';
import { evaluate, trainLogisticRegression, type ClassificationMetrics, type Examples, type LogisticRegression } from '../../src/model/logistic-regression.js';
import { logisticRegressionToOnnx } from '../../src/model/logistic-regression-onnx.js';
import { SeededRandom } from '../../src/model/random.js';

/**
 * The Seattle weather model: which of five kinds of weather a day had, from its precipitation,
 * temperatures and wind. A multinomial logistic regression, exported to ONNX:
 *
 *   input   features       float32 [N, 4]  precipitation, temp_max, temp_min, wind (contract.yml order)
 *   output  label          string  [N]     drizzle, fog, rain, snow or sun
 *   output  probabilities  float32 [N, 5]  in the order of CLASSES (also in the model's metadata "classes")
 */

export const FEATURES = ['precipitation', 'temp_max', 'temp_min', 'wind'];
export const LABEL = 'weather';
export const CLASSES = ['drizzle', 'fog', 'rain', 'snow', 'sun'];

export interface TrainingParams {
  learning_rate: number;
  l2: number;
  epochs: number;
  /** Share of the rows held out for evaluation. */
  test_fraction: number;
}

export const DEFAULT_PARAMS: TrainingParams = { learning_rate: 0.5, l2: 0.001, epochs: 300, test_fraction: 0.2 };

export async function loadSeattleWeather(csvPath: string): Promise<Examples> {
  const [header, ...lines] = (await readFile(csvPath, 'utf8')).trim().split(/\r?\n/);
  const columns = header.split(',');
  const featureIndex = FEATURES.map((name) => columns.indexOf(name));
  const labelIndex = columns.indexOf(LABEL);
  if (featureIndex.includes(-1) || labelIndex === -1) throw new Error(`${csvPath} lacks columns: it needs ${[...FEATURES, LABEL].join(', ')}`);
  const x: number[][] = [];
  const y: number[] = [];
  lines.forEach((line, i) => {
    const fields = line.split(',');
    const label = CLASSES.indexOf(fields[labelIndex]);
    if (label === -1) throw new Error(`${csvPath} line ${i + 2}: unknown weather "${fields[labelIndex]}"`);
    x.push(featureIndex.map((j) => Number(fields[j])));
    y.push(label);
  });
  return { x, y };
}

/** A shuffled train/test split: the same seed gives the same split. */
export function split(data: Examples, testFraction: number, seed: number): { train: Examples; test: Examples } {
  const order = new SeededRandom(seed).shuffle(Array.from(data.y.keys()));
  const testSize = Math.round(order.length * testFraction);
  const pick = (indices: number[]) => ({ x: indices.map((i) => data.x[i]), y: indices.map((i) => data.y[i]) });
  return { test: pick(order.slice(0, testSize)), train: pick(order.slice(testSize)) };
}

export interface TrainedWeatherModel {
  model: LogisticRegression;
  test: ClassificationMetrics;
  train: ClassificationMetrics;
  onnx: Uint8Array;
}

export interface TrainWeatherOptions {
  data: Examples;
  params: TrainingParams;
  seed: number;
  resume?: Parameters<typeof trainLogisticRegression>[3]['resume'];
  onEpoch?: (epoch: number, model: LogisticRegression, loss: number, accuracy: number, test: Examples) => void;
}

export function trainWeatherModel(options: TrainWeatherOptions): TrainedWeatherModel {
  const { train, test } = split(options.data, options.params.test_fraction, options.seed);
  const model = trainLogisticRegression(train, FEATURES, CLASSES, {
    learningRate: options.params.learning_rate,
    l2: options.params.l2,
    epochs: options.params.epochs,
    seed: options.seed,
    resume: options.resume,
    onEpoch: (epoch, current, loss, accuracy) => options.onEpoch?.(epoch, current, loss, accuracy, test),
  });
  const onnx = logisticRegressionToOnnx(model, {
    doc: `Seattle weather classifier: multinomial logistic regression, ${model.epoch} epochs, seed ${options.seed}.`,
  });
  return { model, test: evaluate(model, test), train: evaluate(model, train), onnx };
}
