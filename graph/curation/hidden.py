"""What a sentence implies but does not pair with a cue: the agent it leaves unnamed, the
foe of "back X against Y", the party its topic is, and the state behind its leader.

- An English passive with no agent ("HTS was designated in 2018") names what is done and to
  whom, but not who does it. In a document that speaks for someone (a White House
  briefing), the agent is most often the voice itself (:func:`voice_agent`).
- "back Israel against Iran": the backer opposes Iran, and Iran is hostile to Israel
  (:func:`foes`).
- A briefing answers "On HTS, ...": a talks cue with no one else to talk to in its clause
  talks to that topic (:func:`with_topic`).
- "the decisions the President made to back Israel", in a White House text, are the United
  States' policy (:func:`policy_maker`).
- "al-Nusra, before it broke its ties with al-Qaeda": a group that breaks with another was
  its member (:func:`former_tie`).
- "Rome said the school suffered a Russian attack": a party that reports another's hostile
  act, done to no party the sentence names, accuses it (:func:`accuser`); so does one that
  calls it a wrong done "by" another ("a conspiracy by the terrorists": :func:`wrongdoer`).

Each function returns :data:`Implied` tuples ``(relation, weight, agent, patient,
closeness, why)`` for the caller to score; a party the text does not name is a mention on
the cue's words, read ``via`` "voice".

>>> from actorgraph.curation.cues import Cue
>>> from actorgraph.curation.tokens import words
>>> found = words("HTS was designated in 2018")
>>> hts = Mention(0, 0, "hts", "actor", "ArmedGroup", "HTS")
>>> cue = Cue("designatesTerrorist", "en", ("designated",), "active", 0.7, "general")
>>> [(a.id, p.id, why) for _, _, a, p, _, why in voice_agent(found, [hts], CueHit(cue, 2, 2),
...     "united-states", {"united-states": "State"})]
[('united-states', 'hts', 'no agent: the voice')]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..families import relation_families
from .clauses import clause_span
from .cues import CueHit
from .mentions import Mention, possessor
from .modifiers import adjective_agent
from .pairing import Pair, adversaries, agent_marked, closeness
from .tokens import Word

__all__ = [
    "voice_agent",
    "foes",
    "with_topic",
    "policy_maker",
    "accuser",
    "agentless",
    "former_tie",
    "wrongdoer",
    "unreal",
    "unreal_before",
    "SUFFERED",
    "Implied",
    "POLICY_FAMILIES",
]

_AUXILIARIES = frozenset({"was", "were", "is", "are", "be", "been", "being"})
_IRREGULAR_PARTICIPLES = frozenset({"held", "made", "given", "brought", "sent", "taken", "seen"})
POLICY_FAMILIES = frozenset({"supports", "opposes"})
FOE_WEIGHT = 0.6  # "back X against Y": Y's hostility, though no cue says it of the backer
TOPICAL = 0.8  # a talks cue read with the line's topic as the other party
ACCUSING = 0.7  # reporting another's hostile act accuses it, though no cue of accusing says so
FORMER = 0.7  # a membership read from its end, which no cue of membership states
# words before a hostile act that make it unreal: negated, any, hypothetical
_UNREAL = frozenset({"not", "never", "no", "any", "would", "if", "لم", "لا", "لن", "ليس", "اي"})
_STILL = frozenset({"تزال", "يزال", "زالت", "زال"})  # "لا تزال": still, not "not"
#: Between a party and a hostile act, these make the party its victim: "Turkey was attacked".
SUFFERED = frozenset({"was", "were", "been", "being", "تعرضت", "تعرض", "تتعرض", "يتعرض"})
_RELAYS = frozenset({"Monitor", "Media"})  # a monitor or an outlet relays; it does not accuse
_PERSONAL = frozenset({"his", "her"})
_BY = frozenset({"by", "قبل"})  # "by", "من قبل": who did the wrong
# verbs by which a party names a wrong itself, in what another reports: "described ... as"
_DESCRIBED = frozenset({"described", "called", "termed", "وصفت", "وصف", "اعتبرت", "اعتبر"})
# words that say a reported wrong is false: "reports of atrocities ... were fabricated"
_FALSE = frozenset(
    {"fabricated", "false", "baseless", "untrue", "unfounded", "مفبركه", "كاذبه", "ملفقه"}
    | {"باطله", "مزاعم"}
)

Implied = tuple[str, float, Mention, Mention, float, str]


def voice_agent(
    found: list[Word],
    parties: list[Mention],
    hit: CueHit,
    voice: str | None,
    types: dict[str, str],
    said_by: Mention | None = None,
) -> list[Implied]:
    """The document's voice as the agent of an English passive that names none; with no
    voice, the party that says who "should be held accountable" holds it to account ("Russia
    said Iran must be held accountable")."""
    patient = agentless(found, parties, hit)
    if patient is None:
        return []
    if voice in types:
        agent, why = _on_cue(found, hit, voice, types[voice]), "no agent: the voice"
    elif hit.cue.relation == "accuses" and said_by is not None and said_by.type not in _RELAYS:
        agent, why = said_by, "no agent: the speaker"
    else:
        return []
    near = closeness(found, patient.first, patient.last, hit.first, hit.last)
    return [(hit.cue.relation, hit.cue.weight, agent, patient, near, why)]


def foes(
    found: list[Word],
    ends: list[Mention],
    hit: CueHit,
    paired: list[Pair],
    governed: frozenset[int],
    start: int,
) -> list[Implied]:
    """The hostility that "back X against Y" states (:func:`.pairing.adversaries`): Y
    opposes X, and whoever backs X (the subjects of ``paired``) opposes Y."""
    backers = {s.id: (s, near) for s, _, near in sorted(paired, key=lambda p: p[2])}
    implied: list[Implied] = []
    for friend, foe in adversaries(found, ends, hit, governed, start):
        if friend is not None:
            near = closeness(found, friend.first, friend.last, foe.first, foe.last)
            why = f"against {friend.surface!r}"
            implied.append(("opposes", FOE_WEIGHT, foe, friend, near, why))
        implied += [("opposes", FOE_WEIGHT, s, foe, n, "against") for s, n in backers.values()]
    return implied


def with_topic(
    found: list[Word],
    parties: list[Mention],
    hit: CueHit,
    about: Mention | None,
    voice: str | None,
    types: dict[str, str],
    start: int,
) -> list[Implied]:
    """A talks cue with no one to talk to in its sentence talks to the line's topic
    (``about``: "On HTS, is there contact: ... we are engaged with everybody"); its subject
    is the party just before it in its clause, else the document's voice."""
    if about is None or relation_families()[hit.cue.relation] != "talksTo":
        return []
    low = clause_span(found, hit, start)[0]
    before = [m for m in parties if low <= m.first and m.last < hit.first and m.id != about.id]
    if before:
        subject = before[-1]
        near = closeness(found, subject.first, subject.last, hit.first, hit.last)
    elif voice in types:
        subject, near = _on_cue(found, hit, voice, types[voice]), 1.0
    else:
        return []
    weight = hit.cue.weight * TOPICAL
    return [(hit.cue.relation, weight, subject, about, near, "topic")]


def policy_maker(
    subject: Mention,
    family: str,
    voice: str | None,
    leads: tuple[str, ...],
    found: list[Word],
    hit: CueHit | None,
) -> Mention:
    """The voice's state for its own leader's policy, else ``subject``.

    A White House briefing that says "the decisions the President has made to back Israel"
    states the policy of the United States, as event coders (CAMEO) code a head of state as
    the state's government: in a document that speaks for a state, its leader named (by name
    or title) as the subject of a ``supports`` or ``opposes`` relation stands for the state
    (``leads``: the structural relations the graph knows from the subject to the voice).
    Talks and roles stay personal, and so does what a pronoun gives him or the cue ascribes
    to him ("emphasized his full support").

    >>> from actorgraph.curation.tokens import words
    >>> biden = Mention(0, 1, "joe-biden", "actor", "Person", "the President")
    >>> found = words("the President backs Jordan")
    >>> policy_maker(biden, "supports", "united-states", ("leaderOf",), found, None).id
    'united-states'
    >>> policy_maker(biden, "talksTo", "united-states", ("leaderOf",), found, None).id
    'joe-biden'
    """
    if family not in POLICY_FAMILIES or voice is None or "leaderOf" not in leads:
        return subject
    personal = hit is not None and any(
        w.key in _PERSONAL for w in found[max(0, hit.first - 2) : hit.first]
    )
    if subject.via or personal:
        return subject
    return replace(subject, id=voice, type="State", via="leader")


def accuser(
    found: list[Word],
    ends: list[Mention],
    hit: CueHit,
    paired: list[Pair],
    said_by: Mention | None,
) -> list[Implied]:
    """The speaker accuses the agent of a hostile act that the sentence reports as done to
    no party it names ("قالت روما إن المدرسة تعرضت لهجوم روسي": Rome accuses Russia). The
    agent is the demonym that qualifies the cue ("a Russian attack"), else the party named
    last before an active cue after the speaker ("Turkey said Russia attacked a hospital");
    a party before a passive ("Turkey was attacked", "تعرضت لهجوم") is its victim. A monitor
    or an outlet relays, the speaker's own act is no accusation, and neither is an act denied
    or only feared ("did not attack", "any Israeli attack").

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> found = words("قالت روما إن المدرسة تعرضت لهجوم روسي")
    >>> rome = Mention(1, 1, "italy", "actor", "State", "روما")
    >>> russia = Mention(6, 6, "russia", "actor", "State", "روسي", "demonym")
    >>> attack = Cue("attacks", "ar", ("هجوم",), "active", 0.8, "general")
    >>> [(r, a.id, p.id) for r, _, a, p, _, _ in accuser(found, [rome, russia],
    ...     CueHit(attack, 5, 5), [], rome)]
    [('accuses', 'italy', 'russia')]
    """
    hostile = relation_families()[hit.cue.relation] == "opposes" and hit.cue.relation != "accuses"
    if not hostile or paired or not _accuser(said_by):
        return []
    before = [m for m in ends if said_by.last < m.first and m.last < hit.first]
    active = before and not SUFFERED & {
        f for w in found[before[-1].last + 1 : hit.first] for f in w.forms
    }
    agent = adjective_agent(found, ends, hit) or (before[-1] if active else None)
    if agent is None or agent.id == said_by.id:
        return []
    if unreal_before(found, hit):
        return []  # "any Israeli attack", "did not attack", "لم يتعرض": no act reported
    near = closeness(found, agent.first, agent.last, hit.first, hit.last)
    why = f"{said_by.surface!r} reports it"
    return [("accuses", hit.cue.weight * ACCUSING, said_by, agent, near, why)]


def wrongdoer(
    found: list[Word],
    ends: list[Mention],
    hit: CueHit,
    said_by: Mention | None,
    country_of: Callable[[str], str | None] = lambda _: None,
) -> list[Implied]:
    """A noun of wrongdoing (a cue of voice ``wrong``) done "by" a party, in what a party says
    ("المؤامرة الأخيرة من قبل الإرهابيين": the latest conspiracy by the terrorists; "atrocities
    by the regime"): the speaker accuses the doer, whoever the wrong was done to. A monitor or
    an outlet relays, and a wrong denied ("no conspiracy by ...") is none. A noun of accusing
    is another thing: in "the criticism by Turkey" Turkey accuses, as the cue's own voice
    says.
    A person who speaks for a state (``country_of``: the state the reading ties him to, as
    a minister's title does) accuses in its name, as event coders code a minister's words
    as his government's: the accusation is the state's, attributed to him.

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> found = words("قال عراقجي إنها مؤامرة من قبل الإرهابيين")
    >>> araghchi = Mention(1, 1, "araghchi", "actor", "Person", "عراقجي")
    >>> rebels = Mention(6, 6, "rebels", "actor", "Coalition", "الإرهابيين", "description")
    >>> plot = Cue("accuses", "ar", ("موامره",), "wrong", 0.7, "general")
    >>> [(a.id, p.id) for _, _, a, p, _, _ in wrongdoer(found, [rebels], CueHit(plot, 3, 3),
    ...     araghchi)]
    [('araghchi', 'rebels')]
    """
    if hit.cue.voice != "wrong" or not _accuser(said_by) or unreal_before(found, hit):
        return []  # "there was no conspiracy by Turkey": no wrong said
    doers = [m for m in ends if m.first > hit.last and _done_by(found, m, hit)]
    if not doers or doers[0].id == said_by.id or _disowned(found, hit, ends, said_by):
        return []
    near = closeness(found, doers[0].first, doers[0].last, hit.first, hit.last)
    why = f"done by them, {said_by.surface!r} says"
    state = country_of(said_by.id) if said_by.type == "Person" else None
    if state is not None and state != doers[0].id:
        said_by = replace(said_by, id=state, type="State", via="speaker's state")
    return [("accuses", hit.cue.weight, said_by, doers[0], near, why)]


def _accuser(said_by: Mention | None) -> bool:
    """Whether ``said_by`` can accuse in what it says: a known actor, not a monitor or an
    outlet, which relay."""
    return said_by is not None and said_by.kind == "actor" and said_by.type not in _RELAYS


def _done_by(found: list[Word], m: Mention, hit: CueHit) -> bool:
    """Whether ``m`` is named right after the agent marker of a wrong ("مؤامرة من قبل
    الإرهابيين", "atrocities by the regime", "by the"), nothing between but an article, and
    is not the possessor of what follows ("by Iran's enemies", "من قبل أعداء إيران")."""
    if not agent_marked(found, m, hit):
        return False
    k = m.first - 1 - (found[m.first - 1].key == "the")
    gap = found[k + 1].start - found[k].end if k + 1 < len(found) else 0
    return found[k].key in _BY and gap <= 1 and not possessor(found, m)


def _disowned(found: list[Word], hit: CueHit, ends: list[Mention], said_by: Mention) -> bool:
    """Whether the speaker does not make the accusation his own: another party describes the
    wrong before it ("Russia said Turkey described the strikes as atrocities by ..."), or
    the sentence calls it false after it ("reports of atrocities by ... were fabricated")."""
    described = any(
        set(w.forms) & _DESCRIBED and any(m.last < k and m.id != said_by.id for m in ends)
        for k, w in enumerate(found[: hit.first])
    )
    return described or any(set(w.forms) & _FALSE for w in found[hit.last + 1 :])


def former_tie(hit: CueHit, paired: list[Pair]) -> list[Implied]:
    """A group that breaks its ties with another group was its member: "جبهة النصرة سابقا
    قبل فك ارتباطها بتنظيم القاعدة" (al-Nusra broke with al-Qaeda) says al-Nusra was part of
    al-Qaeda. That the one breaking away was the member is how such a break is usually told,
    not a certainty ("al-Qaeda broke with al-Nusra" reads the same way), and the membership
    ended with the break: the reason says both, for the curator to set the direction and the
    end date. States that break ties were never members of each other: only armed groups.

    >>> from actorgraph.curation.cues import Cue
    >>> nusra = Mention(0, 1, "nusra-front", "actor", "ArmedGroup", "جبهة النصرة")
    >>> qaeda = Mention(4, 5, "al-qaeda", "actor", "ArmedGroup", "تنظيم القاعدة")
    >>> cue = Cue("breaksTiesWith", "ar", ("فك", "ارتباط"), "active", 0.9, "general")
    >>> implied = former_tie(CueHit(cue, 2, 3), [(nusra, qaeda, 1.0)])
    >>> [(r, a.id, p.id) for r, _, a, p, _, _ in implied]
    [('memberOf', 'nusra-front', 'al-qaeda')]
    """
    if hit.cue.relation != "breaksTiesWith":
        return []
    groups = [(s, o, near) for s, o, near in paired if s.type == o.type == "ArmedGroup"]
    why = "ties broken: the group that broke them was a member until then"
    return [("memberOf", hit.cue.weight * FORMER, s, o, near, why) for s, o, near in groups]


def unreal_before(found: list[Word], hit: CueHit) -> bool:
    """Whether the four words before the cue ``hit`` deny or suspend its act
    (:func:`unreal`): "did not attack", "any Israeli attack", "ما لم يتمكن من شن"."""
    return unreal(found[max(0, hit.first - 4) : hit.first])


def unreal(words: list[Word]) -> bool:
    """Whether ``words`` (those just before a hostile act) deny it or make it hypothetical;
    "لا" before "تزال" means "still"."""
    for k, w in enumerate(words):
        if _UNREAL & set(w.forms):
            still = w.key == "لا" and k + 1 < len(words) and _STILL & set(words[k + 1].forms)
            if not still:
                return True
    return False


def agentless(found: list[Word], mentions: list[Mention], hit: CueHit) -> Mention | None:
    """The patient of an English passive that names no agent ("HTS was designated in 2018",
    "the Nusra Front, which was designated"), or None. In a document that speaks for someone
    (a White House briefing), such a passive most often hides the voice itself.

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> found = words("HTS was designated in 2018")
    >>> cue = Cue("designatesTerrorist", "en", ("designated",), "active", 0.7, "general")
    >>> hts = Mention(0, 0, "hts", "actor", "ArmedGroup", "HTS")
    >>> agentless(found, [hts], CueHit(cue, 2, 2)).id
    'hts'
    >>> agentless(words("HTS was designated by X"), [hts], CueHit(cue, 2, 2)) is None
    True
    """
    if hit.cue.lang != "en" or hit.first == 0 or found[hit.first - 1].key not in _AUXILIARIES:
        return None
    participle = found[hit.first].key  # "designated", "held accountable"; not "allied with"
    if hit.first == hit.last and not participle.endswith("ed"):
        return None
    if hit.first < hit.last and participle not in _IRREGULAR_PARTICIPLES:
        return None
    if any(w.key == "by" for w in found[hit.first + 1 : hit.last + 4]):  # "led by", "held by"
        return None
    before = [m for m in mentions if m.last < hit.first - 1]
    return before[-1] if before and hit.first - 1 - before[-1].last <= 2 else None


def _on_cue(found: list[Word], hit: CueHit, actor: str, kind: str) -> Mention:
    """A mention of ``actor`` that stands on the cue's words (it has no words of its own)."""
    return Mention(hit.first, hit.last, actor, "actor", kind, found[hit.first].text, "voice")
