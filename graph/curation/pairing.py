"""Which mentions a relation cue relates, and which way round.

With an *active* cue the subject comes before it and the object after it; an Arabic clause
that starts with its verb ("وأعلنت روسيا ...") has both after it. A *passive* cue ("backed
by", "المدعومة من") swaps them, and so does an agent marker ("by", "بقيادة", "من قبل")
before a mention. A *role* cue ("minister", "وزير") makes the person the subject and the
nearest organisation or state the object.

Each side is a run of mentions, not only the nearest one: a list ("Jordan, Lebanon, Iraq and
Israel", "الولايات المتحدة وفرنسا وألمانيا") shares the cue, so every member is paired, and
a symmetric cue also pairs the members of a list with each other. Each pair carries a
closeness from 0 to 1 that falls with the words between cue and mention.

>>> from actorgraph.curation.tokens import words
>>> m = [Mention(0, 0, "a", "actor", "State", "A"), Mention(2, 2, "b", "actor", "State", "B"),
...      Mention(4, 4, "c", "actor", "State", "C")]
>>> [m.id for m in run_of(m[1:], words("x backs B and C"), forward=True)]
['b', 'c']
"""

from __future__ import annotations

from ..families import relation_families
from .clauses import (
    TOWARDS,
    arabic_verb,
    clause_span,
    comma_between,
    in_phrase,
    launched,
    opener,
    possible_subjects,
    run_of,
)
from .cues import CueHit
from .governing import examples_from, owned, split_against
from .mentions import Mention
from .modifiers import (
    adjective_agent,
    agent_noun,
    apposed,
    describes,
    former,
    plural_role,
    relative_clause,
    resumed_by,
    suffixed_object,
)
from .tokens import FUNCTION_WORDS, Word

__all__ = ["Pair", "pairs", "closeness", "adversaries", "agent_marked"]

Pair = tuple[Mention, Mention, float]
# "by", and the Arabic "launched it", "carried it out" after a noun of attack ("هجوم شنته كييف")
_AGENT = frozenset(
    {"by", "بقياده", "قبل", "شنته", "شنه", "شنها", "شنتها", "نفذته", "نفذه", "نفذها"}
)
_DECAY = 0.08  # closeness lost per content word between a cue and a mention
_ON = frozenset({"علي"})  # "على": the target of an attack
_IN = frozenset({"في", "in"})


