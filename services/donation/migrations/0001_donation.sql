-- The donation service's schema starts with the platform tables only (outbox, inbox, audit,
-- idempotency); campaigns, funds, donors and donations arrive with their migrations.
-- This migration records the schema's purpose so that the history starts at 1.
COMMENT ON SCHEMA donation IS 'VNN donation service: campaigns, funds, donors, donations, receipts';
