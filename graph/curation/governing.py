"""What a cue governs: the names that belong to it and to no other cue of the sentence.

A name right after an English verb or a preposition ("encourage Iraq", "with Iraq"), the
agent of a passive cue of support or hostility ("المدعوم من روسيا"), what a role is of ("المسؤول
عن قواتها") and the target after an Arabic noun of hostility ("في صد فصائل") are governed
(:func:`governed_objects`): not the subject of a later verb, nor the object of an earlier
cue further away (:func:`owned`). "Against" parts those a support cue backs from those it
backs them against (:func:`split_against`), and "including" starts the examples of an unnamed
noun (:func:`examples_from`).
"""

from __future__ import annotations

from ..families import relation_families as families
from .attribution import says
from .clauses import PREPOSITIONS, PREPOSITIONS_AR, THAT, run_of
from .cues import CueHit
from .mentions import Mention
from .tokens import FUNCTION_WORDS, Word

__all__ = ["governed_objects", "owned", "split_against", "examples_from"]

_AGAINST = frozenset({"against", "ضد"})
# "including", and the words after which a list gives examples of a noun just before them
_INCLUDING = frozenset(
    {"including", "include", "includes", "تشمل", "يشمل", "تضم", "يضم", "بينها", "منها"}
)
_INCLUDING_TWO = frozenset({("بما", "فيها"), ("بما", "في"), ("such", "as")})
_STANCES = frozenset({"supports", "opposes"})
_AGENT_MARKS = frozenset({"by", "من", "قبل"})  # before a passive cue's agent


def governed_objects(
    found: list[Word], mentions: list[Mention], hits: list[CueHit]
) -> frozenset[int]:
    """The first words of the mentions that a cue of ``hits`` governs: the object right after
    an English active cue, with at most two function words between ("encourage Iraq",
    "support the Kurds"); the agent of a passive cue of support or hostility ("المدعوم من
    روسيا"); what a role is of ("المسؤول عن قواتها"); the target, or the list of targets,
    right after an Arabic noun of hostility that follows a preposition ("في صد فصائل"). Such
    a mention is not the subject of a later cue, nor the object of an earlier one further
    away (:func:`owned`).

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> found = words("we urge Iraq to talk")
    >>> iraq = Mention(2, 2, "iraq", "actor", "State", "Iraq")
    >>> urge = Cue("requestsSupport", "en", ("urge",), "active", 0.8, "general")
    >>> sorted(governed_objects(found, [iraq], [CueHit(urge, 1, 1)]))
    [2]
    """
    governed = set()
    for hit in hits:
        if hit.cue.voice == "role":
            # "أقالت سيرجي كيسيل الجنرال المسؤول عن قواتها": the forces are what the role is
            # of, not whom Moscow dismissed; not past the person the title names, nor past
            # what he says ("Minister Araghchi said Tehran backs ...")
            governed |= {m.first for m in mentions if _of_role(found, mentions, hit, m)}
            continue
        # the agent of a passive cue of support or hostility ("المدعوم من روسيا", "backed by
        # Iran"); what holds a place ("بأيدي القوات الكردية") may still be what it was taken from
        passive = hit.cue.voice == "passive" and families().get(hit.cue.relation) in _STANCES
        hostile = families().get(hit.cue.relation) == "opposes"
        if hit.cue.voice == "active" and hostile and _after_preposition(found, hit):
            # "تساعد الجيش السوري في “صد” فصائل معارضة": the factions are what is repelled,
            # not a second party helped (a noun of hostility after a preposition takes its
            # target next; "على طلب دمشق" is Damascus's request, and is left alone)
            governed |= _list_after(found, mentions, hit.last + 1)
            continue
        if (hit.cue.lang != "en" or hit.cue.voice != "active") and not passive:
            continue
        for m in mentions:
            between = found[hit.last + 1 : m.first]
            plain = all(
                (w.key in FUNCTION_WORDS and w.key not in PREPOSITIONS) or w.key in _AGENT_MARKS
                if passive
                else w.key in FUNCTION_WORDS and w.key not in PREPOSITIONS
                for w in between
            )
            # "المصنفة “إرهابية” من الأمم المتحدة": the agent mark right before the name
            # may follow the predicate of the designation
            marked = (
                passive and len(between) <= 3 and bool(between) and between[-1].key in _AGENT_MARKS
            )
            if m.first > hit.last and ((len(between) <= 2 and plain) or marked):
                governed.add(m.first)
    return frozenset(governed)


def _of_role(found: list[Word], mentions: list[Mention], hit: CueHit, m: Mention) -> bool:
    """Whether ``m``, a non-person up to three words after a role word, is what the role is
    of: no person named between them, and no verb of saying or "إن"/"أن"."""
    if m.type == "Person" or not 0 < m.first - hit.last <= 3:
        return False
    person = any(p.type == "Person" and hit.last <= p.last < m.first for p in mentions)
    said = any(says(w) or w.key in THAT for w in found[hit.last + 1 : m.first])
    return not person and not said


