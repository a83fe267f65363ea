/**
 * Special functions shared by the statistics code. Each is written for relative accuracy in
 * the tails, because drift p-values of 1e-200 are common on large samples and a report must
 * still be able to order them.
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const SQRT_PI = Math.sqrt(Math.PI);
const EPSILON = Number.EPSILON;

/**
 * Coefficients B_{2k} / (2k (2k-1)) of the Stirling series for log Γ, k = 1..8. Above x = 10
 * eight terms leave an error below 1e-17 relative.
 */
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
];

/**
 * log Γ(x) - [(x - 1/2) log x - x + log √(2π)], the remainder of Stirling's formula, for x >= 10.
 * Also the remainder of log x! - [(x + 1/2) log x - x + log √(2π)]. Used where the large terms
 * of log Γ cancel against others analytically and only this small part must be evaluated.
 */
export function stirlingRemainder(x: number): number {
  const r = 1 / (x * x);
  let sum = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) sum = sum * r + STIRLING[k];
  return sum / x;
}

/**
 * log Γ(x) for x > 0. Arguments below 10 are shifted up with Γ(x) = Γ(x + k) / (x (x+1) ... ),
 * so the absolute error is about 1e-15 everywhere (the relative error grows only near the
 * roots x = 1 and x = 2, where no caller of ours needs it).
 */
export function logGamma(x: number): number {
  if (!(x > 0)) {
    if (x === 0) return Infinity;
    return NaN;
  }
  if (x === Infinity) return Infinity;
  let shift = 0;
  let product = 1;
  let y = x;
  while (y < 10) {
    product *= y;
    y += 1;
    shift++;
  }
  const stirling = (y - 0.5) * Math.log(y) - y + LOG_SQRT_2PI + stirlingRemainder(y);
  return shift === 0 ? stirling : stirling - Math.log(product);
}

/**
 * log(1 + d) - d, without the cancellation of the direct form for small d: the leading term is
 * -d²/2, and it is the whole of the answer when d is tiny.
 */
export function log1pMinusX(d: number): number {
  if (Math.abs(d) > 0.25) return Math.log1p(d) - d;
  let term = d;
  let sum = 0;
  for (let k = 2; k < 200; k++) {
    term *= -d;
    const next = sum + term / k;
    if (next === sum) break;
    sum = next;
  }
  return sum;
}

/**
 * log(x^a e^-x / Γ(a)), the prefactor shared by both halves of the incomplete gamma function.
 * Written as a·(log t - t + 1) + ½ log a - log √(2π) - remainder, t = x/a, so that for large a
 * the big terms a log x, x and log Γ(a) cancel analytically instead of in floating point.
 */
function logGammaPrefactor(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - logGamma(a);
  const d = (x - a) / a;
  // Near t = 1 the bracket is -d²/2 + ...; away from it, log t itself is the accurate route
  // (1 + d would lose the digits of a tiny t).
  const bracket = Math.abs(d) < 0.25 ? log1pMinusX(d) : Math.log(x / a) - d;
  return a * bracket + 0.5 * Math.log(a) - LOG_SQRT_2PI - stirlingRemainder(a);
}

const MAX_ITERATIONS = 100_000;

/** Σ x^k / ((a+1)...(a+k)), the series of P(a, x); converges fast for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < MAX_ITERATIONS; k++) {
    term *= x / (a + k);
    sum += term;
    if (term < sum * EPSILON) return sum;
  }
  throw new Error(`incomplete gamma series did not converge for a=${a}, x=${x}`);
}

/**
 * The continued fraction of Q(a, x) · Γ(a) e^x x^-a (Legendre's), evaluated by the modified
 * Lentz method; converges fast for x > a + 1.
 */
function upperContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new Error(`incomplete gamma continued fraction did not converge for a=${a}, x=${x}`);
}

function checkGammaArguments(a: number, x: number): void {
  if (!(a > 0) || !(x >= 0) || !Number.isFinite(a)) {
    throw new RangeError(`incomplete gamma needs a > 0 (finite) and x >= 0, got a=${a}, x=${x}`);
  }
}

/** The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a) (scipy.special.gammainc). */
export function regularizedGammaP(a: number, x: number): number {
  checkGammaArguments(a, x);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  const logPrefactor = logGammaPrefactor(a, x);
  if (x < a + 1) return Math.min(1, (Math.exp(logPrefactor) / a) * lowerSeries(a, x));
  return Math.max(0, 1 - Math.exp(logPrefactor) * upperContinuedFraction(a, x));
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a)
 * (scipy.special.gammaincc), relatively accurate down to the smallest subnormal.
 */
export function regularizedGammaQ(a: number, x: number): number {
  checkGammaArguments(a, x);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const logPrefactor = logGammaPrefactor(a, x);
  if (x < a + 1) return Math.max(0, 1 - (Math.exp(logPrefactor) / a) * lowerSeries(a, x));
  return Math.min(1, Math.exp(logPrefactor) * upperContinuedFraction(a, x));
}

/**
 * erf(x) for |x| < 2 from the everywhere-positive series
 * erf(x) = 2/√π e^{-x²} Σ 2^k x^{2k+1} / (1·3·...·(2k+1)), which has no cancellation.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= (2 * x2) / (2 * k + 1);
    sum += term;
    if (term < sum * EPSILON) break;
  }
  return ((2 / SQRT_PI) * Math.exp(-x2)) * sum;
}

/**
 * √π e^{x²} erfc(x) for x >= 2 from the continued fraction
 * erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), by modified Lentz.
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const an = k / 2;
    d = x + an * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = x + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return 1 / f;
}

/**
 * e^{-x²}, with x² split into an exactly representable high part and a small remainder so that
 * the rounding of x² (which e^{-x²} magnifies by x² ≈ 700 in the far tail) does not reach the result.
 */
function expMinusSquare(x: number): number {
  const high = Math.round(x * 65536) / 65536;
  const low = x - high;
  return Math.exp(-high * high) * Math.exp(-low * (2 * high + low));
}

/** erfc(x) = 1 - erf(x) (scipy.special.erfc), relatively accurate through the upper tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  // Below 2, erfc >= 0.0047, so taking it as 1 - erf loses at most three digits of sixteen.
  if (x < 2) return 1 - erfSeries(x);
  // erfc(28) < 1e-341 is below the smallest double.
  if (x > 28) return 0;
  return (expMinusSquare(x) / SQRT_PI) * erfcContinuedFraction(x);
}

/** The standard normal survival function P(Z > z) (scipy.stats.norm.sf). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** The chi-square survival function with `dof` degrees of freedom (scipy.stats.chi2.sf, scipy.special.chdtrc). */
export function chiSquareSf(x: number, dof: number): number {
  if (!(dof > 0)) throw new RangeError(`chi-square needs dof > 0, got ${dof}`);
  if (x <= 0) return 1;
  return regularizedGammaQ(dof / 2, x / 2);
}
