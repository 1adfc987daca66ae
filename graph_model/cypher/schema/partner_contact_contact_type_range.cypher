CREATE RANGE INDEX partner_contact_contact_type_range IF NOT EXISTS
FOR (n:PartnerContact) ON (n.contact_type)
