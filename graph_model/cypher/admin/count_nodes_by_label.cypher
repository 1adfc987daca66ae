// Per-label counts from the count store, one branch per NodeLabel.
MATCH (n:Person) WITH count(n) AS count RETURN 'Person' AS label, count
UNION ALL
MATCH (n:Death) WITH count(n) AS count RETURN 'Death' AS label, count
UNION ALL
MATCH (n:Incident) WITH count(n) AS count RETURN 'Incident' AS label, count
UNION ALL
MATCH (n:Place) WITH count(n) AS count RETURN 'Place' AS label, count
UNION ALL
MATCH (n:PartnerContact) WITH count(n) AS count RETURN 'PartnerContact' AS label, count
UNION ALL
MATCH (n:Organisation) WITH count(n) AS count RETURN 'Organisation' AS label, count
UNION ALL
MATCH (n:Object) WITH count(n) AS count RETURN 'Object' AS label, count
UNION ALL
MATCH (n:SourceRecord) WITH count(n) AS count RETURN 'SourceRecord' AS label, count
UNION ALL
MATCH (n:Communication) WITH count(n) AS count RETURN 'Communication' AS label, count
UNION ALL
MATCH (n:LinkReview) WITH count(n) AS count RETURN 'LinkReview' AS label, count
UNION ALL
MATCH (n:LoadRun) WITH count(n) AS count RETURN 'LoadRun' AS label, count
UNION ALL
MATCH (n:PersonAlias) WITH count(n) AS count RETURN 'PersonAlias' AS label, count
UNION ALL
MATCH (n:IdentityChange) WITH count(n) AS count RETURN 'IdentityChange' AS label, count
UNION ALL
MATCH (n:LinkageModel) WITH count(n) AS count RETURN 'LinkageModel' AS label, count
UNION ALL
MATCH (n:Sharing) WITH count(n) AS count RETURN 'Sharing' AS label, count
UNION ALL
MATCH (n:DataSource) WITH count(n) AS count RETURN 'DataSource' AS label, count
UNION ALL
MATCH (n:RapidReview) WITH count(n) AS count RETURN 'RapidReview' AS label, count
UNION ALL
MATCH (n:LearningAction) WITH count(n) AS count RETURN 'LearningAction' AS label, count
UNION ALL
MATCH (n:ApiUser) WITH count(n) AS count RETURN 'ApiUser' AS label, count
UNION ALL
MATCH (n:AuditEntry) WITH count(n) AS count RETURN 'AuditEntry' AS label, count
UNION ALL
MATCH (n:AuditHead) WITH count(n) AS count RETURN 'AuditHead' AS label, count
