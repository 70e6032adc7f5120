"""Who a sentence is attributed to, its stance, and the day it speaks of.

- **speaker**: "X said", "قال X", "according to X", "بحسب X"; a line that opens with "وأضاف"
  or "وتابع" goes on quoting the previous line's speaker.
- **stance**: a denial word ("denied", "نفى") makes it ``denied``; a speaker other than the
  subject (and not a monitor, which reports rather than claims) makes it ``claimed``.
- **date**: a weekday, "today" or "yesterday", resolved against the document's date.

>>> from datetime import date
>>> from actorgraph.curation.tokens import words
>>> date_of(words("Iran said on Friday"), date(2024, 12, 9))
'2024-12-06'
>>> continues(words("وأضاف الوزير"))
True
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from .mentions import Mention
from .tokens import Word

__all__ = [
    "speaker",
    "stance",
    "denials",
    "date_of",
    "continues",
    "opening_person",
    "says",
    "first_person",
    "our",
    "his",
    "OPENING_QUOTES",
]

_DENIAL = ("denied", "denies", "deny", "nothing to do with", "نفي", "نفت", "تنفي", "ينفي", "زيف")
_DENIALS = tuple(tuple(d.split()) for d in _DENIAL)
_RELATIVE = frozenset({"which", "who", "whom", "whose", "التي", "الذي", "الذين", "اللذين"})
_ACCORDING = (("according", "to"), ("بحسب",), ("حسب",), ("حسبما",), ("وفق",), ("نقلت",))
_SAID_EN = ("said", "says", "told", "announced", "stated", "added")
_SAID_AR = frozenset(
    [
        "قال",
        "قالت",
        "ذكر",
        "ذكرت",
        "افاد",
        "اعلن",
        "اعلنت",
        "اكد",
        "اكدت",
        "اوضح",
        "اضاف",
        "اشار",
        "يقول",
        "كتب",
        "كتبت",
        "علق",
        "علقت",
        "توقعت",
        "تابع",
        "اردف",
        "بين",
        "شدد",
        "شددت",
    ]
)
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}
OPENING_QUOTES = frozenset('“«"')  # a quotation opens: after a verb of saying, it is quoted
_CLOSING = frozenset('”»"')  # and closes
_TODAY = {"today": 0, "tonight": 0, "اليوم": 0, "yesterday": 1, "امس": 1}


def says(word: Word) -> bool:
    """Whether ``word`` is a verb of saying ("said", "قالت") that attributes a sentence."""
    return word.key in _SAID_EN or any(f in _SAID_AR for f in word.forms)


def speaker(
    found: list[Word], mentions: list[Mention], start: int, end: int, text: str = ""
) -> Mention | None:
    """Who the sentence of words ``start``..``end`` (of ``text``) is attributed to, if it
    says. An Arabic verb of saying followed by an opening quotation mark names no one: the
    words quoted are not their speaker ("وقال “من الطبيعي أن يكون الجيش ...": not the army),
    and their own verbs of saying are the speaker's ("وبين “لقد أعلنت ...").

    >>> from actorgraph.curation.tokens import words
    >>> text = "وقال “الجيش قادر”"
    >>> army = Mention(1, 1, "army", "actor", "ArmedForces", "الجيش")
    >>> speaker(words(text), [army], 0, 2, text) is None, speaker(words(text), [army], 0, 2).id
    (True, 'army')
    """
    for i in range(start, end + 1):
        forms = found[i].forms
        said_ar = any(f in _SAID_AR for f in forms)
        if said_ar and text and i < end and _quotes(text, found, i, mentions):
            return None  # what follows is quoted, its verbs of saying too ("لقد أعلنت")
        if said_ar or any(tuple(w.key for w in found[i : i + len(a)]) == a for a in _ACCORDING):
            return _nearest(mentions, i, end, after=True)
        if found[i].key in _SAID_EN:
            return _nearest(mentions, i, start, after=False) or _nearest(
                mentions, i, end, after=True
            )
    return None


def _quotes(text: str, found: list[Word], i: int, mentions: list[Mention]) -> bool:
    """Whether a quotation opens after word ``i``: not a name in quotation marks ("وأعلنت
    «قوات سوريا الديمقراطية» أنها ...": the SDF speaks)."""
    if not OPENING_QUOTES & set(text[found[i].end : found[i + 1].start]):
        return False
    name = next((m for m in mentions if m.first == i + 1 and not m.via), None)
    after = text[found[name.last].end : found[name.last].end + 2] if name else ""
    return not _CLOSING & set(after)


def _nearest(mentions: list[Mention], i: int, limit: int, *, after: bool) -> Mention | None:
    named = [m for m in mentions if m.via != "voice" or not after]
    if after:
        return next((m for m in named if i < m.first <= min(limit, i + 6)), None)
    return next((m for m in reversed(named) if max(limit, i - 6) <= m.last < i), None)


def stance(
    sentence: list[Word],
    at: int,
    subject: str,
    said_by: Mention | None,
    monitors: frozenset[str],
    denied_at: tuple[int, ...] | None = None,
) -> tuple[str, tuple[str, ...]]:
    """``(stance, attributed_to)`` of a candidate whose subject is ``subject`` and whose cue
    is word ``at`` of ``sentence``: denied when a denial stands at or before the cue with no
    relative clause starting between them ("Iraq denied claims that the PMF entered Syria
    to support Assad", but not "nothing to do with this offensive, which is led by HTS").
    ``denied_at``: :func:`denials` of ``sentence``, if the caller has them already."""
    attributed = (said_by.id,) if said_by is not None else ()
    starts = denials(sentence) if denied_at is None else denied_at
    for i in (i for i in starts if i <= at):
        if not _RELATIVE.intersection(w.key for w in sentence[i + 1 : at]):
            return "denied", attributed
    if said_by is None or said_by.id == subject or said_by.id in monitors:
        return "asserted", attributed
    return "claimed", attributed


def denials(sentence: list[Word]) -> tuple[int, ...]:
    """The words of ``sentence`` where a denial starts ("denied", "نفى", "nothing to do
    with")."""
    return tuple(i for i in range(len(sentence)) if any(_denies(sentence, i, d) for d in _DENIALS))


def _denies(sentence: list[Word], i: int, denial: tuple[str, ...]) -> bool:
    """Whether the words from ``i`` start with ``denial`` ("denied", "ونفى", "nothing to
    do with"); each word may go on ("denying") and the first may carry clitics."""
    if i + len(denial) > len(sentence):
        return False
    first = any(f.startswith(denial[0]) for f in sentence[i].forms)
    return first and all(sentence[i + k].key.startswith(w) for k, w in enumerate(denial[1:], 1))


def opening_person(found: list[Word], mentions: list[Mention]) -> Mention | None:
    """The person an Arabic line opens on, just after its first verb ("واستبق عراقجي وصوله
    ..."): the one the line reports, and so whose country "بلاده" is in it and in the lines
    that go on from it ("وشدد ...")."""
    named = [m for m in mentions if not m.via]
    if not found or not named or found[0].text[:1].isascii():
        return None
    first = named[0]
    return first if first.type == "Person" and 1 <= first.first <= 2 else None


def continues(found: list[Word]) -> bool:
    """Whether a line goes on quoting the previous speaker ("وأضاف", "وتابع")."""
    return bool(found) and any(f in _SAID_AR for f in found[0].forms[1:3])


def first_person(
    found: list[Word], mentions: list[Mention], said_by: Mention | None, text: str = ""
) -> list[Mention]:
    """``mentions`` and, for each Arabic verb in the first person singular future ("سأعقد
    اجتماعا": I will hold a meeting), the person speaking as its subject: the one the nearest
    verb of saying before it names ("فيما قال الأسد “سأعقد ...": Assad), else ``said_by``
    (the line's speaker). Only the future prefix with its hamza written ("سأ") is
    unambiguous: "ساعد" (helped) is no "I", nor is "سأل" (asked); and only a named person
    speaks as "I".

    >>> from actorgraph.curation.tokens import words
    >>> found = words("وقال سأعقد اجتماعا")
    >>> fidan = Mention(0, 0, "fidan", "actor", "Person", "فيدان")
    >>> [(m.id, m.surface, m.via) for m in first_person(found, [], fidan)]
    [('fidan', 'سأعقد', 'speaker')]
    """
    taken = {k for m in mentions for k in range(m.first, m.last + 1)}
    spoken = []
    for i, w in enumerate(found):
        bare = w.text.lstrip("وف")
        if i in taken or len(bare) < 4 or not bare.startswith("سأ") or bare.startswith("سأل"):
            continue
        verbs = [k for k in range(i) if says(found[k])]
        named = speaker(found, mentions, verbs[-1], i - 1, text) if verbs else None
        person = named or said_by
        if person is not None and person.type == "Person" and person.kind == "actor":
            spoken.append(replace(person, first=i, last=i, surface=w.text, via="speaker"))
    return sorted(mentions + spoken, key=lambda m: m.first) if spoken else mentions


def our(word: Word, cue: str, at: int, owner: str | None, types: dict[str, str]) -> Mention | None:
    """``owner`` (the speaker's state, or the body that speaks) as the possessor of ``word``
    (word ``at``), an Arabic noun that is the ``cue`` with "نا" (our) after it ("مشاوراتنا":
    our consultations; "دعوتنا": our call), if the owner is known; None otherwise.

    >>> from actorgraph.curation.tokens import words
    >>> our(words("مشاوراتنا")[0], "مشاورات", 0, "iran", {"iran": "State"}).surface
    'مشاوراتنا'
    >>> our(words("مشاورات")[0], "مشاورات", 0, "iran", {"iran": "State"}) is None
    True
    """
    ours = {cue + "نا"} | ({cue[:-1] + "تنا"} if cue.endswith("ه") else set())
    if owner is None or owner not in types or ours.isdisjoint(word.forms):
        return None
    return Mention(at, at, owner, "actor", types[owner], word.text, "possessor")


def his(word: Word, cue: str, at: int, who: Mention, feminine: bool = False) -> Mention | None:
    """``who`` (the speaker a sentence names after ``word``) as the possessor of ``word``
    (word ``at``), an Arabic verbal noun that is the ``cue`` with "ه" (his) after it, or "ها"
    (her) when the verb of saying is ``feminine`` ("قالت"), fronted before the clause that
    names him: "وغداة توعّده بدحر التنظيمات، قال الأسد" (the day after his vow to defeat the
    groups, Assad said) is Assad's vow. None if ``word`` carries no pronoun that agrees.

    >>> from actorgraph.curation.tokens import words
    >>> assad = Mention(5, 5, "assad", "actor", "Person", "الأسد")
    >>> his(words("توعده")[0], "توعد", 0, assad).id
    'assad'
    >>> his(words("توعد")[0], "توعد", 0, assad) is None
    True
    >>> his(words("توعده")[0], "توعد", 0, assad, feminine=True) is None  # "قالت": not his
    True
    """
    if cue + ("ها" if feminine else "ه") not in word.forms:
        return None
    return Mention(at, at, who.id, who.kind, who.type, word.text, "possessor")


def date_of(found: list[Word], when: date | None) -> str:
    """The day a line speaks of (ISO), from a weekday or "today" and the document's date."""
    if when is None:
        return ""
    for word in found:
        for form in word.forms:
            if form in _WEEKDAYS:
                back = (when.weekday() - _WEEKDAYS[form]) % 7
                return (when - timedelta(days=back)).isoformat()
            if form in _TODAY:
                return (when - timedelta(days=_TODAY[form])).isoformat()
    return ""
