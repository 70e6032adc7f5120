"""Which actor a word stands for when it does not name one: the mentions of a line.

A line's mentions are the names the lexicon finds (:mod:`.mentions`) plus the words of
:mod:`.referents` resolved against what has been read so far: a demonym stands for its state;
"we" for the document's voice; "بلاده" (his country) for the state of the person speaking or
last named; "he" and "its" for the person or party named last, "they" for the list of parties
named last; and "قواتها", "its forces"
for the armed forces of that party's state (the force whose name carries the state's
demonym, as "القوات الروسية" carries "الروسية"); and descriptions: "الإرهابيين" (the
terrorists) for the designated group the document names most, or the coalition it leads,
"الحكومة" (the government) for the government of the state the document names most. What
the whole document says is read first (:func:`read_ahead`).

>>> from actorgraph.curation.mentions import Name
>>> lex = Lexicon([Name(("moscow",), "russia", "actor", "State", True),
...                Name(("russian", "forces"), "russian-forces", "actor", "ArmedForces", True)])
>>> text = "Moscow said its forces would stay."
>>> context = Context(lex)
>>> [(m.id, m.via) for m in line_mentions(lex, words(text), text, context)]
[('russia', ''), ('russian-forces', 'pronoun')]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .attribution import speaker
from .bodies import Bodies, bodies_of
from .clauses import run_of
from .listed import announced
from .mentions import THE_COUNTRY, Lexicon, Mention, places_in_it
from .referents import (
    AIR_FORCE_OF_PARTY,
    COUNTERPART,
    DESIGNATED,
    FIGHTERS,
    FIGHTERS_OF,
    FORCES_IN_FOCUS,
    FORCES_OF_PARTY,
    FORCES_OF_PERSON,
    GOVERNMENT_IN_FOCUS,
    LAST_PARTIES,
    LAST_PARTY,
    LAST_PERSON,
    OFFICE,
    SPEAKER,
    VOICE,
    find_referents,
)
from .shortforms import short_forms
from .ties import KnownTies
from .titles import Titles, learn_states
from .tokens import Word, sentence_ends, words

__all__ = [
    "Context",
    "line_mentions",
    "read_ahead",
    "is_party",
    "fighters_of",
]

_NOT_PARTIES = frozenset({"Person", "Monitor", "Media"})
_DESCRIBED = frozenset({DESIGNATED, GOVERNMENT_IN_FOCUS, FORCES_IN_FOCUS})


@dataclass
class Context:
    """What a reader of a document knows at a line: the lexicon, the known ties, the voice,
    who spoke last and which person and party were named last."""

    lex: Lexicon
    ties: KnownTies = field(default_factory=lambda: KnownTies({}, {}))
    voice: str | None = None
    said_by: Mention | None = None
    person: str | None = None
    party: str | None = None
    parties: tuple[str, ...] = ()  # the list of parties named last ("Russia and Iran")
    salience: Counter[str] = field(default_factory=Counter)  # names per actor in the document
    topic: Mention | None = None  # the party the line being read announces ("On HTS, ...")
    titles: Titles = field(default_factory=Titles)  # who holds which title in the document
    fighters: str | None = None  # the party whose fighters were named last

    def remember(self, ends: list[int], found: list[Word], mentions: list[Mention]) -> None:
        """Note the person and the party named last in a line just read (``ends``: its
        :func:`.tokens.sentence_ends`)."""
        fighters = fighters_of(found, mentions)
        self.fighters = fighters[-1].id if fighters else self.fighters
        people = [m.id for m in mentions if m.type == "Person" and not m.via]
        self.person = people[-1] if people else self.person
        parties = [m for m in mentions if is_party(m) and not m.via]
        self.party = parties[-1].id if parties else self.party
        if parties:
            last = [m for m in parties if ends[m.first] == ends[parties[-1].first]]
            listed = run_of(sorted(last, key=lambda m: -m.last), found, forward=False)
            self.parties = tuple(m.id for m in reversed(listed)) or (parties[-1].id,)

    def state_of(self, actor: str) -> str | None:
        """The state ``actor`` belongs to: by the known ties, else by the demonym in its own
        label or in the label of what it is tied to ("الحكومة السورية": Syria)."""
        known = actor if self.lex.types.get(actor) == "State" else self.ties.country_of(actor)
        if known is not None:
            return known
        tied = self.ties.tied_to(actor)
        labelled = [self.bodies.labelled[a][0] for a in (actor, *tied) if a in self.bodies.labelled]
        return labelled[0] if labelled else None

    def own_state(self, a: str, b: str) -> bool:
        """Whether one of ``a`` and ``b`` is the state the other belongs to (Syria and its
        government)."""
        return self.state_of(a) == b or self.state_of(b) == a

    def container(self, body: str, state: str) -> str | None:
        """What a force, office or outlet of ``state`` is nearest part of: a unit of the
        state's main force; else the state's government (the Government whose label says
        "government" and carries the demonym); else the state. A government itself is part
        of nothing here: None."""
        kind = self.lex.types.get(body)
        if body in self.bodies.named_governments:
            return None  # a government in its own right (a rival, a future one), no organ
        force, government = self.bodies.forces.get(state), self.bodies.governments.get(state)
        if kind == "ArmedForces" and force not in (None, body):
            return force
        if government not in (None, body) and body not in self.bodies.governments.values():
            return government
        return state if body != state else None

    def in_focus(self) -> str | None:
        """The state the document names most (the first named of two named as often)."""
        return _in_focus(self)

    @property
    def bodies(self) -> Bodies:
        """What the lexicon's labels say of forces and governments (:mod:`.bodies`)."""
        return bodies_of(self.lex)


