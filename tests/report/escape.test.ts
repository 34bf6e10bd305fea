import { describe, expect, it } from 'vitest';
import { csvField, escapeHtml, escapeMarkdown } from '../../src/report/index.js';
import { formatNumber, safeUrl } from '../../src/report/escape.js';

describe('escapeHtml', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a < b && c > d', 'a &lt; b &amp;&amp; c &gt; d'],
    ['<img src=x onerror="window.__xss=1">', '&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;'],
    ["it's", 'it&#39;s'],
    ['&amp;', '&amp;amp;'],
    ['', ''],
  ])('escapeHtml(%j) = %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['neural network', 'neural network'],
    ['a | b', 'a \\| b'],
    ['<script>x</script>', '\\<script\\>x\\</script\\>'],
    ['*bold* _it_ `code` [link](u)', '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](u)'],
    ['line one\n  line two', 'line one line two'],
    ['# heading', '\\# heading'],
  ])('escapeMarkdown(%j) = %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [3.5, '3.5'],
    [undefined, ''],
  ] as const)('csvField(%j) = %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://arxiv.org/abs/2101.00001', 'https://arxiv.org/abs/2101.00001'],
    ['http://example.org/x', 'http://example.org/x'],
    ['javascript:alert(1)', undefined],
    ['data:text/html,<b>x</b>', undefined],
    ['//evil.example/x', undefined],
    [undefined, undefined],
  ])('safeUrl(%j) = %j', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });
});

describe('formatNumber', () => {
  it.each([
    [3, 3, '3'],
    [0.25, 3, '0.25'],
    [12.34567, 3, '12.346'],
    [1.375687, 2, '1.38'],
    [-0.0001, 3, '0'],
  ])('formatNumber(%j, %j) = %j', (x, digits, expected) => {
    expect(formatNumber(x, digits)).toBe(expected);
  });
});
