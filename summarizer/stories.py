"""Stories: group a mixed pile of articles into the real-world events they report.

Articles in, frozen ``Story`` records out. An article is represented by what identifies an event
(TF-IDF of its title and lead above its body, its capitalised names and places, its numbers, plus
a latent-semantic view so that synonyms meet); candidate pairs come from blocked sparse products
within a cosine radius, or (in large piles) standing significantly above both articles' similarity
to the rest of the pile, or among each other's nearest neighbours; average linkage (scikit-learn)
runs exactly inside each connected block of candidates (scipy). Publication dates, when known,
lower the similarity of articles far apart in time. No dense N x N matrix is ever built for the
whole pile.
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix, hstack
from scipy.sparse.csgraph import connected_components
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from . import embeddings
from .models import Article, Sentence
from .segment import segment
from .vectors import content_terms, stem, stop_words

# A run of capitalised words, allowing the lower-case particles of names ("Bank of England").
_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|de|del|van|von|al|bin|da))*")
SEARCH_ROWS = 512  # rows per blocked product: 512 x N float64 (40 MB at N = 10,000)
_NUMBER = re.compile(r"\d[\d,.]*")
# A date in a news URL's path: /2021/10/14/, /2021-10-14-slug, /20211014/ or /2021/10/.
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)[/-]?(?P<month>0[1-9]|1[0-2])"
    r"(?:[/-]?(?P<day>0[1-9]|[12]\d|3[01]))?(?=[/_.-])"
)


@dataclass(frozen=True)
class Settings:
    """The grouping's constants, read from summarizer/data/stories.toml."""

    lead_words: int
    weights: tuple[float, float, float, float]  # title+lead, body, names, numbers
    lsa_components: int
    lsa_share: float
    lsa_sample: int
    embedding_share: float  # share of the similarity from the text embedding (latent piles)
    embedding_words: int  # the embedded text: title and this many words (0: the whole text)
    linkage: str
    threshold: float  # with the latent space
    significance: float  # z-score at which a pair is one story below the threshold (0: never)
    reciprocal: int  # pairs among each other's this many nearest neighbours are pulled (0: never)
    reciprocal_reach: float  # ... when within this cosine distance (pulled to the threshold)
    threshold_words: float  # words only: piles too small for the latent space
    max_block: int
    grace_days: float
    scale_days: float
    mixed_min_articles: int
    mixed_sample: int
    mixed_threshold: float


@cache
def settings() -> Settings:
    """The shipped settings."""
    text = resources.files("summarizer").joinpath("data/stories.toml").read_text("utf-8")
    data = tomllib.loads(text)
    features, lsa, clustering, dates = (
        data["features"],
        data["lsa"],
        data["clustering"],
        data["dates"],
    )
    return Settings(
        lead_words=int(features["lead_words"]),
        weights=tuple(float(features[k]) for k in ("title_lead", "body", "names", "numbers")),  # type: ignore[arg-type]
        lsa_components=int(lsa["components"]),
        lsa_share=float(lsa["share"]),
        lsa_sample=int(lsa["sample"]),
        embedding_share=float(data["embedding"]["share"]),
        embedding_words=int(data["embedding"]["words"]),
        linkage=str(clustering["linkage"]),
        threshold=float(clustering["threshold"]),
        significance=float(clustering["significance"]),
        reciprocal=int(clustering["reciprocal"]),
        reciprocal_reach=float(clustering["reciprocal_reach"]),
        threshold_words=float(clustering["threshold_words"]),
        max_block=int(clustering["max_block"]),
        grace_days=float(dates["grace_days"]),
        scale_days=float(dates["scale_days"]),
        mixed_min_articles=int(data["mixed"]["min_articles"]),
        mixed_sample=int(data["mixed"]["sample"]),
        mixed_threshold=float(data["mixed"]["threshold"]),
    )


@dataclass(frozen=True)
class StorySource:
    """One article's place in a story."""

    id: str
    path: str
    outlet: str | None
    date: str | None
    confidence: float  # see ``group_stories``


@dataclass(frozen=True)
class Story:
    """Articles that report the same real-world event."""

    id: str
    title: str
    dates: tuple[str | None, str | None]  # first and last known publication date
    sources: tuple[StorySource, ...]  # in input order
    central: str  # id of the member most similar to the others (its title is the story's)

    @property
    def outlets(self) -> tuple[str, ...]:
        """Distinct known outlets, in source order."""
        return tuple(dict.fromkeys(s.outlet for s in self.sources if s.outlet))


