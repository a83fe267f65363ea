import type { LogisticRegression } from './logistic-regression.js';
import { encodeOnnxModel, OnnxDataType } from './onnx-proto.js';

/**
 * The ONNX graph of a trained logistic regression, in the same steps as `predictRow`:
 *
 *   features [N,F] ─Sub(mean)─Div(scale)─MatMul(weights)─Add(intercepts)─Softmax─► probabilities [N,C]
 *                                                                     └─ArgMax─Gather(classes)─► label [N]
 *
 * `label` is a string tensor holding the class name, which ONNX Runtime (node included) returns as
 * JavaScript strings; the class order of `probabilities` is in the metadata as `classes`.
 */

export const LOGISTIC_REGRESSION_IO = {
  input: 'features',
  label: 'label',
  probabilities: 'probabilities',
} as const;

/** ai.onnx opset the graph declares; Softmax over the last axis has this meaning since 13. */
export const OPSET = 17;
const IR_VERSION = 8;

export function logisticRegressionToOnnx(model: LogisticRegression, options: { doc?: string } = {}): Uint8Array {
  const width = model.features.length;
  const k = model.classes.length;
  const { input, label, probabilities } = LOGISTIC_REGRESSION_IO;
  return encodeOnnxModel({
    irVersion: IR_VERSION,
    opsets: [{ domain: '', version: OPSET }],
    producerName: 'ghml',
    doc: options.doc,
    graphName: 'logistic_regression',
    initializers: [
      { name: 'mean', type: 'float', dims: [width], values: Float32Array.from(model.mean) },
      { name: 'scale', type: 'float', dims: [width], values: Float32Array.from(model.scale) },
      { name: 'weights', type: 'float', dims: [width, k], values: Float32Array.from(model.weights.flat()) },
      { name: 'intercepts', type: 'float', dims: [k], values: Float32Array.from(model.intercepts) },
      { name: 'classes', type: 'string', dims: [k], values: model.classes },
    ],
    nodes: [
      { opType: 'Sub', name: 'center', inputs: [input, 'mean'], outputs: ['centered'] },
      { opType: 'Div', name: 'standardize', inputs: ['centered', 'scale'], outputs: ['standardized'] },
      { opType: 'MatMul', name: 'project', inputs: ['standardized', 'weights'], outputs: ['projected'] },
      { opType: 'Add', name: 'shift', inputs: ['projected', 'intercepts'], outputs: ['logits'] },
      { opType: 'Softmax', name: 'softmax', inputs: ['logits'], outputs: [probabilities], attributes: { axis: -1 } },
      { opType: 'ArgMax', name: 'choose', inputs: ['logits'], outputs: ['class_index'], attributes: { axis: 1, keepdims: 0 } },
      { opType: 'Gather', name: 'name_class', inputs: ['classes', 'class_index'], outputs: [label], attributes: { axis: 0 } },
    ],
    inputs: [{ name: input, elementType: OnnxDataType.float, shape: ['N', width], doc: `features in this order: ${model.features.join(', ')}` }],
    outputs: [
      { name: label, elementType: OnnxDataType.string, shape: ['N'], doc: 'the most probable class name' },
      { name: probabilities, elementType: OnnxDataType.float, shape: ['N', k], doc: `class probabilities in this order: ${model.classes.join(', ')}` },
    ],
    metadata: {
      features: JSON.stringify(model.features),
      classes: JSON.stringify(model.classes),
      epochs: String(model.epoch),
    },
  });
}