def pairs(
    found: list[Word],
    mentions: list[Mention],
    hit: CueHit,
    symmetric: bool,
    governed: frozenset[int] = frozenset(),
    start: int = 0,
    adjuncts: frozenset[int] = frozenset(),
    text: str = "",
) -> list[Pair]:
    """(subject, object, closeness) for the cue ``hit`` among ``mentions`` of its sentence
    (which starts at word ``start``; ``governed``: the first words of the mentions that
    another cue of the sentence governs as its object, "encourage Iraq"; ``adjuncts``: the
    words of the places and the monitors it names, which cost nothing between a cue and its
    parties: "دخلت سوريا ... من العراق وتتجه إلى شمال سوريا لتعزيز" is one clause about who
    reinforces; ``text``: the line, for the parentheses a cue may stand in)."""
    if hit.cue.voice == "wrong":
        return []  # a noun naming a wrong relates no one by itself (:func:`.hidden.wrongdoer`)
    before, after = _sides(mentions, found, hit, start, text)
    after = [m for m in after if m.via != "speaker"]  # "سأعقد" after a cue: its subject, no object
    described = relative_clause(found, mentions, hit, start)
    if described is not None:  # "..., والتي تعد إدلب معقلها": the name the clause describes
        head = described[0]  # with the others on its words ("الجهات الثلاثة التي")
        before = [m for m in mentions if (m.first, m.last) == (head.first, head.last)]
        after = described[1] + after or suffixed_object(found, mentions, hit, head)
        doer = resumed_by(found, after, hit)
        if doer is not None:  # "الفصائل الثلاثة التي تدعمها تركيا": Turkey supports them
            before, after = [doer], before
    agent = adjective_agent(found, mentions, hit)
    if agent is not None:  # "الدعم الإيراني لسوريا": Iran's support, whoever is named before
        before, after = [agent], [m for m in after if m is not agent]
    fixed = described is not None or agent is not None  # the subject is known: no verb first
    opening = opener(mentions, start)

    def near(m: Mention) -> float:
        decay = _DECAY / 2 if m is opening else _DECAY
        return closeness(found, m.first, m.last, hit.first, hit.last, decay, adjuncts)

    if hit.cue.voice == "role":
        # "leaders of rebel groups": a plural role word names no one person; "the former
        # minister", "الوزير السابق" holds the role no more
        # an Arabic title's adjectives follow it: "وزير الخارجية الإيراني السابق"
        ended = former(found, hit.first, hit.last + (2 if hit.cue.lang == "ar" else 0))
        return [] if plural_role(found, hit) or ended else _roles(found, before, after, hit, near)
    if hit.cue.voice == "after":
        # "X (Y formerly)": the object just before the cue, the subject just before it
        return [(before[1], before[0], near(before[0]))] if len(before) > 1 else []
    before, after = _free(before, mentions), _free(after, mentions)
    if agent_noun(found, hit):
        # "ضعف قوة داعمي نظام بشار الأسد": the backers are the noun itself, unnamed; only a
        # name right before it is they, or the list that ends there ("روسيا وإيران داعمو
        # الأسد", "وتعد روسيا وإيران من أبرز داعمي نظام الأسد")
        before = apposed(found, before, hit)
    if len(hit.whole_words) <= hit.last - hit.first:
        # a cue that ends on a preposition ("التابعة ل") is an adjective: its subject is the
        # name right before it and its object the name the preposition is written on; "قوات
        # تابعة للحشد الشعبي" names no subject
        if not before or before[0].last != hit.first - 1:
            return []
        before, after = before[:1], [m for m in after if m.first == hit.last][:1]
    if relation_families().get(hit.cue.relation) == "structural":
        # "ينتمون لفصائل تشمل كتائب حزب الله": they belong to factions, of which KH is one;
        # not to KH (membership does not pass down a list of examples)
        after = [m for m in after if m.first < examples_from(found, hit)]
    supported, _, split = split_against(found, after, hit, governed)
    # a name another cue governs further on is that cue's ("الضغط على نظام الأسد، المدعوم من
    # روسيا": Russia backs the regime; the pressure is not on Russia); after "against", the
    # names it governs are the adversaries the split has already set apart
    after = supported if split else [m for m in after if owned(m, hit, governed)]
    carried = launched(found, hit, after)
    if carried:
        return _carried_pairs(found, before, after, near, carried)
    if hit.cue.lang == "en" and hit.cue.voice == "active":
        before = possible_subjects(found, before, governed)
    found_pairs: list[Pair] = []
    lead = run_of(before, found, forward=False)
    tail = supported or run_of(after, found, forward=True) or run_of(after[1:], found, forward=True)

    def close(m: Mention) -> float:
        """A list member is as close as the list's first member: they share the cue."""
        return near(lead[0]) if m in lead else near(tail[0]) if m in tail else near(m)

    # a passive cue's patient is the name just before it, or the list that ends there
    # ("قوات التحالف بقيادة الولايات المتحدة": the coalition is led, not Iraq before it)
    # and its agent the name just after it, or the list that starts there ("بقيادة الولايات
    # المتحدة ...، قال ميري": Miri leads nothing)
    passive = hit.cue.voice == "passive"
    heads = lead or before[:1] if passive else _nearest_first(lead, before)
    if describes(found, hit, before):
        # "روسيا وإيران حليفتا الأسد، وتركيا الداعمة لفصائل معارضة": a definite participle
        # right after a name describes that name alone, not the list it ends
        heads = before[:1]
    objects = _agents(after, found) if passive else _nearest_first(tail, after)
    if text and objects and objects[0] is after[0]:
        # "روسيا وإيران حليفتا الأسد، وتركيا الداعمة": a name past a comma is not a second
        # object of a cue whose first object comes before the comma
        objects = [m for m in objects if m in tail or not comma_between(text, found, after[0], m)]
    verb_subject = (
        not fixed
        and hit.cue.lang == "ar"
        and not _subject_before(before, hit)
        and arabic_verb(found, hit.first)
        and bool(after)
        and after[0].first == hit.last + 1
    )
    for k, b in enumerate(heads):
        for j, a in enumerate(objects):
            if verb_subject and a is after[0]:
                continue
            score = close(b) * close(a) * _rank(k, b in lead) * _rank(j, a in tail)
            agent = passive or agent_marked(found, a, hit) or _attack_of(found, a, hit)
            found_pairs.append((a, b, score) if agent else (b, a, score))
    if hit.cue.lang == "ar" and len(after) >= 2 and not (passive or fixed):
        # a verb-first clause (or a verbal noun and its agent): "دعم بلاده وفصائل المقاومة
        # سوريا" has a list of subjects, then the object
        verb_first = 0.7 if _subject_before(before, hit) else 1.0
        subjects = run_of(after, found, forward=True) or after[:1]
        if in_phrase(found, hit.last, after[0]):
            subjects = []  # "توعّده بـ”دحر” التنظيمات": the groups are what is to be defeated
        if len(subjects) == len(after) > 1:
            subjects = []  # one list, "ستساعد روسيا وإيران": its members share the cue
        rest = after[len(subjects) :]
        rest = run_of(rest, found, forward=True) or rest[:2]
        for subject in subjects:
            for j, a in enumerate(rest):
                found_pairs.append((subject, a, near(subjects[0]) * close(a) * verb_first * 0.9**j))
    if verb_subject:
        # "ستساعد فصائل المقاومة": a verb with its subject right after it, and its object
        # the one named before ("the army and the government ... the resistance will help")
        for k, b in enumerate(heads):
            found_pairs.append((after[0], b, near(after[0]) * close(b) * 0.9 * _rank(k, b in lead)))
    if symmetric:
        # "Russia and Turkey agreed", "اتفقت روسيا وتركيا": the list is the only side, so
        # its members do it together. With someone on the other side ("we spoke with A, B
        # and C", "روسيا وإيران حليفتا الأسد") each member does it with that side only.
        for group in [g for g, other in ((lead, after), (tail, before)) if not other]:
            # members of one list share one distance from the cue: count it once
            found_pairs += [
                (x, y, close(x) * 0.9) for i, x in enumerate(group) for y in group[i + 1 :]
            ]
    return found_pairs


