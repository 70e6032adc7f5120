"""Tests for actorgraph.text: the matching keys of names in English and Arabic."""

from __future__ import annotations

import pytest
from actorgraph.text import normalise, strip_article, vocab_key
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("IRAN", "Iran"),
        ("ＩＲＡＮ", "Iran"),  # full-width letters (NFKC)
        ("al-Assad", "al Assad"),
        ("al_assad", "Al  Assad"),
        ("“al-Assad”", "al assad"),
        ("Erdogan", "Erdoğan"),
        ("إيران", "ايران"),  # alef with hamza below
        ("أنقرة", "انقره"),  # alef with hamza above, taa marbuta
        ("آل الأسد", "ال الاسد"),  # alef madda
        ("ٱلشام", "الشام"),  # alef wasla
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("هيئة تحرير الشام", "هَيْئَة تَحْرِير الشّام"),  # harakat and shadda
        ("الحكومة", "الحكـــومة"),  # tatweel
        ("کیان", "كيان"),  # Persian keheh and yeh
        ("الفرقة ٢٥", "الفرقة 25"),  # Arabic-Indic digits
    ],
)
def test_spellings_of_one_name_share_a_key(typed: str, stored: str) -> None:
    assert normalise(typed) == normalise(stored)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Iran", "Iraq"), ("حلب", "حلف"), ("al assad", "alassad"), ("US", "UN")],
)
def test_different_names_keep_different_keys(one: str, other: str) -> None:
    assert normalise(one) != normalise(other)


def test_separators_collapse_to_single_spaces_and_ends_are_trimmed() -> None:
    assert normalise("  Hay'at -- Tahrir\t al-Sham،  ") == "hay at tahrir al sham"


def test_the_article_is_kept_by_normalise_and_removed_by_strip_article() -> None:
    key = normalise("الحكومة السورية")
    assert key == "الحكومه السوريه"
    assert strip_article(key) == "حكومه سوريه"
    assert strip_article(normalise("حكومة سورية")) == strip_article(key)


def test_strip_article_leaves_short_words_and_latin_text_alone() -> None:
    assert strip_article("ال") == "ال"
    assert strip_article("الفا") == "الفا"  # "alpha": would leave two letters
    assert strip_article("al sham") == "al sham"


def test_vocab_key_ignores_case_hyphens_and_underscores() -> None:
    assert vocab_key("talks-to") == vocab_key("TalksTo") == vocab_key("talks_to") == "talksto"
    assert vocab_key("armed group") == vocab_key("ArmedGroup")


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text())
def test_normalise_leaves_no_edge_or_double_spaces(text: str) -> None:
    key = normalise(text)
    assert key == key.strip()
    assert "  " not in key
