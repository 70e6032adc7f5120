"""Analyses of the signed network: camps, centrality, balance, explanations, time and reasoning.

- :mod:`~actorgraph.analysis.signed`: The signed network: who is for and who is against
  whom, how strongly, and on what evidence.
- :mod:`~actorgraph.analysis.network`: The signed network of
  :mod:`actorgraph.analysis.signed`, read fast from a large store.
- :mod:`~actorgraph.analysis.camps`: Camps: groups of actors that back each other and stand
  against the other groups.
- :mod:`~actorgraph.analysis.camp_search`: The camp search of
  :func:`actorgraph.analysis.camps.partition`, done incrementally.
- :mod:`~actorgraph.analysis.centrality`: Centrality: who is most backed, who backs most,
  and who sits between the sides.
- :mod:`~actorgraph.analysis.balance`: Structural balance: which triangles of alignments
  hold together, and which do not.
- :mod:`~actorgraph.analysis.explain`: Explaining how two actors relate: every chain of
  statements between them, with its sign.
- :mod:`~actorgraph.analysis.timeline`: Time: the statements in date order, and what
  appeared between two dates.
- :mod:`~actorgraph.analysis.infer`: What follows from what was stated: OWL 2 RL reasoning
  into its own named graph.

Names are imported on first use (:mod:`actorgraph._lazy`).
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "Triad": "balance",
    "BalanceReport": "balance",
    "triads": "balance",
    "partition": "camp_search",
    "UNALIGNED": "camps",
    "Member": "camps",
    "Camp": "camps",
    "CampReport": "camps",
    "frustration": "camps",
    "camp_groups": "camps",
    "Measure": "centrality",
    "CentralityRow": "centrality",
    "pagerank": "centrality",
    "SignedPath": "explain",
    "Kind": "infer",
    "Inference": "infer",
    "add_inferred": "infer",
    "infer_store": "infer",
    "output_format": "infer",
    "write_inferred": "infer",
    "Progress": "network",
    "LazyRows": "network",
    "LazyStructural": "network",
    "relation_families": "network",
    "STANCE_FACTOR": "signed",
    "Evidence": "signed",
    "relation_scores": "signed",
    "statement_weight": "signed",
    "signed_network": "signed",
    "undirected": "signed",
    "evidence": "signed",
    "sign": "signed",
    "Tie": "signed",
    "tie": "signed",
    "Entry": "timeline",
    "diff": "timeline",
    "when": "timeline",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
