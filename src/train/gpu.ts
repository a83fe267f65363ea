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
  /** The GPU's UUID; for a MIG device, the MIG device's. */
  uuid: string;
  /** For a MIG device, the UUID of the GPU it is part of: what nvidia-smi's query reports its load under. */
  parentUuid?: string;
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

/** A MIG (Multi-Instance GPU) device, as `nvidia-smi -L` lists it under its GPU. */
export interface MigDevice {
  /** `MIG-<uuid>` (R470 drivers and later) or `MIG-GPU-<gpu uuid>/<gpu instance>/<compute instance>` (R450, R460). */
  uuid: string;
  /** The GPU instance profile, e.g. 1g.10gb. */
  profile: string;
  /** Its number among the GPU's MIG devices. */
  device: number;
  parentUuid: string;
}

/**
 * Parses `nvidia-smi -L`: a line per GPU, `GPU 0: NVIDIA A100-SXM4-80GB (UUID: GPU-…)`, followed
 * by a line per MIG device of a GPU in MIG mode, `  MIG 3g.40gb     Device  0: (UUID: MIG-…)`.
 */
export function parseGpuList(text: string): MigDevice[] {
  const devices: MigDevice[] = [];
  let parent: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const gpu = /^GPU \d+: .*\(UUID: (GPU-[^)\s]+)\)/.exec(line);
    if (gpu) {
      parent = gpu[1];
      continue;
    }
    const mig = /^\s+MIG (\S+)\s+Device\s+(\d+): \(UUID: (MIG-[^)\s]+)\)/.exec(line);
    if (mig && parent) devices.push({ uuid: mig[3], profile: mig[1], device: Number(mig[2]), parentUuid: parent });
  }
  return devices;
}

/** A MIG device as a visible GPU: its own UUID and name, its parent GPU's index, memory and load. */
function migReading(parent: GpuReading, uuid: string, what: string): GpuReading {
  return { ...parent, uuid, parentUuid: parent.uuid, name: `${parent.name} ${what}` };
}

/** The visible GPU a MIG entry of CUDA_VISIBLE_DEVICES names: by `nvidia-smi -L` (a prefix is enough), or by the old form's parent UUID. */
function matchMig(entry: string, readings: GpuReading[], migDevices: MigDevice[]): GpuReading | undefined {
  const listed = migDevices.find((device) => device.uuid.startsWith(entry));
  const listedParent = listed && readings.find((r) => r.uuid === listed.parentUuid);
  if (listed && listedParent) return migReading(listedParent, listed.uuid, `MIG ${listed.profile}`);
  const old = /^MIG-(GPU-[^/]+)\/(\d+)\/(\d+)$/.exec(entry);
  const parent = old && readings.find((r) => r.uuid === old[1]);
  return parent ? migReading(parent, entry, `MIG (GPU instance ${old![2]}, compute instance ${old![3]})`) : undefined;
}

/**
 * The GPUs a CUDA program would see: CUDA_VISIBLE_DEVICES lists indices, UUIDs (a prefix is
 * enough), or MIG devices (`MIG-<uuid>`, or `MIG-GPU-<uuid>/<gi>/<ci>` on older drivers), each
 * matched to its GPU with `nvidia-smi -L`'s listing. nvidia-smi itself ignores the variable, so a
 * runner that gives each job one GPU of a larger machine would otherwise report them all.
 */
export function visibleGpus(readings: GpuReading[], cudaVisibleDevices: string | undefined, migDevices: MigDevice[] = []): GpuReading[] {
  if (cudaVisibleDevices === undefined) return readings;
  const visible: GpuReading[] = [];
  // CUDA stops at the first entry it cannot match, and so do we.
  for (const entry of cudaVisibleDevices.split(',').map((e) => e.trim())) {
    const match = /^\d+$/.test(entry)
      ? readings.find((r) => r.index === Number(entry))
      : entry.startsWith('GPU-')
        ? readings.find((r) => r.uuid.startsWith(entry))
        : entry.startsWith('MIG-')
          ? matchMig(entry, readings, migDevices)
          : undefined;
    if (!match || visible.some((gpu) => gpu.uuid === match.uuid)) break;
    visible.push(match);
  }
  return visible;
}

/** Whether CUDA_VISIBLE_DEVICES names a MIG device, for which `nvidia-smi -L` is read. */
const namesMigDevice = (cudaVisibleDevices: string | undefined) => (cudaVisibleDevices ?? '').split(',').some((entry) => entry.trim().startsWith('MIG-'));

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
  const list = namesMigDevice(env.CUDA_VISIBLE_DEVICES) ? await nvidiaSmi(['-L'], env) : undefined;
  const gpus = visibleGpus(all, env.CUDA_VISIBLE_DEVICES, list?.ok ? parseGpuList(list.stdout) : []);
  const header = await nvidiaSmi([], env);
  const cudaVersion = header.ok ? parseCudaVersion(header.stdout) : null;
  if (all.length === 0) return { gpus, reason: 'nvidia-smi lists no GPUs', cudaVersion };
  if (gpus.length === 0) {
    const unlisted = list && !list.ok ? ` (its MIG devices could not be listed: ${list.reason})` : list ? ' (no MIG device it names is in nvidia-smi -L)' : '';
    return { gpus, reason: `CUDA_VISIBLE_DEVICES="${env.CUDA_VISIBLE_DEVICES}" hides all ${all.length} GPUs${unlisted}`, cudaVersion };
  }
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

/**
 * Per-GPU summaries of a series of query outputs; GPUs are matched by UUID, which survives
 * renumbering. A MIG device gets its parent GPU's readings: nvidia-smi reports load per GPU.
 */
export function summarizeGpuSamples(probe: GpuProbe, samples: GpuReading[][], intervalSeconds: number): GpuSummary {
  const statistics = probe.gpus.map((gpu) => ({ sampledAs: gpu.parentUuid ?? gpu.uuid, device: new DeviceStatistics(gpu) }));
  for (const sample of samples) {
    for (const reading of sample) for (const { sampledAs, device } of statistics) if (sampledAs === reading.uuid) device.add(reading);
  }
  return {
    available: probe.gpus.length > 0,
    reason: probe.reason,
    cudaVersion: probe.cudaVersion,
    sampleIntervalSeconds: intervalSeconds,
    devices: statistics.map(({ device }) => device.summary()),
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
