-- After every migration (Flyway has let go of its history table by then): the history is closed like every other
-- table of the service. Idempotent, and cheap enough for every start.
alter table tempo.flyway_schema_history enable row level security;
revoke all on table tempo.flyway_schema_history from public;
do
$$
    declare
        v_role text;
    begin
        for v_role in select rolname from pg_roles where rolname in ('anon', 'authenticated') order by 1
            loop
                execute format('revoke all on table tempo.flyway_schema_history from %I', v_role);
            end loop;
    end
$$;
