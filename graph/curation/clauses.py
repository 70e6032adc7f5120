"""Clause structure, as far as a few words show it: where a cue's clause begins and ends,
which mention a sentence opens with, and which mention can be a subject.

Without a parser, a sentence still shows some of its structure. A clause joined by "فيما"
or "while" has its own subject (:func:`clause_span`); the mention a sentence opens with is
its subject and stays so for verbs further on (:func:`opener`); a mention right after an
English verb or a preposition ("encourage Iraq", "with Iraq") is an object, so not the
subject of a later verb (:func:`possible_subjects`; what each cue governs is
:mod:`.governing`). An Arabic
verb shows its person and its object on the word: a present or future verb ("ستساعد") can open
its clause with its subject after it (:func:`arabic_verb`), a verb that carries its object
("شنته") has its subject after it (:func:`launched`). A briefing's answer announces its
topic (:func:`topic`), and an indirect question says nothing happened
(:func:`question_span`). What qualifies a name or a cue (adjectives, titles, relative
clauses) is :mod:`.modifiers`. :mod:`.pairing` uses both to choose who does what.

>>> from actorgraph.curation.tokens import words
>>> iraq = Mention(3, 3, "iraq", "actor", "State", "Iraq")
>>> us = Mention(0, 0, "us", "actor", "State", "We")
>>> [m.id for m in possible_subjects(words("We talked with Iraq and"), [iraq, us], frozenset())]
['us']
"""

from __future__ import annotations

from ..families import relation_families as families
from .attribution import OPENING_QUOTES, says
from .cues import CueHit
from .mentions import Mention
from .tokens import Word

__all__ = [
    "run_of",
    "in_parentheses",
    "reported",
    "THAT",
    "PREPOSITIONS_AR",
    "in_phrase",
    "comma_between",
    "PRONOUN_OBJECTS",
    "clause_span",
    "opener",
    "possible_subjects",
    "PREPOSITIONS",
    "TOWARDS",
    "topic",
    "arabic_verb",
    "question_span",
    "launched",
]

_ARABIC_AND = frozenset("و")  # "and", written on the next word
_JOINERS = frozenset({"and", "or", "as", "well", "both", "other", "و", "او", "the"})
_CLAUSES = frozenset({"فيما", "بينما", "حيث", "while", "whereas", "where", "although", "though"})
# before a place, "to" says where someone works or goes, not whose they are ("Envoy to Syria")
TOWARDS = frozenset({"to", "for", "on", "الى", "لدى"})
# "On HTS, ...", "As for Iran: ...", "وفيما يتعلق بإيران، ...", "وبالنسبة لروسيا، ..."
_TOPICS = (("on",), ("as", "for"), ("regarding",), ("فيما", "يتعلق"), ("بالنسبه",), ("عن",))
_OBJECT_PRONOUNS = frozenset({"ته", "تها", "تهم", "وه", "وها"})  # "شنته": she launched it
_PRONOUNS = frozenset({"ه", "ها", "هم"})  # "شنه": he launched it
_LAUNCH = frozenset({"شن", "نفذ"})  # verbs whose object is the attack itself
_LAUNCH_PRONOUNS = _OBJECT_PRONOUNS | _PRONOUNS  # "شنه" is only a verb: any ending is a pronoun
_OPENERS = frozenset({"and", "so", "now", "well", "but", "و", "ف"})
_PAUSES = frozenset(",،") | OPENING_QUOTES
PREPOSITIONS_AR = frozenset({"ب", "ل", "في", "من", "علي", "عن", "الي", "مع"})
_AR_PREPOSITIONS = PREPOSITIONS_AR | {"بعد", "قبل"}  # and the words of time used as ones
# a pronoun on a preposition: "تسيطر عليها المعارضة" (that the opposition holds)
PRONOUN_OBJECTS = frozenset({"عليها", "عليه", "عليهم", "منها", "منه", "بها", "به", "لها", "له"})
# "asked whether Iraq receives support", "سؤال عما إذا كان العراق يتلقى دعما": a question
_WHETHER = frozenset({"whether", "اذا"})
_ANSWERED = frozenset(',:،“”«"')
THAT = frozenset({"ان", "انه", "انها", "بان"})  # "إن", "أن": what follows was said
PREPOSITIONS = frozenset(
    {"with", "to", "against", "for", "on", "of", "by", "from", "into", "at", "about", "toward"}
    | {"towards", "in", "over", "under", "between", "among", "than"}
)