def closeness(
    found: list[Word],
    first: int,
    last: int,
    other_first: int,
    other_last: int,
    decay: float = _DECAY,
    free: frozenset[int] = frozenset(),
) -> float:
    """From 1 down: how close words ``first..last`` are to ``other_first..other_last``, by
    the content words between them (each costs ``decay``; the words at ``free`` cost nothing).

    >>> from actorgraph.curation.tokens import words
    >>> found = words("we will be supporting Jordan")
    >>> closeness(found, 0, 0, 3, 3), closeness(found, 4, 4, 0, 0)
    (1.0, 0.926)
    >>> closeness(found, 4, 4, 0, 0, free=frozenset({3}))
    1.0
    """
    low, high = (last + 1, other_first) if last < other_first else (other_last + 1, first)
    between = sum(
        1 for k in range(low, high) if found[k].key not in FUNCTION_WORDS and k not in free
    )
    return round(1 / (1 + decay * between), 3)


def _agents(after: list[Mention], found: list[Word]) -> list[Mention]:
    """The agent of a passive cue: the name just after it, or the list that starts there;
    an unknown word just before a known name is part of it ("led by Hay'at Tahrir al-Sham":
    "Hay" is not the agent, HTS is)."""
    if len(after) > 1 and after[0].kind == "unknown" and after[1].first - after[0].last <= 2:
        after = after[1:]
    return run_of(after, found, forward=True) or after[:1]


def _carried_pairs(
    found: list[Word], before: list[Mention], after: list[Mention], near, kind: str
) -> list[Pair]:  # type: ignore[no-untyped-def]
    """The pairs of :func:`.clauses.launched`: the subject right after the verb attacks, for
    a verb of launching, what "على" marks on either side ("شنته هيئة تحرير الشام على مدينة
    حلب": a place, so no party; "الهجوم على إيران شنته إسرائيل": Iran), else the party named
    before the attack (not the attack's own name just before the verb); for another verb,
    the party its pronoun stands for, the one named just before it."""
    agent = after[0]
    if kind == "target":
        return [(agent, m, near(agent) * near(m)) for m in before[:1]]
    targets = [m for m in before + after[1:] if _marked(found, m, _ON, -1)]
    if not targets and not any(w.key in _ON for w in found[agent.last + 1 : agent.last + 3]):
        targets = [m for m in before if m.last < after[0].first - 5][:1]
    return [(agent, m, near(agent) * near(m)) for m in targets]


def adversaries(
    found: list[Word],
    mentions: list[Mention],
    hit: CueHit,
    governed: frozenset[int] = frozenset(),
    start: int = 0,
) -> list[tuple[Mention | None, Mention]]:
    """``(supported, adversary)`` for each party a support cue names as an adversary
    (:func:`.governing.split_against`; ``None`` when no one is named as supported). Whoever
    gives the support opposes the adversary, and the adversary is hostile to the one
    supported against it.

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> found = words("we back Israel against Iran")
    >>> m = [Mention(2, 2, "israel", "actor", "State", "Israel"),
    ...      Mention(4, 4, "iran", "actor", "State", "Iran")]
    >>> back = Cue("supports", "en", ("back",), "active", 0.8, "general")
    >>> [(s.id, x.id) for s, x in adversaries(found, m, CueHit(back, 1, 1))]
    [('israel', 'iran')]
    """
    after = _sides(mentions, found, hit, start)[1]
    return split_against(found, _free(after, mentions), hit, governed)[1]


def _sides(
    mentions: list[Mention], found: list[Word], hit: CueHit, start: int, text: str = ""
) -> tuple[list[Mention], list[Mention]]:
    """The mentions of the cue's clause before it (nearest first) and after it."""
    low, high = clause_span(found, hit, start, text)
    before = sorted(
        (m for m in mentions if low <= m.first and m.last < hit.first), key=lambda m: -m.last
    )
    own = hit.whole_words.stop  # "التابعة ل": the name that starts on the "ل" comes after
    return before, [m for m in mentions if own <= m.first <= high]


