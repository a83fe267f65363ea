import protobuf from 'protobufjs';

/**
 * The part of the ONNX format (onnx/onnx.proto, IR version 8) that ghml writes: a model, its graph,
 * nodes with attributes, tensors and typed inputs/outputs. Field numbers follow the ONNX
 * specification; fields ghml does not use are left out, and readers skip them when decoding.
 */
const ONNX_PROTO_SUBSET = `
syntax = "proto2";
package onnx;

message AttributeProto {
  enum AttributeType {
    UNDEFINED = 0;
    FLOAT = 1;
    INT = 2;
    STRING = 3;
    TENSOR = 4;
    GRAPH = 5;
    FLOATS = 6;
    INTS = 7;
    STRINGS = 8;
  }
  optional string name = 1;
  optional string doc_string = 13;
  optional AttributeType type = 20;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  optional TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
}

message ValueInfoProto {
  optional string name = 1;
  optional TypeProto type = 2;
  optional string doc_string = 3;
}

message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  optional string domain = 7;
  repeated AttributeProto attribute = 5;
  optional string doc_string = 6;
}

message StringStringEntryProto {
  optional string key = 1;
  optional string value = 2;
}

message OperatorSetIdProto {
  optional string domain = 1;
  optional int64 version = 2;
}

message ModelProto {
  optional int64 ir_version = 1;
  repeated OperatorSetIdProto opset_import = 8;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string domain = 4;
  optional int64 model_version = 5;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated StringStringEntryProto metadata_props = 14;
}

message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  optional string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
  repeated ValueInfoProto value_info = 13;
}

message TensorProto {
  enum DataType {
    UNDEFINED = 0;
    FLOAT = 1;
    UINT8 = 2;
    INT8 = 3;
    UINT16 = 4;
    INT16 = 5;
    INT32 = 6;
    INT64 = 7;
    STRING = 8;
    BOOL = 9;
    FLOAT16 = 10;
    DOUBLE = 11;
    UINT32 = 12;
    UINT64 = 13;
  }
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  repeated float float_data = 4 [packed = true];
  repeated int32 int32_data = 5 [packed = true];
  repeated bytes string_data = 6;
  repeated int64 int64_data = 7 [packed = true];
  optional string name = 8;
  optional string doc_string = 12;
  optional bytes raw_data = 9;
}

message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
    optional string denotation = 3;
  }
  repeated Dimension dim = 1;
}

message TypeProto {
  message Tensor {
    optional int32 elem_type = 1;
    optional TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
  optional string denotation = 6;
}
`;

/** ONNX TensorProto.DataType values used by ghml's models. */
export const OnnxDataType = {
  float: 1,
  string: 8,
} as const;
export type OnnxDataType = (typeof OnnxDataType)[keyof typeof OnnxDataType];

/** AttributeProto.AttributeType.INT */
const INT_ATTRIBUTE = 2;

/** One dimension: a fixed size, or a named symbolic size such as the batch dimension "N". */
export type Dimension = number | string;

export interface TensorValueInfo {
  name: string;
  elementType: OnnxDataType;
  shape: Dimension[];
  doc?: string;
}

export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name: string;
  domain?: string;
  /** Integer attributes, such as Softmax's axis: the only kind the graphs ghml writes use. */
  attributes?: Record<string, number>;
}

export type Initializer = { name: string; type: 'float'; dims: number[]; values: Float32Array } | { name: string; type: 'string'; dims: number[]; values: string[] };

export interface OnnxModel {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  producerName: string;
  doc?: string;
  graphName: string;
  nodes: OnnxNode[];
  initializers: Initializer[];
  inputs: TensorValueInfo[];
  outputs: TensorValueInfo[];
  metadata: Record<string, string>;
}

let root: protobuf.Root | undefined;

function modelType(): protobuf.Type {
  root ??= protobuf.parse(ONNX_PROTO_SUBSET, { keepCase: true }).root;
  return root.lookupType('onnx.ModelProto');
}

function valueInfo(info: TensorValueInfo): Record<string, unknown> {
  return {
    name: info.name,
    doc_string: info.doc,
    type: {
      tensor_type: {
        elem_type: info.elementType,
        shape: { dim: info.shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

function tensor(initializer: Initializer): Record<string, unknown> {
  const base = { name: initializer.name, dims: initializer.dims };
  if (initializer.type === 'float') {
    // raw_data is little-endian by the specification; a Float32Array is little-endian on every platform Node supports.
    const bytes = Buffer.from(initializer.values.buffer, initializer.values.byteOffset, initializer.values.byteLength);
    return { ...base, data_type: OnnxDataType.float, raw_data: bytes };
  }
  return { ...base, data_type: OnnxDataType.string, string_data: initializer.values.map((s) => Buffer.from(s, 'utf8')) };
}

/** Serializes a model to the bytes of a .onnx file. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const type = modelType();
  const message = type.fromObject({
    ir_version: model.irVersion,
    opset_import: model.opsets,
    producer_name: model.producerName,
    doc_string: model.doc,
    graph: {
      name: model.graphName,
      node: model.nodes.map((node) => ({
        name: node.name,
        op_type: node.opType,
        domain: node.domain ?? '',
        input: node.inputs,
        output: node.outputs,
        attribute: Object.entries(node.attributes ?? {}).map(([name, value]) => ({ name, type: INT_ATTRIBUTE, i: value })),
      })),
      initializer: model.initializers.map(tensor),
      input: model.inputs.map(valueInfo),
      output: model.outputs.map(valueInfo),
    },
    metadata_props: Object.entries(model.metadata).map(([key, value]) => ({ key, value })),
  });
  return type.encode(message).finish();
}

/** The parts of a .onnx file a reader checks: metadata, opsets and the names of graph inputs and outputs. */
export function decodeOnnxHeader(bytes: Uint8Array): {
  irVersion: number;
  producerName: string;
  opsets: { domain: string; version: number }[];
  inputs: string[];
  outputs: string[];
  metadata: Record<string, string>;
} {
  const type = modelType();
  const decoded = type.toObject(type.decode(bytes), { longs: Number, defaults: true }) as {
    ir_version: number;
    producer_name: string;
    opset_import: { domain: string; version: number }[];
    graph?: { input: { name: string }[]; output: { name: string }[] };
    metadata_props: { key: string; value: string }[];
  };
  return {
    irVersion: decoded.ir_version,
    producerName: decoded.producer_name,
    opsets: decoded.opset_import,
    inputs: (decoded.graph?.input ?? []).map((i) => i.name),
    outputs: (decoded.graph?.output ?? []).map((o) => o.name),
    metadata: Object.fromEntries(decoded.metadata_props.map((p) => [p.key, p.value])),
  };
}
