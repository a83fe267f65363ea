import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { readOnnxSignature } from '../../../src/train/onnx-signature.js';
import { scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();

/** Enough of onnx.proto to write the models below, including what ghml's own writer never writes. */
const root = protobuf.parse(`
syntax = "proto2"; package onnx;
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; }
message NodeProto { repeated string input = 1; repeated string output = 2; optional string op_type = 4; }
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
message StringStringEntryProto { optional string key = 1; optional string value = 2; }
message ModelProto { optional int64 ir_version = 1; repeated OperatorSetIdProto opset_import = 8; optional string producer_name = 2; optional GraphProto graph = 7; repeated StringStringEntryProto metadata_props = 14; }
message GraphProto { repeated NodeProto node = 1; optional string name = 2; repeated TensorProto initializer = 5; repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12; }
message TensorProto { repeated int64 dims = 1; optional int32 data_type = 2; optional string name = 8; optional bytes raw_data = 9; }
message TensorShapeProto { message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } } repeated Dimension dim = 1; }
message TypeProto {
  message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; }
  message Sequence { optional TypeProto elem_type = 1; }
  oneof value { Tensor tensor_type = 1; Sequence sequence_type = 4; }
}
`, { keepCase: true }).root;
const ModelProto = root.lookupType('onnx.ModelProto');

const tensor = (name: string, elemType: number, dims?: ({ dim_value: number } | { dim_param: string } | object)[]) => ({
  name,
  type: { tensor_type: { elem_type: elemType, ...(dims ? { shape: { dim: dims } } : {}) } },
});

async function writeModel(name: string, graph: Record<string, unknown>): Promise<string> {
  const model = ModelProto.fromObject({ ir_version: 8, producer_name: 'test', opset_import: [{ domain: '', version: 17 }], graph: { name: 'g', ...graph } });
  return scratch.file(name, ModelProto.encode(model).finish());
}

/** What ONNX Runtime reports for the same file, in the run record's terms. */
async function fromOnnxRuntime(file: string) {
  const session = await ort.InferenceSession.create(file);
  try {
    const describe = (metadata: readonly ort.InferenceSession.ValueMetadata[]) =>
      metadata.map((value) => (value.isTensor ? { name: value.name, elementType: value.type, shape: [...value.shape] } : { name: value.name, elementType: 'non-tensor', shape: [] }));
    return { inputs: describe(session.inputMetadata), outputs: describe(session.outputMetadata) };
  } finally {
    await session.release();
  }
}

describe("an ONNX model's signature, read from the file without ONNX Runtime", () => {
  it('is what ONNX Runtime reports: initializers left out, symbols, unknown dimensions, ONNX Runtime\'s type names', async () => {
    const weights = Buffer.from(new Float32Array([1, 2, 3]).buffer);
    const file = await writeModel('typed.onnx', {
      node: [
        { op_type: 'Identity', input: ['x'], output: ['y'] },
        { op_type: 'Identity', input: ['ids'], output: ['ids_out'] },
        { op_type: 'Identity', input: ['mask'], output: ['mask_out'] },
        { op_type: 'Identity', input: ['w'], output: ['w_out'] },
      ],
      initializer: [{ name: 'w', dims: [3], data_type: 1, raw_data: weights }],
      input: [
        tensor('x', 1, [{}, { dim_param: 'batch' }, { dim_value: 3 }]),
        tensor('ids', 7, [{ dim_param: 'N' }, { dim_value: 128 }]),
        tensor('mask', 9, [{ dim_param: 'N' }]),
        // An initializer listed among the inputs (models written for IR version 3) is not an input to feed.
        tensor('w', 1, [{ dim_value: 3 }]),
      ],
      output: [tensor('y', 1, [{}, { dim_param: 'batch' }, { dim_value: 3 }]), tensor('ids_out', 7, [{ dim_param: 'N' }, { dim_value: 128 }]), tensor('mask_out', 9, [{ dim_param: 'N' }]), tensor('w_out', 1, [{ dim_value: 3 }])],
    });
    const { signature, unavailable } = await readOnnxSignature(file);
    expect(unavailable).toBeNull();
    expect(signature).toEqual({
      inputs: [
        { name: 'x', elementType: 'float32', shape: ['', 'batch', 3] },
        { name: 'ids', elementType: 'int64', shape: ['N', 128] },
        { name: 'mask', elementType: 'bool', shape: ['N'] },
      ],
      outputs: [
        { name: 'y', elementType: 'float32', shape: ['', 'batch', 3] },
        { name: 'ids_out', elementType: 'int64', shape: ['N', 128] },
        { name: 'mask_out', elementType: 'bool', shape: ['N'] },
        { name: 'w_out', elementType: 'float32', shape: [3] },
      ],
    });
    expect(signature).toEqual(await fromOnnxRuntime(file));
  });

  it('names a value that is not a tensor "non-tensor", as ONNX Runtime does', async () => {
    const file = await writeModel('sequence.onnx', {
      node: [{ op_type: 'SequenceConstruct', input: ['x'], output: ['s'] }],
      input: [tensor('x', 1, [{ dim_param: 'N' }])],
      output: [{ name: 's', type: { sequence_type: { elem_type: { tensor_type: { elem_type: 1 } } } } }],
    });
    const { signature } = await readOnnxSignature(file);
    expect(signature).toEqual({ inputs: [{ name: 'x', elementType: 'float32', shape: ['N'] }], outputs: [{ name: 's', elementType: 'non-tensor', shape: [] }] });
    expect(signature).toEqual(await fromOnnxRuntime(file));
  });

  it('reads past an initializer of megabytes, which it skips by its length', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 1);
    const file = await writeModel('big.onnx', {
      node: [{ op_type: 'Add', input: ['x', 'w'], output: ['y'] }],
      initializer: [{ name: 'w', dims: [big.length / 4], data_type: 1, raw_data: big }],
      input: [tensor('x', 1, [{ dim_value: big.length / 4 }])],
      output: [tensor('y', 1, [{ dim_value: big.length / 4 }])],
    });
    expect((await readOnnxSignature(file)).signature).toEqual({ inputs: [{ name: 'x', elementType: 'float32', shape: [2097152] }], outputs: [{ name: 'y', elementType: 'float32', shape: [2097152] }] });
  });

  it('says why there is none for a file that is not an ONNX model, or holds no graph', async () => {
    expect(await readOnnxSignature(await scratch.file('text.onnx', 'not a model'))).toEqual({ signature: null, unavailable: expect.stringMatching(/^the file is not an ONNX model \(.+\): the signature was not read$/) });
    const whole = await readFile(await writeModel('whole.onnx', { input: [tensor('x', 1, [{ dim_value: 1 }])] }));
    const cut = await scratch.file('cut.onnx', whole.subarray(0, 20));
    expect((await readOnnxSignature(cut)).unavailable).toMatch(/^the file is not an ONNX model \(field \d+ at byte \d+ runs past its message\)/);
    const noGraph = await scratch.file('no-graph.onnx', ModelProto.encode(ModelProto.fromObject({ ir_version: 8, producer_name: 'test' })).finish());
    expect(await readOnnxSignature(noGraph)).toEqual({ signature: null, unavailable: 'the file holds no ONNX graph (ModelProto.graph): the signature was not read' });
    expect((await readOnnxSignature(`${scratch.dir}/missing.onnx`)).unavailable).toMatch(/^the model file cannot be read \(ENOENT/);
  });
});