def clause_span(found: list[Word], hit: CueHit, start: int, text: str = "") -> tuple[int, int]:
    """The words of the clause a cue stands in: from the last clause-joining word before it
    ("فيما", "while") to the first after it, within its sentence (from ``start``). In
    "دعم بلاده للسلطات السورية، فيما توعد الأسد" the Syrian authorities are not the ones
    who threaten; nor is a speaker named after a comma ("...، قال الأسد") part of it. A cue
    within parentheses of ``text`` (the line) reaches no further than their end: "هيئة تحرير
    الشام (جبهة النصرة سابقا قبل فك ارتباطها بتنظيم القاعدة)، مع فصائل معارضة" breaks no ties
    with the factions (the name before the parentheses may still be what they describe)."""
    closing = _bracketed(found, hit, text)
    low = next(
        (
            k + 1
            for k in range(hit.first - 1, start - 1, -1)
            if _CLAUSES.intersection(found[k].forms)
        ),
        start,
    )
    high = next(
        (
            k - 1
            for k in range(hit.last + 1, len(found))
            if _CLAUSES.intersection(found[k].forms) or _says_after_pause(found, k, text)
        ),
        len(found),
    )
    return low, min(high, closing)


def _bracketed(found: list[Word], hit: CueHit, text: str) -> int:
    """The last word inside the parentheses a cue stands in (the last word of the line if it
    stands in none)."""
    at = found[hit.first].start
    if not in_parentheses(text, at):
        return len(found)
    closed = text.find(")", at)
    return max(k for k, w in enumerate(found) if w.end <= closed)


def in_parentheses(text: str, at: int) -> bool:
    """Whether character ``at`` of ``text`` stands within a pair of parentheses.

    >>> in_parentheses("HTS (formerly al-Nusra) leads", 6), in_parentheses("a (b) c", 6)
    (True, False)
    """
    opened, closed = text.rfind("(", 0, at), text.find(")", at)
    return opened >= 0 and closed >= 0 and text.rfind(")", opened, at) < 0


def reported(between: list[Word]) -> bool:
    """Whether ``between`` holds a verb of saying or "إن"/"أن"/"that": what follows it is
    said, so a party before it is no party of a cue after it."""
    return any(says(w) or w.key in THAT or w.key == "that" for w in between)


def _says_after_pause(found: list[Word], k: int, text: str) -> bool:
    """Whether word ``k`` of ``text`` is a verb of saying right after a comma or an opening
    quotation mark: "بـ”دحر” التنظيمات، قال الأسد" ends the clause before Assad speaks ("بين"
    is as often "between" as "explained", and is left out)."""
    pause = text[found[k - 1].end : found[k].start] if text else ""
    return bool(set(pause) & _PAUSES) and says(found[k]) and found[k].key != "بين"


def opener(mentions: list[Mention], start: int) -> Mention | None:
    """The mention a sentence opens with ("We've worked to ...", "So, we ...", "وكانت القوات
    الحكومية ..."): at most three words before it. It is the sentence's subject, and it stays
    the subject of verbs further on, so its distance from them counts half."""
    first = min((m for m in mentions if m.first >= start), key=lambda m: m.first, default=None)
    return first if first is not None and first.first - start <= 3 else None


def possible_subjects(
    found: list[Word], before: list[Mention], governed: frozenset[int]
) -> list[Mention]:
    """The mentions before an English active cue that can be its subject: not one that
    follows a preposition ("with Iraq") or that another cue governs ("encourage Iraq"), nor
    the speaker of a report that names someone after the verb of saying ("Araghchi said
    Tehran backs ..."), unless nothing else is left."""
    free = [
        m
        for m in before
        if m.first not in governed and not (m.first > 0 and found[m.first - 1].key in PREPOSITIONS)
    ]
    reported = [m for m in free if not _reports(found, m, free)]
    heard = [m for m in reported if not (m.first > 0 and found[m.first - 1].key == "told")]
    return heard or reported or free or before


