import { execFile } from 'node:child_process';
import type { GpuDevice, GpuSummary } from '../contracts/run-record.js';

/**
 * GPUs as nvidia-smi reports them. One query gives identity and load; sampling it while the
 * command runs gives the utilisation, memory, power and temperature summaries of the run record.
 */

export const GPU_QUERY_FIELDS = ['index', 'uuid', 'name', 'driver_version', 'utilization.gpu', 'memory.used', 'memory.total', 'power.draw', 'temperature.gpu'] as const;
export const GPU_QUERY_ARGS = [`--query-gpu=${GPU_QUERY_FIELDS.join(',')}`, '--format=csv,noheader,nounits'];

export interface GpuReading {
  index: number;
  uuid: string;
  name: string;
  driverVersion: string;
  utilizationPercent: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
  powerWatts: number | null;
  temperatureC: number | null;
}

/** nvidia-smi prints "[N/A]", "[Not Supported]", "[Unknown Error]"… where a GPU cannot report a value. */
function reading(field: string): number | null {
  const value = field.trim();
  if (value === '' || value.startsWith('[') || value === 'N/A') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** Parses `--query-gpu=<GPU_QUERY_FIELDS> --format=csv,noheader,nounits` output: one line per GPU. */
export function parseGpuQuery(text: string): GpuReading[] {
  const readings: GpuReading[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const fields = line.split(',').map((field) => field.trim());
    if (fields.length !== GPU_QUERY_FIELDS.length) throw new Error(`unexpected nvidia-smi line (${fields.length} fields, ${GPU_QUERY_FIELDS.length} expected): ${line}`);
    const [index, uuid, name, driverVersion, utilization, memoryUsed, memoryTotal, power, temperature] = fields;
    readings.push({
      index: Number(index),
      uuid,
      name,
      driverVersion,
      utilizationPercent: reading(utilization),
      memoryUsedMiB: reading(memoryUsed),
      memoryTotalMiB: reading(memoryTotal),
      powerWatts: reading(power),
      temperatureC: reading(temperature),
    });
  }
  return readings;
}

/** The CUDA version in the header of plain `nvidia-smi` output ("CUDA Version: 12.4"), or null. */
export function parseCudaVersion(text: string): string | null {
  return /CUDA Version:\s*([0-9][0-9.]*)/.exec(text)?.[1] ?? null;
}

/**
 * The GPUs a CUDA program would see: CUDA_VISIBLE_DEVICES lists indices or UUIDs (a prefix is
 * enough). nvidia-smi itself ignores the variable, so a runner that gives each job one GPU of a
 * larger machine would otherwise report them all.
 */
export function visibleGpus(readings: GpuReading[], cudaVisibleDevices: string | undefined): GpuReading[] {
  if (cudaVisibleDevices === undefined) return readings;
  const visible: GpuReading[] = [];
  // CUDA stops at the first entry it cannot match, and so do we.
  for (const entry of cudaVisibleDevices.split(',').map((e) => e.trim())) {
    const match = /^\d+$/.test(entry) ? readings.find((r) => r.index === Number(entry)) : entry.startsWith('GPU-') ? readings.find((r) => r.uuid.startsWith(entry)) : undefined;
    if (!match || visible.includes(match)) break;
    visible.push(match);
  }
  return visible;
}

type SmiResult = { ok: true; stdout: string } | { ok: false; reason: string };

function nvidiaSmi(args: string[], env: NodeJS.ProcessEnv): Promise<SmiResult> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', args, { env, timeout: 15_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, stdout });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return resolve({ ok: false, reason: 'nvidia-smi is not on PATH: no NVIDIA driver on this machine' });
      const said = `${stdout}\n${stderr}`.split('\n').map((l) => l.trim()).find(Boolean);
      resolve({ ok: false, reason: `nvidia-smi failed${said ? `: ${said}` : ` (${error.message})`}` });
    });
  });
}

export interface GpuProbe {
  gpus: GpuReading[];
  reason: string | null;
  cudaVersion: string | null;
}

