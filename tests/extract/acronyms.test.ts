import { describe, expect, it } from 'vitest';
import { findAcronyms } from '../../src/extract/acronyms.js';

const pairs = (text: string) => findAcronyms(text).map((d) => [d.short, d.long]);

describe('findAcronyms', () => {
  it.each([
    // [here, text, expected pairs]
    ['long form (SF)', 'We study the neural tangent kernel (NTK) of wide networks.', [['NTK', 'neural tangent kernel']]],
    ['plural short form', 'Physics-informed neural networks (PINNs) solve PDEs.', [['PINN', 'Physics-informed neural network']]],
    ['plural SSMs', 'Structured state space models (SSMs) are fast.', [['SSM', 'state space model']]],
    ['outer parenthesis', 'Kernels (e.g. the neural tangent kernel (NTK)) are linear.', [['NTK', 'neural tangent kernel']]],
    ['short form with trailing matter', 'the Gaussian process (GP; Rasmussen 2006) prior', [['GP', 'Gaussian process']]],
    ['SF (long form)', 'We train an SSM (state space model) on audio.', [['SSM', 'state space model']]],
    ['square brackets', 'an electroencephalogram [EEG] was recorded', [['EEG', 'electroencephalogram']]],
    ['longer match aligns initials', 'antacids and proton pump inhibitors (PPIs) were given', [['PPI', 'proton pump inhibitor']]],
    ['chemical prefix', 'cells grown in 2,6-diaminopurine (DAP) died', [['DAP', '2,6-diaminopurine']]],
    ['generic trailing word dropped', 'a long short-term memory network (LSTM) encoder', [['LSTM', 'long short-term memory']]],
    ['generic head the short form skips', 'adversaries adopt adversarial machine learning algorithms (AML) to', [['AML', 'adversarial machine learning']]],
    ['unspelled "function" dropped', 'multiple fiber orientation distribution function (FOD) peaks', [['FOD', 'fiber orientation distribution']]],
    ['generic head the short form spells stays', 'a convolutional neural network (CNN) encoder', [['CNN', 'convolutional neural network']]],
    ['possessive dropped', "data from the Energy Information Agency's (EIA) databases", [['EIA', 'Energy Information Agency']]],
    ['words after "using" dropped', 'the Human Activity Recognition Using Smartphones (HAR) dataset', [['HAR', 'Human Activity Recognition']]],
    ['words after "called" dropped', 'a shortest path first algorithm called (SPF) here', [['SPF', 'shortest path first']]],
    ['SF (long form or alternative)', 'switched among various PM (Physical machines or servers) in', [['PM', 'Physical machines']]],
    ['coordination is not extended', 'smoking and subarachnoid hemorrhage (SAH) risk', [['SAH', 'subarachnoid hemorrhage']]],
    ['lower-case short form spelling initials', 'a decrease of 3 beats per minute (bpm) was seen', [['bpm', 'beats per minute']]],
    ['one-letter short form of one word', 'levels of testosterone (T) rose', [['T', 'testosterone']]],
    ['one letter that is not an initial', 'shown in the figure (A) below', []],
    ['bracketed short form', 'forced expiratory volume (FEV(1.0)) fell', [['FEV(1.0)', 'forced expiratory volume']]],
    ['spelled-out number', 'in two-dimensional (2D) space', [['2D', 'two-dimensional']]],
    ['mixed-case short form', 'Short interfering RNA (siRNA) silenced it', [['siRNA', 'Short interfering RNA']]],
    ['negated long form', 'a non-inactivating current (NIC) persisted', [['NIC', 'non-inactivating current']]],
    ['false friend (i)', 'two goals: (i) speed and (ii) accuracy', []],
    ['false friend (e.g.)', 'many kernels (e.g. RBF) exist', []],
    ['false friend year', 'as shown by Mogami (2020), multiplication is costly', []],
    ['false friend figure', 'the loss decreases quickly (see Fig. 3) at first', []],
    ['false friend equation', 'the update rule (Eq. 4) converges', []],
    ['no capital letter', 'the results (above) hold', []],
    ['letters not found', 'a convolutional network (XYZ) is used', []],
  ])('%s', (_here, text, expected) => {
    expect(pairs(text)).toEqual(expected);
  });

  it('gives offsets of both forms in the text', () => {
    const text = 'We use the neural tangent kernel (NTK).';
    const [d] = findAcronyms(text);
    expect(text.slice(d!.longStart, d!.longEnd)).toBe('neural tangent kernel');
    expect(text.slice(d!.shortStart, d!.shortEnd)).toBe('NTK');
  });

  it('handles empty and bracket-only text', () => {
    expect(findAcronyms('')).toEqual([]);
    expect(findAcronyms('(((')).toEqual([]);
    expect(findAcronyms('()')).toEqual([]);
  });
});
