/// Who may connect to the platform database: its operators and ecoute's administrators, not every
/// role of the cluster. ecoute's groups (`ecoute_psychologist`, `ecoute_supervisor`,
/// `ecoute_trainer`) belong to the cluster and are shared by every database on it, so a member of
/// a group is not by that an operator of this database; CONNECT is this database's own. With it
/// revoked from PUBLIC and granted to each operator `operator add` registers, `ecoute check` can
/// tell a role given a group by hand and able to connect here (tampering) from another platform
/// database's operator on the same cluster (none of this database's business).
///
/// Run by `admin init` after the migrations, every time (idempotent), as the connected role: the
/// database's owner or a superuser, who alone may change the database's own privileges (as
/// `ecoute_admin`, the owner of the schema, it could not).
public enum PostgresDatabaseAccess {
    public static let script = """
        DO $access$
        DECLARE r RECORD;
        BEGIN
            EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', current_database());
            EXECUTE format('GRANT CONNECT ON DATABASE %I TO ecoute_admin WITH GRANT OPTION', current_database());
            FOR r IN SELECT o.name FROM ecoute.operators o JOIN pg_roles ro ON ro.rolname = o.name LOOP
                EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), r.name);
            END LOOP;
        END
        $access$;
        """

    /// The statement that lets one operator connect (`operator add`).
    static let grantTemplate = "GRANT CONNECT ON DATABASE %I TO %I"
}
