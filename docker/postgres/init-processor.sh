#!/usr/bin/env bash
# Prepares the processor's database. The postgres image runs this once, when its data volume is first initialised
# (/docker-entrypoint-initdb.d); later changes to the passwords in the environment do not reach an existing volume:
# change them with ALTER ROLE ... PASSWORD.
#
# One database ($POSTGRES_DB), one login role per service, each owning the schema of the same name (DESIGN.md §1: each
# service reads and writes only its own schema). The roles cannot read each other's schemas, so the signer's key shares
# are reachable with the signer's credentials only. The services run their migrations themselves at start.
#
# Environment (from compose.yaml): POSTGRES_USER, POSTGRES_DB, and PROCESSOR_<SERVICE>_DB_PASSWORD for each service.

# The image sources a script that is not executable: the body runs in a subshell so that neither its shell options nor
# an exit leak into the image's entrypoint (a failure still fails the initialisation).
init_processor() (
set -Eeuo pipefail

services=(scanner reporter signer scheduler)

for service in "${services[@]}"; do
  password_variable="PROCESSOR_${service^^}_DB_PASSWORD"
  if [[ -z "${!password_variable:-}" ]]; then
    echo "init-processor: $password_variable is not set" >&2
    exit 1
  fi
done

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" --set=db="$POSTGRES_DB" <<'SQL'
-- Only the service roles (and the superuser) may connect; nobody else may create anything in the public schema.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL

for service in "${services[@]}"; do
  # \getenv reads the password from the environment (not the command line); :'password' quotes it as a literal.
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    --set=db="$POSTGRES_DB" --set=role="$service" --set=password_variable="PROCESSOR_${service^^}_DB_PASSWORD" <<'SQL'
\getenv password :password_variable
CREATE ROLE :"role" LOGIN PASSWORD :'password';
-- The schema exists (owned by its service) before any service starts, so no service can take another's schema name.
CREATE SCHEMA :"role" AUTHORIZATION :"role";
-- CREATE on the database: the service's start-up runs CREATE SCHEMA IF NOT EXISTS, which PostgreSQL checks against it
-- even when the schema exists. It lets a role create new schemas, never enter another role's.
GRANT CONNECT, TEMPORARY, CREATE ON DATABASE :"db" TO :"role";
ALTER ROLE :"role" IN DATABASE :"db" SET search_path = :"role";
SQL
  echo "init-processor: role and schema $service ready"
done

# The superuser logs in only through the container's local socket (docker compose exec postgres psql -U "$POSTGRES_USER"),
# never over the network: the first matching pg_hba.conf line wins, so this one goes first.
hba="$PGDATA/pg_hba.conf"
{ printf '# Added by init-processor.sh: no network logins for the superuser.\nhost all %s all reject\n' "$POSTGRES_USER"; cat "$hba"; } > "$hba.new"
mv "$hba.new" "$hba"
)

init_processor
