# Truthy triples: every statement that is not denied yields `subject relation object`.
# A claim and its denial are two statements; only the claim yields the triple.
# Prefixes come from graph.namespaces.PREFIXES. Rules read every named graph (GRAPH ?g);
# a statement's own fields are expected in the graph (file) that declares it.

INSERT { GRAPH <https://w3id.org/actorgraph/graph/derived> { ?subject ?relation ?object } }
WHERE {
  GRAPH ?g {
    ?statement a ag:Statement ;
      ag:subject ?subject ;
      ag:relation ?relation ;
      ag:object ?object ;
      ag:stance ?stance .
  }
  FILTER (?stance != ag:denied)
}
