/**
 * The cluster names on the map, run in Node: which level a zoom names, where each name goes,
 * how names that would overlap are shrunk or left out, topic colours in field families, and
 * map labels chosen per topic rather than over the whole graph.
 */
import { describe, expect, it } from 'vitest';
import { createSyntheticGraph, createViewerData, readSerializedGraph } from '../../src/viewer/index.js';
import {
  clusterAnchors,
  clusterLevel,
  placeClusterLabels,
  TOPIC_ZOOM_RATIO,
  wrapName,
  type LabelCandidate,
} from '../../viewer/src/cluster-labels.js';
import { createDisplayGraph, labelQuota } from '../../viewer/src/graph.js';
import { createModel } from '../../viewer/src/model.js';
import { communityColor, fieldTopicColors } from '../../viewer/src/palette.js';

/** 7 px per character at size 10, proportional to the size. */
const measure = (text: string, size: number): number => text.length * 0.7 * size;
const screen = { width: 800, height: 600 };

function candidate(id: number, text: string, x: number, y: number, size = 16): LabelCandidate {
  return { id, text, x, y, size };
}

describe('clusterLevel', () => {
  it.each([
    [1, true, 'field'],
    [TOPIC_ZOOM_RATIO, true, 'field'],
    [TOPIC_ZOOM_RATIO - 0.01, true, 'topic'],
    [0.1, true, 'topic'],
    // Data without fields names its topics at every zoom.
    [1, false, 'topic'],
  ] as const)('ratio %s, fields %s → %s', (ratio, hasFields, level) => {
    expect(clusterLevel(ratio, hasFields)).toBe(level);
  });
});

describe('placeClusterLabels', () => {
  it('places nothing for no candidates', () => {
    expect(placeClusterLabels([], measure, screen)).toEqual([]);
  });

  it('keeps names that do not collide at their size', () => {
    const placed = placeClusterLabels([candidate(0, 'alpha', 100, 100), candidate(1, 'beta', 500, 400)], measure, screen);
    expect(placed.map((p) => [p.id, p.size])).toEqual([[0, 16], [1, 16]]);
  });

  it('shrinks a name that would overlap a larger one, and skips it when shrinking is not enough', () => {
    // "b" starts 10 px under "a": too close at any size, so it is left out.
    const skipped = placeClusterLabels([candidate(0, 'aaaa', 300, 300), candidate(1, 'bbbb', 300, 310)], measure, screen);
    expect(skipped.map((p) => p.id)).toEqual([0]);
    // 16 px apart: overlapping at 16 px (boxes 15 and 20 px high), clear at 13 px (16.25 px).
    const shrunk = placeClusterLabels([candidate(0, 'aaaa', 300, 300, 12), candidate(1, 'bbbb', 300, 316)], measure, { ...screen, padding: 0 });
    expect(shrunk.map((p) => [p.id, p.size])).toEqual([[0, 12], [1, 13]]);
  });

  it('never lets two placed names overlap', () => {
    const many = Array.from({ length: 60 }, (_, i) => candidate(i, `topic number ${i}`, (i * 97) % 800, (i * 53) % 600));
    const placed = placeClusterLabels(many, measure, screen);
    expect(placed.length).toBeGreaterThan(5);
    for (const a of placed) {
      for (const b of placed) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) * 2 >= a.width + b.width || Math.abs(a.y - b.y) * 2 >= a.height + b.height;
        expect(apart).toBe(true);
      }
    }
  });

  it('moves a name near the edge inward and leaves out one whose centre is off screen', () => {
    const placed = placeClusterLabels([candidate(0, 'a long field name', 790, 300), candidate(1, 'gone', -5, 300)], measure, screen);
    expect(placed.map((p) => p.id)).toEqual([0]);
    expect(placed[0]!.x + placed[0]!.width / 2).toBeLessThanOrEqual(screen.width);
  });

  it('breaks a long name between its parts, never inside one', () => {
    const lines = wrapName('ordinary differential equation · stochastic differential equation · diffusion model', 250, (t) => measure(t, 16));
    expect(lines).toEqual(['ordinary differential equation', 'stochastic differential equation', 'diffusion model']);
    expect(wrapName('a · b', 250, (t) => measure(t, 16))).toEqual(['a · b']);
  });
});

