"""What qualifies a name or a cue in a sentence: adjectives, titles and relative clauses.

A demonym after an Arabic noun of action, or before an English one, says whose act it is
("الدعم الإيراني لسوريا", "Iranian support"); "former" or "المخلوع" next to a title says the
role is over; a definite participle right after a name describes that name alone ("وتركيا
الداعمة لفصائل معارضة"); a relative clause ("التي", "والتي") is about the name it describes.
:mod:`.pairing` reads them to decide who does what.
"""

from __future__ import annotations

from .attribution import says
from .clauses import PRONOUN_OBJECTS, THAT, reported, run_of
from .cues import CueHit
from .mentions import Mention
from .tokens import Word

__all__ = [
    "agent_noun",
    "apposed",
    "adjective_agent",
    "former",
    "plural_role",
    "describes",
    "relative_clause",
    "suffixed_object",
    "resumed_by",
]

_FORMER = frozenset(
    {"former", "ex", "deposed", "ousted", "outgoing"}
    | {"المخلوع", "مخلوع", "السابق", "سابق", "المعزول", "معزول", "المنتهيه"}
)
_RELATIVES = frozenset({"التي", "الذي", "اللتي", "الذين"})  # "which", "who"
_OBJECT_PRONOUNS = ("ها", "هم", "ه")  # "أنهكتها": wore her down
_RELATIVE_REACH = 4  # words from "والتي" to the cue it opens


def former(found: list[Word], first: int, last: int) -> bool:
    """Whether a word up to three before words ``first``..``last`` (a title, a name), or the
    word right after them, says the role is over: "former", "deposed", "المخلوع", "السابق".

    >>> from actorgraph.curation.tokens import words
    >>> former(words("the deposed Syrian president fled"), 2, 3)
    True
    """
    near = found[max(0, first - 3) : first] + found[last + 1 : last + 2]
    return any(f in _FORMER for w in near for f in w.forms)


def plural_role(found: list[Word], hit: CueHit) -> bool:
    """Whether an English role word is written in the plural ("leaders of rebel groups",
    "ministers"): it names no one person."""
    return hit.cue.lang == "en" and found[hit.last].key == hit.cue.words[-1] + "s"


def adjective_agent(found: list[Word], mentions: list[Mention], hit: CueHit) -> Mention | None:
    """The demonym that qualifies an active cue as its adjective, and so says whose act it
    is: after it in Arabic ("الدعم الإيراني لسوريا", "الغارات الروسية على إدلب"), before it in
    English ("Iranian support for Syria"); the speaker's state (or body) when the cue carries "our"
    (``possessor``: :func:`.attribution.our`); or the name right after an Arabic verb and a
    pronoun on a preposition ("مواقع تسيطر عليها المعارضة": the opposition holds them). None if
    there is none.

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> found = words("قال فيدان إن الدعم الإيراني لسوريا مستمر")
    >>> iran = Mention(4, 4, "iran", "actor", "State", "الإيراني", "demonym")
    >>> support = Cue("supports", "ar", ("دعم",), "active", 0.9, "general")
    >>> adjective_agent(found, [iran], CueHit(support, 3, 3)).id
    'iran'
    """
    if hit.cue.voice != "active":
        return None
    owner = next((m for m in mentions if m.via == "possessor" and m.first == hit.first), None)
    if owner is not None:  # "مشاوراتنا مع تركيا": our consultations, the speaker's state's
        return owner
    if hit.cue.lang == "ar":
        resumed = hit.last + 1 < len(found) and found[hit.last + 1].key in PRONOUN_OBJECTS
        if resumed:  # "مواقع تسيطر عليها المعارضة": the name after the pronoun does it
            return next((m for m in mentions if m.first == hit.last + 2), None)
        demonym = next(
            (m for m in mentions if m.via == "demonym" and m.first == hit.last + 1), None
        )
        # an adjective agrees with its noun ("الدعم الإيراني", "هجوم روسي"); "دعم السوريين" and
        # "دعمها للسوريين" name whom the support is for
        if demonym is None or _definite(found[demonym.first]) != _definite(found[hit.last]):
            return None
        return None if found[demonym.first].key.startswith("لل") else demonym
    return next((m for m in mentions if m.via == "demonym" and m.last == hit.first - 1), None)


def _definite(word: Word) -> bool:
    """Whether an Arabic word carries the article, after a one-letter conjunction or a
    preposition ("الدعم", "والدعم", "بالدعم", "للدعم")."""
    key = word.key
    return key.startswith(("ال", "لل")) or (key[:1] in ("و", "ف", "ب") and key[1:3] in ("ال", "لل"))


def relative_clause(
    found: list[Word], mentions: list[Mention], hit: CueHit, start: int
) -> tuple[Mention, list[Mention]] | None:
    """The name an Arabic relative clause ("والتي", "الذي") that holds the cue describes, and
    the mentions between the relative word and the cue; None if the cue is not in one.

    After "و" the clause is a second description of the name the first one describes:
    "هيئة تحرير الشام، المصنفة إرهابية من الأمم المتحدة والتي تعد إدلب معقلها" is about HTS,
    not the United Nations named just before. Without "و" it describes the name right
    before it.
    """
    if hit.cue.lang != "ar":
        return None
    for k in range(hit.first - 1, max(start, hit.first - 1 - _RELATIVE_REACH) - 1, -1):
        forms = set(found[k].forms)
        if not _RELATIVES & forms:
            continue
        if any(says(w) or w.key in THAT for w in found[k + 1 : hit.first]):
            return None  # "إيران التي قالت إن إسرائيل هاجمت": the cue is in what was said
        coordinated = found[k].key[:1] == "و" and found[k].key[1:] in _RELATIVES
        head = _described_head(found, mentions, k, start) if coordinated else None
        head = head or next((m for m in mentions if m.last == k - 1), None)
        inner = [m for m in mentions if k < m.first and m.last < hit.first]
        return (head, inner) if head is not None else None
    return None


