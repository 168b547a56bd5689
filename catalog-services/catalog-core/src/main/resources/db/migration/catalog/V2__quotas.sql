-- Storage quotas: a service may define a default quota per commune; the DSI may set another one on a commune's
-- subscription (NULL = the service's default).
ALTER TABLE catalog_services ADD COLUMN default_quota_bytes bigint CHECK (default_quota_bytes > 0);
ALTER TABLE subscriptions ADD COLUMN quota_bytes bigint CHECK (quota_bytes > 0);

UPDATE catalog_services SET default_quota_bytes = 53687091200 WHERE code = 'document-management';  -- 50 GiB
UPDATE catalog_services SET default_quota_bytes = 107374182400 WHERE code = 'archiving';           -- 100 GiB
