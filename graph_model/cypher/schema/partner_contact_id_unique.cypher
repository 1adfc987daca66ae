CREATE CONSTRAINT partner_contact_id_unique IF NOT EXISTS
FOR (n:PartnerContact) REQUIRE n.id IS UNIQUE
