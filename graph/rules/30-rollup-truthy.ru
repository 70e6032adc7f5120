# Truthy triples of roll-ups, as in 10-truthy.ru: a roll-up that is not denied yields
# `subject relation object`.

INSERT { GRAPH <https://w3id.org/actorgraph/graph/derived> { ?subject ?relation ?object } }
WHERE {
  GRAPH <https://w3id.org/actorgraph/graph/derived> {
    ?rollup a ag:DerivedStatement ;
      ag:subject ?subject ;
      ag:relation ?relation ;
      ag:object ?object ;
      ag:stance ?stance .
  }
  FILTER (?stance != ag:denied)
}
