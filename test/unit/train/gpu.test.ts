import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GPU_QUERY_ARGS, parseCudaVersion, parseGpuList, parseGpuQuery, probeGpus, summarizeGpuSamples, visibleGpus } from '../../../src/train/gpu.js';
import { repoRoot } from '../../helpers/temp.js';

const fixtures = path.join(repoRoot, 'test/fixtures/train/nvidia-smi');
const withFake = (name: string) => ({ ...process.env, PATH: `${path.join(fixtures, name)}${path.delimiter}${process.env.PATH}` });
const fakeSmi = (...args: string[]) => execFileSync(path.join(fixtures, 'two-gpus/nvidia-smi'), args, { encoding: 'utf8' });
const migSmi = (...args: string[]) => execFileSync(path.join(fixtures, 'mig/nvidia-smi'), args, { encoding: 'utf8' });

const A100 = 'GPU-4f1c2d3e-5a6b-4c8d-9e0f-1a2b3c4d5e6f';
const MIG_3G = 'MIG-4f1c9a7e-2b3d-5e6f-8a9b-0c1d2e3f4a5b';
const MIG_2G = 'MIG-7d2e8b1c-3f4a-5b6c-9d0e-1f2a3b4c5d6e';

/** Another moment of the same two GPUs, as a later sample would report them. */
const laterSample = `0, GPU-5b7a2c1e-8f3d-4e6a-9c2b-1d4e5f6a7b8c, NVIDIA H100 80GB HBM3, 550.54.15, 93, 70001, 81559, 650.10, 71
1, GPU-0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b, NVIDIA GeForce GTX 1050 Ti, 550.54.15, [N/A], 900, 4096, [N/A], 44
`;

describe('nvidia-smi output', () => {
  it('parses the csv,noheader,nounits query, with [N/A] where a GPU cannot report a value', () => {
    const readings = parseGpuQuery(fakeSmi(...GPU_QUERY_ARGS));
    expect(readings).toEqual([
      { index: 0, uuid: 'GPU-5b7a2c1e-8f3d-4e6a-9c2b-1d4e5f6a7b8c', name: 'NVIDIA H100 80GB HBM3', driverVersion: '550.54.15', utilizationPercent: 87, memoryUsedMiB: 61234, memoryTotalMiB: 81559, powerWatts: 512.43, temperatureC: 64 },
      { index: 1, uuid: 'GPU-0e9d8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b', name: 'NVIDIA GeForce GTX 1050 Ti', driverVersion: '550.54.15', utilizationPercent: 12, memoryUsedMiB: 1024, memoryTotalMiB: 4096, powerWatts: null, temperatureC: 45 },
    ]);
    expect(parseGpuQuery('0, GPU-x, Tesla T4, 535.104.05, [Not Supported], 0, 15360, 27.5, [Unknown Error]\n')[0]).toMatchObject({ utilizationPercent: null, powerWatts: 27.5, temperatureC: null });
    expect(() => parseGpuQuery('0, GPU-x, Tesla T4\n')).toThrow('unexpected nvidia-smi line (3 fields, 9 expected)');
  });

  it('reads the CUDA version from the header of the plain output', () => {
    expect(parseCudaVersion(fakeSmi())).toBe('12.4');
    expect(parseCudaVersion('| NVIDIA-SMI 430.14       Driver Version: 430.14       CUDA Version: N/A      |')).toBeNull();
  });

  it('summarizes samples per GPU: utilisation and power mean and max, memory and temperature max', () => {
    const first = parseGpuQuery(fakeSmi(...GPU_QUERY_ARGS));
    const probe = { gpus: first, reason: null, cudaVersion: '12.4' };
    const summary = summarizeGpuSamples(probe, [first, parseGpuQuery(laterSample)], 2);
    expect(summary).toMatchObject({ available: true, reason: null, cudaVersion: '12.4', sampleIntervalSeconds: 2 });
    expect(summary.devices[0]).toMatchObject({ samples: 2, utilizationPercent: { mean: 90, max: 93 }, memoryUsedMaxMiB: 70001, memoryTotalMiB: 81559, temperatureMaxC: 71 });
    expect(summary.devices[0].powerWatts!.mean).toBeCloseTo(581.265, 6);
    expect(summary.devices[0].powerWatts!.max).toBe(650.1);
    expect(summary.devices[1]).toMatchObject({ samples: 2, utilizationPercent: { mean: 12, max: 12 }, powerWatts: null, memoryUsedMaxMiB: 1024, temperatureMaxC: 45 });
    expect(summarizeGpuSamples(probe, [], 2).devices[0]).toMatchObject({ samples: 0, utilizationPercent: null, memoryUsedMaxMiB: null });
  });

  it('counts only the GPUs CUDA_VISIBLE_DEVICES leaves visible, by index or UUID prefix', () => {
    const readings = parseGpuQuery(fakeSmi(...GPU_QUERY_ARGS));
    expect(visibleGpus(readings, undefined)).toHaveLength(2);
    expect(visibleGpus(readings, '1').map((r) => r.index)).toEqual([1]);
    expect(visibleGpus(readings, 'GPU-5b7a,1').map((r) => r.index)).toEqual([0, 1]);
    expect(visibleGpus(readings, '')).toEqual([]);
    expect(visibleGpus(readings, '-1,0')).toEqual([]);
  });
});