def line_mentions(
    lex: Lexicon, found: list[Word], text: str, context: Context | None, *, titled: bool = True
) -> list[Mention]:
    """The named mentions of a line, plus those read through referents (demonyms, "we"), and
    with ``titled`` the bare titles read as their holders (:mod:`.titles`)."""
    found_names = lex.find(found, text)
    country = None  # "البلاد": read only where it is written (finding a speaker costs)
    if context is not None and any(w.key in THE_COUNTRY for w in found):
        country = _country(found, text, found_names, context)
    named = places_in_it(lex, found, text, found_names, country)
    covered = {k for m in named if m.kind != "unknown" for k in range(m.first, m.last + 1)}
    extra: list[Mention] = []
    referents = find_referents(found, covered)
    demonyms = {first for first, _, ref in referents if ref.kind == "demonym"}
    for first, last, ref in referents:
        if ref.refers_to == LAST_PARTIES:
            targets = _last_list(found, text, named, first, context)
        elif ref.refers_to == OFFICE:  # of the state a demonym right after it names, if any
            after = [r.refers_to for f, _, r in referents if f == last + 1 and r.kind == "demonym"]
            state = after[0] if after else None
            targets = (_office(ref.words, context, named, first, state),)
        elif ref.refers_to == FIGHTERS:  # "المقاتلين": the party whose fighters came last
            targets = (_fighters(found, text, named, (first, last), context),)
        elif ref.refers_to == COUNTERPART:
            span, followed = (first, last), last + 1 in demonyms
            targets = (_counterpart(named, extra, span, followed, context),)
        else:
            targets = (_resolve(ref.refers_to, context, named, first),)
        surface = text[found[first].start : found[last].end]
        extra += [
            Mention(first, last, target, "actor", lex.types[target], surface, ref.kind)
            for target in targets
            if target is not None and target in lex.types
        ]
    taken = {k for m in extra for k in range(m.first, m.last + 1)}
    kept = [m for m in named if m.kind != "unknown" or taken.isdisjoint(range(m.first, m.last + 1))]
    found_mentions = sorted(short_forms(found, kept, text) + extra, key=lambda m: m.first)
    found_mentions = announced(found, text, found_mentions)
    if context is None:
        return found_mentions
    learn_states(context, named, extra, found, text)
    return context.titles.read(found, text, found_mentions) if titled else found_mentions


