# Effective date: every statement, curated or derived, gets ag:effectiveDate (an xsd:date).
# It is the statement's own ag:date (a gYear or gYearMonth taken at its first day), or else
# the earliest ag:published date among its source documents (a roll-up's sources are those
# of the statement it comes from). A statement with neither gets none.
# (Two OPTIONALs rather than an OPTIONAL over a UNION: Oxigraph evaluates the latter per row.)

INSERT { GRAPH <https://w3id.org/actorgraph/graph/derived> { ?statement ag:effectiveDate ?day } }
WHERE {
  {
    SELECT ?statement (MIN(?candidate) AS ?day)
    WHERE {
      VALUES ?type { ag:Statement ag:DerivedStatement }
      GRAPH ?g { ?statement a ?type }
      OPTIONAL { GRAPH ?gd { ?statement ag:date ?own } }
      OPTIONAL {
        GRAPH ?gs { ?statement ag:source ?source }
        GRAPH ?gdoc { ?source ag:document ?document }
        GRAPH ?gpub { ?document ag:published ?published }
      }
      OPTIONAL {
        GRAPH ?gf { ?statement ag:derivedFrom ?original }
        GRAPH ?gos { ?original ag:source ?originalSource }
        GRAPH ?godoc { ?originalSource ag:document ?originalDocument }
        GRAPH ?gopub { ?originalDocument ag:published ?originalPublished }
      }
      BIND (COALESCE(?own, ?published, ?originalPublished) AS ?raw)
      BIND (xsd:date(
              IF(DATATYPE(?raw) = xsd:gYear, CONCAT(STR(?raw), "-01-01"),
              IF(DATATYPE(?raw) = xsd:gYearMonth, CONCAT(STR(?raw), "-01"),
                 SUBSTR(STR(?raw), 1, 10)))) AS ?candidate)
    }
    GROUP BY ?statement
  }
  FILTER (BOUND(?day))
}
