"""Curation: suggested statements from a new document, their evaluation, and review.

- :mod:`.cues`: the relation cue lexicon (``cues.tsv``);
- :mod:`.mentions`: actor, place and source mentions from the graph's alias lexicon;
- :mod:`.suggest`: candidate statements of a document;
- :mod:`.evaluate`: candidates scored against the curated statements;
- :mod:`.reviewsheet`: the review sheet's fixed columns, read and written;
- :mod:`.review`: accepted rows compiled into a seeds file, rejected rows recorded.
"""

__all__ = ["cues", "mentions", "suggest", "evaluate", "reviewsheet", "review", "tokens"]
