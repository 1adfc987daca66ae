CREATE RANGE INDEX partner_contact_contacted_on_range IF NOT EXISTS
FOR (n:PartnerContact) ON (n.contacted_on)