def _list_after(found: list[Word], mentions: list[Mention], at: int) -> set[int]:
    """The first words of the name at word ``at``, or of the list that starts there ("في
    محاربة الفصائل المعارضة وهيئة تحرير الشام": :func:`.clauses.run_of`)."""
    after = sorted((m for m in mentions if m.first >= at), key=lambda m: m.first)
    if not after or after[0].first != at:
        return set()
    return {m.first for m in run_of(after, found, forward=True) or after[:1]}


def _after_preposition(found: list[Word], hit: CueHit) -> bool:
    """Whether an Arabic cue is a verbal noun after a preposition ("في صد", "لدعم")."""
    key, cue = found[hit.first].key, hit.cue.words[0]
    prefixed = key[:1] in ("ب", "ل") and key[1:] == cue
    return hit.cue.lang == "ar" and (
        prefixed or (hit.first > 0 and found[hit.first - 1].key in PREPOSITIONS_AR)
    )


def split_against(
    found: list[Word], after: list[Mention], hit: CueHit, governed: frozenset[int] = frozenset()
) -> tuple[list[Mention], list[tuple[Mention | None, Mention]], bool]:
    """The mentions after an active support cue split by "against" ("ضد"): the ones
    supported, and ``(supported, adversary)`` pairs. "back Israel against Iran and its
    proxies, and Ukraine against Russia" supports Israel and Ukraine; Iran and its proxies are
    against Israel, Russia against Ukraine. An "against" counts when it follows a supported
    name within two words ("Israel and its allies against Iran"); what follows it is an
    adversary up to the next name written just before another "against"; an "against" right
    after the cue ("allies against Iran") leaves it no one supported after it. The third
    value says whether anything was split; with no such "against", ``([], [], False)``. A
    name another cue governs further on (``governed``, :func:`governed_objects`) is not
    supported; after "against" it is an adversary all the same.

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> found = words("back Israel against Iran, and Ukraine against Russia")
    >>> at = ((1, "i"), (3, "r"), (5, "u"), (7, "s"))
    >>> m = [Mention(k, k, w, "actor", "State", w) for k, w in at]
    >>> back = Cue("supports", "en", ("back",), "active", 0.8, "general")
    >>> friends, foes, _ = split_against(found, m, CueHit(back, 0, 0))
    >>> [x.id for x in friends], [(f.id, x.id) for f, x in foes]
    (['i', 'u'], [('i', 'r'), ('u', 's')])
    """
    supports = families().get(hit.cue.relation) == "supports"
    if not supports or hit.cue.voice != "active" or not after:
        return [], [], False
    friends: list[Mention] = []
    foes: list[tuple[Mention | None, Mention]] = []
    # whether an "against" after the last friend (or the cue: "allies against Iran") was read
    against = _before_against(found, hit.last)
    for m in after:
        if against and not _before_against(found, m.last):
            foes.append((friends[-1] if friends else None, m))
            continue
        if not owned(m, hit, governed):
            continue
        friends.append(m)
        against = _before_against(found, m.last)
    return (friends, foes, True) if foes else ([], [], False)


def owned(m: Mention, hit: CueHit, governed: frozenset[int]) -> bool:
    """Whether ``m`` can be the object of the cue ``hit``: not a name that another cue
    governs (``governed``) further on than three words from this one."""
    reach = 4 if hit.cue.voice == "passive" else 3  # "المصنفة إرهابية من قبل واشنطن"
    return m.first not in governed or m.first - hit.last <= reach


def _before_against(found: list[Word], last: int) -> bool:
    """Whether "against" follows word ``last`` within two words ("Israel against", "its
    allies against")."""
    return any(w.key in _AGAINST for w in found[last + 1 : last + 3])


def examples_from(found: list[Word], hit: CueHit) -> int:
    """Where examples of the noun a cue governs start, within three words after the cue
    ("ينتمون لفصائل تشمل", "belong to factions such as", "من بينها"); past the line's end if
    there are none close to it.

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> member = Cue("memberOf", "ar", ("ينتمون",), "active", 0.9, "general")
    >>> examples_from(words("المقاتلين ينتمون لفصائل تشمل كتائب حزب الله"), CueHit(member, 1, 1))
    3
    >>> found = words("هم ينتمون للحشد الشعبي الذي يضم فصائل كثيرة")
    >>> examples_from(found, CueHit(member, 1, 1)) == len(found)
    True
    """
    for k in range(hit.last + 1, min(hit.last + 4, len(found))):
        pair = (found[k].key, found[k + 1].key) if k + 1 < len(found) else ()
        if _INCLUDING.intersection(found[k].forms) or pair in _INCLUDING_TWO:
            return k
    return len(found)