describe('probing for GPUs', () => {
  it('finds the GPUs and the CUDA version', async () => {
    const probe = await probeGpus(withFake('two-gpus'));
    expect(probe.gpus.map((g) => g.name)).toEqual(['NVIDIA H100 80GB HBM3', 'NVIDIA GeForce GTX 1050 Ti']);
    expect(probe).toMatchObject({ reason: null, cudaVersion: '12.4' });
    expect(await probeGpus({ ...withFake('two-gpus'), CUDA_VISIBLE_DEVICES: '' })).toMatchObject({ gpus: [], reason: 'CUDA_VISIBLE_DEVICES="" hides all 2 GPUs' });
  });

  it('says why there are none, whether nvidia-smi is missing or the driver is not loaded', async () => {
    expect(await probeGpus({ PATH: '/nonexistent' })).toEqual({ gpus: [], reason: 'nvidia-smi is not on PATH: no NVIDIA driver on this machine', cudaVersion: null });
    const noDriver = await probeGpus(withFake('no-driver'));
    expect(noDriver.gpus).toEqual([]);
    expect(noDriver.reason).toBe("nvidia-smi failed: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.");
    expect(summarizeGpuSamples(noDriver, [], 5)).toEqual({ available: false, reason: noDriver.reason, cudaVersion: null, sampleIntervalSeconds: 5, devices: [] });
  });
});

