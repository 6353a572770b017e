#!/usr/bin/env bash
# Runs the node in n8n's queue mode: PostgreSQL, Redis, one n8n main and two `n8n worker`s.
#
#   bash scripts/queue-mode.sh          (as root on a fresh Debian/Ubuntu machine; Node 20+)
#
# 1. installs what is missing: Debian's `postgresql` and `redis-server` (apt-get), n8n from npm
#    exactly as scripts/real-n8n.sh does (shared functions in scripts/lib/n8n.sh)
# 2. starts a private PostgreSQL cluster and a private Redis, both on 127.0.0.1 and on ports
#    nothing else uses, with their data in .queue-mode/ (git-ignored)
# 3. builds the package, loads it into each n8n process as a custom extension, starts the bundled
#    Zoho emulator, imports a credential and a webhook workflow (Webhook → Split Out → Zoho Beam
#    Record Update, scripts/queue-mode/queue-update.json) and publishes it
# 4. starts `n8n start` (main) and two `n8n worker` processes with EXECUTIONS_MODE=queue, then
#    POSTs 20 batches of 5 different Leads to the webhook, all at once
# 5. checks: every execution succeeded (n8n's database) and ran on a worker (the distribution
#    is printed), every Lead was written exactly once (the emulator's write counter), the token
#    refreshes stay bounded; prints a summary, stops everything it started
#
# Environment:
#   QUEUE_MODE_PORT=5692       first of the 8 ports used: main, its task broker, the two
#                              workers' health servers and task brokers, PostgreSQL, Redis
#   QUEUE_MODE_EXECUTIONS=20   webhook calls, QUEUE_MODE_LEADS=5 Leads per call
#   N8N_VERSION, REAL_N8N_DIR, REAL_N8N_SKIP_BUILD   as for scripts/real-n8n.sh

set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${REAL_N8N_DIR:-$REPO/.real-n8n}"
OUT="$REPO/.queue-mode"
RUN="$OUT/run"
DRIVER="$REPO/scripts/queue-mode/driver.js"
BASE_PORT="${QUEUE_MODE_PORT:-5692}"
MAIN_PORT="$BASE_PORT"
PG_PORT="$((BASE_PORT + 6))"
REDIS_PORT="$((BASE_PORT + 7))"
EXECUTIONS="${QUEUE_MODE_EXECUTIONS:-20}"
LEADS_PER_EXECUTION="${QUEUE_MODE_LEADS:-5}"
WORKERS=(worker1 worker2)
CRED_ID="ZohoBeamEmuCred1"
T0=$(date +%s)

# shellcheck source=lib/n8n.sh
. "$REPO/scripts/lib/n8n.sh"

PIDS=()
PG_BIN=""
PGDATA="$RUN/postgres"
cleanup() {
	local i
	for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[$i]}"; done
	PIDS=()
	if [ -n "$PG_BIN" ] && [ -f "$PGDATA/postmaster.pid" ]; then
		runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
step "Checking the tools"
require_node
mkdir -p "$WORK" "$OUT" || die "work folders" "cannot create $WORK and $OUT"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$PG_BIN" ] || ! command -v redis-server >/dev/null; then
	[ "$(id -u)" = 0 ] || die "installing PostgreSQL and Redis" "postgresql or redis-server is missing; run as root or install them (apt-get install -y postgresql redis-server)"
	info "apt-get install -y postgresql redis-server (Debian's packages)"
	{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql redis-server; } >"$OUT/apt.log" 2>&1 ||
		die "installing PostgreSQL and Redis" "apt-get install failed" "$OUT/apt.log"
	PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
id postgres >/dev/null 2>&1 || die "checking PostgreSQL" "the postgres system user is missing (it comes with Debian's postgresql package)"
info "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), $(redis-server --version | awk '{print $1, $2, $3}')"

choose_n8n_version
install_n8n

# ---------------------------------------------------------------------------------------------
step "Building the package and installing it as a custom extension"
build_package
case "$RUN" in "$OUT"/run) rm -rf "$RUN" ;; *) die "cleaning the run folder" "unexpected path $RUN" ;; esac
mkdir -p "$RUN/logs"
# Every n8n process gets its own user folder (as separate machines would), each with the package.
for name in main "${WORKERS[@]}"; do install_custom_extension "$RUN/$name"; done

# ---------------------------------------------------------------------------------------------
step "Starting PostgreSQL on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT"
mkdir -p "$PGDATA" && chown postgres "$PGDATA" && chmod 700 "$PGDATA"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA" -U n8n -A trust >"$RUN/logs/initdb.log" 2>&1 ||
	die "initdb" "could not create the PostgreSQL cluster in $PGDATA" "$RUN/logs/initdb.log"
touch "$RUN/logs/postgres.log" && chown postgres "$RUN/logs/postgres.log"
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$RUN/logs/postgres.log" -w \
	-o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGDATA -c max_connections=100" start >"$RUN/logs/pg_ctl.log" 2>&1 ||
	die "starting PostgreSQL" "pg_ctl start failed (is port $PG_PORT taken? set QUEUE_MODE_PORT)" "$RUN/logs/postgres.log"
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U n8n n8n >"$RUN/logs/createdb.log" 2>&1 || die "createdb" "could not create the n8n database" "$RUN/logs/createdb.log"
info "PostgreSQL: database n8n on 127.0.0.1:$PG_PORT (data ${PGDATA#"$REPO"/})"
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$RUN" >"$RUN/logs/redis.log" 2>&1 &
PIDS+=($!)
wait_until "starting Redis" 20 "$RUN/logs/redis.log" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping
info "Redis on 127.0.0.1:$REDIS_PORT (pid ${PIDS[-1]})"

