/**
 * Streaming count, min, max, mean and variance. Welford's update avoids the catastrophic
 * cancellation of a sum of squares, and Chan et al.'s pairwise formula merges two summaries as if
 * their values had been added to one, up to floating-point rounding.
 *
 * Welford's rounding error still grows with |mean| / standard deviation (a column of timestamps,
 * or of values near 1e9 that differ by 0.01). So the moments are kept of x - shift, where shift is
 * the first value seen: a data value, hence within a few standard deviations of the mean, and x -
 * shift is exact for nearby values. On values near 1e9 that differ by 0.01, that takes the
 * variance's relative error from about 1e-6 to about 1e-12.
 */

export interface MomentsSummary {
  count: number;
  mean: number;
  /** Sample variance, n - 1 in the denominator; 0 for fewer than two values. */
  variance: number;
  min: number;
  max: number;
}

export class Moments {
  private n = 0;
  private shift = 0;
  /** Mean of x - shift. */
  private shiftedMean = 0;
  /** Sum of squared deviations from the mean. */
  private squaredDeviations = 0;
  private total = 0;
  private minValue = Number.POSITIVE_INFINITY;
  private maxValue = Number.NEGATIVE_INFINITY;

  get count(): number {
    return this.n;
  }

  /** NaN when empty. */
  get min(): number {
    return this.n === 0 ? Number.NaN : this.minValue;
  }

  /** NaN when empty. */
  get max(): number {
    return this.n === 0 ? Number.NaN : this.maxValue;
  }

  /** NaN when empty. */
  get mean(): number {
    return this.n === 0 ? Number.NaN : this.shift + this.shiftedMean;
  }

  /** Sample variance, n - 1 in the denominator; 0 for fewer than two values. */
  get variance(): number {
    return this.n <= 1 ? 0 : this.squaredDeviations / (this.n - 1);
  }

  get sum(): number {
    return this.total;
  }

  /** Adds a value. NaN and ±Infinity are ignored, as in KllSketch, so both count the same values. */
  add(x: number): void {
    if (x - x !== 0) return;
    if (this.n === 0) this.shift = x;
    const n = ++this.n;
    const shifted = x - this.shift;
    const delta = shifted - this.shiftedMean;
    this.shiftedMean += delta / n;
    this.squaredDeviations += delta * (shifted - this.shiftedMean);
    this.total += x;
    if (x < this.minValue) this.minValue = x;
    if (x > this.maxValue) this.maxValue = x;
  }

  merge(other: Moments): void {
    if (other.n === 0) return;
    if (this.n === 0) {
      this.shift = other.shift;
      this.shiftedMean = other.shiftedMean;
    }
    const count = this.n + other.n;
    const delta = other.shift - this.shift + other.shiftedMean - this.shiftedMean;
    const otherShare = other.n / count;
    this.squaredDeviations += other.squaredDeviations + delta * delta * this.n * otherShare;
    this.shiftedMean += delta * otherShare;
    this.n = count;
    this.total += other.total;
    if (other.minValue < this.minValue) this.minValue = other.minValue;
    if (other.maxValue > this.maxValue) this.maxValue = other.maxValue;
  }

  toJSON(): MomentsSummary {
    return { count: this.n, mean: this.mean, variance: this.variance, min: this.min, max: this.max };
  }

  /** Rebuilds moments from a summary (e.g. a profile's); the sum is recovered as mean × count. */
  static from(summary: MomentsSummary): Moments {
    const { count, mean, variance, min, max } = summary;
    if (!Number.isSafeInteger(count) || count < 0) throw new Error(`Malformed moments: count must be a non-negative integer, got ${count}`);
    const moments = new Moments();
    if (count === 0) return moments;
    if (![mean, variance, min, max].every(Number.isFinite) || variance < 0 || min > max) {
      throw new Error(`Malformed moments: need finite mean, min <= max and variance >= 0, got ${JSON.stringify(summary)}`);
    }
    moments.n = count;
    moments.shift = mean;
    moments.squaredDeviations = variance * (count - 1);
    moments.total = mean * count;
    moments.minValue = min;
    moments.maxValue = max;
    return moments;
  }
}
