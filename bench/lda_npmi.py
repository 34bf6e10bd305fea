"""LDA baseline for bench/graph-quality.mjs: topic coherence (NPMI) of gensim LDA topics.

Reads JSON on stdin: {"docs": [text, ...], "topics": K, "seed": S}. Tokenises simply (lower
case, words of letters, digits and inner hyphens, at least 3 characters, gensim's stop words
dropped), fits gensim's LdaModel with K topics and a fixed seed, and prints JSON: each topic's
top 10 words and their NPMI over the same documents (document-level co-occurrence; a pair that
never co-occurs counts as -1), and the mean over topics. The same NPMI as the bench computes for
the communities' first 10 concepts, so the two compare.
"""
import json
import math
import re
import sys

from gensim.corpora import Dictionary
from gensim.models import LdaModel
from gensim.parsing.preprocessing import STOPWORDS

TOKEN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def tokenise(text):
    return [t for t in TOKEN.findall(text.lower()) if len(t) >= 3 and t not in STOPWORDS]


def npmi(words, doc_sets):
    """Mean NPMI over the pairs of `words`, by document-level co-occurrence."""
    n = len(doc_sets)
    df = {w: sum(1 for d in doc_sets if w in d) for w in words}
    scores = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            joint = sum(1 for d in doc_sets if a in d and b in d)
            if joint == 0:
                scores.append(-1.0)
                continue
            p_ab = joint / n
            if p_ab == 1:
                scores.append(1.0)
                continue
            scores.append(math.log(p_ab / ((df[a] / n) * (df[b] / n))) / -math.log(p_ab))
    return sum(scores) / len(scores) if scores else None


def main():
    request = json.load(sys.stdin)
    docs = [tokenise(text) for text in request["docs"]]
    k = int(request["topics"])
    seed = int(request.get("seed", 42))
    dictionary = Dictionary(docs)
    # Words in fewer than 3 documents or in more than half of them are no topic words.
    dictionary.filter_extremes(no_below=3, no_above=0.5, keep_n=None)
    corpus = [dictionary.doc2bow(d) for d in docs]
    lda = LdaModel(
        corpus,
        id2word=dictionary,
        num_topics=k,
        random_state=seed,
        passes=int(request.get("passes", 5)),
        iterations=100,
        chunksize=2000,
        alpha="auto",
        eta="auto",
    )
    doc_sets = [set(d) for d in docs]
    topics = []
    for t in range(k):
        words = [w for w, _ in lda.show_topic(t, topn=10)]
        topics.append({"words": words, "npmi": npmi(words, doc_sets)})
    scored = [t["npmi"] for t in topics if t["npmi"] is not None]
    json.dump({"npmi": sum(scored) / len(scored) if scored else None, "topics": topics}, sys.stdout)


if __name__ == "__main__":
    main()