def _reports(found: list[Word], m: Mention, before: list[Mention]) -> bool:
    """Whether ``m`` is the speaker of a verb of saying right after it, with another of
    ``before`` named after that verb."""
    k = m.last + 1
    if k >= len(found) or not says(found[k]):
        return False
    # "told" has its hearer right after it ("Iran told Russia it will support Syria")
    hearer = k + 1 if found[k].key == "told" else -1
    return any(o.first > k and o.first != hearer for o in before)


def topic(line: str, found: list[Word], mentions: list[Mention]) -> Mention | None:
    """The party a line announces as its topic, as a briefing answers a question: "On HTS,
    is there contact: ...", "Michael, on HTS, any messages: ...". The party follows a topic
    phrase among the first five words and ends with a comma or colon (a vocative name may
    come first). A cue with no party to relate to in its clause relates to the topic.

    >>> from actorgraph.curation.tokens import words
    >>> text = "Michael, on HTS, any messages: we are engaged with everybody"
    >>> hts = Mention(2, 2, "hts", "actor", "ArmedGroup", "HTS")
    >>> topic(text, words(text), [hts]).id
    'hts'
    >>> text = "Sanctions on Iran, he said, will go on"
    >>> topic(text, words(text), [Mention(2, 2, "iran", "actor", "State", "Iran")]) is None
    True
    """
    for m in mentions:
        if m.first > 5 or m.last + 1 >= len(found):
            break
        if not _punctuated(line, found, m.last):
            continue
        for phrase in _TOPICS:
            opening = m.first - len(phrase)
            if _written(found[: m.first], phrase) and _opens(line, found, opening):
                return m
    return None


def question_span(line: str, found: list[Word], start: int, end: int) -> range:
    """The words ``start``..``end`` of an indirect question in a sentence ("whether", "عما
    إذا كان"): from that word to the comma, colon, quotation or verb of saying that closes it
    (the answer); empty if there is none. What is asked about is not said to have happened.

    >>> from actorgraph.curation.tokens import words
    >>> line = "Asked whether Iraq gets support, he said Iran gives support"
    >>> question_span(line, words(line), 0, 9)
    range(1, 5)
    >>> line = "وسئل عما إذا كانت إيران تدعم سوريا فقال إن روسيا تدعم سوريا"
    >>> question_span(line, words(line), 0, 11)
    range(2, 7)
    """
    for k in range(start, end + 1):
        if _WHETHER & set(found[k].forms):
            closed = (
                j
                for j in range(k + 1, end + 1)
                if _ANSWERED & set(line[found[j - 1].end : found[j].start]) or says(found[j])
            )
            return range(k, next(closed, end + 1))
    return range(0)


def _punctuated(line: str, found: list[Word], k: int) -> bool:
    """Whether a comma or a colon follows word ``k``."""
    return line[found[k].end : found[k + 1].start].strip()[:1] in {",", ":", "،"}


def _opens(line: str, found: list[Word], k: int) -> bool:
    """Whether word ``k`` opens its line: nothing before it but a joining word ("And on
    ...") or one or two words set off by a comma ("Michael, on ...", "Look, on ...")."""
    if k == 0:
        return True
    if k == 1 and found[0].key in _OPENERS:
        return True
    return k <= 2 and _punctuated(line, found, k - 1)


def _written(found: list[Word], phrase: tuple[str, ...]) -> bool:
    """Whether ``found`` ends with ``phrase`` (each word in any of its forms)."""
    tail = found[len(found) - len(phrase) :]
    return len(tail) == len(phrase) and all(p in w.forms for p, w in zip(phrase, tail, strict=True))


def arabic_verb(found: list[Word], at: int) -> bool:
    """Whether the Arabic cue word at ``at`` is written as a verb of the future or of the
    present with "ي" ("ستساعد", "سيدعم", "يدعم"), not a noun after a preposition. A word
    that starts with "ت" is as often a noun ("تمرد", "تحالف") as a verb: it counts only with a
    preposition and a pronoun right after it ("تسيطر عليها المعارضة")."""
    key = found[at].key
    text = key[1:] if key[:1] in ("و", "ف") and len(key) > 4 else key
    after_preposition = at > 0 and found[at - 1].key in _AR_PREPOSITIONS
    # "مواقع تسيطر عليها المعارضة": a preposition with a pronoun right after makes it a verb
    governs = at + 1 < len(found) and found[at + 1].key in PRONOUN_OBJECTS
    present = text[:1] == "ي" or (text[:1] == "ت" and governs)
    return not after_preposition and (text[:2] in ("سي", "ست", "سن") or present)


