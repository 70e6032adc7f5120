"""Agents a sentence leaves unnamed: the voice behind an English passive.

An English passive with no agent ("HTS was designated in 2018") names what is done and to
whom, but not who does it. In a document that speaks for someone (a White House briefing),
the agent is most often the voice itself. :func:`voice_agent` returns ``(agent, patient,
closeness, why)`` for the caller to score; the agent is a mention on the cue's words, read
``via`` "voice".

>>> from actorgraph.curation.cues import Cue
>>> from actorgraph.curation.tokens import words
>>> found = words("HTS was designated in 2018")
>>> hts = Mention(0, 0, "hts", "actor", "ArmedGroup", "HTS")
>>> cue = Cue("designatesTerrorist", "en", ("designated",), "active", 0.7, "general")
>>> [(a.id, p.id, why) for a, p, _, why in voice_agent(found, [hts], CueHit(cue, 2, 2),
...     "united-states", {"united-states": "State"})]
[('united-states', 'hts', 'no agent: the voice')]
"""

from __future__ import annotations

from .cues import CueHit
from .mentions import Mention
from .pairing import agentless, closeness
from .tokens import Word

__all__ = ["voice_agent", "Hidden"]

Hidden = tuple[Mention, Mention, float, str]


def voice_agent(
    found: list[Word],
    parties: list[Mention],
    hit: CueHit,
    voice: str | None,
    types: dict[str, str],
) -> list[Hidden]:
    """The document's voice as the agent of an English passive that names none."""
    patient = agentless(found, parties, hit)
    if patient is None or voice not in types:
        return []
    agent = _on_cue(found, hit, voice, types[voice], "voice")
    near = closeness(found, patient.first, patient.last, hit.first, hit.last)
    return [(agent, patient, near, "no agent: the voice")]


def _on_cue(found: list[Word], hit: CueHit, actor: str, kind: str, via: str) -> Mention:
    """A mention of ``actor`` that stands on the cue's words (it has no words of its own)."""
    return Mention(hit.first, hit.last, actor, "actor", kind, found[hit.first].text, via)
