import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseListingLine } from '../../src/ingest/listing.js';
import { splitTitle } from '../../src/ingest/title-split.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

describe('splitTitle: hard cases', () => {
  it.each([
    // The abstract repeats the title's last words.
    ['Kernelised Normalising Flows Normalising Flows are non-parametric statistical models.', 'Kernelised Normalising Flows'],
    // The abstract opens with a capitalised hyphenated word.
    ['Diffusion Nets Non-linear manifold learning enables high-dimensional data analysis.', 'Diffusion Nets'],
    // A colon and a subtitle.
    ['MobileNetV2: Inverted Residuals and Linear Bottlenecks In this paper we describe a new mobile architecture.', 'MobileNetV2: Inverted Residuals and Linear Bottlenecks'],
    // A question mark ends the title, the abstract opens with another question.
    ['Why do networks have inhibitory/negative connections? Why do brains have inhibitory connections? We answer.', 'Why do networks have inhibitory/negative connections?'],
    // Sentence-case title with lower-case words.
    ['Second-order regression models exhibit progressive sharpening to the edge of stability Recent studies of gradient descent have shown this.', 'Second-order regression models exhibit progressive sharpening to the edge of stability'],
    // A lower-case word inside a Title Case title.
    ['Git Re-Basin: Merging Models modulo Permutation Symmetries The success of deep learning is due in large part to optimization.', 'Git Re-Basin: Merging Models modulo Permutation Symmetries'],
    // The abstract defines the title's acronym.
    ['GLU Variants Improve Transformer Gated Linear Units (arXiv:1612.08083) consist of the product of two projections.', 'GLU Variants Improve Transformer'],
    // The abstract names a defined term in capitals right away.
    ['GRAND: Graph Neural Diffusion We present Graph Neural Diffusion (GRAND) that approaches deep learning on graphs.', 'GRAND: Graph Neural Diffusion'],
    // A proper noun at the end of a sentence-case title.
    ['On κ-solutions and canonical neighborhoods in 4d Ricci flow We introduce a classification conjecture for kappa-solutions in 4d Ricci flow.', 'On κ-solutions and canonical neighborhoods in 4d Ricci flow'],
    // The abstract starts with the title's own first words.
    ['A Milstein-type method for highly non-linear stochastic differential equations A Milstein-type method is proposed for some equations.', 'A Milstein-type method for highly non-linear stochastic differential equations'],
    // Capitalised function words inside a Title Case title.
    ['Generalized-Smooth Nonconvex Optimization is As Efficient As Smooth Nonconvex Optimization Various optimal algorithms have been developed.', 'Generalized-Smooth Nonconvex Optimization is As Efficient As Smooth Nonconvex Optimization'],
    // A structured abstract.
    ['Uncertainty quantification for improving radiomic-based models in radiation pneumonitis prediction Background and Objective: Radiation pneumonitis is a side effect.', 'Uncertainty quantification for improving radiomic-based models in radiation pneumonitis prediction'],
  ])('%s', (text, title) => {
    const split = splitTitle(text);
    expect(split?.title).toBe(title);
    expect(`${split?.title} ${split?.abstract}`).toBe(text);
  });

  it('returns undefined when there is nothing to split', () => {
    expect(splitTitle('')).toBeUndefined();
    expect(splitTitle('Alone')).toBeUndefined();
  });
});

describe('splitTitle on the bundled one-line dump', () => {
  // Hand-checked titles: each line of the dump was read and its title written down.
  const truth = readFileSync(here('./fixtures/listing-titles.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [line, title] = l.split('\t');
      return { line: Number(line), title: title! };
    });
  const dump = readFileSync(here('../../data/000_e39fb4f984795cf6.txt'), 'utf8').split('\n');

  it('has a hand-checked sample of at least 40 lines', () => {
    expect(truth.length).toBeGreaterThanOrEqual(40);
  });

  it('recovers at least 95% of the titles exactly', () => {
    const wrong: string[] = [];
    for (const { line, title } of truth) {
      const parsed = parseListingLine(dump[line - 1]!);
      const got = parsed && 'title' in parsed ? parsed.title : undefined;
      if (got !== title) wrong.push(`${line}: want "${title}", got "${got}"`);
    }
    const accuracy = 1 - wrong.length / truth.length;
    expect(accuracy, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});

describe('splitTitle on title + abstract pairs of the page-layout dumps', () => {
  // The page layout gives titles and abstracts apart: joined, they make one-line cases with a known answer.
  const pairs = new Map<string, string>();
  for (const name of ['001_59cd66a750a5e0f7', '002_6631015e680066d9', '003_60e9ad64f36f29f4']) {
    const paragraphs = readFileSync(here(`../../data/${name}.txt`), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    const start = paragraphs.findIndex((p) => /research community$/.test(p)) + 1;
    const body = paragraphs.slice(start).filter((p) => !/^[A-Z][a-z]{2} \d{1,2}$/.test(p));
    for (let k = 0; k + 1 < body.length; k += 2) pairs.set(body[k]!, body[k + 1]!);
  }

  it('recovers at least 90% of them', () => {
    expect(pairs.size).toBeGreaterThan(100);
    let right = 0;
    for (const [title, abstract] of pairs) if (splitTitle(`${title} ${abstract}`)?.title === title) right++;
    expect(right / pairs.size).toBeGreaterThanOrEqual(0.9);
  });
});