describe('MIG devices', () => {
  it('parses nvidia-smi -L: each MIG device under its GPU, in the current and the R450/R460 formats', () => {
    expect(parseGpuList(migSmi('-L'))).toEqual([
      { uuid: MIG_3G, profile: '3g.40gb', device: 0, parentUuid: A100 },
      { uuid: MIG_2G, profile: '2g.20gb', device: 1, parentUuid: A100 },
    ]);
    const old = 'GPU 0: A100-SXM4-40GB (UUID: GPU-e91edf3b-b297-37c1-a2a7-7601c3238fa2)\n  MIG 1g.5gb Device 0: (UUID: MIG-GPU-e91edf3b-b297-37c1-a2a7-7601c3238fa2/1/0)\n';
    expect(parseGpuList(old)).toEqual([{ uuid: 'MIG-GPU-e91edf3b-b297-37c1-a2a7-7601c3238fa2/1/0', profile: '1g.5gb', device: 0, parentUuid: 'GPU-e91edf3b-b297-37c1-a2a7-7601c3238fa2' }]);
    expect(parseGpuList(fakeSmi())).toEqual([]);
  });

  it('sees a MIG device CUDA_VISIBLE_DEVICES names as a GPU, on its parent GPU, by UUID or prefix or in the old form', () => {
    const readings = parseGpuQuery(migSmi(...GPU_QUERY_ARGS));
    const mig = parseGpuList(migSmi('-L'));
    const [slice] = visibleGpus(readings, MIG_3G, mig);
    expect(slice).toMatchObject({ index: 0, uuid: MIG_3G, parentUuid: A100, name: 'NVIDIA A100-SXM4-80GB MIG 3g.40gb', memoryTotalMiB: 81920, utilizationPercent: null });
    expect(visibleGpus(readings, `${MIG_2G.slice(0, 12)},1`, mig).map((gpu) => [gpu.index, gpu.uuid])).toEqual([[0, MIG_2G], [1, 'GPU-5b7a2c1e-8f3d-4e6a-9c2b-1d4e5f6a7b8c']]);
    expect(visibleGpus(readings, `${MIG_3G},${MIG_2G}`, mig).map((gpu) => gpu.uuid)).toEqual([MIG_3G, MIG_2G]);
    // The R450/R460 form names its GPU: it is found without nvidia-smi -L.
    expect(visibleGpus(readings, `MIG-${A100}/2/0`)).toMatchObject([{ index: 0, uuid: `MIG-${A100}/2/0`, parentUuid: A100, name: 'NVIDIA A100-SXM4-80GB MIG (GPU instance 2, compute instance 0)' }]);
    // As CUDA does: an unknown MIG device ends the list.
    expect(visibleGpus(readings, 'MIG-00000000-0000-0000-0000-000000000000,1', mig)).toEqual([]);
  });

  it('probes a runner given MIG devices, and summarizes each with its GPU\'s samples', async () => {
    const probe = await probeGpus({ ...withFake('mig'), CUDA_VISIBLE_DEVICES: `${MIG_3G},${MIG_2G}` });
    expect(probe).toMatchObject({ reason: null, cudaVersion: '12.4' });
    expect(probe.gpus.map((gpu) => gpu.name)).toEqual(['NVIDIA A100-SXM4-80GB MIG 3g.40gb', 'NVIDIA A100-SXM4-80GB MIG 2g.20gb']);
    const sample = parseGpuQuery(migSmi(...GPU_QUERY_ARGS));
    const summary = summarizeGpuSamples(probe, [sample, sample], 5);
    expect(summary.available).toBe(true);
    expect(summary.devices).toHaveLength(2);
    expect(summary.devices[0]).toEqual({
      index: 0, uuid: MIG_3G, name: 'NVIDIA A100-SXM4-80GB MIG 3g.40gb', driverVersion: '550.54.15', memoryTotalMiB: 81920,
      samples: 2, utilizationPercent: null, memoryUsedMaxMiB: 30522, powerWatts: { mean: 210.37, max: 210.37 }, temperatureMaxC: 51,
    });
    expect(summary.devices[1]).toMatchObject({ uuid: MIG_2G, samples: 2 });
  });

  it('says why a MIG device is not seen where nvidia-smi cannot list MIG devices', async () => {
    const probe = await probeGpus({ ...withFake('two-gpus'), CUDA_VISIBLE_DEVICES: MIG_3G });
    expect(probe.gpus).toEqual([]);
    expect(probe.reason).toBe(`CUDA_VISIBLE_DEVICES="${MIG_3G}" hides all 2 GPUs (its MIG devices could not be listed: nvidia-smi failed: Invalid combination of input arguments. Please run 'nvidia-smi -h' for help.)`);
    const unknown = await probeGpus({ ...withFake('mig'), CUDA_VISIBLE_DEVICES: 'MIG-00000000-0000-0000-0000-000000000000' });
    expect(unknown.reason).toBe('CUDA_VISIBLE_DEVICES="MIG-00000000-0000-0000-0000-000000000000" hides all 2 GPUs (no MIG device it names is in nvidia-smi -L)');
  });
});
