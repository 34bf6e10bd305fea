/**
 * Academic boilerplate
 * ====================
 *
 * Phrases every abstract uses ("this paper", "experimental results", "state of the art") are
 * not concepts. A key is boilerplate when it is listed here, when it is a generic single word,
 * or when a generic head ("result", "experiment") is modified only by generic words
 * ("extensive experiments", "promising results").
 */

/** Single words that never make a concept on their own. */
const GENERIC_WORDS = new Set(
  `paper work approach method methodology model result experiment performance problem task
  framework technique study analysis way number set case use term fact order part type form
  article aim goal contribution idea property effect impact advantage benefit issue question
  application implementation art state range variety lot amount level degree example instance
  insight evidence data information time cost manner respect regard basis kind sort class
  system process procedure scheme strategy solution tool mechanism setting condition situation
  scenario context field area domain topic aspect feature component element factor parameter
  value quality quantity size scale rate ratio step stage phase point line end side top bottom
  means need lack presence absence role importance interest focus purpose objective
  challenge difficulty limitation drawback weakness strength success failure improvement gain
  increase decrease reduction addition extension version variant alternative combination
  comparison relationship relation connection link difference similarity change trend pattern
  structure design development progress advance advancement research researcher author literature
  survey review overview introduction conclusion discussion summary finding observation outcome
  output input demonstrate show result experiment accuracy efficiency effectiveness robustness
  scalability applicability generality flexibility simplicity complexity practice practitioner
  community people user human world year today future past recent art thing something anything
  everything nothing one two three first second third other another many several various
  different new novel existing proposed current previous further additional same such certain
  specific general particular whole total overall main key major minor high low large small big
  wide broad good better best well great important significant approach algorithm technique
  baseline benchmark dataset datasets experiment evaluation measure metric estimate estimation
  prediction solution guarantee bound assumption condition theory theorem proof lemma claim
  formulation function quantity variable regime setup question answer test testing training
  learning inference computation compute resource speed speedup order magnitude
  concept notion principle perspective view viewpoint lens light direction avenue line front
  account detail depth extent fraction majority minority portion percent percentage share
  range spectrum family collection group pair couple series sequence list table figure section
  appendix chapter page code source implementation repository library package project
  team company industry organization university institute lab laboratory`
    .split(/\s+/)
    .map((w) => w.replace(/\?$/, ''))
    .filter(Boolean),
);

/**
 * Single words too generic to be a concept alone, though they make good heads and modifiers
 * ("neural network", "state space", "linear regression"): checked on one-word keys only.
 */
const GENERIC_ALONE = new Set(
  `network machine space equation error layer ability nature choice understanding phenomenon
  behavior potential capability gap description existence individual object access efficacy
  characteristic construction composition explanation requirement shift target limit power
  operation update evolution building computing engineering modeling modelling complex
  standard underlying forward backward linear nonlinear non linear convex non convex inverse
  iii ii iv vi vii viii ix xi x version ease usage need sense emphasis attempt effort capacity
  improvement consideration understanding knowledge activity behaviour burden showcase month
  entry ease setup background implication`
    .split(/\s+/)
    .map((w) => w.replace(/\?$/, ''))
    .filter(Boolean),
);

/** Heads that make a boilerplate phrase when every modifier is generic too. */
const GENERIC_HEADS = new Set(
  `result experiment performance work improvement advance advancement year time way contribution
  evaluation number range variety amount paper article study analysis method approach model
  framework technique finding outcome insight evidence gain benefit effect impact setting
  scenario application task problem question issue challenge limitation art state line
  direction avenue literature baseline benchmark simulation demonstration accuracy efficiency
  algorithm
  experiment comparison investigation implementation code detail version variant`
    .split(/\s+/)
    .filter(Boolean),
);

