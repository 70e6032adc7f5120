# Roll-ups: a person who represents an organisation (ag:represents or a sub-property, by a
# statement that is not denied) also counts for it. Each statement with such a person as
# subject, object or both gets an ag:DerivedStatement with the person replaced by the
# organisation, at <statement>/rollup/<subject-id>/<object-id>.
# Not rolled up: derived statements (one level only), structural relations, and roll-ups
# that would relate an actor to itself. Denied statements are rolled up (and stay denied).
#
# Three operations: the subject replaced, the object replaced, both replaced. Each starts
# from a sub-select of the roles (person, organisation, role statement), which is
# evaluated once; statements are then joined to it by the person, so the cost grows with
# the number of statements about people, not with their product.

INSERT {
  GRAPH <https://w3id.org/actorgraph/graph/derived> {
    ?rollup a ag:DerivedStatement ;
      ag:subject ?org ;
      ag:relation ?relation ;
      ag:object ?object ;
      ag:stance ?stance ;
      ag:date ?date ;
      ag:attributedTo ?by ;
      ag:derivedFrom ?statement ;
      ag:via ?role .
  }
}
WHERE {
  {
    SELECT ?subject ?org ?role WHERE {
      GRAPH ?sr {
        ?role a ag:Statement ;
          ag:subject ?subject ;
          ag:relation ?srel ;
          ag:object ?org ;
          ag:stance ?sstance .
      }
      FILTER (?sstance != ag:denied)
      GRAPH ?sp { ?subject a ag:Person }
      { SELECT DISTINCT ?srel WHERE { GRAPH ?so { ?srel rdfs:subPropertyOf* ag:represents } } }
    }
  }
  GRAPH ?g {
    ?statement a ag:Statement ;
      ag:subject ?subject ;
      ag:relation ?relation ;
      ag:object ?object ;
      ag:stance ?stance .
  }
  FILTER NOT EXISTS { GRAPH ?gd { ?statement a ag:DerivedStatement } }
  FILTER NOT EXISTS { GRAPH ?gf { ?relation ag:family ag:structural } }
  FILTER (?org != ?object)
  OPTIONAL { GRAPH ?gdate { ?statement ag:date ?date } }
  OPTIONAL { GRAPH ?gby { ?statement ag:attributedTo ?by } }
  BIND (IRI(CONCAT(STR(?statement), "/rollup/",
                   REPLACE(STR(?org), "^.*[/#]", ""), "/",
                   REPLACE(STR(?object), "^.*[/#]", ""))) AS ?rollup)
} ;

INSERT {
  GRAPH <https://w3id.org/actorgraph/graph/derived> {
    ?rollup a ag:DerivedStatement ;
      ag:subject ?subject ;
      ag:relation ?relation ;
      ag:object ?org2 ;
      ag:stance ?stance ;
      ag:date ?date ;
      ag:attributedTo ?by ;
      ag:derivedFrom ?statement ;
      ag:via ?role2 .
  }
}
WHERE {
  {
    SELECT ?object ?org2 ?role2 WHERE {
      GRAPH ?or {
        ?role2 a ag:Statement ;
          ag:subject ?object ;
          ag:relation ?orel ;
          ag:object ?org2 ;
          ag:stance ?ostance .
      }
      FILTER (?ostance != ag:denied)
      GRAPH ?op { ?object a ag:Person }
      { SELECT DISTINCT ?orel WHERE { GRAPH ?oo { ?orel rdfs:subPropertyOf* ag:represents } } }
    }
  }
  GRAPH ?g {
    ?statement a ag:Statement ;
      ag:subject ?subject ;
      ag:relation ?relation ;
      ag:object ?object ;
      ag:stance ?stance .
  }
  FILTER NOT EXISTS { GRAPH ?gd { ?statement a ag:DerivedStatement } }
  FILTER NOT EXISTS { GRAPH ?gf { ?relation ag:family ag:structural } }
  FILTER (?subject != ?org2)
  OPTIONAL { GRAPH ?gdate { ?statement ag:date ?date } }
  OPTIONAL { GRAPH ?gby { ?statement ag:attributedTo ?by } }
  BIND (IRI(CONCAT(STR(?statement), "/rollup/",
                   REPLACE(STR(?subject), "^.*[/#]", ""), "/",
                   REPLACE(STR(?org2), "^.*[/#]", ""))) AS ?rollup)
} ;

INSERT {
  GRAPH <https://w3id.org/actorgraph/graph/derived> {
    ?rollup a ag:DerivedStatement ;
      ag:subject ?org ;
      ag:relation ?relation ;
      ag:object ?org2 ;
      ag:stance ?stance ;
      ag:date ?date ;
      ag:attributedTo ?by ;
      ag:derivedFrom ?statement ;
      ag:via ?role , ?role2 .
  }
}
WHERE {
  {
    SELECT ?subject ?org ?role WHERE {
      GRAPH ?sr {
        ?role a ag:Statement ;
          ag:subject ?subject ;
          ag:relation ?srel ;
          ag:object ?org ;
          ag:stance ?sstance .
      }
      FILTER (?sstance != ag:denied)
      GRAPH ?sp { ?subject a ag:Person }
      { SELECT DISTINCT ?srel WHERE { GRAPH ?so { ?srel rdfs:subPropertyOf* ag:represents } } }
    }
  }
  {
    SELECT ?object ?org2 ?role2 WHERE {
      GRAPH ?or {
        ?role2 a ag:Statement ;
          ag:subject ?object ;
          ag:relation ?orel ;
          ag:object ?org2 ;
          ag:stance ?ostance .
      }
      FILTER (?ostance != ag:denied)
      GRAPH ?op { ?object a ag:Person }
      { SELECT DISTINCT ?orel WHERE { GRAPH ?oo { ?orel rdfs:subPropertyOf* ag:represents } } }
    }
  }
  GRAPH ?g {
    ?statement a ag:Statement ;
      ag:subject ?subject ;
      ag:relation ?relation ;
      ag:object ?object ;
      ag:stance ?stance .
  }
  FILTER NOT EXISTS { GRAPH ?gd { ?statement a ag:DerivedStatement } }
  FILTER NOT EXISTS { GRAPH ?gf { ?relation ag:family ag:structural } }
  FILTER (?org != ?org2)
  OPTIONAL { GRAPH ?gdate { ?statement ag:date ?date } }
  OPTIONAL { GRAPH ?gby { ?statement ag:attributedTo ?by } }
  BIND (IRI(CONCAT(STR(?statement), "/rollup/",
                   REPLACE(STR(?org), "^.*[/#]", ""), "/",
                   REPLACE(STR(?org2), "^.*[/#]", ""))) AS ?rollup)
}
