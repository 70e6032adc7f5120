"""The other ways English writes a group's name: "rebel groups" for "rebels", "Iranian-backed
militias" for "Iran-backed groups".

A briefing rarely repeats a group's name as the graph spells it. For the English names of
armed groups and coalitions, :func:`name_variants` adds the forms that say the same:

- a group noun swapped for another (groups, factions, militias, fighters): "Iran-backed
  militias" is a way of writing "Iran-backed groups";
- a one-word plural alias as the adjective of a group noun: "rebel groups", "rebel factions"
  for "rebels" (not a one-word label: "Hamas" is a name, not a plural);
- a state's name before "backed", "led" and the like swapped for its demonym (from
  ``referents.tsv``): "Iranian-backed groups" for "Iran-backed groups".

A variant is an alias of lower rank than any written name, and one that is already a name of
any actor is left out, so a variant never takes a name from another actor.

>>> names = [Name(("rebels",), "rebels", "actor", "Coalition", False),
...          Name(("iran",), "iran", "actor", "State", True),
...          Name(("iran", "backed", "groups"), "proxies", "actor", "Coalition", True)]
>>> sorted(" ".join(v.words) for v in name_variants(names) if v.id == "rebels")
['rebel factions', 'rebel fighters', 'rebel groups', 'rebel militias']
>>> "iranian backed militias" in {" ".join(v.words) for v in name_variants(names)}
True
"""

from __future__ import annotations

from itertools import product

from .mentions import Name
from .referents import load_referents

__all__ = ["name_variants"]

_GROUPS = ("groups", "factions", "militias", "fighters")
_KINDS = frozenset({"ArmedGroup", "Coalition"})
_COMPOUNDS = frozenset((w,) for w in ("backed", "led", "aligned", "allied", "supported"))


def name_variants(names: list[Name]) -> list[Name]:
    """The variants of the English group names among ``names`` (see the module's doc)."""
    taken = {name.words for name in names}
    demonyms = _demonyms(
        {n.words[0]: n.id for n in names if n.type == "State" and len(n.words) == 1}
    )
    found: dict[tuple[str, ...], Name] = {}
    labels = {(name.id, name.words) for name in names if name.label}
    for name in names:
        if name.kind != "actor" or name.type not in _KINDS or not name.words[0].isascii():
            continue
        plural = len(name.words) == 1 and (name.id, name.words) not in labels  # not "Hamas"
        for words in _forms(name.words, demonyms, plural):
            if words not in taken and words not in found:
                found[words] = Name(words, name.id, name.kind, name.type, False)
    return list(found.values())


def _forms(
    words: tuple[str, ...], demonyms: dict[str, tuple[str, ...]], plural: bool
) -> set[tuple[str, ...]]:
    """Every form of ``words`` with its group noun and its states' names swapped (a state's
    name only before "backed", "led" and the like: "in Syria" stays as it is)."""
    if plural and words[0].endswith("s") and len(words[0]) > 4:
        heads = {(words[0][:-1], group) for group in _GROUPS}
    elif words[-1] in _GROUPS:
        heads = {(*words[:-1], group) for group in _GROUPS}
    else:
        heads = {words}
    forms: set[tuple[str, ...]] = set()
    for head in heads:
        choices = [
            (w, *demonyms.get(w, ())) if head[k + 1 : k + 2] in _COMPOUNDS else (w,)
            for k, w in enumerate(head)
        ]
        forms.update(product(*choices))
    return forms - {words}


def _demonyms(states: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """A state's one-word name -> the one-word English demonyms of that state."""
    by_state: dict[str, list[str]] = {}
    for referents in load_referents().values():
        for ref in referents:
            word = ref.words[0]
            if ref.kind == "demonym" and len(ref.words) == 1 and word.isascii():
                by_state.setdefault(ref.refers_to, []).append(word)
    return {
        name: tuple(sorted(w for w in by_state.get(state, ()) if not w.endswith("s")))
        for name, state in states.items()
    }