def read_ahead(context: Context, lines: Iterable[str]) -> None:
    """Read a document's ``lines`` once before suggesting from them, as a reader who knows
    the whole text: who speaks for which state, and how often each actor is named.

    Fidan is Turkish from line 81 of the Aleppo report ("نظيره التركي هاكان فيدان": a
    demonym just before a person's name, :meth:`KnownTies.learn`), and his country is
    mentioned at line 12 ("بلاده"). The counts (``context.salience``) of names and demonyms
    say which actor a description such as "the government" stands for.
    """
    for text in lines:
        found = words(text)
        mentions = line_mentions(context.lex, found, text, context, titled=False)
        context.titles.learn(found, mentions)
        context.salience.update(
            m.id for m in mentions if m.kind == "actor" and m.via in ("", "demonym")
        )


def _last_list(
    found: list[Word], text: str, named: list[Mention], at: int, context: Context | None
) -> tuple[str | None, ...]:
    """What "they" stands for at word ``at``: the list of parties named last in its sentence
    ("Russia and Iran made clear they ..."), else the party named last."""
    ends = sentence_ends(text, found)
    start = ends.index(ends[at])
    before = sorted(
        (m for m in named if is_party(m) and start <= m.first and m.last < at),
        key=lambda m: -m.last,
    )
    if not before:
        earlier = [m for m in named if is_party(m) and m.last < at]
        return (earlier[-1].id,) if earlier else context.parties if context is not None else ()
    listed = run_of(before, found, forward=False)
    return tuple(m.id for m in reversed(listed)) if listed else (before[0].id,)


def _counterpart(
    named: list[Mention],
    extra: list[Mention],
    span: tuple[int, int],
    demonym_next: bool,
    context: Context | None,
) -> str | None:
    """What "his counterpart" (words ``span``) stands for: nothing when a person's name
    follows within three words or a demonym right after it (the person is the counterpart:
    "بنظيره التركي هاكان فيدان"), else the party named last before it that is neither the
    person it belongs to nor that person's state; the party is the side he talks to ("we
    have been in engagement with the Turks. Lloyd Austin spoke to his counterpart")."""
    first, last = span
    if any(0 < m.first - last <= 3 for m in named if m.type == "Person") or demonym_next:
        return None
    before = sorted((m for m in named + extra if m.last < first), key=lambda m: m.last)
    people = [m.id for m in before if m.type == "Person"]
    own = {people[-1], context.state_of(people[-1]) if context else None} if people else set()
    parties = [m.id for m in before if is_party(m) and m.id not in own]
    return parties[-1] if parties else None


def _fighters(
    found: list[Word],
    text: str,
    named: list[Mention],
    span: tuple[int, int],
    context: Context | None,
) -> str | None:
    """What "the fighters" (words ``span``) stand for: the party whose fighters the line
    named last before them, else the one named last in the document; nothing when the words
    after them say whose or which they are ("the fighters of the SDF", "المقاتلين التابعين
    لقوات سوريا الديمقراطية", "المقاتلين الأكراد", "المقاتلين الأجانب"), or when a party is
    named earlier in their sentence, which they may well be ("Rebels led by HTS took Homs,
    and the fighters then attacked")."""
    first, last = span
    after = found[last + 1].key if last + 1 < len(found) else ""
    if (
        after in ("of", "from")
        or after.startswith(("ال", "من"))
        or find_referents(found[last + 1 : last + 2], ())
    ):
        return None
    earlier = [m.id for m in fighters_of(found, named) if m.last < first]
    if earlier:
        return earlier[-1]
    ends = sentence_ends(text, found)
    start = ends.index(ends[first])
    if any(is_party(m) and not m.via and start <= m.first < first for m in named):
        return None
    return context.fighters if context is not None else None


def fighters_of(found: list[Word], mentions: list[Mention]) -> list[Mention]:
    """The parties whose fighters ``found`` names: after "مقاتلي", "fighters of", before
    "fighters" ("HTS fighters")."""
    return [
        m
        for m in mentions
        if is_party(m)
        and not m.via
        and (
            (m.first > 0 and bool(FIGHTERS_OF & set(found[m.first - 1].forms)))
            or (
                m.first > 1
                and (found[m.first - 2].key, found[m.first - 1].key) == ("fighters", "of")
            )
            or (m.last + 1 < len(found) and found[m.last + 1].key == "fighters")
        )
    ]


