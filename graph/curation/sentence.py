"""One sentence of a line being read, and the candidates it gives (:func:`.suggest.suggest`).

:class:`Sentence` finds the relation cues of its words and pairs the mentions around each
(:mod:`.pairing`), adds what the sentence implies around a cue without pairing it
(:mod:`.hidden`, :mod:`.company`, :mod:`.offices`, :mod:`.conflict`), who a fronted "his" or
"our" stands for (:mod:`.attribution`), the places a withdrawal says were held
(:mod:`.withdrawal`), the offices a successor takes (:mod:`.offices`), the known ties between
its mentions (:mod:`.ties`) and what names imply (:mod:`.belonging`); then scores each
candidate and gives it its stance, attribution, date and excerpt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from ..families import relation_families, symmetric_relations
from .attribution import (
    date_of,
    denials,
    his,
    our,
    says,
    speaker,
    stance,
)
from .belonging import around, belongs_to, located, possessed
from .candidate import Candidate
from .clauses import question_span
from .company import companions, comrades
from .conflict import mediated
from .counterattack import countered
from .cues import CueHit, find_cues
from .governing import governed_objects
from .hidden import (
    Implied,
    accuser,
    foes,
    former_tie,
    policy_maker,
    voice_agent,
    with_topic,
    wrongdoer,
)
from .mentions import Mention
from .offices import SUCCESSION, demoted, successions
from .pairing import Pair, closeness, pairs
from .tokens import MAX_EXCERPT_WORDS, Word, excerpt
from .withdrawal import HELD_BEFORE

if TYPE_CHECKING:
    from .suggest import _Reading

__all__ = ["Sentence"]

_TIE_WEIGHT = 0.6  # a known structural tie restated: no cue, so less than most cues
_KNOWN_WEIGHT = 0.6  # a supports or opposes relation another document states
_NAMED_WEIGHT = 0.55  # what a name implies ("القوات الأميركية": part of the US forces)
_IMPLICIT = 0.85  # a mention read through a referent, not a name
_REPORTERS = frozenset({"Monitor"})  # they report what others do; they are not parties
_COMMANDED = frozenset({"ArmedForces", "ArmedGroup", "Coalition"})
_OPINIONS = frozenset({"accuses"})  # what an outlet (Media) itself may do: criticise


@dataclass(frozen=True)
class Sentence:
    """One sentence (words ``start``..``end``) of a line being read."""

    reading: _Reading
    number: int
    text: str
    words: list[Word]
    mentions: list[Mention]
    start: int
    end: int

    @cached_property
    def _speaker(self) -> Mention | None:
        """Who the sentence itself says is speaking (:func:`.attribution.speaker`), if any."""
        return speaker(self.words, self.mentions, self.start, self.end, self.text)

    @cached_property
    def _denials(self) -> tuple[int, ...]:
        """Where denials start in the sentence (counted from its first word)."""
        return denials(self.words[self.start : self.end + 1])

    @cached_property
    def _asked(self) -> range:
        """The words of an indirect question in the sentence (:func:`.clauses.question_span`)."""
        return question_span(self.text, self.words, self.start, self.end)

    def candidates(self) -> list[Candidate]:
        usable = [
            m for m in self.mentions if m.kind != "source" and self.start <= m.first <= self.end
        ]
        own = self._speaker
        said_by = own or self.reading.context.said_by
        named = {k for m in usable if m.kind != "unknown" for k in range(m.first, m.last + 1)}
        parties = [
            m
            for m in usable
            if m.type not in _REPORTERS
            and not located(self.words, m, self.reading.context.lex, self.text)
        ]
        found: list[Candidate] = []
        hits = [
            CueHit(hit.cue, hit.first + self.start, hit.last + self.start)
            for hit in find_cues(self.words[self.start : self.end + 1], self.reading.cues)
        ]
        governed = governed_objects(self.words, usable, hits)
        # places and the monitors a sentence cites are adjuncts: they part no cue from a party
        adjuncts = frozenset(
            k for m in usable if m not in parties for k in range(m.first, m.last + 1)
        )
        for hit in hits:
            if not named.isdisjoint(hit.whole_words):
                continue  # the cue word is part of a name ("سلاح الجو السوري", "the offensive")
            asked = hit.first in self._asked
            if asked and relation_families()[hit.cue.relation] != "structural":
                continue  # "asked whether Iraq receives support": asked, not said
            symmetric = hit.cue.relation in symmetric_relations()
            ends = self._ends(hit, usable, parties) + self._ours(hit, usable, said_by)
            ends += self._his(hit, usable, own)
            why = f"cue {self.words[hit.first].text!r} ({hit.cue.voice})"
            paired = pairs(
                self.words, ends, hit, symmetric, governed, self.start, adjuncts, self.text
            )
            for subject, obj, near in paired:
                found += self._candidate(
                    hit.cue.relation, hit.cue.weight, subject, obj, near, said_by, why, hit
                )
            for relation, weight, agent, patient, near, how in self._implied(
                hit, ends, parties, paired, governed, said_by
            ):
                found += self._candidate(
                    relation, weight, agent, patient, near, said_by, f"{why}, {how}", hit
                )
        found += self._successors(usable, said_by) + self._withdrawn(usable, said_by)
        return found + self._ties(usable, parties, said_by)

    def _ends(self, hit: CueHit, usable: list[Mention], parties: list[Mention]) -> list[Mention]:
        """The mentions a cue may relate: any for a role; the parties and the places for
        holding; else the parties but places, and an outlet only as one who accuses (a news
        agency that carries a minister's words does not meet anyone)."""
        if hit.cue.voice == "role":
            return usable
        if hit.cue.relation == "controls":  # what is held is a place, not a state named as one
            held = [m for m in usable if m.kind == "place" and not around(self.words, m)]
            return [m for m in usable if m in held or (m in parties and m.kind != "place")]
        opinion, asked = hit.cue.relation in _OPINIONS, self._asked
        if hit.first not in asked:  # the answer's cue does not reach into the question
            parties = [p for p in parties if p.first not in asked]
        return [p for p in parties if p.kind != "place" and (p.type != "Media" or opinion)]

    def _ours(self, hit: CueHit, usable: list[Mention], said_by: Mention | None) -> list[Mention]:
        """Whose act an Arabic cue word that says "our" is (:func:`.attribution.our`): the
        speaker's state, or the body that speaks ("هجماتنا" in a group's statement). Not a
        verb with its subject named just before it ("إن تنظيم داعش هاجمنا": attacked us)."""
        if hit.cue.lang != "ar" or hit.first != hit.last or said_by is None:
            return []
        named = [m for m in usable if m.kind == "actor" and m.id != said_by.id]
        if any(0 < hit.first - m.last <= 2 for m in named):
            return []
        context = self.reading.context
        person = said_by.type == "Person"
        owner = context.ties.country_of(said_by.id) if person else said_by.id
        found = our(self.words[hit.first], hit.cue.words[0], hit.first, owner, context.lex.types)
        return [found] if found is not None else []

    def _his(self, hit: CueHit, usable: list[Mention], own: Mention | None) -> list[Mention]:
        """Whose act a fronted Arabic verbal noun with "his" on it is, before any party is
        named (:func:`.attribution.his`): ``own``, the speaker the sentence names, when it
        names him after it."""
        if hit.cue.lang != "ar" or hit.first != hit.last or hit.first - self.start > 2:
            return []  # fronted: "وغداة توعّده", "وبعد دعمه", the sentence's first words
        if own is None or own.first <= hit.last or own.kind != "actor":
            return []
        if any(m.first < hit.first for m in usable if m.kind != "place"):
            return []
        # the pronoun agrees with the verb of saying: "توعّده ... قال", "دعمها ... قالت"
        verb = next((w for w in self.words[hit.last + 1 : own.first] if says(w)), None)
        if verb is None:
            return []
        feminine = verb.key.lstrip("وف").endswith("ت")
        found = his(self.words[hit.first], hit.cue.words[0], hit.first, own, feminine)
        return [found] if found is not None else []

    def _implied(
        self,
        hit: CueHit,
        ends: list[Mention],
        parties: list[Mention],
        paired: list[Pair],
        governed: frozenset[int],
        said_by: Mention | None,
    ) -> list[Implied]:
        """What the sentence implies around the cue (:mod:`.hidden`): the voice behind an
        English passive, the foes of "back X against Y", and, when the cue found no one
        else to relate to, the line's topic."""
        voice, types = self.reading.document.voice, self.reading.context.lex.types
        implied = voice_agent(self.words, parties, hit, voice, types, said_by)
        implied += foes(self.words, ends, hit, paired, governed, self.start)
        implied += accuser(self.words, ends, hit, paired, said_by)
        implied += wrongdoer(self.words, ends, hit, said_by, self.reading.context.ties.country_of)
        implied += countered(self.words, hit, paired, self.reading.context.state_of)
        implied += former_tie(hit, paired)
        implied += comrades(self.words, hit, paired)
        context = self.reading.context
        implied += companions(self.words, self.text, parties, hit, self.start, context.ties)
        country_of = self.reading.context.ties.country_of
        implied += demoted(self.words, parties, hit, paired, country_of, self.start)
        implied += mediated(self.words, ends, hit, paired, self.reading.sides, context.state_of)
        if all(s.id == o.id for s, o, _ in paired):  # no one else to talk to
            about = self.reading.context.topic
            implied += with_topic(self.words, parties, hit, about, voice, types, self.start)
        return implied

    def _ties(
        self, usable: list[Mention], parties: list[Mention], said_by: Mention | None
    ) -> list[Candidate]:
        """Known structural ties between two mentions, and bodies named with a demonym."""
        found: list[Candidate] = []
        context = self.reading.context
        for a in usable:
            for b in usable:
                if a.id == b.id:
                    continue
                near = closeness(self.words, a.first, a.last, b.first, b.last)
                carried = [(r, _TIE_WEIGHT, "known tie") for r in context.ties.between(a.id, b.id)]
                # without a cue, a sentence naming Syria and its government says too little
                # about which of the two a relation carried over from another document is of
                if a in parties and b in parties and not context.own_state(a.id, b.id):
                    known = context.ties.known(a.id, b.id)
                    carried += [(r, _KNOWN_WEIGHT, "known relation") for r in known]
                for relation, weight, why in carried:
                    found += self._candidate(relation, weight, a, b, near, said_by, why, known=True)
            if a.kind == "actor":
                found += self._named(a, usable, said_by)
        return found

    def _withdrawn(self, usable: list[Mention], said_by: Mention | None) -> list[Candidate]:
        """The places the parties that withdraw from them held (:mod:`.withdrawal`)."""
        found: list[Candidate] = []
        for party, place, k in self.reading.withdrawals.read(
            self.words, usable, self.start, self.end
        ):
            near = closeness(self.words, place.first, place.last, k, k)
            why = f"withdraws from it ({self.words[k].text!r}): held it until then"
            held = self._candidate("controls", HELD_BEFORE, party, place, near, said_by, why)
            found += [replace(c, ending=True) for c in held]
        return found

    def _successors(self, usable: list[Mention], said_by: Mention | None) -> list[Candidate]:
        """The offices a successor takes from the one he replaces (:mod:`.offices`)."""
        found: list[Candidate] = []
        types = self.reading.context.lex.types
        for successor, before, first, last in successions(self.words, usable, self.text):
            if not self.start <= first <= self.end:
                continue
            near = closeness(self.words, successor.first, successor.last, before.first, before.last)
            for relation, body, line in self.reading.offices.of(before.id):
                # the office stands on the words "takes the place of X", for the excerpt
                span = (first, max(last, before.last))
                office = Mention(
                    *span, body, "actor", types[body], self.words[first].text, "office"
                )
                why = f"replaces {before.surface!r} ({relation} {body}, line {line})"
                found += self._candidate(
                    relation, SUCCESSION, successor, office, near, said_by, why
                )
        return found

    def _named(
        self, body: Mention, usable: list[Mention], said_by: Mention | None
    ) -> list[Candidate]:
        """The structural statements that ``body``'s name implies (:mod:`.belonging`), and
        the possessive it is read through: then the owner is the state named before it."""
        context = self.reading.context
        found: list[Candidate] = []
        implied = belongs_to(context, self.words, self.mentions, self.text, body, self.reading.cues)
        for b in implied:
            ends = [replace(body, id=i, type=context.lex.types[i]) for i in (b.subject, b.object)]
            found += self._candidate(b.relation, _NAMED_WEIGHT, *ends, 1.0, said_by, b.why)
        for b, owner in possessed(context, usable, body):
            found += self._candidate(b.relation, _NAMED_WEIGHT, body, owner, 1.0, said_by, b.why)
        return found

    def _candidate(
        self,
        relation: str,
        weight: float,
        subject: Mention,
        obj: Mention,
        closeness: float,
        said_by: Mention | None,
        why: str,
        hit: CueHit | None = None,
        *,
        known: bool = False,
    ) -> list[Candidate]:
        if relation == "commanderOf" and obj.type not in _COMMANDED:
            # one commands a force, a unit or an armed group (the ontology's definition): for
            # a state, its force; an outlet or a ministry is commanded by no one
            force = self.reading.context.bodies.forces.get(obj.id) if obj.type == "State" else None
            if force is None:
                return []
            obj = replace(obj, id=force, type="ArmedForces")
        if subject.kind == "place" and obj.kind != "place":
            subject, obj = obj, subject  # a place is what is held, wherever the text puts it
        voice, ties = self.reading.document.voice, self.reading.context.ties
        leads = ties.between(subject.id, voice or "")
        family = relation_families()[relation]
        subject = policy_maker(subject, family, voice, leads, self.words, hit)
        # the graph may know it the other way round ("وتقود الهجوم هيئة تحرير الشام": HTS
        # leads the offensive, though the offensive is written first)
        backwards = relation in ties.between(obj.id, subject.id)
        if subject.id == obj.id or subject.kind == "place" or backwards:
            return []
        if (relation == "controls") != (obj.kind == "place"):
            return []
        unknown = tuple(m.id for m in (subject, obj) if m.kind == "unknown")
        implicit = sum(
            1 for m in (subject, obj) if m.via not in ("", "voice", "leader", "short form")
        )
        score = round(weight * closeness * 0.7 ** len(unknown) * _IMPLICIT**implicit, 3)
        spans = [subject.first, subject.last, obj.first, obj.last]
        if hit is not None:
            spans += [hit.first, hit.last]
        sentence = self.words[self.start : self.end + 1]
        at = (hit.first if hit is not None else min(spans)) - self.start
        stance_, attributed = stance(
            sentence, at, subject.id, said_by, self.reading.monitors, self._denials
        )
        unknown += (said_by.id,) if said_by and said_by.kind == "unknown" else ()
        return [
            Candidate(
                document=self.reading.document.name,
                line=self.number,
                subject=subject.id,
                relation=relation,
                family=family,
                object=obj.id,
                stance=stance_,
                attributed_to=attributed,
                date=date_of(self.words, self.reading.document.date),
                excerpt=excerpt(self.text, self.words, min(spans), max(spans), MAX_EXCERPT_WORDS),
                score=score,
                reason=f"{_shown(subject)} · {why} · {_shown(obj)}",
                unknown=unknown,
                known=known,
                named=sum(1 for m in (subject, obj) if m.via in ("", "demonym", "short form")),
            )
        ]


def _shown(mention: Mention) -> str:
    return f"{mention.surface!r}" + (f" ({mention.via}: {mention.id})" if mention.via else "")
