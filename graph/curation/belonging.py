"""What a name, and the words just around it, say an actor belongs to.

Some statements need no relation cue outside a name: the name says it. :func:`belongs_to`
reads the structural ones from one mention of a sentence:

- a body whose name carries a state's demonym ("وكالة الأنباء السورية") is part of that
  state's apparatus: of its main force, its government or the state itself, whichever the
  graph has and is nearest (:meth:`.coreference.Context.container`); so is a body followed
  by "in" and a state ("رئاسة مجلس الوزراء في سوريا");
- a name that holds an international organisation's name ("UN Security Council", "U.N.
  Envoy to Syria") is part of it, or for a person an official of it; a name after a
  preposition ("to Syria") is where, not whose;
- a name that holds a person's name is led by that person: "the Assad regime" and
  "نظام الأسد" are led by Assad, "Assad forces" commanded by him;
- a name that says who backs its actor ("Iran-backed groups", "فصائل موالية لتركيا") states
  that support;
- a person followed by "of", "from", "at" or "من" and an organisation's name is an official
  of it ("الباحث آرون لوند من مركز سنتشري إنترناشونال"); a state there says where the person
  comes from, not whom they serve, and is left out.

>>> from actorgraph.curation.mentions import Lexicon, Name
>>> from actorgraph.curation.coreference import Context
>>> from actorgraph.curation.tokens import words
>>> lex = Lexicon([Name(("assad",), "assad", "actor", "Person", True),
...                Name(("assad", "regime"), "regime", "actor", "Government", True),
...                Name(("lund",), "lund", "actor", "Person", True),
...                Name(("century", "international"), "century", "actor", "Monitor", True)])
>>> text = "Lund of Century International said the Assad regime fell."
>>> found = words(text)
>>> mentions = lex.find(found, text)
>>> [belongs_to(Context(lex), found, mentions, text, m) for m in mentions]
[[Belonging(subject='lund', relation='officialOf', object='century', why='person of a body')], \
[], [Belonging(subject='assad', relation='leaderOf', object='regime', why='person in name')]]
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..families import relation_families
from .attribution import says
from .clauses import TOWARDS
from .coreference import Context
from .cues import Cue, find_cues
from .mentions import Lexicon, Mention
from .modifiers import former
from .referents import find_referents
from .tokens import Word, ends_sentence

__all__ = ["Belonging", "belongs_to", "possessed", "located", "around"]

_BODIES = frozenset({"ArmedForces", "Government", "Media"})
_LED = {"Government": "leaderOf", "ArmedForces": "commanderOf"}  # whole -> its head's relation
_LOCATIVE = frozenset({"in", "inside", "across", "throughout", "into", "في", "داخل"})
# a state named after one of these is where, not who: "شمال سوريا", "مدن سوريا", "north of Syria",
# "العاصمة دمشق" (the capital Damascus)
_REGIONS = frozenset(
    {"شمال", "جنوب", "شرق", "غرب", "وسط", "مدن", "مدينه", "مناطق", "منطقه", "ريف", "محافظه"}
    | {"العاصمه"}
    | {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
    | {"city", "cities", "parts", "areas", "region", "province", "capital"}
)
# a verb of movement makes a state it names, or names after "from"/"to", where someone went:
# "دخلت سوريا الليلة الماضية من العراق", "crossed from Iraq into Syria"
_MOTION = frozenset(
    {"دخل", "دخلت", "دخلوا", "عبر", "عبرت", "عبروا", "وصل", "وصلت", "وصلوا", "انسحب"}
    | {"انسحبت", "انسحبوا", "فر", "فرت", "فروا", "تتجه", "يتجه", "يتجهون", "اتجهت", "توجهت"}
    | {"entered", "crossed", "arrived", "fled", "withdrew", "travelled", "traveled", "headed"}
)
# "الأشقاء في سوريا" (the brothers in Syria) are Syria's people: the state, not a place
_KIN = frozenset({"اشقاء", "اشقاينا", "اخوه", "اخواننا", "اخوتنا", "brothers", "sisters"})
_WHENCE = frozenset({"من", "الي", "from", "to"})
_FROM = frozenset({"من", "from"})
_MOTION_REACH = 5  # words from the verb to its "from"/"to"
# participles whose "من" names their agent, not where one comes from: "المدعوم من إيران"
_AGENTIVE = ("مدعوم", "المدعوم", "مسنود", "المسنود", "ممول", "الممول", "مقرب", "المقرب")
# words after which an Arabic verb still opens its clause
_CLAUSE_OPENERS = frozenset(
    {"و", "ف", "ان", "انه", "انها", "بان", "بعد", "قبل", "عندما", "حين", "حيث", "لقد", "قد"}
    | {"وقد", "فقد", "ثم", "كما", "لما", "اذ", "بينما", "فيما"}
)
# a place named after one of these is the country around it, not the place: "ريف حلب"
_AROUND = frozenset(
    {"ريف", "اطراف", "محيط", "ضواحي", "محافظه", "شمال", "جنوب", "شرق", "غرب"}
    | {"countryside", "outskirts", "around", "province", "north", "south", "east", "west"}
)
_GOVERNS = frozenset({"علي", "من", "في", "الي", "to", "from", "on", "in", "at", "into"})
_OF = frozenset({"of", "from", "at", "من"})  # "Aron Lund of Century International"
_SERVED = frozenset(
    {"Government", "ArmedForces", "ArmedGroup", "Coalition", "InternationalOrganisation"}
    | {"Monitor", "Media"}
)


@dataclass(frozen=True)
class Belonging:
    """One structural statement that a name implies: ``subject`` ``relation`` ``object``."""

    subject: str
    relation: str
    object: str
    why: str


def belongs_to(
    context: Context,
    found: list[Word],
    mentions: list[Mention],
    text: str,
    body: Mention,
    cues: Sequence[Cue] = (),
) -> list[Belonging]:
    """What the name of ``body`` (a mention among ``mentions`` of the words ``found`` of
    ``text``) and the words next to it imply: the structural statements, and with ``cues``
    the support the name states."""
    if body.kind != "actor" or body.via:
        return []
    inside = found[body.first : body.last + 1]
    wholes: list[tuple[str, str]] = []
    if body.type in _BODIES:
        states = {r.refers_to for _, _, r in find_referents(inside, ())}
        if body.type != "Government":
            # a force or an outlet is its state's under any of its names ("قوات النظام" is the
            # Syrian army); a government may be a rival or a future one, so only as written
            states |= set(context.bodies.labelled.get(body.id, ()))
        for state in sorted(s for s in states if context.lex.types.get(s) == "State"):
            wholes.append(("demonym in name", context.container(body.id, state) or ""))
        state = _after(found, mentions, body, _LOCATIVE, {"State"})
        if state is not None and not states:
            wholes.append(("state after name", context.container(body.id, state) or ""))
    found_inside = _inside(context, inside, text)
    for m in found_inside:
        before = inside[m.first - 1].key if m.first > 0 else ""
        if m.type == "InternationalOrganisation" and before not in _LOCATIVE | TOWARDS:
            wholes.append(("name in name", m.id))
    relation = "officialOf" if body.type == "Person" else "partOf"
    implied = [Belonging(body.id, relation, w, why) for why, w in wholes if w and w != body.id]
    if body.type == "Person":
        served = _after(found, mentions, body, _OF, _SERVED)
        implied += [Belonging(body.id, "officialOf", served, "person of a body")] if served else []
        implied += _titled(context, found, body, cues)
    if body.type in _LED:
        people = sorted({m.id for m in found_inside if m.type == "Person"})
        implied += [Belonging(p, _LED[body.type], body.id, "person in name") for p in people]
    if len(inside) > 1:
        implied += _backed(context, inside, found_inside, mentions, body, cues)
    return implied


def possessed(
    context: Context, mentions: Sequence[Mention], force: Mention
) -> list[tuple[Belonging, Mention]]:
    """What a possessive says: "روسيا ... قواتها الجوية" (Russia ... its air forces) and "Iran
    said its forces" make the force, read through the pronoun, part of the state it belongs
    to, when that state is named before it among ``mentions`` (one sentence's); a pronoun
    that reaches back to another sentence says too little to cite. Each statement comes with
    the state's mention."""
    if force.via != "pronoun" or force.type != "ArmedForces":
        return []
    tables = (context.bodies.forces, context.bodies.air_forces)
    owner = next((s for t in tables for s, f in t.items() if f == force.id), None)
    named = [m for m in mentions if m.id == owner and m.last < force.first and not m.via]
    return [(Belonging(force.id, "partOf", owner, "possessive"), named[-1])] if named else []


def _titled(
    context: Context, found: list[Word], person: Mention, cues: Sequence[Cue]
) -> list[Belonging]:
    """The role a person's name gives with a demonym ("الرئيس السوري" for Assad, "Syrian
    president"): of the state's government when the lexicon names one ("الحكومة السورية"),
    else of the state; none for a former holder ("الرئيس السوري المخلوع", "former Syrian
    president")."""
    inside = found[person.first : person.last + 1]
    roles = [hit.cue.relation for hit in find_cues(inside, cues) if hit.cue.voice == "role"]
    states = [r.refers_to for _, _, r in find_referents(inside, ())]
    states = [s for s in states if context.lex.types.get(s) == "State"]
    if len(roles) != 1 or len(states) != 1 or former(found, person.first, person.last):
        return []
    whole = context.bodies.governments.get(states[0], states[0])
    return [Belonging(person.id, roles[0], whole, "role in name")]


def _backed(
    context: Context,
    inside: list[Word],
    named: list[Mention],
    mentions: list[Mention],
    body: Mention,
    cues: Sequence[Cue],
) -> list[Belonging]:
    """The supports or opposes relation a name states of its own actor: "Iran-backed groups"
    and "فصائل شيعية مدعومة من إيران" are backed by Iran, "فصائل معارضة موالية لتركيا" by
    Turkey. The cue inside the name (``inside``: its words; ``named``: the names within it)
    says which relation and which way (a passive cue's agent follows it); the state is named
    or given by a demonym inside the name, or by a possessive just before it ("Iran and its
    proxy terrorist groups")."""
    owners = [
        (m.first - body.first, m.first - body.first, m.id)
        for m in mentions
        if m.last == body.first - 1 and m.via == "pronoun" and m.kind == "actor"
    ]
    parties = (
        [(m.first, m.last, m.id) for m in named]
        + [
            (first, last, ref.refers_to)
            for first, last, ref in find_referents(inside, ())
            if context.lex.types.get(ref.refers_to) == "State"
        ]
        + owners
    )
    implied: list[Belonging] = []
    for hit in find_cues(inside, cues):
        if relation_families().get(hit.cue.relation) not in ("supports", "opposes"):
            continue
        passive = hit.cue.voice == "passive"
        agents = [
            p for first, last, p in parties if (first > hit.last if passive else last < hit.first)
        ]
        implied += [Belonging(a, hit.cue.relation, body.id, "backer in name") for a in agents[:1]]
    return [b for b in implied if b.subject != body.id]


def _inside(context: Context, inside: list[Word], text: str) -> list[Mention]:
    """The names within a name, without its first or without its last word, numbered from
    the name's first word ("Assad" in "Assad regime", "الأسد" in "نظام الأسد")."""
    if len(inside) < 2:
        return []
    seen: dict[tuple[int, str], Mention] = {}
    for skip, part in ((0, inside[:-1]), (1, inside[1:])):
        for m in context.lex.find(part, text):
            if m.kind == "actor":
                seen.setdefault(
                    (m.first + skip, m.id),
                    Mention(m.first + skip, m.last + skip, m.id, m.kind, m.type, m.surface),
                )
    return sorted(seen.values(), key=lambda m: m.first)


def _after(
    found: list[Word],
    mentions: list[Mention],
    body: Mention,
    joins: frozenset[str],
    kinds: Collection[str],
) -> str | None:
    """The actor of a type in ``kinds`` named right after ``body`` and one of the words
    ``joins`` ("رئاسة مجلس الوزراء في سوريا", "Lund of Century International")."""
    k = body.last + 1
    if k + 1 >= len(found) or found[k].key not in joins:
        return None
    after = [m for m in mentions if m.first == k + 1 and m.kind == "actor" and m.type in kinds]
    return after[0].id if after else None


def located(found: list[Word], mention: Mention, lex: Lexicon, text: str) -> bool:
    """Whether a state or its capital is named as a place ("in Syria", "في سوريا", "بسوريا",
    "بدمشق", "north of Syria", "بشمال سوريا"), not as a party ("الأشقاء في سوريا": the
    brothers in Syria are its people)."""
    if mention.type not in ("State", "Government") or mention.via:
        return False
    first = found[mention.first]
    before = found[mention.first - 1].key if mention.first > 0 else ""
    near = found[max(0, mention.first - 2) : mention.first]
    region = any(f in _REGIONS for w in near for f in w.forms)
    attached = first.key[:1] == "ب" or first.key[:2] in ("وب", "فب")
    kin = mention.first > 1 and _KIN & set(found[mention.first - 2].forms)
    if (before in _LOCATIVE and not kin) or region or (attached and not lex.starts_name(first.key)):
        return True
    return _moved(found, mention.first, text)


def around(found: list[Word], place: Mention) -> bool:
    """Whether a place is named for the country around it ("في ريف حلب الشرقي", "بمحافظة
    حلب", "على أطراف مدينة حلب", "the outskirts of Aleppo"): a word of the country around it
    within three words before the place, with no preposition between that governs the place
    itself. Who holds that country does not hold the place."""
    for k in range(place.first - 1, max(-1, place.first - 4), -1):
        if _AROUND & set(found[k].forms):
            return True
        if _GOVERNS & set(found[k].forms):
            return False  # "القادمة من الشمال على حلب": "على" governs Aleppo, not "north"
    return False


def _moved(found: list[Word], first: int, text: str) -> bool:
    """Whether the name at word ``first`` is where a verb of movement goes or comes from:
    after "from"/"to" a few words on ("عبر مقاتلو حزب الله من لبنان إلى سوريا", "crossed
    from Iraq"), unless "من" marks the agent of a participle ("المدعوم من إيران": backed by
    Iran); or the verb's object ("القوات دخلت سوريا", "entered Syria"), unless an Arabic verb
    opens its clause, whose subject then follows it ("دخلت تركيا في مفاوضات": Turkey
    entered talks)."""
    if first == 0:
        return False
    if any(f in _MOTION for f in found[first - 1].forms):
        return found[first - 1].key.isascii() or not _opens_clause(found, first - 1, text)
    if not _WHENCE & set(found[first - 1].forms) or first < 2:
        return False
    if any(f.startswith(_AGENTIVE) for f in found[first - 2].forms):
        return False
    near = found[max(0, first - 1 - _MOTION_REACH) : first - 1]
    if any(f in _MOTION for w in near for f in w.forms):
        return True
    # "من لبنان إلى سوريا": the "to" of a "from" that the verb reaches
    start = next((k for k in range(first - 3, max(0, first - 6), -1) if found[k].key in _FROM), 0)
    return start > 0 and _moved(found, start + 1, text)


def _opens_clause(found: list[Word], verb: int, text: str) -> bool:
    """Whether an Arabic verb opens its clause: nothing before it in its sentence (of the
    line ``text``), or only a joining word, a complementizer or a verb of saying ("وقالت إن",
    "بعد أن")."""
    if verb == 0 or ends_sentence(text, found, verb - 1):
        return True
    before = found[verb - 1]
    return bool(_CLAUSE_OPENERS & set(before.forms)) or says(before)