def is_party(mention: Mention) -> bool:
    """Whether "they" or "its" could stand for ``mention``: a named group, force or state."""
    return mention.kind == "actor" and mention.type not in _NOT_PARTIES


def _resolve(refers_to: str, context: Context | None, named: list[Mention], at: int) -> str | None:
    """The actor a referent stands for at word ``at`` of a line."""
    if refers_to == VOICE:
        return context.voice if context is not None else None
    if not refers_to.startswith("@"):
        return refers_to
    if context is None:
        return None
    if refers_to in (FORCES_OF_PARTY, FORCES_OF_PERSON, AIR_FORCE_OF_PARTY):
        owner = _resolve(
            LAST_PERSON if refers_to == FORCES_OF_PERSON else LAST_PARTY, context, named, at
        )
        state = context.state_of(owner) if owner else None
        bodies = context.bodies
        table = bodies.air_forces if refers_to == AIR_FORCE_OF_PARTY else bodies.forces
        return table.get(state) if state else None
    if refers_to in _DESCRIBED:
        return _described(refers_to, context)
    people = [m.id for m in named if m.type == "Person" and m.last < at]
    if refers_to == LAST_PERSON:
        return people[-1] if people else context.person
    if refers_to == LAST_PARTY:
        parties = [m.id for m in named if is_party(m) and m.last < at]
        return parties[-1] if parties else context.party
    if refers_to != SPEAKER:
        return None
    said = context.said_by.id if context.said_by and context.said_by.type == "Person" else None
    person = people[-1] if people else said or context.person
    return context.ties.country_of(person) if person else None


def _office(
    keys: tuple[str, ...],
    context: Context | None,
    named: list[Mention],
    at: int,
    state: str | None = None,
) -> str | None:
    """The office a description names ("وزارة الداخلية", "the Foreign Ministry"): of
    ``state`` (the demonym written after it: "وزارة الداخلية السورية"), else of the speaker's
    state, else of the state the document names most."""
    if context is None:
        return None
    state = state or _resolve(SPEAKER, context, named, at) or _in_focus(context)
    return context.bodies.office(state, keys) if state else None


def _country(found: list[Word], text: str, named: list[Mention], context: Context) -> str | None:
    """The state "البلاد" (the country) is in a line: the speaker's, when the line names a
    speaker the reading ties to a state ("قال رئيس الوزراء العراقي ... شمال شرق البلاد" is
    Iraq's north-east), else the state the document names most."""
    said = speaker(found, named, 0, len(found) - 1, text)
    state = context.state_of(said.id) if said is not None and said.kind == "actor" else None
    return state or _in_focus(context)


def _in_focus(context: Context) -> str | None:
    """The state the document names most (the first named of two named as often)."""
    counts = context.salience
    states = [a for a in counts if context.lex.types.get(a) == "State"]
    return max(states, key=counts.__getitem__) if states else None


def _described(refers_to: str, context: Context) -> str | None:
    """What a description stands for in the document being read.

    "The terrorists" ("الإرهابيين", "التنظيمات الإرهابية") are, in a party's mouth, the side
    it fights: of the actors the graph knows to be designated as terrorists, the one the
    document names most, or the coalition that one is known to lead. "The government" and
    "the army" ("الحكومة", "الجيش") are those of the state the document names most. Of two
    named as often, the one named first is taken.
    """
    counts = context.salience
    if refers_to == DESIGNATED:
        designated = set(context.ties.designated())
        named = [a for a in counts if a in designated]  # in the order the document names them
        if not named:
            return None
        group = max(named, key=counts.__getitem__)  # the first named wins a tie
        return context.ties.coalition_led_by(group) or group
    focus = _in_focus(context)
    if focus is None:
        return None
    bodies = context.bodies
    table = bodies.governments if refers_to == GOVERNMENT_IN_FOCUS else bodies.forces
    return table.get(focus)
