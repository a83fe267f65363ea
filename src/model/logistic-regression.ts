import { SeededRandom } from './random.js';

/**
 * Multinomial logistic regression on standardized features, trained by full-batch gradient descent
 * with L2 regularization. Small and dependency-free, so the example project trains in well under a
 * second anywhere, and deterministic: the same data, options and seed give the same weights.
 */

export interface LogisticRegressionOptions {
  learningRate: number;
  /** L2 penalty on the weights (not the intercepts), per example. */
  l2: number;
  epochs: number;
  seed: number;
  /** Weights and epoch to continue from, e.g. read back from a checkpoint. */
  resume?: { epoch: number; weights: number[][]; intercepts: number[] };
  /** Called after each epoch with the training loss (cross-entropy plus penalty) and accuracy. */
  onEpoch?: (epoch: number, model: LogisticRegression, loss: number, accuracy: number) => void;
}

export interface LogisticRegression {
  features: string[];
  classes: string[];
  /** Per-feature mean and standard deviation of the training data, applied before the weights. */
  mean: number[];
  scale: number[];
  /** weights[feature][class] */
  weights: number[][];
  intercepts: number[];
  epoch: number;
}

/** Rows of features (in `features` order) and the index of each row's class. */
export interface Examples {
  x: number[][];
  y: number[];
}

function standardization(x: number[][], width: number): { mean: number[]; scale: number[] } {
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(0);
  for (const row of x) for (let j = 0; j < width; j++) mean[j] += row[j] / x.length;
  for (const row of x) for (let j = 0; j < width; j++) scale[j] += (row[j] - mean[j]) ** 2 / x.length;
  // A constant feature carries no information; a scale of 1 keeps it from dividing by zero.
  return { mean, scale: scale.map((v) => (v > 0 ? Math.sqrt(v) : 1)) };
}

/** Class probabilities of one row, by the same arithmetic the exported ONNX graph performs. */
export function predictRow(model: LogisticRegression, row: number[]): number[] {
  const logits = model.intercepts.slice();
  for (let j = 0; j < model.features.length; j++) {
    const z = (row[j] - model.mean[j]) / model.scale[j];
    for (let k = 0; k < logits.length; k++) logits[k] += z * model.weights[j][k];
  }
  return softmax(logits);
}

export function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function argmax(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

export function trainLogisticRegression(
  data: Examples,
  features: string[],
  classes: string[],
  options: LogisticRegressionOptions,
): LogisticRegression {
  const width = features.length;
  const k = classes.length;
  const { mean, scale } = standardization(data.x, width);
  const z = data.x.map((row) => row.map((v, j) => (v - mean[j]) / scale[j]));
  const random = new SeededRandom(options.seed);
  const model: LogisticRegression = {
    features,
    classes,
    mean,
    scale,
    weights: options.resume?.weights.map((w) => w.slice()) ?? Array.from({ length: width }, () => Array.from({ length: k }, () => random.normal() * 0.01)),
    intercepts: options.resume?.intercepts.slice() ?? new Array<number>(k).fill(0),
    epoch: options.resume?.epoch ?? 0,
  };
  const n = z.length;
  while (model.epoch < options.epochs) {
    const gradW = Array.from({ length: width }, () => new Array<number>(k).fill(0));
    const gradB = new Array<number>(k).fill(0);
    let loss = 0;
    let correct = 0;
    for (let i = 0; i < n; i++) {
      const logits = model.intercepts.slice();
      for (let j = 0; j < width; j++) for (let c = 0; c < k; c++) logits[c] += z[i][j] * model.weights[j][c];
      const p = softmax(logits);
      loss -= Math.log(Math.max(p[data.y[i]], 1e-15));
      if (argmax(p) === data.y[i]) correct++;
      for (let c = 0; c < k; c++) {
        const error = p[c] - (c === data.y[i] ? 1 : 0);
        gradB[c] += error;
        for (let j = 0; j < width; j++) gradW[j][c] += error * z[i][j];
      }
    }
    let penalty = 0;
    for (let j = 0; j < width; j++) {
      for (let c = 0; c < k; c++) {
        penalty += model.weights[j][c] ** 2;
        model.weights[j][c] -= options.learningRate * (gradW[j][c] / n + options.l2 * model.weights[j][c]);
      }
    }
    for (let c = 0; c < k; c++) model.intercepts[c] -= (options.learningRate * gradB[c]) / n;
    model.epoch++;
    options.onEpoch?.(model.epoch, model, loss / n + (options.l2 / 2) * penalty, correct / n);
  }
  return model;
}

export interface ClassificationMetrics {
  accuracy: number;
  /** Macro-averaged F1 over the classes that occur in the labels or the predictions. */
  f1: number;
  /** Mean cross-entropy of the true class. */
  logLoss: number;
}

export function evaluate(model: LogisticRegression, data: Examples): ClassificationMetrics {
  const k = model.classes.length;
  const truePositives = new Array<number>(k).fill(0);
  const predicted = new Array<number>(k).fill(0);
  const actual = new Array<number>(k).fill(0);
  let logLoss = 0;
  for (let i = 0; i < data.x.length; i++) {
    const p = predictRow(model, data.x[i]);
    const guess = argmax(p);
    predicted[guess]++;
    actual[data.y[i]]++;
    if (guess === data.y[i]) truePositives[guess]++;
    logLoss -= Math.log(Math.max(p[data.y[i]], 1e-15));
  }
  const scores: number[] = [];
  for (let c = 0; c < k; c++) {
    if (predicted[c] + actual[c] === 0) continue;
    scores.push((2 * truePositives[c]) / (predicted[c] + actual[c]));
  }
  const correct = truePositives.reduce((a, b) => a + b, 0);
  return {
    accuracy: correct / data.x.length,
    f1: scores.reduce((a, b) => a + b, 0) / scores.length,
    logLoss: logLoss / data.x.length,
  };
}
