import { CLASSES, DEFAULT_PARAMS, FEATURES, loadSeattleWeather, trainWeatherModel } from '../examples/seattle-weather/pipeline.js';
import { LOGISTIC_REGRESSION_IO, OPSET } from '../src/model/logistic-regression-onnx.js';
import { encodeOnnxModel, OnnxDataType } from '../src/model/onnx-proto.js';
import { EXAMPLE_MODEL } from '../test/helpers/example-model.js';
import { uniform } from './generate.js';

/**
 * A model that costs what a small production tabular model costs, with the example model's inputs
 * and outputs: the trained logistic regression plus a residual of two hidden ReLU layers with
 * fixed pseudo-random weights, kept small so the predictions stay the regression's, near enough:
 *
 *   standardized ─MatMul─Add─Relu─MatMul─Add─Relu─MatMul─┐
 *         └──────────────MatMul(weights)─Add(intercepts)─Add─► logits ─Softmax / ArgMax─Gather
 */
export async function residualMlpOnnx(hidden: number): Promise<Uint8Array> {
  const { model } = trainWeatherModel({ data: await loadSeattleWeather(EXAMPLE_MODEL.data), params: DEFAULT_PARAMS, seed: EXAMPLE_MODEL.seed });
  const width = FEATURES.length;
  const k = CLASSES.length;
  const next = uniform(7);
  const random = (length: number, scale: number) => Float32Array.from({ length }, () => (next() - 0.5) * scale);
  const { input, label, probabilities } = LOGISTIC_REGRESSION_IO;
  return encodeOnnxModel({
    irVersion: 8,
    opsets: [{ domain: '', version: OPSET }],
    producerName: 'ghml-bench',
    graphName: 'residual_mlp',
    initializers: [
      { name: 'mean', type: 'float', dims: [width], values: Float32Array.from(model.mean) },
      { name: 'scale', type: 'float', dims: [width], values: Float32Array.from(model.scale) },
      { name: 'w1', type: 'float', dims: [width, hidden], values: random(width * hidden, 1) },
      { name: 'b1', type: 'float', dims: [hidden], values: random(hidden, 0.1) },
      { name: 'w2', type: 'float', dims: [hidden, hidden], values: random(hidden * hidden, 2 / Math.sqrt(hidden)) },
      { name: 'b2', type: 'float', dims: [hidden], values: random(hidden, 0.1) },
      { name: 'w3', type: 'float', dims: [hidden, k], values: random(hidden * k, 0.02) },
      { name: 'weights', type: 'float', dims: [width, k], values: Float32Array.from(model.weights.flat()) },
      { name: 'intercepts', type: 'float', dims: [k], values: Float32Array.from(model.intercepts) },
      { name: 'classes', type: 'string', dims: [k], values: CLASSES },
    ],
    nodes: [
      { opType: 'Sub', name: 'center', inputs: [input, 'mean'], outputs: ['centered'] },
      { opType: 'Div', name: 'standardize', inputs: ['centered', 'scale'], outputs: ['standardized'] },
      { opType: 'MatMul', name: 'layer1', inputs: ['standardized', 'w1'], outputs: ['z1'] },
      { opType: 'Add', name: 'bias1', inputs: ['z1', 'b1'], outputs: ['a1'] },
      { opType: 'Relu', name: 'relu1', inputs: ['a1'], outputs: ['h1'] },
      { opType: 'MatMul', name: 'layer2', inputs: ['h1', 'w2'], outputs: ['z2'] },
      { opType: 'Add', name: 'bias2', inputs: ['z2', 'b2'], outputs: ['a2'] },
      { opType: 'Relu', name: 'relu2', inputs: ['a2'], outputs: ['h2'] },
      { opType: 'MatMul', name: 'layer3', inputs: ['h2', 'w3'], outputs: ['residual'] },
      { opType: 'MatMul', name: 'project', inputs: ['standardized', 'weights'], outputs: ['projected'] },
      { opType: 'Add', name: 'shift', inputs: ['projected', 'intercepts'], outputs: ['linear'] },
      { opType: 'Add', name: 'combine', inputs: ['linear', 'residual'], outputs: ['logits'] },
      { opType: 'Softmax', name: 'softmax', inputs: ['logits'], outputs: [probabilities], attributes: { axis: -1 } },
      { opType: 'ArgMax', name: 'choose', inputs: ['logits'], outputs: ['class_index'], attributes: { axis: 1, keepdims: 0 } },
      { opType: 'Gather', name: 'name_class', inputs: ['classes', 'class_index'], outputs: [label], attributes: { axis: 0 } },
    ],
    inputs: [{ name: input, elementType: OnnxDataType.float, shape: ['N', width] }],
    outputs: [
      { name: label, elementType: OnnxDataType.string, shape: ['N'] },
      { name: probabilities, elementType: OnnxDataType.float, shape: ['N', k] },
    ],
    metadata: { features: JSON.stringify(FEATURES), classes: JSON.stringify(CLASSES) },
  });
}
