# Roll-ups: a person who represents an organisation (ag:represents or a sub-property, by a
# statement that is not denied, i.e. by a truthy triple) also counts for it. Each statement
# with such a person as subject, object or both gets an ag:DerivedStatement with the person
# replaced by the organisation, at <statement>/rollup/<subject-id>/<object-id>.
# Not rolled up: derived statements (one level only), structural relations, and roll-ups
# that would relate an actor to itself. Denied statements are rolled up (and stay denied).
# The role properties come from a sub-select, so the property path is evaluated once rather
# than once per statement.

INSERT {
  GRAPH <https://w3id.org/actorgraph/graph/derived> {
    ?rollup a ag:DerivedStatement ;
      ag:subject ?newSubject ;
      ag:relation ?relation ;
      ag:object ?newObject ;
      ag:stance ?stance ;
      ag:date ?date ;
      ag:attributedTo ?by ;
      ag:derivedFrom ?statement ;
      ag:via ?subjectRole , ?objectRole .
  }
}
WHERE {
  GRAPH ?g {
    ?statement a ag:Statement ;
      ag:relation ?relation ;
      ag:stance ?stance .
  }
  FILTER NOT EXISTS { GRAPH ?gd { ?statement a ag:DerivedStatement } }
  FILTER NOT EXISTS { GRAPH ?gf { ?relation ag:family ag:structural } }

  # The subject side: the subject itself, or an organisation its person represents.
  {
    GRAPH ?g { ?statement ag:subject ?newSubject }
  } UNION {
    GRAPH ?g { ?statement ag:subject ?person }
    GRAPH ?gp { ?person a ag:Person }
    GRAPH ?gr {
      ?subjectRole a ag:Statement ;
        ag:subject ?person ;
        ag:relation ?role ;
        ag:object ?newSubject ;
        ag:stance ?subjectRoleStance .
    }
    FILTER (?subjectRoleStance != ag:denied)
    { SELECT DISTINCT ?role WHERE { GRAPH ?go { ?role rdfs:subPropertyOf* ag:represents } } }
  }

  # The object side, likewise.
  {
    GRAPH ?g { ?statement ag:object ?newObject }
  } UNION {
    GRAPH ?g { ?statement ag:object ?person2 }
    GRAPH ?gp2 { ?person2 a ag:Person }
    GRAPH ?gr2 {
      ?objectRole a ag:Statement ;
        ag:subject ?person2 ;
        ag:relation ?role2 ;
        ag:object ?newObject ;
        ag:stance ?objectRoleStance .
    }
    FILTER (?objectRoleStance != ag:denied)
    { SELECT DISTINCT ?role2 WHERE { GRAPH ?go { ?role2 rdfs:subPropertyOf* ag:represents } } }
  }

  # At least one side replaced, and no actor related to itself.
  FILTER (BOUND(?subjectRole) || BOUND(?objectRole))
  FILTER (?newSubject != ?newObject)

  OPTIONAL { GRAPH ?gdate { ?statement ag:date ?date } }
  OPTIONAL { GRAPH ?gby { ?statement ag:attributedTo ?by } }
  BIND (IRI(CONCAT(STR(?statement), "/rollup/",
                   REPLACE(STR(?newSubject), "^.*[/#]", ""), "/",
                   REPLACE(STR(?newObject), "^.*[/#]", ""))) AS ?rollup)
}
