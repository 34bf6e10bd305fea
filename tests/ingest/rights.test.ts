import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { splitRights } from '../../src/ingest/rights.js';
import { readAll, temporaryFiles } from './helpers.js';

const { write } = temporaryFiles('papergraph-rights-');

const BODY = 'We study kernels of wide networks. They converge.';

describe('splitRights', () => {
  it.each([
    [`${BODY} © 2018 Elsevier Inc. All rights reserved.`, '© 2018 Elsevier Inc. All rights reserved.'],
    [`${BODY} Copyright © 2020, Springer Nature Switzerland AG.`, 'Copyright © 2020, Springer Nature Switzerland AG.'],
    [`${BODY} (C) 2019 Elsevier B.V. All rights reserved.`, '(C) 2019 Elsevier B.V. All rights reserved.'],
    [
      `${BODY} © 2021 The Authors. Published by Elsevier B.V. This is an open access article under the CC BY-NC-ND license (http://creativecommons.org/licenses/by-nc-nd/4.0/).`,
      '© 2021 The Authors. Published by Elsevier B.V. This is an open access article under the CC BY-NC-ND license (http://creativecommons.org/licenses/by-nc-nd/4.0/).',
    ],
    [`${BODY} Published by Elsevier Ltd.`, 'Published by Elsevier Ltd.'],
    [`${BODY} Published under licence by IOP Publishing Ltd.`, 'Published under licence by IOP Publishing Ltd.'],
    [`${BODY}© 2017 IEEE.`, '© 2017 IEEE.'],
    [`© 2019 Elsevier Ltd. All rights reserved. ${BODY}`, '© 2019 Elsevier Ltd. All rights reserved.'],
  ])('cuts the statement off %j', (abstract, rights) => {
    expect(splitRights(abstract)).toEqual({ text: BODY, rights });
  });

  it.each([
    'We map lexical terms to structured MeSH© nodes. Issues on coverage are discussed.',
    'The US Copyright Office released a statement. We discuss authorship.',
    'Copyright law protects authors. We study plagiarism detection.',
    'We present a corpus of tweets. Published by the government, they cover many topics and domains, and the rest of this abstract is far longer than any licence statement could be: ' +
      'x'.repeat(700),
    BODY,
  ])('leaves text without a statement alone: %j', (abstract) => {
    expect(splitRights(abstract)).toEqual({ text: abstract });
  });
});

describe('rights at ingest', () => {
  const statement = '© 2018 Elsevier Inc. All rights reserved.';
  it.each([
    ['scopus.ris', `TY  - JOUR\nTI  - Kernel Paper\nAB  - ${BODY} ${statement}\nER  - \n`],
    ['scopus.csv', `Title,Abstract\nKernel Paper,"${BODY} ${statement}"\n`],
    ['works.jsonl', `${JSON.stringify({ title: 'Kernel Paper', abstract: `${BODY} ${statement}` })}\n`],
    ['refs.bib', `@article{k,\n  title = {Kernel Paper},\n  abstract = {${BODY} {\\copyright} 2018 Elsevier Inc. All rights reserved.}\n}\n`],
    ['feed.xml', `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2201.00001v1</id><title>Kernel Paper</title><summary>${BODY} ${statement}</summary></entry></feed>`],
    ['listing.txt', `Kernel Paper\n\n${BODY} ${statement}\n`],
  ])('strips it from %s and keeps it in rights', async (name, content) => {
    const { records, problems } = await readAll(write(name, content));
    expect(problems).toEqual([]);
    expect(records).toEqual([expect.objectContaining({ title: 'Kernel Paper', abstract: BODY, rights: statement })]);
  });

  it('an abstract that is only a statement is a missing abstract', async () => {
    const { records, problems } = await readAll(write('only.ris', `TY  - JOUR\nTI  - Kernel Paper\nAB  - ${statement}\nER  - \n`));
    expect(records).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ kind: 'missing-abstract', line: 1 })]);
  });

  it('merges duplicates on the abstract without the statement, and adds no rights key when there is none', async () => {
    const ris = write('dup.ris', `TY  - JOUR\nTI  - Kernel Paper\nAB  - ${BODY} ${statement}\nER  - \n`);
    const jsonl = write('dup.jsonl', `${JSON.stringify({ title: 'Kernel Paper', abstract: BODY })}\n${JSON.stringify({ title: 'Other Paper', abstract: BODY })}\n`);
    const { papers } = await ingest([ris, jsonl]);
    expect(papers.find((p) => p.title === 'Kernel Paper')).toMatchObject({ abstract: BODY, rights: statement });
    expect(Object.keys(papers.find((p) => p.title === 'Other Paper')!)).not.toContain('rights');
  });

  it('reads rights back from papers.jsonl', async () => {
    const { records } = await readAll(write('papers.jsonl', `${JSON.stringify({ title: 'Kernel Paper', abstract: BODY, rights: statement })}\n`));
    expect(records[0]).toMatchObject({ abstract: BODY, rights: statement });
  });
});