def _described_head(
    found: list[Word], mentions: list[Mention], k: int, start: int
) -> Mention | None:
    """The name that the last definite participle before word ``k`` follows ("لقوات سوريا
    الديمقراطية المدعومة", "هيئة تحرير الشام، المصنفة")."""
    named = {j for m in mentions for j in range(m.first, m.last + 1)}
    for j in range(k - 1, start, -1):
        key = found[j].key
        if j not in named and key.startswith(("الم", "والم")) and len(key) >= 5:
            return next((m for m in mentions if m.last == j - 1), None)
    return None


def describes(found: list[Word], hit: CueHit, before: list[Mention]) -> bool:
    """Whether an Arabic cue is a definite participle ("الداعمة", "المدعوم") written right
    after a name, as an adjective of that name."""
    key = found[hit.first].key
    definite = key.startswith("ال") or key.startswith("وال")
    return hit.cue.lang == "ar" and definite and bool(before) and before[0].last == hit.first - 1


def agent_noun(found: list[Word], hit: CueHit) -> bool:
    """Whether an Arabic cue is a plural agent noun in construct ("داعمي", "داعمو": the
    backers of), which names its own doers (a dual's "ا" is left out: it is also the
    accusative of "اجتماعا")."""
    if hit.cue.lang != "ar" or hit.first != hit.last:
        return False
    cue = hit.cue.words[0]
    return bool({cue + "ي", cue + "و"} & set(found[hit.first].forms))


def apposed(found: list[Word], before: list[Mention], hit: CueHit) -> list[Mention]:
    """The names an agent noun stands for: the name (or the list ending) within two words
    before it, or three with "من" after it ("إيران من أكبر داعمي": among the biggest)."""
    if not before:
        return []
    gap = hit.first - before[0].last
    among = gap == 3 and found[before[0].last + 1].key == "من"
    if gap > 2 and not among:
        return []
    return run_of(before, found, forward=False) or before[:1]


def suffixed_object(
    found: list[Word], mentions: list[Mention], hit: CueHit, head: Mention
) -> list[Mention]:
    """The object an Arabic verb of a relative clause carries as a pronoun, when the clause
    names none and its head announces a list of parties ("الجهات الثلاثة التي أنهكتها ...:
    إيران وروسيا وحزب الله": the three that wore *it* down): the party named last before the
    head, in the same clause. Elsewhere such a pronoun most often stands for the head itself
    ("الفصائل التي تدعمها": the factions that someone supports), which this leaves alone, as
    it does a party named before a verb of saying or "إن" ("قالت تركيا إن الفصائل التي
    تدعمها").

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> found = words("نظرت المعارضة إلى الجهات الثلاثة التي أنهكتها")
    >>> rebels = Mention(1, 1, "rebels", "actor", "Coalition", "المعارضة")
    >>> iran = Mention(3, 4, "iran", "actor", "State", "الجهات الثلاثة")
    >>> russia = Mention(3, 4, "russia", "actor", "State", "الجهات الثلاثة")
    >>> wear = CueHit(Cue("opposes", "ar", ("انهك",), "active", 0.7, "general"), 6, 6)
    >>> [m.id for m in suffixed_object(found, [rebels, iran, russia], wear, iran)]
    ['rebels']
    >>> [m.id for m in suffixed_object(found, [rebels, iran], wear, iran)]
    []
    """
    key, cue = found[hit.first].key, hit.cue.words[0]
    if hit.cue.lang != "ar" or len(key) <= len(cue) + 1 or not key.endswith(_OBJECT_PRONOUNS):
        return []
    if sum(1 for m in mentions if (m.first, m.last) == (head.first, head.last)) < 2:
        return []  # not an announced list: the pronoun is the head's
    before = [m for m in mentions if m.last < head.first]
    if not before or reported(found[before[-1].last : head.first]):
        return []
    return before[-1:]


def resumed_by(found: list[Word], after: list[Mention], hit: CueHit) -> Mention | None:
    """The subject named right after an Arabic relative clause's verb that carries the head
    as a pronoun ("الفصائل التي تدعمها تركيا": the factions Turkey supports; "ها" is the
    factions): the head is then the verb's object. None if the verb carries no pronoun or no
    name follows it.

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> found = words("الفصائل التي تدعمها تركيا")
    >>> turkey = Mention(3, 3, "turkey", "actor", "State", "تركيا")
    >>> support = CueHit(Cue("supports", "ar", ("تدعم",), "active", 0.8, "general"), 2, 2)
    >>> resumed_by(found, [turkey], support).id
    'turkey'
    """
    key, cue = found[hit.first].key, hit.cue.words[0]
    if hit.cue.lang != "ar" or len(key) <= len(cue) + 1 or not key.endswith(_OBJECT_PRONOUNS):
        return None
    return next((m for m in after if m.first == hit.last + 1), None)
