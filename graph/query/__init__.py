"""Reading the graph: actors, statement rows, who, paths, stats and user SPARQL.

- :mod:`~actorgraph.query.actors`: Finding actors by name, and resolving an ACTOR argument
  to exactly one actor.
- :mod:`~actorgraph.query.rows`: Statement rows: what one statement (curated or derived)
  says, flattened for a reader.
- :mod:`~actorgraph.query.statements`: The statement rows of one actor or of the whole
  graph, as they hold on a day.
- :mod:`~actorgraph.query.who`: Who supports, opposes or talks to an actor, with the
  statements that say so.
- :mod:`~actorgraph.query.paths`: The shortest chains of relations that link two actors.
- :mod:`~actorgraph.query.stats`: Counts that describe the graph.
- :mod:`~actorgraph.query.sparql`: Running a user's SPARQL query, and the library of named
  queries that ships with actorgraph.
- :mod:`~actorgraph.query.results`: The results of a SPARQL query, as a table or in a
  standard format.
- :mod:`~actorgraph.query.sparql_lexer`: A SPARQL 1.1 tokenizer that reads query text the
  way Oxigraph reads it.
- :mod:`~actorgraph.query.sparql_refusal`: Refusing SPARQL text that would reach outside the
  store, read from its tokens.
- :mod:`~actorgraph.query.deadline`: Work that must stop at a deadline: run it in a worker
  process and kill the process.

Names are imported on first use (:mod:`actorgraph._lazy`).
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "Actor": "actors",
    "find_actors": "actors",
    "resolve_actor": "actors",
    "actor_types": "actors",
    "actor_by_iri": "actors",
    "DeadlineExceeded": "deadline",
    "WorkerDied": "deadline",
    "WorkerPool": "deadline",
    "AsyncWorkerPool": "deadline",
    "deadline_after": "deadline",
    "check_timeout": "deadline",
    "MAX_TIMEOUT": "deadline",
    "Link": "paths",
    "Hop": "paths",
    "Path": "paths",
    "shortest_paths": "paths",
    "Direction": "relations",
    "Stance": "relations",
    "Family": "relations",
    "parse_family": "relations",
    "SourceRef": "relations",
    "RelationRow": "relations",
    "WhoRow": "relations",
    "all_statements": "relations",
    "count_support": "relations",
    "date_precision": "relations",
    "known_by": "relations",
    "relation_names": "relations",
    "symmetric_relations": "relations",
    "statement_id": "relations",
    "serialized": "results",
    "serialize_results": "results",
    "result_rows": "results",
    "RowFolder": "rows",
    "Vocabulary": "rows",
    "labels": "rows",
    "vocabulary": "rows",
    "ResultKind": "sparql",
    "QueryOutcome": "sparql",
    "QueryParam": "sparql",
    "NamedQuery": "sparql",
    "check_network_access": "sparql",
    "query_params": "sparql",
    "named_queries": "sparql",
    "load_query": "sparql",
    "run_query": "sparql",
    "Token": "sparql_lexer",
    "LexError": "sparql_lexer",
    "tokenize": "sparql_lexer",
    "decode_codepoint_escapes": "sparql_lexer",
    "KEYWORDS": "sparql_lexer",
    "MAX_DEPTH": "sparql_refusal",
    "STORE_GRAPHS": "sparql_refusal",
    "network_refusal": "sparql_refusal",
    "walked_stats": "stats",
    "record_counts": "stats",
    "forget_counts": "stats",
    "kept_counts": "stats",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