@dataclass(frozen=True)
class Grouping:
    """Every input article in exactly one story; largest stories first."""

    stories: tuple[Story, ...]


# --- features -------------------------------------------------------------------------------


def article_text(article: Article) -> str:
    """The article's content lines (page furniture dropped), one per line."""
    return "\n".join(
        article.body[line.start : line.end] for line in article.lines if line.furniture is None
    )


def names(text: str) -> list[str]:
    """Stems of capitalised names and places, and of adjacent pairs of them ("new_york")."""
    stop = stop_words()
    found: list[str] = []
    for match in _NAME.finditer(text):
        words = [w.strip(".'’-") for w in match.group().split()]
        stems = [stem(w) for w in words if w and w.lower() not in stop]
        found.extend(stems)
        found.extend(f"{a}_{b}" for a, b in itertools.pairwise(stems))
    return found


def numbers(text: str) -> list[str]:
    """Numbers as written, without thousands separators ("11,000" -> "11000")."""
    return [m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)]


@dataclass(frozen=True)
class ArticleTerms:
    """The per-article stage: an article's tokens, one list per feature block."""

    title_lead: list[str]
    body: list[str]
    names: list[str]
    numbers: list[str]
    tokens: list[int]  # the embedding's token ids of the title and text (``embeddings``)


# Maps the per-article stage over the articles, keeping their order: the built-in ``map`` locally,
# or a distributed engine's map (see ``summarizer.distributed``).
Mapper = Callable[[Callable[[Article], ArticleTerms], Sequence[Article]], Iterable[ArticleTerms]]


def _local_map(
    function: Callable[[Article], ArticleTerms], articles: Sequence[Article]
) -> list[ArticleTerms]:
    return [function(article) for article in articles]


def article_terms(article: Article, lead_words: int, embedding_words: int = 0) -> ArticleTerms:
    """Tokenise one article: title and lead, whole text, names and numbers, and the embedding's
    tokens of the title and the first ``embedding_words`` words (0: all; -1: none)."""
    text = article_text(article)
    title = article.title or ""
    body = content_terms(text)
    headed = f"{title}\n{text}"
    # The lead counts content words, so that a dateline or a short first line does not eat it.
    lead = content_terms(title) + body[:lead_words]
    if embedding_words < 0:
        tokens: list[int] = []
    elif embedding_words == 0:
        tokens = embeddings.token_ids(headed)
    else:
        tokens = embeddings.token_ids(f"{title}\n{' '.join(text.split()[:embedding_words])}")
    return ArticleTerms(lead, body, names(headed), numbers(headed), tokens)


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _tfidf(documents: list[list[str]]) -> csr_matrix:
    """L2-normalised TF-IDF rows (sublinear tf) of pre-tokenised documents."""
    if not any(documents):
        return csr_matrix((len(documents), 1))
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float64)
    return vectorizer.fit_transform(documents).tocsr()


def uses_latent(count: int, config: Settings) -> bool:
    """Whether a pile of ``count`` articles is large enough for the latent space.

    With fewer articles than dimensions the latent space keeps every dot product, so it would
    change nothing; such piles are grouped on words alone, with their own threshold.
    """
    return config.lsa_share > 0 and count > config.lsa_components + 1


