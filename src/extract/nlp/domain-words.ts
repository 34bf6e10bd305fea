/**
 * Domain words
 * ============
 *
 * Our own lexicon: words compromise's general-English lexicon gets wrong in scientific
 * abstracts (registered with compromise by the adapter, `compromise-steps.ts`), closed-class
 * words, and verbs that stand without an object. Plain data, no compromise import.
 */
import type { Pos } from './tokens.js';

/**
 * Domain words compromise's general-English lexicon gets wrong in scientific abstracts.
 * Registered once, at module load, as one plugin.
 */
export const DOMAIN_WORDS: Record<string, string> = {
  neural: 'Adjective',
  kernel: 'Singular',
  kernels: 'Plural',
  transformer: 'Singular',
  transformers: 'Plural',
  dataset: 'Singular',
  datasets: 'Plural',
  embedding: 'Singular',
  embeddings: 'Plural',
  encoder: 'Singular',
  decoder: 'Singular',
  autoencoder: 'Singular',
  autoencoders: 'Plural',
  hyperparameter: 'Singular',
  hyperparameters: 'Plural',
  benchmark: 'Singular',
  benchmarks: 'Plural',
  models: 'Plural',
  networks: 'Plural',
  operator: 'Singular',
  operators: 'Plural',
  hopfield: 'ProperNoun',
  gaussian: 'Adjective',
  bayesian: 'Adjective',
  markov: 'ProperNoun',
  convolutional: 'Adjective',
  recurrent: 'Adjective',
  generative: 'Adjective',
  adversarial: 'Adjective',
  stochastic: 'Adjective',
  differential: 'Adjective',
  variational: 'Adjective',
  nonlinear: 'Adjective',
  multimodal: 'Adjective',
  pretrained: 'Adjective',
  'pre-trained': 'Adjective',
  equivariant: 'Adjective',
  inference: 'Singular',
  regularization: 'Singular',
  optimization: 'Singular',
  generalization: 'Singular',
  classifier: 'Singular',
  classifiers: 'Plural',
  manifold: 'Singular',
  manifolds: 'Plural',
  softmax: 'Singular',
  backpropagation: 'Singular',
  layers: 'Plural',
  outperform: 'Infinitive',
  outperforms: 'PresentTense',
  leverage: 'Infinitive',
  leverages: 'PresentTense',
  enables: 'PresentTense',
  yields: 'PresentTense',
  achieves: 'PresentTense',
  exhibit: 'Infinitive',
  exhibits: 'PresentTense',
};

/**
 * Closed-class words the preTagger alone leaves untagged or tags as nouns ("when", "how",
 * "which" come out untagged, "linear" as a noun): never part of a noun phrase, except the
 * adjectives, which may modify one ("linear regression") but never end it.
 */
const CLOSED_CLASS: ReadonlyArray<[Pos, string]> = [
  ['adv', `when whenever where wherever wherein whereby how however why whether whither whence
    not never also very thus hence then there here now still yet already almost nearly rather
    quite often sometimes always usually mostly largely merely solely simply just only even
    instead moreover furthermore nevertheless nonetheless therefore consequently accordingly
    meanwhile otherwise indeed perhaps namely respectively together`],
  ['pron', `which what who whom whose whatever whichever it its itself they them their
    themselves we us our ourselves he she him her his i me my you your one ones oneself`],
  ['conj', `and or but nor yet although though while whilst because since unless whereas if
    than as so`],
  ['prep', `of in on at by for with without within from to into onto upon over under
    between among across through throughout during via per toward towards against beyond
    despite versus along around behind below beneath above about after before`],
  ['verb', `is are was were be been being am do does did done have has had having can could
    may might must shall should will would encompass encompasses encompassing employ employs
    utilize utilizes`],
  ['adj', `linear nonlinear non-linear bilinear multilinear standard underlying forward
    backward overall general generic typical various several numerous arbitrary
    fundamental crucial novel existing current prior respective robust efficient
    accurate scalable effective relevant independent dependent high-dimensional low-dimensional
    large-scale small-scale real-world data-driven state-of-the-art piecewise multivariate
    univariate bivariate bipartite tripartite multipartite parallel planar nonplanar multirate
    multistate multistage multiscale stationary nonstationary non-stationary`],
];

/**
 * Verbs kept as verbs after a noun, whatever follows: those that often stand without an object
 * ("the method works on graphs", "the error decreases.", "this results in") and common verbs of
 * abstracts that are never nouns ("topics include:", "RNNs develop longer timescales").
 */
const INTRANSITIVE = new Set(
  `work rely depend consist result lead focus operate perform differ belong refer correspond
  converge amount act serve appear exist occur remain hold apply come go lie arise stem build
  draw aim deal cope suffer benefit emerge fail succeed vary grow increase decrease improve
  change scale matter help suffice vanish diverge follow run learn seem tend allow account look
  search evolve behave interact respond compete contribute participate reside range hinge center
  revolve show need require provide outperform achieve yield enable make take give use reduce
  decline rise fall drop degrade deteriorate persist continue begin start end stop happen prove
  turn move pass reach return get keep stay play trade agree excel spread coincide pose align
  stand collapse saturate define include enhance develop adapt demonstrate suggest indicate
  reveal confirm reflect capture predict produce generalize obtain ensure become offer consider
  introduce propose explore investigate analyze compare evaluate describe discuss address solve
  compute contain involve exploit employ utilize`
    .split(/\s+/)
    .filter(Boolean),
);

/** Whether a present-tense form ("relies", "focuses", "lies", "works", "focus") is one of `INTRANSITIVE`. */
export function isIntransitive(word: string): boolean {
  const w = word.toLowerCase();
  if (INTRANSITIVE.has(w)) return true;
  if (!w.endsWith('s')) return false;
  return INTRANSITIVE.has(w.slice(0, -1)) || INTRANSITIVE.has(w.slice(0, -2)) || INTRANSITIVE.has(w.replace(/ies$/, 'y'));
}

/** Our lexicon wins over compromise's context rules ("Hopfield networks" is not a verb). */
export const FORCED: ReadonlyMap<string, Pos> = new Map([
  ...Object.entries(DOMAIN_WORDS).map(([w, tag]): [string, Pos] => [
    w,
    tag === 'Adjective' ? 'adj' : tag === 'ProperNoun' ? 'proper' : /Singular|Plural/.test(tag) ? 'noun' : 'verb',
  ]),
  ...CLOSED_CLASS.flatMap(([pos, words]) => words.split(/\s+/).filter(Boolean).map((w): [string, Pos] => [w, pos])),
]);
