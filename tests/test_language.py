"""Clearly non-English articles are flagged with a warning; English ones, even short, are not."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.ingest import load_articles
from summarizer.ingest.language import (
    MIN_ENGLISH_SHARE,
    english_share,
    english_stop_words,
    looks_english,
)

# Paragraphs written for these tests, on the seeds' story, in the style of a news report.
GERMAN = (
    "Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes weitere Soldaten nach "
    "Russland geschickt. Die Truppen sollen in der Region Kursk eingesetzt werden, wo sie "
    "schwere Verluste erlitten haben. Nach Schätzungen westlicher Regierungen wurden "
    "mindestens dreihundert Soldaten getötet und etwa zweitausendsiebenhundert verwundet. "
    "Pjöngjang liefert außerdem Artilleriegranaten und ballistische Raketen, im Gegenzug "
    "erhält das Regime militärische Technologie und Devisen aus Moskau."
)
FRENCH = (
    "La Corée du Nord a envoyé plusieurs milliers de soldats supplémentaires en Russie, selon "
    "les services de renseignement sud-coréens. Ces troupes combattent dans la région de "
    "Koursk, où elles ont subi de lourdes pertes. D'après les estimations occidentales, environ "
    "trois cents soldats ont été tués et près de deux mille sept cents blessés. Pyongyang "
    "fournit aussi des obus d'artillerie et des missiles balistiques, et reçoit en échange une "
    "aide technologique et des devises de Moscou."
)
SPANISH = (
    "Corea del Norte ha enviado miles de soldados adicionales a Rusia, según los servicios de "
    "inteligencia de Corea del Sur. Las tropas luchan en la región de Kursk, donde han sufrido "
    "grandes pérdidas. Según las estimaciones occidentales, unos trescientos soldados han "
    "muerto y cerca de dos mil setecientos han resultado heridos. Pyongyang también suministra "
    "proyectiles de artillería y misiles balísticos, y a cambio recibe tecnología militar y "
    "divisas de Moscú."
)
JAPANESE = (
    "韓国の情報機関によると、北朝鮮はロシアに数千人の兵士を追加で派遣した。"
    "部隊はクルスク州で戦闘に参加しており、大きな損害を受けているという。"
    "西側の推計では、約三百人が死亡し、約二千七百人が負傷した。"
    "北朝鮮は砲弾や弾道ミサイルも供給しており、その見返りとしてロシアから軍事技術や外貨を"
    "受け取っているとみられる。専門家は、この協力関係が朝鮮半島の安全保障に深刻な影響を"
    "及ぼす可能性があると警告している。"
)
SHORT_ENGLISH = "North Korea sent 3,000 more troops to Russia, Seoul said on Tuesday."
NOT_ENGLISH = "does not look like English text; results will be poor."
ENGLISH_HEADLINES = (
    "Kursk offensive: Pyongyang troops, KN-23 missiles, 170mm Koksan guns, MLRS launchers\n"
    "Seoul intelligence: 300 killed, 2,700 wounded; Kyiv: 4,000 casualties"
)


@pytest.mark.parametrize("text", [GERMAN, FRENCH, SPANISH, JAPANESE])
def test_other_languages_are_not_english(text: str) -> None:
    share, _ = english_share(text)
    assert share < MIN_ENGLISH_SHARE
    assert not looks_english(text)


def test_the_english_seeds_are_english(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.iterdir()):
        text = path.read_text(encoding="utf-8")
        share, letters = english_share(text)
        assert letters > 1000 and share > 2 * MIN_ENGLISH_SHARE, path.name
        assert looks_english(text)


@pytest.mark.parametrize("text", [SHORT_ENGLISH, ENGLISH_HEADLINES, "", "2025-03-27 11,000"])
def test_short_english_does_not_false_alarm(text: str) -> None:
    assert looks_english(text)


def test_one_letter_words_do_not_make_portuguese_english() -> None:
    # "a", "e" and "o" are English stop words in sumy's list, and common Portuguese words.
    text = (
        "O governo da Coreia do Norte enviou mais soldados e a Rússia recebeu o apoio, e o "
        "conflito continua a crescer na região de Kursk, e a população sofre com o inverno. "
    ) * 3
    assert not looks_english(text)


def test_stop_words_are_the_ones_the_pipeline_uses() -> None:
    from summarizer.vectors import stop_words

    assert english_stop_words() == stop_words()
    assert {"the", "and", "of", "which"} <= english_stop_words()


def _copy_seeds(seeds_dir: Path, target: Path, count: int) -> None:
    target.mkdir()
    for path in sorted(seeds_dir.iterdir())[:count]:
        shutil.copy(path, target / path.name)


def test_load_articles_warns_about_each_non_english_article(
    seeds_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    _copy_seeds(seeds_dir, folder, 2)
    (folder / "de_bericht.txt").write_text(GERMAN + "\n\n" + GERMAN, encoding="utf-8")
    (folder / "ja_kiji.md").write_text("---\ntitle: 北朝鮮\n---\n" + JAPANESE, encoding="utf-8")
    (folder / "short.txt").write_text(SHORT_ENGLISH, encoding="utf-8")
    articles, warnings = load_articles(folder)
    assert [a.id for a in articles] == ["000", "001", "de", "ja", "short"]
    assert warnings == (
        f"de ({folder / 'de_bericht.txt'}) {NOT_ENGLISH}",
        f"ja ({folder / 'ja_kiji.md'}) {NOT_ENGLISH}",
    )


def test_english_seeds_load_without_warnings(seeds_dir: Path) -> None:
    assert load_articles(seeds_dir)[1] == ()


def test_the_warning_reaches_the_briefing(seeds_dir: Path, tmp_path: Path) -> None:
    from summarizer import brief, render_briefing

    folder = tmp_path / "news"
    _copy_seeds(seeds_dir, folder, 1)
    (folder / "fr.txt").write_text(FRENCH + "\n\n" + SPANISH, encoding="utf-8")
    briefing = brief(folder)
    assert briefing.warnings == (f"fr ({folder / 'fr.txt'}) {NOT_ENGLISH}",)
    assert "does not look like English text" in render_briefing(briefing)


def _share_by_lists(text: str) -> tuple[float, int]:
    """english_share written plainly (a list per step), to check the one-pass version."""
    stop = english_stop_words()
    words = [w.lower().replace("’", "'") for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text)]
    letters = sum(len(w) for w in words)
    words = [w for w in words if len(w) > 1]
    if not words:
        return 0.0, letters
    return sum(w in stop for w in words) / len(words), letters


@pytest.mark.parametrize(
    "text", ["", "a e o y", "İstanbul İİ is the city", "Don’t stop, it's the end", GERMAN]
)
def test_english_share_counts_as_the_plain_definition(text: str) -> None:
    assert english_share(text) == _share_by_lists(text)


@given(st.text(alphabet="abcİthe’' .\u0130xyzДа日本", max_size=60))
def test_english_share_counts_as_the_plain_definition_on_any_text(text: str) -> None:
    assert english_share(text) == _share_by_lists(text)