def article_vectors(
    articles: Sequence[Article], config: Settings | None = None, mapper: Mapper | None = None
) -> csr_matrix:
    """One unit-length sparse row per article; the dot product of two rows is their similarity."""
    config = config or settings()
    embedded = config.embedding_share > 0 and uses_latent(len(articles), config)
    stage = functools.partial(
        article_terms,
        lead_words=config.lead_words,
        embedding_words=config.embedding_words if embedded else -1,
    )
    terms = list((mapper or _local_map)(stage, articles))
    fields = ("title_lead", "body", "names", "numbers")
    blocks = [
        _tfidf([getattr(t, field) for t in terms]) * np.sqrt(weight)
        for field, weight in zip(fields, config.weights, strict=True)
        if weight > 0
    ]
    words = normalize(hstack(blocks).tocsr())
    if not uses_latent(len(articles), config):
        return words
    # Terms of a single article co-occur with nothing, so the latent space leaves them out.
    shared = np.flatnonzero(np.diff(words.tocsc().indptr) >= 2)
    if len(shared) <= config.lsa_components:
        return words
    svd = TruncatedSVD(config.lsa_components, algorithm="randomized", n_iter=4, random_state=0)
    # The space is learnt from an evenly spaced sample of at most lsa_sample articles, which
    # bounds its cost on big piles; smaller piles use every article.
    stride = -(-words.shape[0] // config.lsa_sample)
    svd.fit(words[::stride][:, shared])
    latent = normalize(svd.transform(words[:, shared]))
    share = config.lsa_share
    blocks = [words * np.sqrt(1 - share), csr_matrix(latent) * np.sqrt(share)]
    if embedded:
        # Meaning beyond the pile's own words: a pretrained text embedding, as one more block.
        # Its rows are unit length too, so the dot product blends the two cosines by share.
        meaning = embeddings.embed_ids([t.tokens for t in terms]).astype(np.float64)
        blocks = [block * np.sqrt(1 - config.embedding_share) for block in blocks]
        blocks.append(csr_matrix(meaning) * np.sqrt(config.embedding_share))
    return normalize(hstack(blocks).tocsr())


def publication_day(article: Article) -> float:
    """The article's date as a day number: its own date, else one in its URL path
    ("/2021/10/14/", "/2021-10-14-", "/2021/10/": mid-month), else NaN (unknown)."""
    iso = article.date
    if not iso and article.url and (match := _URL_DATE.search(article.url)):
        iso = f"{match['year']}-{match['month']}-{match['day'] or '15'}"
    try:
        return float(date.fromisoformat(iso).toordinal()) if iso else np.nan
    except ValueError:
        return np.nan


def date_factor(days: np.ndarray, config: Settings, others: np.ndarray | None = None) -> np.ndarray:
    """Factors in (0, 1] between ``days`` and ``others`` (default: themselves): 1 within the grace
    period or when a date is unknown."""
    gap = np.abs(days[:, None] - (days if others is None else others)[None, :])
    excess = np.maximum(np.nan_to_num(gap, nan=0.0) - config.grace_days, 0.0)
    return np.exp(-excess / config.scale_days)


# --- clustering -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """Each article's place in the pile: its mean and spread of (date-weighted) similarity to the
    rest, and which articles are its reciprocal nearest neighbours.

    A pair whose similarity stands ``significance`` standard deviations above what its two
    articles share with the rest of the pile is taken as one story even below the threshold; so
    is a reciprocal pair (each among the other's ``reciprocal`` nearest) within ``reach``.
    """

    mean: np.ndarray
    spread: np.ndarray
    significance: float  # 0: the z-score rule is off
    reciprocal: csr_matrix  # symmetric 0/1: reciprocal nearest neighbours within reach
    reach: float

    def rows(self, rows: list[int]) -> Standing:
        return Standing(
            self.mean[rows],
            self.spread[rows],
            self.significance,
            self.reciprocal[rows][:, rows],
            self.reach,
        )

    def zscores(self, similarity: np.ndarray, rows: slice | list[int]) -> np.ndarray:
        """z-scores of a block of similarities: ``rows`` against every article of the pile."""
        centre = (self.mean[rows][:, None] + self.mean[None, :]) / 2
        return (similarity - centre) / np.sqrt(np.outer(self.spread[rows], self.spread))


def _similarity_rows(vectors: csr_matrix) -> Iterator[tuple[int, np.ndarray]]:
    """(first row, dense similarities of SEARCH_ROWS rows to all rows), block after block.

    Columns filled in most rows (the latent dimensions) are multiplied as dense arrays, the rest
    as sparse ones; never one N x N matrix.
    """
    count = vectors.shape[0]
    columns = vectors.tocsc()
    filled = np.diff(columns.indptr) > count // 2
    dense = columns[:, np.flatnonzero(filled)].toarray()
    sparse = columns[:, np.flatnonzero(~filled)].tocsr()
    sparse_t = sparse.T.tocsr()
    for start in range(0, count, SEARCH_ROWS):
        stop = min(start + SEARCH_ROWS, count)
        yield start, (sparse[start:stop] @ sparse_t).toarray() + dense[start:stop] @ dense.T


def nearest_neighbours(similarity: np.ndarray, start: int, count: int) -> np.ndarray:
    """Column indices of each row's ``count`` most similar other articles (in no set order);
    ``similarity`` holds rows ``start``, ``start + 1``, ... against every article of the pile."""
    others = similarity.copy()
    others[np.arange(len(others)), np.arange(start, start + len(others))] = -np.inf
    return np.argpartition(-others, count - 1, axis=1)[:, :count]


def reciprocal_pairs(neighbours: np.ndarray, nearness: np.ndarray, reach: float) -> csr_matrix:
    """Symmetric 0/1 matrix of the pairs that are among each other's nearest ``neighbours``
    (one row of indices per article, ``nearness`` their similarities) within cosine ``reach``."""
    count, per_row = neighbours.shape
    rows = np.repeat(np.arange(count), per_row)
    near = nearness.ravel() >= 1.0 - reach - 1e-9
    ranked = csr_matrix(
        (np.ones(near.sum(), dtype=np.int8), (rows[near], neighbours.ravel()[near])),
        shape=(count, count),
    )
    return ranked.multiply(ranked.T).tocsr()


def standing(vectors: csr_matrix, days: np.ndarray, config: Settings) -> Standing:
    """Every article's mean and standard deviation of similarity to all the others, and its
    reciprocal nearest neighbours."""
    count = vectors.shape[0]
    total, squares = np.zeros(count), np.zeros(count)
    per_row = min(config.reciprocal, count - 1)
    neighbours = np.zeros((count, max(per_row, 0)), dtype=np.int64)
    nearness = np.zeros(neighbours.shape)
    for start, similarity in _similarity_rows(vectors):
        stop = start + len(similarity)
        similarity *= date_factor(days[start:stop], config, days)
        if per_row > 0:
            neighbours[start:stop] = nearest_neighbours(similarity, start, per_row)
            nearness[start:stop] = np.take_along_axis(similarity, neighbours[start:stop], axis=1)
        total[start:stop] = similarity.sum(axis=1) - 1.0  # less itself (similarity 1)
        squares[start:stop] = (similarity**2).sum(axis=1) - 1.0
    others = max(count - 1, 1)
    mean = total / others
    spread = np.sqrt(np.maximum(squares / others - mean**2, 1e-12))
    reciprocal = reciprocal_pairs(neighbours, nearness, config.reciprocal_reach)
    return Standing(mean, spread, config.significance, reciprocal, config.reciprocal_reach)


def _candidate_blocks(
    vectors: csr_matrix, days: np.ndarray, config: Settings, radius: float, stand: Standing | None
) -> np.ndarray:
    """Block label per article: connected components of the candidate pairs, those within cosine
    ``radius`` or (with ``stand``) significantly similar or reciprocal neighbours within reach.

    Average linkage at threshold ``radius`` never merges two groups with no such pair, and the
    date factor only lowers similarity, so clustering each block on its own gives exactly the
    result of clustering the whole pile at once.
    """
    count = vectors.shape[0]
    floor = 1.0 - radius - 1e-9  # rows are unit length: similarity = 1 - cosine distance
    rows, cols = [], []
    for start, similarity in _similarity_rows(vectors):
        near = similarity >= floor
        if stand is not None and stand.significance > 0:
            stop = start + len(similarity)
            weighted = similarity * date_factor(days[start:stop], config, days)
            # The same slack as ``floor``: the block's own products may round differently.
            near |= stand.zscores(weighted, slice(start, stop)) >= stand.significance - 1e-9
        near_rows, near_cols = np.nonzero(near)
        rows.append(near_rows + start)
        cols.append(near_cols)
    if stand is not None:
        reciprocal = stand.reciprocal.tocoo()
        rows.append(reciprocal.row)
        cols.append(reciprocal.col)
    edges = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(len(edges[0]), dtype=np.int8), edges), shape=(count, count))
    return connected_components(graph.tocsr(), directed=False)[1]


# Linkages whose merge distance never exceeds the largest distance between the merged articles.
MERGE_WITHIN_LARGEST = frozenset({"average", "complete", "single"})


def _cluster_block(
    vectors: csr_matrix,
    days: np.ndarray,
    config: Settings,
    threshold: float,
    stand: Standing | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Labels and the (date-weighted) similarity matrix of one block of candidates."""
    similarity = (vectors @ vectors.T).toarray() * date_factor(days, config)
    if len(days) < 2:
        return np.zeros(len(days), dtype=int), similarity
    distance = np.clip(1.0 - similarity, 0.0, None)
    if stand is not None and stand.significance > 0:
        # A significant pair counts as near: at z = significance it sits at the threshold, at
        # twice that at distance 0 (the same units, so that average linkage can mix the two).
        centre = (stand.mean[:, None] + stand.mean[None, :]) / 2
        z = (similarity - centre) / np.sqrt(np.outer(stand.spread, stand.spread))
        relative = threshold * np.clip(2.0 - z / stand.significance, 0.0, None)
        distance = np.minimum(distance, relative)
    if stand is not None and stand.reciprocal.nnz:
        # Reciprocal neighbours are pulled in proportion: at the reach they sit at the threshold.
        # One pulled pair alone cannot merge two groups: average linkage weighs all their pairs.
        pulled = stand.reciprocal.toarray() > 0
        distance = np.where(pulled, distance * (threshold / stand.reach), distance)
    np.fill_diagonal(distance, 0.0)
    if config.linkage in MERGE_WITHIN_LARGEST and distance.max() < threshold * (1 - 1e-9):
        # Every pair is nearer than the threshold, and no merge of these linkages is farther than
        # the farthest pair: the block is one group, as scikit-learn would find, without importing
        # its clustering (0.2 s of a small brief). A hair below the threshold, so rounding inside
        # the linkage cannot decide otherwise.
        return np.zeros(len(days), dtype=int), similarity
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage=config.linkage,
        distance_threshold=threshold,
    )
    return model.fit_predict(distance), similarity


_Group = tuple[list[int], np.ndarray, float]


def _cluster(
    vectors: csr_matrix,
    days: np.ndarray,
    config: Settings,
    threshold: float,
    stand: Standing | None = None,
) -> list[_Group]:
    """Groups of row indices, each with its similarity matrix and its highest similarity outside."""
    groups: list[_Group] = []
    blocks = _candidate_blocks(vectors, days, config, threshold, stand)
    for block in _in_first_seen_order(blocks):
        inner_stand = None if stand is None else stand.rows(block)
        if len(block) > config.max_block and threshold > 0.05:
            # A block too large to cluster exactly is split by a stricter radius and significance
            # (documented approximation; it does not happen on the development corpora).
            if inner_stand is not None:
                inner_stand = replace(inner_stand, significance=inner_stand.significance / 0.8)
            inner = _cluster(vectors[block], days[block], config, threshold * 0.8, inner_stand)
            groups.extend(([block[i] for i in g], sim, out) for g, sim, out in inner)
            continue
        labels, similarity = _cluster_block(
            vectors[block], days[block], config, threshold, inner_stand
        )
        for label in _in_first_seen_order(labels):
            outside = np.delete(similarity[label], label, axis=1)
            groups.append(
                (
                    [block[i] for i in label],
                    similarity[np.ix_(label, label)],
                    outside.max(initial=0.0),
                )
            )
    return groups


def _in_first_seen_order(labels: np.ndarray) -> list[list[int]]:
    """Indices per label, labels ordered by their first index (so input order decides ties)."""
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(index)
    return list(members.values())


# --- stories --------------------------------------------------------------------------------


def group_stories(
    articles: Sequence[Article], config: Settings | None = None, mapper: Mapper | None = None
) -> Grouping:
    """Group articles into stories; every article lands in exactly one.

    ``mapper`` runs the per-article stage (tokenising) elsewhere, e.g. on a Dask cluster; the
    grouping itself runs here, and the result does not depend on where the stage ran.

    A member's confidence is its mean similarity to the story's other members; a single-source
    story's is 1 minus its highest similarity to any other article in its candidate block.
    """
    config = config or settings()
    if not articles:
        return Grouping(())
    vectors = article_vectors(articles, config, mapper)
    days = np.array([publication_day(a) for a in articles])
    latent = uses_latent(len(articles), config)
    threshold = config.threshold if latent else config.threshold_words
    # Significance and neighbours are measured against the pile, so only piles large enough for
    # the latent space (where they were chosen) use them; in small piles no pair can stand that
    # far out anyway, and every article would be everyone's neighbour.
    relative = config.significance > 0 or config.reciprocal > 0
    stand = standing(vectors, days, config) if latent and relative else None
    found = [
        (members[0], _story(articles, members, similarity, outside))
        for members, similarity, outside in _cluster(vectors, days, config, threshold, stand)
    ]
    # Largest first; then earliest (unknown dates last); then input order.
    found.sort(key=lambda item: (-len(item[1].sources), item[1].dates[0] or "~", item[0]))
    stories = [story for _, story in found]
    width = max(3, len(str(len(stories))))
    return Grouping(
        tuple(
            Story(f"s{n:0{width}d}", s.title, s.dates, s.sources, s.central)
            for n, s in enumerate(stories, 1)
        )
    )


def _story(
    articles: Sequence[Article], members: list[int], similarity: np.ndarray, outside: float
) -> Story:
    size = len(members)
    if size == 1:
        confidence = np.array([1.0 - outside])
        central = 0
    else:
        others = (similarity.sum(axis=1) - np.diag(similarity)) / (size - 1)
        confidence = np.clip(others, 0.0, 1.0)
        central = int(np.argmax(others))
    sources = tuple(
        StorySource(
            id=articles[i].id,
            path=articles[i].path,
            outlet=articles[i].outlet,
            date=articles[i].date,
            confidence=round(float(np.clip(c, 0.0, 1.0)), 3),
        )
        for i, c in zip(members, confidence, strict=True)
    )
    known = sorted(s.date for s in sources if s.date)
    dates = (known[0], known[-1]) if known else (None, None)
    lead = articles[members[central]]
    return Story("", story_title(lead), dates, sources, lead.id)


def story_title(article: Article) -> str:
    """The article's title, or else its first line of text (cut to 100 characters)."""
    if article.title:
        return article.title
    first = next((line for line in article_text(article).split("\n") if line.strip()), "")
    first = " ".join(first.split())
    return first if len(first) <= 100 else first[:99].rstrip() + "…"


def lead_sentence(article: Article) -> Sentence | None:
    """The article's first sentence of content (not page furniture), or None."""
    return next((s for s in segment(article) if s.furniture is None), None)


def looks_mixed(
    articles: Sequence[Article],
    sentence_terms: Sequence[Sequence[Sequence[str]]] | None = None,
    config: Settings | None = None,
) -> str | None:
    """A note when a pile meant for one briefing clearly holds several stories, else None.

    Cheap enough to run on every ``brief``: words only (title and lead, whole text), from the
    content terms of each article's sentences that ``brief`` has already computed when given,
    on at most ``[mixed] sample`` evenly spaced articles. Its threshold is looser than the
    grouping's, so that one story told in varied words is not taken for several.
    """
    config = config or settings()
    count = len(articles)
    if count < config.mixed_min_articles:
        return None
    picked = np.linspace(0, count - 1, min(count, config.mixed_sample)).round().astype(int).tolist()
    if sentence_terms is None:
        bodies = {i: content_terms(article_text(articles[i])) for i in picked}
    else:
        bodies = {i: [t for sentence in sentence_terms[i] for t in sentence] for i in picked}
    # An article with no text (only page furniture) is noted by brief itself, not counted here.
    body = [terms for terms in bodies.values() if terms]
    if len(body) < config.mixed_min_articles:
        return None
    lead = [
        content_terms(articles[i].title or "") + terms[: config.lead_words]
        for i, terms in bodies.items()
        if terms
    ]
    weights = config.weights[:2]
    vectors = normalize(
        hstack([_tfidf(lead) * np.sqrt(weights[0]), _tfidf(body) * np.sqrt(weights[1])]).tocsr()
    )
    no_dates = np.full(len(body), np.nan)
    sizes = sorted(len(g[0]) for g in _cluster(vectors, no_dates, config, config.mixed_threshold))
    checked, largest = len(body), sizes[-1]
    # Clearly mixed: no group holds most of the pile, or other groups of two or more articles
    # hold a third of it (a stray article or two beside one story is not a mixed pile).
    others = sum(size for size in sizes[:-1] if size >= 2)
    if largest * 2 > checked and others * 3 < checked:
        return None
    if checked < count:
        found = f"several separate stories ({len(sizes)} among {checked} evenly sampled; "
    else:
        found = f"{len(sizes)} separate stories ("
    return (
        f"These {count} articles look like {found}the largest has {largest});"
        " comparing them as one story is misleading."
        " Run `summarizer stories` to group them and brief each story."
    )
