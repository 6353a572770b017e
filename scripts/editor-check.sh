#!/usr/bin/env bash
# Checks the node where users meet it: in n8n's editor, in a real browser.
#
#   bash scripts/editor-check.sh        (as root on a fresh Debian/Ubuntu machine; Node 20+)
#
# 1. installs what is missing: Debian's `chromium` (apt-get), `playwright-core` from npm into
#    .editor-check/tools (git-ignored, not a project dependency) and n8n from npm exactly as
#    scripts/real-n8n.sh does (shared functions in scripts/lib/n8n.sh, same install folder)
# 2. builds the package, loads it into a fresh n8n user folder as a custom extension, starts the
#    bundled Zoho emulator and `n8n start` on 127.0.0.1:$EDITOR_CHECK_PORT (default 5690)
# 3. creates the owner account through n8n's REST API (POST /rest/owner/setup)
# 4. drives Chromium through what a new user does (scripts/editor-check/browser.js): create a
#    Zoho Beam credential (full Data Center list, OAuth "Connect" against the emulator), add the
#    node, pick Record → Update, pick a module from the list, search a ticket in the ticket
#    picker, execute the node and look at the output, add the trigger nodes if the package has
#    them. A screenshot of every step lands in .editor-check/screenshots/ (git-ignored).
# Exits 0 only if every step passed; a failure names the step.
#
# Environment:
#   EDITOR_CHECK_PORT=5690     n8n's port (the task broker uses the next one)
#   N8N_VERSION, REAL_N8N_DIR, REAL_N8N_SKIP_BUILD   as for scripts/real-n8n.sh
#   EDITOR_CHECK_HEADED=1      show the browser (needs a display)

set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${REAL_N8N_DIR:-$REPO/.real-n8n}"
OUT="$REPO/.editor-check"
TOOLS="$OUT/tools"
RUN="$OUT/run"
SHOTS="$OUT/screenshots"
PORT="${EDITOR_CHECK_PORT:-5690}"
T0=$(date +%s)

# shellcheck source=lib/n8n.sh
. "$REPO/scripts/lib/n8n.sh"

EMU_PID=""
N8N_PID=""
cleanup() {
	stop_pid "$N8N_PID"
	stop_pid "$EMU_PID"
	N8N_PID=""
	EMU_PID=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
step "Checking the tools"
require_node
mkdir -p "$WORK" "$TOOLS" || die "work folders" "cannot create $WORK and $TOOLS"
CHROMIUM=/usr/bin/chromium
if [ ! -x "$CHROMIUM" ]; then
	[ "$(id -u)" = 0 ] || die "installing Chromium" "$CHROMIUM is missing; run as root (apt-get install -y chromium) or install it first"
	info "apt-get install -y chromium (Debian's package)"
	{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; } >"$OUT/apt.log" 2>&1 ||
		die "installing Chromium" "apt-get install chromium failed" "$OUT/apt.log"
fi
info "$("$CHROMIUM" --version 2>/dev/null | head -n 1)"
if [ ! -f "$TOOLS/node_modules/playwright-core/package.json" ]; then
	info "npm install playwright-core into ${TOOLS#"$REPO"/} (not a project dependency)"
	[ -f "$TOOLS/package.json" ] || echo '{ "name": "editor-check-tools", "private": true }' >"$TOOLS/package.json"
	npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=warn playwright-core >"$OUT/playwright-install.log" 2>&1 ||
		die "installing playwright-core" "npm install playwright-core failed" "$OUT/playwright-install.log"
fi
info "playwright-core $(node -p "require('$TOOLS/node_modules/playwright-core/package.json').version")"

choose_n8n_version
install_n8n

# ---------------------------------------------------------------------------------------------
step "Building the package and installing it as a custom extension"
build_package
case "$RUN" in "$OUT"/run) rm -rf "$RUN" "$SHOTS" ;; *) die "cleaning the run folder" "unexpected path $RUN" ;; esac
mkdir -p "$RUN/logs" "$SHOTS"
install_custom_extension "$RUN/user"

# ---------------------------------------------------------------------------------------------
step "Starting the Zoho emulator"
start_emulator "$RUN/logs/emulator.log"

# ---------------------------------------------------------------------------------------------
step "Starting n8n on 127.0.0.1:$PORT"
n8n_env "$RUN/user"
export N8N_PORT="$PORT" N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=localhost N8N_PROTOCOL=http
export N8N_RUNNERS_BROKER_PORT="$((PORT + 1))"
export N8N_EDITOR_BASE_URL="http://localhost:$PORT" WEBHOOK_URL="http://localhost:$PORT/"
export N8N_PERSONALIZATION_ENABLED=false N8N_SECURE_COOKIE=false N8N_HIRING_BANNER_ENABLED=false
"$N8N_BIN" start >"$RUN/logs/n8n.log" 2>&1 &
N8N_PID=$!
N8N_URL="http://localhost:$PORT"
# /healthz/readiness answers before the REST API is mounted; /rest/settings only after.
wait_until "starting n8n (is port $PORT or $((PORT + 1)) taken? set EDITOR_CHECK_PORT)" 120 "$RUN/logs/n8n.log" http_ok "$N8N_URL/rest/settings"
info "n8n $RUNNING_VERSION at $N8N_URL (pid $N8N_PID, log ${RUN#"$REPO"/}/logs/n8n.log)"

# ---------------------------------------------------------------------------------------------
step "Driving Chromium through the editor"
node "$REPO/scripts/editor-check/browser.js" \
	--n8n "$N8N_URL" --emulator "$EMU_URL" --package "$CUSTOM_DIR" \
	--playwright "$TOOLS/node_modules/playwright-core" --chromium "$CHROMIUM" \
	--screenshots "$SHOTS" --profile "$RUN/chromium-profile"
RC=$?

# ---------------------------------------------------------------------------------------------
step "Summary"
info "n8n $RUNNING_VERSION on Node $NODE_VERSION, package loaded as a custom extension"
info "screenshots: ${SHOTS#"$REPO"/}/   logs: ${RUN#"$REPO"/}/logs/"
cleanup
if [ "$RC" -ne 0 ]; then
	printf '\n✘ the editor check failed (see the step named above)\n'
	exit 1
fi
printf '\n✔ the editor check passed in real n8n %s with Chromium (%ss)\n' "$RUNNING_VERSION" "$(( $(date +%s) - T0 ))"
