-- Each API process keeps the sessions it has looked up in memory (packages/core/src/auth/session-cache.ts),
-- so that a request costs no lookup of its own. Any change to what authentication reads (a session
-- or API token revoked, expired or removed, a user disabled, a role given or taken away) is announced
-- on the channel gea_auth_changed, and every process forgets what it kept: a revocation holds in
-- every process as soon as it is committed. Noting when a session or token was last used changes
-- nothing that authentication decides, and announces nothing.

CREATE FUNCTION "gea_notify_auth_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gea_auth_changed', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Session_auth_change" AFTER UPDATE ON "Session" FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'lastUsedAt') IS DISTINCT FROM (to_jsonb(NEW) - 'lastUsedAt'))
  EXECUTE FUNCTION "gea_notify_auth_change"();
CREATE TRIGGER "Session_auth_removal" AFTER DELETE ON "Session" FOR EACH STATEMENT EXECUTE FUNCTION "gea_notify_auth_change"();

CREATE TRIGGER "ApiToken_auth_change" AFTER UPDATE ON "ApiToken" FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'lastUsedAt') IS DISTINCT FROM (to_jsonb(NEW) - 'lastUsedAt'))
  EXECUTE FUNCTION "gea_notify_auth_change"();
CREATE TRIGGER "ApiToken_auth_removal" AFTER DELETE ON "ApiToken" FOR EACH STATEMENT EXECUTE FUNCTION "gea_notify_auth_change"();

CREATE TRIGGER "User_auth_change" AFTER UPDATE OR DELETE ON "User" FOR EACH STATEMENT EXECUTE FUNCTION "gea_notify_auth_change"();

CREATE TRIGGER "RoleAssignment_auth_change" AFTER INSERT OR UPDATE OR DELETE ON "RoleAssignment" FOR EACH STATEMENT EXECUTE FUNCTION "gea_notify_auth_change"();