def launched(found: list[Word], hit: CueHit, after: list[Mention]) -> str | None:
    """Whether an Arabic verb of attack carries its object as a pronoun and is followed by
    its subject, and what the pronoun is: "attack" for a verb of launching ("الهجوم الذي شنته
    فصائل معارضة", "هجوم مضاد شنته كييف": the attack that the factions, that Kyiv, launched),
    whose target, if any, is written after "على"; "target" for another verb of attack
    ("مواقع الجيش قصفتها روسيا": the army's positions, which Russia shelled). Else None.

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> found = words("هجوم شنته كييف")
    >>> kyiv = Mention(2, 2, "ukraine", "actor", "State", "كييف")
    >>> launch = Cue("attacks", "ar", ("شن",), "active", 0.8, "general")
    >>> launched(found, CueHit(launch, 1, 1), [kyiv])
    'attack'
    """
    if hit.cue.lang != "ar" or families().get(hit.cue.relation) != "opposes" or not after:
        return None
    word, stem = found[hit.last], hit.cue.words[-1]
    suffix = word.key[len(stem) :] if word.key.startswith(stem) else None
    launch = stem in _LAUNCH
    pronoun = suffix in (_LAUNCH_PRONOUNS if launch else _OBJECT_PRONOUNS)
    if not pronoun or not word.text.endswith(("ه", "ها", "هم")):
        return None
    if after[0].first != hit.last + 1:
        return None
    return "attack" if launch else "target"


def in_phrase(found: list[Word], cue_last: int, mention: Mention) -> bool:
    """Whether a preposition ("إلى", "من", "على") stands right before ``mention``, after an
    Arabic cue: the name is in that phrase ("وصوله إلى أنقرة"), not the cue's subject. An
    adverb between a verb and its subject ("وتدعم بقوة روسيا", "ودعمت لسنوات إيران") is none."""
    return mention.first > cue_last + 1 and found[mention.first - 1].key in PREPOSITIONS_AR


def comma_between(text: str, found: list[Word], left: Mention, right: Mention) -> bool:
    """Whether a comma parts mention ``left`` from a later mention ``right`` other than as the
    next member of a list: the words after the comma do not start with "and" ("و" on an Arabic
    word), or a quotation opens there ("السوداني، “وقوف الأردن ...")."""
    if right.first <= left.last:
        return False
    base = found[left.last].end
    between = text[base : found[right.first].start]
    cut = max(between.rfind(","), between.rfind("،"))
    if cut < 0:
        return False
    after = between[cut + 1 :].lstrip()
    following = next(w for w in found[left.last + 1 : right.first + 1] if w.start > base + cut)
    joined = following.key == "and" or following.text[:1] == "و"
    return not joined or after[:1] in OPENING_QUOTES


def run_of(side: list[Mention], found: list[Word], *, forward: bool) -> list[Mention]:
    """The list that starts at the first mention of ``side`` (nearest the cue first): mentions
    separated only by commas or joining words. In Arabic the joining "و" is written on the
    next member ("روسيا وإيران"); two Arabic names side by side without it are not a list
    ("دعم بلاده سوريا": his country's support for Syria)."""
    if not side:
        return []
    run = [side[0]]
    for m in side[1:]:
        if (m.first, m.last) == (run[-1].first, run[-1].last):
            run.append(m)  # on the same words: a list read into one phrase ("الجهات الثلاثة")
            continue
        left, right = (run[-1], m) if forward else (m, run[-1])
        between = found[left.last + 1 : right.first]
        if len(between) > 2 or any(w.key not in _JOINERS for w in between):
            break
        head = found[right.first].text
        if not between and not head[:1].isascii() and head[:1] not in _ARABIC_AND:
            break
        run.append(m)
    return run if len(run) > 1 else []