/** Modifiers that add nothing to a generic head. */
const GENERIC_MODIFIERS = new Set(
  `experimental empirical numerical extensive theoretical promising competitive superior
  significant strong better comprehensive recent previous future related main key wide large
  small real first broad great good high low various different new novel existing proposed
  current prior further additional same certain specific particular whole overall important
  major minor simple effective efficient robust practical several many numerous diverse
  preliminary initial final thorough careful detailed rigorous systematic favorable
  encouraging impressive remarkable state-of-the-art state art world real-world year years
  substantial considerable notable marked consistent significant dramatic
  experiment experiments empirical extensive qualitative quantitative this our their its
  general common typical standard conventional traditional classical original alternative`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Modifiers that make boilerplate only before a head of research talk ("key idea", "real
 * application", "standard approach"); before other generic words they make established terms
 * ("key point", "real time", "world model", "standard deviation", "initial condition").
 */
const TERM_FORMING_MODIFIERS = new Set(['world', 'key', 'real', 'standard', 'systematic', 'initial']);

/**
 * The heads of research talk: what a paper says it did, found or faced. "model", "effect",
 * "time" and "number" are generic heads too, but a noun before them makes a term ("world
 * model", "side effect", "real time", "real number").
 */
const RESEARCH_HEADS = new Set([...GENERIC_HEADS].filter((h) => !['model', 'effect', 'time', 'number'].includes(h)));

/**
 * Nouns that, as modifiers of a head of research talk, still make boilerplate ("method
 * performance"); before other generic words they make terms ("order parameter", "interest rate").
 */
const GENERIC_NOUN_MODIFIERS = new Set(
  `paper work method approach model framework technique result experiment study task problem
  performance art state year way number lot amount range variety kind sort type part
  example instance idea goal aim purpose fact order end top means need lack role interest
  question issue challenge detail depth extent project code`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Nouns naming the process every paper is about: boilerplate before a generic head ("learning
 * method", "training process", "learning community"), except the heads that make a term with
 * them ("learning rate", "training data", "learning theory").
 */
const PROCESS_MODIFIERS = new Set(['learning', 'training', 'modeling', 'modelling']);
const PROCESS_TERM_HEADS = new Set(
  'rate data set example sample theory dynamics time cost curve loss instance point distribution signal error'.split(' '),
);

/** Whole phrases (normalized keys) that are boilerplate. */
const BOILERPLATE_KEYS = new Set([
  'state of the art',
  'state art',
  'state-of-the-art',
  'wide range',
  'wide variety',
  'large number',
  'first time',
  'real world',
  'recent year',
  'key idea',
  'main idea',
  'future work',
  'related work',
  'prior work',
  'previous work',
  'recent work',
  'this work',
  'this paper',
  'our method',
  'our approach',
  'proposed method',
  'proposed approach',
  'source code',
  'project page',
  'project website',
  'code',
  'trade off',
  'orders of magnitude',
  'order of magnitude',
  'extensive experiment',
  'experimental result',
  'numerical experiment',
  'empirical result',
  'theoretical result',
  'theoretical analysis',
  'empirical evaluation',
  'empirical study',
  'ablation study',
  'open question',
  'open problem',
  'important role',
  'key role',
  'crucial role',
  'great success',
  'remarkable success',
  'significant improvement',
  'significant attention',
  'growing interest',
  'little attention',
  'lot of attention',
  'much attention',
  'best of our knowledge',
  'knowledge',
  'end',
  'end to end',
  'special case',
  'general case',
  'simple case',
  // The data every experiment has, like "dataset" itself.
  ...['data set', 'data point', 'input data', 'observation data', 'observed data', 'real data', 'synthetic data'],
  ...['training', 'test', 'testing', 'validation', 'evaluation'].flatMap((w) =>
    ['data', 'set', 'sample', 'example', 'point', 'instance', 'time', 'process', 'phase'].map((h) => `${w} ${h}`),
  ),
  // What running anything costs; "computational complexity" or "computational model" is a topic.
  ...'cost time efficiency resource burden overhead power speed budget load effort demand requirement expense saving advantage gain benefit'
    .split(' ')
    .map((w) => `computational ${w}`),
]);

/**
 * True when `key` (a normalized concept key) is academic boilerplate or a generic word.
 * Acronyms (upper-case keys) are never generic.
 */
export function isBoilerplate(key: string): boolean {
  if (BOILERPLATE_KEYS.has(key)) return true;
  const words = key.split(' ');
  if (words.length === 1) {
    const w = words[0]!;
    if (/\p{Lu}/u.test(w)) return false;
    return GENERIC_WORDS.has(w) || GENERIC_ALONE.has(w) || w.length < 3;
  }
  const head = words[words.length - 1]!;
  if (GENERIC_HEADS.has(head) || GENERIC_WORDS.has(head)) {
    // A noun modifier usually makes a term of a generic head ("time series", "objective
    // function", "information system"); only the generic nouns below do not ("model performance").
    const mods = words.slice(0, -1);
    const processHead = !PROCESS_TERM_HEADS.has(head);
    const researchHead = RESEARCH_HEADS.has(head);
    const generic = (m: string): boolean =>
      TERM_FORMING_MODIFIERS.has(m) || GENERIC_NOUN_MODIFIERS.has(m) ? researchHead : GENERIC_MODIFIERS.has(m) || (processHead && PROCESS_MODIFIERS.has(m));
    if (mods.every(generic)) return true;
  }
  return false;
}
