CREATE RANGE INDEX link_review_status_range IF NOT EXISTS
FOR (n:LinkReview) ON (n.status)