/** What GPUs the command will see, and why none when there are none. */
export async function probeGpus(env: NodeJS.ProcessEnv): Promise<GpuProbe> {
  const query = await nvidiaSmi(GPU_QUERY_ARGS, env);
  if (!query.ok) return { gpus: [], reason: query.reason, cudaVersion: null };
  const all = parseGpuQuery(query.stdout);
  const gpus = visibleGpus(all, env.CUDA_VISIBLE_DEVICES);
  const header = await nvidiaSmi([], env);
  const cudaVersion = header.ok ? parseCudaVersion(header.stdout) : null;
  if (all.length === 0) return { gpus, reason: 'nvidia-smi lists no GPUs', cudaVersion };
  if (gpus.length === 0) return { gpus, reason: `CUDA_VISIBLE_DEVICES="${env.CUDA_VISIBLE_DEVICES}" hides all ${all.length} GPUs`, cudaVersion };
  return { gpus, reason: null, cudaVersion };
}

class DeviceStatistics {
  samples = 0;
  private utilization = { sum: 0, max: -Infinity, count: 0 };
  private power = { sum: 0, max: -Infinity, count: 0 };
  private memoryUsedMax: number | null = null;
  private temperatureMax: number | null = null;

  constructor(private readonly identity: GpuReading) {}

  add(reading: GpuReading): void {
    this.samples++;
    for (const [stat, value] of [
      [this.utilization, reading.utilizationPercent],
      [this.power, reading.powerWatts],
    ] as const) {
      if (value === null) continue;
      stat.sum += value;
      stat.count++;
      stat.max = Math.max(stat.max, value);
    }
    if (reading.memoryUsedMiB !== null) this.memoryUsedMax = Math.max(this.memoryUsedMax ?? 0, reading.memoryUsedMiB);
    if (reading.temperatureC !== null) this.temperatureMax = Math.max(this.temperatureMax ?? -Infinity, reading.temperatureC);
  }

  summary(): GpuDevice {
    const meanMax = (stat: { sum: number; max: number; count: number }) => (stat.count === 0 ? null : { mean: stat.sum / stat.count, max: stat.max });
    return {
      index: this.identity.index,
      uuid: this.identity.uuid,
      name: this.identity.name,
      driverVersion: this.identity.driverVersion,
      memoryTotalMiB: this.identity.memoryTotalMiB,
      samples: this.samples,
      utilizationPercent: meanMax(this.utilization),
      memoryUsedMaxMiB: this.memoryUsedMax,
      powerWatts: meanMax(this.power),
      temperatureMaxC: this.temperatureMax,
    };
  }
}

/** Per-GPU summaries of a series of query outputs; GPUs are matched by UUID, which survives renumbering. */
export function summarizeGpuSamples(probe: GpuProbe, samples: GpuReading[][], intervalSeconds: number): GpuSummary {
  const statistics = new Map(probe.gpus.map((gpu) => [gpu.uuid, new DeviceStatistics(gpu)]));
  for (const sample of samples) for (const reading of sample) statistics.get(reading.uuid)?.add(reading);
  return {
    available: probe.gpus.length > 0,
    reason: probe.reason,
    cudaVersion: probe.cudaVersion,
    sampleIntervalSeconds: intervalSeconds,
    devices: [...statistics.values()].map((s) => s.summary()),
  };
}

/** Samples nvidia-smi every interval until stopped; a failed sample is skipped, not fatal. */
export class GpuSampler {
  private readonly samples: GpuReading[][] = [];
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly probe: GpuProbe,
    private readonly intervalSeconds: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  start(): void {
    if (this.probe.gpus.length === 0) return;
    this.pending = this.sample();
  }

  private async sample(): Promise<void> {
    const result = await nvidiaSmi(GPU_QUERY_ARGS, this.env);
    if (result.ok) {
      try {
        this.samples.push(parseGpuQuery(result.stdout));
      } catch {
        // A garbled sample says nothing about the load; the next one will.
      }
    }
    if (!this.stopped) this.timer = setTimeout(() => (this.pending = this.sample()), this.intervalSeconds * 1000);
  }

  async stop(): Promise<GpuSummary> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pending;
    return summarizeGpuSamples(this.probe, this.samples, this.intervalSeconds);
  }
}