# ---------------------------------------------------------------------------------------------
step "Starting the Zoho emulator"
start_emulator "$RUN/logs/emulator.log"
PIDS+=("$EMU_PID")

# The environment all n8n processes share: same database, same Redis, same encryption key.
n8n_env "$RUN/main"
export EXECUTIONS_MODE=queue
export DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT="$PG_PORT" DB_POSTGRESDB_DATABASE=n8n DB_POSTGRESDB_USER=n8n DB_POSTGRESDB_PASSWORD=
export QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT="$REDIS_PORT"
export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=localhost N8N_PROTOCOL=http
export N8N_RUNNERS_BROKER_PORT="$((BASE_PORT + 1))" N8N_PORT="$MAIN_PORT" WEBHOOK_URL="http://localhost:$MAIN_PORT/"
export OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true

# ---------------------------------------------------------------------------------------------
step "Importing the credential and the workflow into n8n (PostgreSQL)"
node "$N8N_HELPER" prepare "$EMU_URL" "$RUN/import" "$CRED_ID" "$REPO/scripts/queue-mode/queue-update.json" >"$RUN/workflows.txt" 2>"$RUN/logs/prepare.log" ||
	die "preparing the import files" "$(cat "$RUN/logs/prepare.log")"
read -r WF_ID _ <"$RUN/workflows.txt"
"$N8N_BIN" import:credentials --input "$RUN/import/creds.json" >"$RUN/logs/import-credentials.log" 2>&1 ||
	die "n8n import:credentials" "n8n could not import the credential" "$RUN/logs/import-credentials.log"
"$N8N_BIN" import:workflow --separate --input "$RUN/import/workflows" >"$RUN/logs/import-workflows.log" 2>&1 ||
	die "n8n import:workflow" "n8n could not import the workflow" "$RUN/logs/import-workflows.log"
"$N8N_BIN" publish:workflow --id "$WF_ID" >"$RUN/logs/publish-workflow.log" 2>&1 ||
	die "n8n publish:workflow" "n8n could not publish (activate) the workflow" "$RUN/logs/publish-workflow.log"
info "workflow $WF_ID (Webhook → Split Out → Zoho Beam Record Update), credential $CRED_ID → emulator"

# ---------------------------------------------------------------------------------------------
step "Starting n8n main on 127.0.0.1:$MAIN_PORT and ${#WORKERS[@]} workers"
"$N8N_BIN" start >"$RUN/logs/main.log" 2>&1 &
PIDS+=($!)
MAIN_PID=$!
wait_until "starting n8n main" 120 "$RUN/logs/main.log" http_ok "http://localhost:$MAIN_PORT/rest/settings"
info "main pid $MAIN_PID ready"
WORKER_LOGS=()
i=0
for name in "${WORKERS[@]}"; do
	i=$((i + 1))
	health=$((BASE_PORT + 2 * i))
	N8N_USER_FOLDER="$RUN/$name" QUEUE_HEALTH_CHECK_ACTIVE=true QUEUE_HEALTH_CHECK_PORT="$health" N8N_RUNNERS_BROKER_PORT="$((health + 1))" \
		"$N8N_BIN" worker --concurrency=10 >"$RUN/logs/$name.log" 2>&1 &
	PIDS+=($!)
	wait_until "starting n8n $name" 120 "$RUN/logs/$name.log" http_ok "http://127.0.0.1:$health/healthz/readiness"
	info "$name pid ${PIDS[-1]} ready (health 127.0.0.1:$health, concurrency 10)"
	WORKER_LOGS+=("$name=$RUN/logs/$name.log")
done

# ---------------------------------------------------------------------------------------------
step "Expiring the access token, then $EXECUTIONS concurrent webhook executions of $LEADS_PER_EXECUTION Leads each"
node "$N8N_HELPER" post "$EMU_URL/__emulator/expire" >/dev/null || die "expiring tokens" "POST /__emulator/expire failed"
node "$DRIVER" fire "http://localhost:$MAIN_PORT/webhook/zoho-beam-queue-update" "$EMU_URL" "$RUN/result.json" "$EXECUTIONS" "$LEADS_PER_EXECUTION" ||
	die "firing the webhook" "the driver failed"
sleep 2 # the workers write the final execution status just after the webhook answered
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U n8n -d n8n -At -F '|' \
	-c "select id, status, mode from execution_entity where \"workflowId\" = '$WF_ID' order by id" >"$RUN/executions.txt" 2>"$RUN/logs/psql.log" ||
	die "reading the executions from PostgreSQL" "psql failed" "$RUN/logs/psql.log"

# ---------------------------------------------------------------------------------------------
step "Summary"
info "n8n $RUNNING_VERSION queue mode on Node $NODE_VERSION: main + ${#WORKERS[@]} workers, PostgreSQL, Redis"
node "$DRIVER" report "$RUN/result.json" "$RUN/executions.txt" "${WORKER_LOGS[@]}"
RC=$?
info "logs: ${RUN#"$REPO"/}/logs/"
cleanup
if [ "$RC" -ne 0 ]; then
	printf '\n✘ queue mode check failed\n'
	exit 1
fi
printf '\n✔ queue mode check passed in real n8n %s (%ss)\n' "$RUNNING_VERSION" "$(( $(date +%s) - T0 ))"