def _subject_before(before: list[Mention], hit: CueHit) -> bool:
    """Whether a name stands within four words before the cue, as its subject may."""
    return bool(before) and hit.first - before[0].last <= 4


def _nearest_first(run: list[Mention], side: list[Mention]) -> list[Mention]:
    """The mentions a cue pairs on one side: the two nearest and the list, nearest first."""
    chosen = run + [m for m in side[:2] if m not in run]
    return sorted(chosen, key=side.index)


def _rank(k: int, listed: bool) -> float:
    """How much the ``k``-th mention from the cue counts: list members almost as much as the
    first, others less and less."""
    return 0.97**k if listed else 0.85**k


def _free(side: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """``side`` without demonyms that only qualify a name: the person named next ("الأميركي
    أنتوني بلينكن", "Iranian Foreign Minister Araghchi") or the group named just before, as
    an Arabic adjective follows its noun ("فصائل سورية"). The person or group is the party,
    not the state."""
    return [m for m in side if m.via != "demonym" or not _qualifies(m, mentions)]


def _qualifies(demonym: Mention, mentions: list[Mention]) -> bool:
    following = [m for m in mentions if m.first > demonym.last]
    if following and following[0].type == "Person" and following[0].first - demonym.last <= 3:
        return True
    return any(m.last + 1 == demonym.first and not m.via for m in mentions)


def _roles(
    found: list[Word], before: list[Mention], after: list[Mention], hit: CueHit, near
) -> list[Pair]:  # type: ignore[no-untyped-def]
    """The person a role word describes (the one named just after it, as in "وزير الخارجية
    ... بلينكن" and "Secretary Blinken", else the nearest before it) and what the role is of
    (the states and bodies nearest the role word)."""
    people = [m for m in after if m.type == "Person" and m.first - hit.last <= 5]
    people = people or sorted((m for m in before if m.type == "Person"), key=lambda m: -near(m))
    # "المبعوث الأممي الخاص إلى سوريا": the state after "to" is where the envoy works, and a
    # state after "in" where the role is held ("المسؤول عن قواتها في سوريا")
    others = sorted(
        (
            m
            for m in before + after
            if m.type != "Person"
            and not _marked(found, m, TOWARDS, m.first - 2)
            and not (m.type == "State" and found[m.first - 1].key in _IN)
        ),
        key=lambda m: -near(m),
    )
    # "وزير الخارجية الأميركي أنتوني بلينكن": the state written right after the role word,
    # before the person, is the role's, however near another state stands
    own = [m for m in others if 0 < m.first - hit.last <= 3 and people and m.last < people[0].first]
    # "Iranian Foreign Minister Abbas Araghchi met his Turkish counterpart": in English the
    # role's state is written before the role word, unless it follows it ("Minister of Iran")
    if hit.cue.lang == "en" and not own and people and people[0].first > hit.last:
        own = [m for m in others if 0 < hit.first - m.last <= 3]
    others = own[:1] or others
    return [
        (person, o, near(person) * near(o) * 0.9**k)
        for person in people[:1]
        for k, o in enumerate(others[:2])
    ]


def agent_marked(found: list[Word], mention: Mention, hit: CueHit) -> bool:
    """Whether an agent marker ("by", "من قبل") makes ``mention`` the cue's agent: only
    within four words of the cue. Further on it belongs to a noun in between: in "الوقوف ضد
    هذه المؤامرة الأخيرة من قبل الإرهابيين" the conspiracy is the terrorists', the stand
    against it is not."""
    return mention.first - hit.last <= 4 and _marked(found, mention, _AGENT, hit.last)


def _attack_of(found: list[Word], mention: Mention, hit: CueHit) -> bool:
    """Whether ``mention`` is the agent of an indefinite Arabic noun of attack written just
    before it with "ل" ("هجوم لفصائل معارضة": an attack by opposition factions; the target
    takes "على")."""
    cue, after = found[hit.first].text, found[mention.first].text
    return (
        hit.cue.lang == "ar"
        and relation_families().get(hit.cue.relation) == "opposes"
        and mention.first == hit.last + 1
        and not cue.startswith(("ال", "وال", "بال", "لل"))
        and after.startswith("ل")
        and not after.startswith("لل")
    )


def _marked(found: list[Word], mention: Mention, markers: frozenset[str], after: int) -> bool:
    """Whether one of ``markers`` stands just before ``mention`` (after word ``after``)."""
    return any(
        found[k].key in markers for k in range(max(after + 1, mention.first - 2), mention.first)
    )
