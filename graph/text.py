"""Text normalisation for matching names typed by a user against labels in the graph.

People type "hts", "Hay'at Tahrir al-Sham", "هيئة تحرير الشام" or "هيئه تحرير الشام" for
the same actor. :func:`normalise` maps all the spellings that should match onto one key:

- Unicode NFKC, then case folding;
- Arabic diacritics (harakat U+064B-U+065F, superscript alef U+0670 and the Quranic
  annotation marks) and tatweel (U+0640) are removed;
- every other combining mark goes too, so Latin accents drop ("Erdoğan" is "erdogan")
  and hamza on waw or yeh drops (ؤ is و, ئ is ي);
- alef forms أ إ آ ٱ become ا, alef maqsura ى becomes ي, taa marbuta ة and haa ه are
  both written ه; Persian yeh ی and keheh ک become ي and ك, and Arabic-Indic digits
  become ASCII digits;
- punctuation (hyphens, underscores, quotes, dots, Arabic commas ...) and runs of
  whitespace become single spaces, trimmed at both ends.

The Arabic definite article is *not* removed by :func:`normalise`, so an exact match
stays exact. :func:`strip_article` makes the looser form ("الحكومة" and "حكومة" alike)
that callers may try as a fallback after the exact form.

Nor are clitics removed: Arabic writes "and", "so", "in/with", "to/for" and "like" as
letters glued to the next word ("وإيران", "بدمشق", "للحشد"). :func:`strip_clitics` lists
the readings of a key without them, for callers to try, in order, after the exact form
and only against known names. It is not a stemmer: a stemmer cuts letters off names
themselves ("إيران" becomes "إير"), while a reading here is only used when it *is* a
known name, and the name as typed is always tried first ("لبنان" stays Lebanon).

:func:`vocab_key` is the much simpler key for names from the vocabulary (actor types,
relation names), so "armed-group", "ArmedGroup" and "talks_to" match "talksTo".

>>> normalise("  Hay'at   Tahrir al-Sham ")
'hay at tahrir al sham'
>>> normalise("هَيْئَة تحرير الشّام") == normalise("هيئه تحرير الشام")
True
>>> normalise("إيـــران")
'ايران'
>>> strip_article(normalise("الحكومة السورية"))
'حكومه سوريه'
>>> strip_clitics(normalise("وبتركيا"))
('بتركيا', 'تركيا')
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise", "strip_article", "strip_clitics", "vocab_key"]

_DIACRITICS = [
    *range(0x0610, 0x061B),  # Quranic honorifics and small signs
    *range(0x064B, 0x0660),  # harakat: fathatan ... wavy hamza below
    0x0670,  # superscript alef
    *range(0x06D6, 0x06DD),  # Quranic small high ligatures and marks
    *range(0x06DF, 0x06E9),  # Quranic small high signs
    *range(0x06EA, 0x06EE),  # Quranic small low signs
    0x0640,  # tatweel
]
_FOLD = str.maketrans(
    {
        **dict.fromkeys(_DIACRITICS),
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian keheh
        "ة": "ه",
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic digits
    }
)
_SEPARATOR = re.compile(r"[\W_]+")  # anything but letters and digits: punctuation, space
_ARTICLE = "ال"
_CONJUNCTIONS = "وف"  # wa- "and", fa- "so/then"
_PREPOSITIONS = "بلك"  # bi- "in/with/by", li- "to/for", ka- "like"
_MIN_STEM = 3  # letters a stripped word must keep (as in strip_article)
_VOCAB_SEPARATOR = re.compile(r"[\s_-]+")


def normalise(text: str) -> str:
    """The matching key of ``text``: folded case, Arabic letter variants unified.

    >>> normalise("Syrian-Government")
    'syrian government'
    >>> normalise("القُوّات المسلّحة")
    'القوات المسلحه'
    >>> normalise("مصطفى"), normalise("مصطفي")
    ('مصطفي', 'مصطفي')
    >>> normalise("Erdoğan") == normalise("ERDOGAN")
    True
    """
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if unicodedata.category(c) != "Mn"
    )
    return _SEPARATOR.sub(" ", unicodedata.normalize("NFC", bare)).strip()


def strip_article(key: str) -> str:
    """``key`` (already normalised) with a leading "ال" removed from each Arabic word.

    Only words that keep at least three letters lose it, so "ألفا" (alpha) stays whole.

    >>> strip_article("الجيش السوري")
    'جيش سوري'
    >>> strip_article(normalise("ألفا")), strip_article("al assad")
    ('الفا', 'al assad')
    """
    return " ".join(
        word[len(_ARTICLE) :] if word.startswith(_ARTICLE) and len(word) >= 5 else word
        for word in key.split(" ")
    )


def strip_clitics(key: str) -> tuple[str, ...]:
    """The readings of ``key`` (already normalised) without clitics on its first word.

    Arabic attaches a conjunction (و, ف), then a preposition (ب, ل, ك), then the
    article ال to the front of a word, and ل + ال is written لل. Only the first word
    of a multi-word name carries them ("لقوات سوريا الديمقراطية"). The readings come in
    a fixed order, fewest letters removed first: without the conjunction, then also
    without the preposition, then with لل read as ل + ال. A reading must keep at least
    three letters in its first word; ``key`` itself is not among them.

    This guesses, so it can cut letters that belong to a name ("لبنان" would read
    "بنان"): callers try ``key`` first and use a reading only when it matches a known
    name. Whether the article is there in the name is left to :func:`strip_article`.

    >>> strip_clitics(normalise("وبتركيا"))
    ('بتركيا', 'تركيا')
    >>> strip_clitics(normalise("للحشد الشعبي"))
    ('لحشد الشعبي', 'الحشد الشعبي')
    >>> strip_clitics(normalise("فالولايات المتحدة"))
    ('الولايات المتحده',)
    >>> strip_clitics("iran"), strip_clitics("بال")
    ((), ())
    """
    first, space, rest = key.partition(" ")
    stems = [first]
    if first[:1] and first[0] in _CONJUNCTIONS:
        stems.append(first[1:])
    words: list[str] = []
    for stem in stems:
        words.append(stem)
        if stem[:1] and stem[0] in _PREPOSITIONS:
            words.append(stem[1:])
        if stem.startswith("لل"):
            words.append(_ARTICLE + stem[2:])
    readings = (word + space + rest for word in words[1:] if len(word) >= _MIN_STEM)
    return tuple(dict.fromkeys(readings))


def vocab_key(name: str) -> str:
    """The matching key of a vocabulary name: case folded, without ``-``, ``_`` or spaces.

    >>> vocab_key("Talks-To") == vocab_key("talksTo")
    True
    """
    return _VOCAB_SEPARATOR.sub("", name.casefold())
