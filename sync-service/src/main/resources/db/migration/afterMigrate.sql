-- After every migration (Flyway has let go of its history table by then): the history is closed like every other
-- table of the service. Idempotent, and cheap enough for every start.
alter table tempo.flyway_schema_history enable row level security;
select tempo.revoke_from_everyone_else('table tempo.flyway_schema_history');
