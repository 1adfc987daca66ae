CREATE RANGE INDEX partner_contact_agency_range IF NOT EXISTS
FOR (n:PartnerContact) ON (n.agency)
