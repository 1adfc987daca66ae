CREATE RANGE INDEX communication_occurred_on_range IF NOT EXISTS
FOR (n:Communication) ON (n.occurred_on)
