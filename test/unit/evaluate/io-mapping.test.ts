import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors.js';
import { planInputs, planOutputs, type DataColumn } from '../../../src/model/io-mapping.js';
import type { TensorInfo } from '../../../src/model/session.js';

const columns: DataColumn[] = [
  { name: 'date', type: 'timestamp' },
  { name: 'wind speed', type: 'number' },
  { name: 'rain mm', type: 'number' },
  { name: 'city', type: 'category' },
  { name: 'label', type: 'category' },
];
const tensor = (name: string, elementType: string, shape: (number | string)[]): TensorInfo => ({ name, elementType, shape });
const plan = (inputs: TensorInfo[], features?: string[]) =>
  planInputs({ inputs, columns, label: 'label', features: features && { columns: features, source: 'the features input' }, what: 'the model' });

describe('input mapping', () => {
  it('fills one matrix input with every number column but the label, in file order, and says what it left out', () => {
    const result = plan([tensor('X', 'float32', ['batch', 2])]);
    expect(result.bindings).toEqual([{ input: 'X', elementType: 'float32', columns: ['wind speed', 'rain mm'], rank: 2 }]);
    expect(result.notes[1]).toBe('Columns left out of input "X" of the model because they do not hold numbers: date (timestamp), city (category).');
  });

  it('follows a features list, and matches named inputs to columns', () => {
    expect(plan([tensor('X', 'float64', ['N', 2])], ['rain mm', 'wind speed']).bindings[0].columns).toEqual(['rain mm', 'wind speed']);
    const named = plan([tensor('wind speed', 'float32', ['N', 1]), tensor('city', 'string', ['N'])]);
    expect(named.style).toBe('named');
    expect(named.bindings.map((b) => [b.input, b.elementType, b.rank])).toEqual([
      ['wind speed', 'float32', 2],
      ['city', 'string', 1],
    ]);
  });

  it('says which inputs, columns and types do not match', () => {
    expect(() => plan([tensor('X', 'float32', ['N', 3])])).toThrow('the model input "X" takes 3 values per row (float32 [N, 3]), but 2 columns are mapped to it: "wind speed", "rain mm".');
    expect(() => plan([tensor('wind speed', 'float32', ['N', 1]), tensor('pressure', 'float32', ['N', 1])])).toThrow(/not columns of the data: "pressure"/);
    expect(() => plan([tensor('city', 'int64', ['N', 1]), tensor('rain mm', 'float32', ['N', 1])])).toThrow('the model input "city" takes int64, but column "city" holds category values');
    expect(() => plan([tensor('X', 'bool', ['N', 2])])).toThrow(/takes bool \[N, 2\], an element type ghml cannot feed from data: it feeds float32, float64, int64, string/);
    expect(() => plan([tensor('X', 'float32', [1, 2])])).toThrow(/fixed batch size of 1/);
    expect(() => plan([tensor('X', 'float32', ['N', 3])], ['wind speed', 'pressure', 'rain mm'])).toThrow(ConfigurationError);
  });
});

describe('output mapping', () => {
  const classes = ['no', 'yes'];
  it('reads probabilities, the positive probability, labels or a regression value', () => {
    expect(planOutputs({ outputs: [tensor('output_label', 'int64', ['N']), tensor('output_probability', 'float32', ['N', 2])], task: 'classification', classes, what: 'm' })).toEqual({
      task: 'classification',
      probabilities: { output: 'output_probability', kind: 'matrix' },
      label: { output: 'output_label' },
    });
    expect(planOutputs({ outputs: [tensor('score', 'float32', ['N', 1])], task: 'classification', classes, what: 'm' })).toMatchObject({ probabilities: { output: 'score', kind: 'positive' }, label: null });
    expect(planOutputs({ outputs: [tensor('variable', 'float32', ['N', 1])], task: 'regression', classes: null, what: 'm' })).toEqual({ task: 'regression', value: { output: 'variable' } });
  });

  it('refuses outputs it cannot read, saying why', () => {
    const zipMap = [tensor('output_label', 'int64', ['N']), { name: 'output_probability', elementType: 'non-tensor', shape: [] }];
    expect(() => planOutputs({ outputs: zipMap, task: 'classification', classes, what: 'the model' })).toThrow(/options=\{id\(model\): \{'zipmap': False\}\}/);
    expect(() => planOutputs({ outputs: [tensor('p', 'float32', ['N', 3])], task: 'classification', classes, what: 'the model' })).toThrow(/has 3 columns, but there are 2 classes \(no, yes\)/);
    expect(() => planOutputs({ outputs: [tensor('embedding', 'float32', ['N', 16])], task: 'regression', classes: null, what: 'the model' })).toThrow(/no single float output \[N\] or \[N, 1\]/);
  });
});
