/**
 * Emerging and fading shares
 * ==========================
 *
 * A binomial logistic trend of a share over periods: logit(p_t) = a + b·t, fitted by Newton's
 * method to r_t relevant papers out of d_t, and tested against a constant share with the
 * likelihood ratio G² = 2 (ℓ(a, b) − ℓ(R/D)), χ² with one degree of freedom. Shares are
 * overdispersed (a topic's share wanders from year to year more than a binomial would), so
 * G² is divided by the Pearson dispersion φ = X² / (n − 2) when φ > 1 (quasi-binomial), which
 * keeps a large corpus from making every small wobble significant. Modelling the share, not the
 * count, means a corpus that grows every year does not make everything rise.
 *
 * McCullagh, P. & Nelder, J. A. (1989). Generalized Linear Models, 2nd ed., §4.5 (binomial
 * data) and §4.5.2 (overdispersion). https://doi.org/10.1007/978-1-4899-3242-6
 */
import type { ShareTrend } from '../model.js';
import type { ShareSeries } from './kleinberg.js';

/** What a trend needs to count as emerging or fading. */
export interface TrendParameters {
  /** Significance level of the likelihood-ratio test. */
  alpha: number;
  /** The fitted share must change by at least this factor from the first period to the last. */
  minChange: number;
}

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Binomial log-likelihood (without coefficients) of the series at logit a + b·x_t. */
function logLikelihood(series: ShareSeries, x: readonly number[], a: number, b: number): number {
  let ll = 0;
  for (let t = 0; t < x.length; t++) {
    const d = series.total[t] ?? 0;
    if (d === 0) continue;
    const r = series.relevant[t] ?? 0;
    const eta = a + b * x[t]!;
    // ln σ(η) and ln(1 − σ(η)), stable for large |η|.
    const logP = -Math.log1p(Math.exp(-Math.abs(eta))) + Math.min(eta, 0);
    const logQ = logP - eta;
    ll += r * logP + (d - r) * logQ;
  }
  return ll;
}

/** Maximum-likelihood (a, b) by Newton's method with step halving. */
function fitLogistic(series: ShareSeries, x: readonly number[], a0: number): { a: number; b: number; ll: number } {
  let a = a0;
  let b = 0;
  let ll = logLikelihood(series, x, a, b);
  for (let iteration = 0; iteration < 50; iteration++) {
    let ua = 0, ub = 0, iaa = 0, iab = 0, ibb = 0;
    for (let t = 0; t < x.length; t++) {
      const d = series.total[t] ?? 0;
      if (d === 0) continue;
      const p = sigmoid(a + b * x[t]!);
      const residual = (series.relevant[t] ?? 0) - d * p;
      const w = d * p * (1 - p);
      ua += residual;
      ub += residual * x[t]!;
      iaa += w;
      iab += w * x[t]!;
      ibb += w * x[t]! * x[t]!;
    }
    const det = iaa * ibb - iab * iab;
    if (!(det > 1e-12)) break;
    let da = (ibb * ua - iab * ub) / det;
    let db = (iaa * ub - iab * ua) / det;
    let next = logLikelihood(series, x, a + da, b + db);
    for (let halving = 0; halving < 30 && next < ll; halving++) {
      da /= 2;
      db /= 2;
      next = logLikelihood(series, x, a + da, b + db);
    }
    if (next < ll) break;
    a += da;
    b += db;
    const gain = next - ll;
    ll = next;
    if (gain < 1e-10 && Math.abs(db) < 1e-9) break;
  }
  return { a, b, ll };
}

/**
 * erfc(x) for x ≥ 0 (Numerical Recipes' Chebyshev fit, relative error under 1.2·10⁻⁷: ample for
 * a p-value compared with a significance level).
 */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -x * x - 1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * Math.exp(poly);
}

/** Upper tail of χ² with one degree of freedom. */
export function chiSquare1PValue(g2: number): number {
  return g2 <= 0 ? 1 : erfc(Math.sqrt(g2 / 2));
}

/**
 * The trend of a share over equally spaced periods, or undefined when it cannot be fitted
 * (fewer than three periods with papers, nothing relevant, or everything relevant).
 */
export function shareTrend(series: ShareSeries, params: TrendParameters): ShareTrend | undefined {
  const n = series.total.length;
  let R = 0, D = 0, used = 0;
  for (let t = 0; t < n; t++) {
    const d = series.total[t] ?? 0;
    R += series.relevant[t] ?? 0;
    D += d;
    if (d > 0) used++;
  }
  if (used < 3 || R === 0 || R >= D) return undefined;
  // Periods centred on 0, so the intercept and slope are nearly uncorrelated.
  const x = series.total.map((_d, t) => t - (n - 1) / 2);
  const p0 = R / D;
  const flat = logLikelihood(series, x, Math.log(p0 / (1 - p0)), 0);
  const fit = fitLogistic(series, x, Math.log(p0 / (1 - p0)));
  let pearson = 0;
  for (let t = 0; t < n; t++) {
    const d = series.total[t] ?? 0;
    if (d === 0) continue;
    const p = sigmoid(fit.a + fit.b * x[t]!);
    const v = d * p * (1 - p);
    if (v > 0) pearson += ((series.relevant[t] ?? 0) - d * p) ** 2 / v;
  }
  const dispersion = used > 2 ? Math.max(1, pearson / (used - 2)) : 1;
  const g2 = Math.max(0, (2 * (fit.ll - flat)) / dispersion);
  const p = chiSquare1PValue(g2);
  const firstShare = sigmoid(fit.a + fit.b * x[0]!);
  const lastShare = sigmoid(fit.a + fit.b * x[n - 1]!);
  const change = fit.b > 0 ? lastShare / firstShare : firstShare / lastShare;
  const significant = p < params.alpha && change >= params.minChange;
  return {
    direction: significant ? (fit.b > 0 ? 'emerging' : 'fading') : 'steady',
    slope: fit.b,
    firstShare,
    lastShare,
    g2,
    p,
    papers: R,
  };
}