describe('cluster anchors and colours on a two-level synthetic build', () => {
  const { graph, communities } = createSyntheticGraph({ concepts: 240, papers: 60, communities: 6, seed: 11 });
  const model = createModel(createViewerData(readSerializedGraph(graph), communities));

  it('puts each name at the mean position of its concepts, largest cluster first', () => {
    const { x, y, community } = model.data.concepts;
    const anchors = clusterAnchors(model, x, y);
    expect(anchors.field.length).toBe(model.fields.length);
    expect(anchors.topic.length).toBe(model.data.communities.length);
    const topic = anchors.topic.find((a) => a.id === 2)!;
    const members = community.map((c, i) => (c === 2 ? i : -1)).filter((i) => i >= 0);
    const mean = (v: number[]) => members.reduce((s, i) => s + v[i]!, 0) / members.length;
    expect(topic.x).toBeCloseTo(mean(x), 9);
    expect(topic.y).toBeCloseTo(mean(y), 9);
    const papers = anchors.field.map((a) => a.papers);
    expect(papers).toEqual([...papers].sort((a, b) => b - a));
    // A field stands for its own topics (hiding them all in the legend hides its name).
    for (const f of anchors.field) expect(f.topics).toEqual(model.fields.find((m) => m.id === f.id)!.topics);
  });

  it('colours the topics of one field in one hue family, apart from the other fields', () => {
    const hue = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
      const max = Math.max(r, g, b);
      const d = max - Math.min(r, g, b);
      const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      return h * 60;
    };
    const fields = [{ id: 0, topics: [0, 1, 2] }, { id: 1, topics: [3, 4] }];
    const colors = fieldTopicColors(fields);
    const within = Math.abs(hue(colors.get(0)!) - hue(colors.get(2)!));
    const across = Math.abs(hue(colors.get(0)!) - hue(colors.get(3)!));
    expect(new Set(colors.values()).size).toBe(5);
    expect(within).toBeLessThan(30);
    expect(across).toBeGreaterThan(60);
  });
});

describe('viewer data written before fields', () => {
  it('opens with topics only: no fields, topic names at every zoom, the flat palette', () => {
    const { graph, communities } = createSyntheticGraph({ concepts: 60, papers: 10, communities: 4, seed: 2 });
    const data = createViewerData(readSerializedGraph(graph), communities);
    delete data.fields;
    for (const c of data.communities) delete c.field;
    const model = createModel(JSON.parse(JSON.stringify(data)));
    expect(model.fields).toEqual([]);
    expect(model.fieldOfCommunity.size).toBe(0);
    const anchors = clusterAnchors(model, model.data.concepts.x, model.data.concepts.y);
    expect(anchors.field).toEqual([]);
    expect(anchors.topic.length).toBe(4);
    expect(clusterLevel(1, anchors.field.length > 0)).toBe('topic');
    expect([0, 1, 2, 3].map((id) => model.communityColor(id))).toEqual([0, 1, 2, 3].map(communityColor));
  });
});

describe('map labels per topic', () => {
  it('labels the first concepts of every topic, before stronger concepts of bigger topics', () => {
    const { graph, communities } = createSyntheticGraph({ concepts: 600, papers: 80, communities: 8, seed: 4 });
    const model = createModel(createViewerData(readSerializedGraph(graph), communities));
    const display = createDisplayGraph(model);
    const labelled: { index: number; size: number; community: number }[] = [];
    const unlabelled: { size: number }[] = [];
    display.forEachNode((_, a) => {
      if (a.label === null) unlabelled.push(a);
      else labelled.push(a);
      // The full name stays for hover and selection.
      expect(a.name).toBe(model.data.concepts.label[a.index]);
    });
    for (const c of model.data.communities) {
      const own = labelled.filter((n) => n.community === c.id);
      expect(own.length).toBe(Math.min(c.size, labelQuota(c.size)));
      expect(own.map((n) => model.topicRank[n.index])).toContain(0);
    }
    // Not a global cut by size: some labelled concept is smaller than some unlabelled one.
    const smallestLabelled = Math.min(...labelled.map((n) => n.size));
    expect(unlabelled.some((n) => n.size > smallestLabelled)).toBe(true);
  });
});
