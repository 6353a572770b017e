#!/usr/bin/env bash
# Runs example workflows of this package in a REAL n8n, installed from the npm registry,
# against the bundled Zoho emulator:
#
#   bash scripts/real-n8n.sh
#
# 1. picks the n8n version (newest release whose engines.node accepts this Node, or $N8N_VERSION)
#    and installs it into $REAL_N8N_DIR/n8n-<version> (default .real-n8n/, git-ignored);
#    an existing complete install of that version is reused
# 2. builds this package (npm run build) and copies it into the fresh n8n user folder as a
#    custom extension ($N8N_USER_FOLDER/.n8n/custom/n8n-nodes-zoho-beam)
# 3. starts the emulator, imports a credential pointing at it and the example workflows
#    (node type rewritten to CUSTOM.zohoBeam) with `n8n import:credentials` / `import:workflow`
# 4. runs each with `n8n execute --id <id> --rawOutput`, checks the output and the emulator's
#    request log, prints a summary, stops the emulator; exits 0 only if everything passed
#
# Environment:
#   N8N_VERSION=x.y.z        use this n8n version instead of picking one
#   REAL_N8N_DIR=/path       install and work folder (default <repo>/.real-n8n)
#   REAL_N8N_EXAMPLES="a b"  example names from examples/, or "all"
#                            (default: record-update-batch signal-count case-get-many)
#   REAL_N8N_SKIP_BUILD=1    use the existing dist/ instead of running npm run build
#   REAL_N8N_EXPIRE_BEFORE="a b"  also expire the access token before these examples (always
#                            before the second one); each such run must refresh exactly once
#
# Why a custom extension folder and not a community package: n8n only loads
# ~/.n8n/nodes/node_modules/<pkg> when the package is recorded in its database (installed through
# the UI or API). n8n 2.8.4 has no environment switch for that (only N8N_COMMUNITY_PACKAGES_ENABLED,
# _PREVENT_LOADING and _REGISTRY; the env-managed N8N_COMMUNITY_PACKAGES list came later), and
# writing the DB rows by hand would test our hack rather than n8n. The custom folder
# ($N8N_USER_FOLDER/.n8n/custom, loaded by CustomDirectoryLoader, which globs **/*.node.js and
# **/*.credentials.js) works in every n8n 1.x/2.x and is what `n8n-node dev` uses. The price: the
# node type becomes CUSTOM.zohoBeam instead of n8n-nodes-zoho-beam.zohoBeam, so the workflows are
# rewritten. The credential type name (zohoBeamOAuth2Api) is unchanged.

set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HELPER="$REPO/scripts/real-n8n/helper.js"
WORK="${REAL_N8N_DIR:-$REPO/.real-n8n}"
EXAMPLES_LIST="${REAL_N8N_EXAMPLES:-record-update-batch signal-count case-get-many}"
[ "$EXAMPLES_LIST" = "all" ] && EXAMPLES_LIST="$(cd "$REPO/examples" && ls -- *.json | sed 's/\.json$//' | tr '\n' ' ')"
CRED_ID="ZohoBeamEmuCred1"   # n8n IDs are 16-character strings
T0=$(date +%s)

# shellcheck source=lib/n8n.sh
. "$REPO/scripts/lib/n8n.sh"

EMU_PID=""
cleanup() {
	if [ -n "$EMU_PID" ] && kill -0 "$EMU_PID" 2>/dev/null; then
		kill "$EMU_PID" 2>/dev/null
		wait "$EMU_PID" 2>/dev/null
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
step "Checking the tools"
require_node
mkdir -p "$WORK" || die "work folder" "cannot create $WORK"
EXAMPLE_FILES=()
for name in $EXAMPLES_LIST; do
	f="$REPO/examples/$name.json"
	[ -f "$f" ] || die "choosing examples" "examples/$name.json does not exist (REAL_N8N_EXAMPLES=\"$EXAMPLES_LIST\")"
	EXAMPLE_FILES+=("$f")
done
[ "${#EXAMPLE_FILES[@]}" -gt 0 ] || die "choosing examples" "no examples selected"
info "examples: $EXAMPLES_LIST"

# ---------------------------------------------------------------------------------------------
choose_n8n_version

# ---------------------------------------------------------------------------------------------
install_n8n

# ---------------------------------------------------------------------------------------------
RUN="$WORK/run"
USER_FOLDER="$RUN/user"
step "Building the package and installing it as a custom extension"
build_package
case "$RUN" in "$WORK"/run) rm -rf "$RUN" ;; *) die "cleaning the run folder" "unexpected path $RUN" ;; esac
mkdir -p "$RUN/logs"
install_custom_extension "$USER_FOLDER"

n8n_env "$USER_FOLDER"
export N8N_RUNNERS_BROKER_PORT="$(free_port)"   # n8n 2.x always starts a task broker (default port 5679)

# ---------------------------------------------------------------------------------------------
step "Starting the Zoho emulator"
start_emulator "$RUN/logs/emulator.log"

# ---------------------------------------------------------------------------------------------
step "Importing the credential and the workflows into n8n"
node "$HELPER" prepare "$EMU_URL" "$RUN/import" "$CRED_ID" "${EXAMPLE_FILES[@]}" >"$RUN/workflows.txt" 2>"$RUN/logs/prepare.log" ||
	die "preparing the import files" "$(cat "$RUN/logs/prepare.log")"
"$N8N_BIN" import:credentials --input "$RUN/import/creds.json" >"$RUN/logs/import-credentials.log" 2>&1 ||
	die "n8n import:credentials" "n8n could not import the credential" "$RUN/logs/import-credentials.log"
grep -q 'Successfully imported 1 credential' "$RUN/logs/import-credentials.log" ||
	die "n8n import:credentials" "n8n did not report the import" "$RUN/logs/import-credentials.log"
info "credential $CRED_ID (type zohoBeamOAuth2Api, data center custom → $EMU_URL)"
"$N8N_BIN" import:workflow --separate --input "$RUN/import/workflows" >"$RUN/logs/import-workflows.log" 2>&1 ||
	die "n8n import:workflow" "n8n could not import the workflows" "$RUN/logs/import-workflows.log"
grep -q "Successfully imported ${#EXAMPLE_FILES[@]} workflow" "$RUN/logs/import-workflows.log" ||
	die "n8n import:workflow" "n8n did not report importing ${#EXAMPLE_FILES[@]} workflow(s)" "$RUN/logs/import-workflows.log"
while read -r wf_id wf_file example; do
	info "workflow $wf_id ← examples/$(basename "$example") (node type → CUSTOM.zohoBeam, credential → $CRED_ID)"
done <"$RUN/workflows.txt"

# ---------------------------------------------------------------------------------------------
PASSED=0
FAILED=0
RESULTS=()
INDEX=0
while read -r wf_id wf_file example; do
	INDEX=$((INDEX + 1))
	name="$(basename "$example" .json)"
	step "n8n execute --id $wf_id --rawOutput   (examples/$name.json)"
	CHECK_FLAGS=()
	if [ "$INDEX" -eq 2 ] || [[ " ${REAL_N8N_EXPIRE_BEFORE:-} " == *" $name "* ]]; then
		# Expire every issued access token before the second run: n8n's own OAuth2 code must
		# refresh it at the emulator's /oauth/v2/token and store the new one; the next run then
		# must not need another refresh.
		node "$HELPER" post "$EMU_URL/__emulator/expire" </dev/null >/dev/null || die "expiring tokens" "POST /__emulator/expire failed"
		info "access tokens expired first: n8n has to refresh the token"
		CHECK_FLAGS+=(--expect-refresh)
	fi
	SINCE="$(node "$HELPER" seq "$EMU_URL" </dev/null)" || die "reading the emulator's request log" "GET /__emulator/requests failed"
	OUT="$RUN/logs/execute-$name.out"
	START=$(date +%s)
	"$N8N_BIN" execute --id "$wf_id" --rawOutput </dev/null >"$OUT" 2>"$RUN/logs/execute-$name.err"
	RC=$?
	info "n8n exit code $RC, $(( $(date +%s) - START ))s (output: ${OUT#"$REPO"/})"
	if node "$HELPER" check "$example" "$OUT" "$EMU_URL" "$SINCE" ${CHECK_FLAGS[@]+"${CHECK_FLAGS[@]}"} </dev/null && [ "$RC" -eq 0 ]; then
		PASSED=$((PASSED + 1))
		RESULTS+=("✔ $name")
	else
		if [ "$RC" -ne 0 ]; then
			info "✘ n8n exited with $RC; last lines of its output:"
			tail -n 12 "$OUT" "$RUN/logs/execute-$name.err" | sed 's/^/    | /'
		fi
		FAILED=$((FAILED + 1))
		RESULTS+=("✘ $name")
	fi
done <"$RUN/workflows.txt"

# ---------------------------------------------------------------------------------------------
# The instant trigger needs a running n8n (n8n start), not `n8n execute`: activation creates the
# CRM notification channel, and the emulator's callback must start an execution.
# REAL_N8N_INSTANT=0 skips it; REAL_N8N_PORT / REAL_N8N_BROKER_PORT (default 5680 / 5681).
if [ "${REAL_N8N_INSTANT:-1}" = "1" ]; then
	step "Instant trigger: n8n start on port ${REAL_N8N_PORT:-5680}, activate, change a lead, expect an execution"
	if node "$REPO/scripts/real-n8n/instant.js" "$N8N_BIN" "$EMU_URL" "$RUN" "$CRED_ID" "$INSTALL" </dev/null; then
		PASSED=$((PASSED + 1))
		RESULTS+=("✔ instant-trigger")
	else
		info "n8n log: ${RUN#"$REPO"/}/logs/n8n-start.log"
		FAILED=$((FAILED + 1))
		RESULTS+=("✘ instant-trigger")
	fi
fi

# ---------------------------------------------------------------------------------------------
step "Summary"
TOTAL_REQUESTS="$(node "$HELPER" seq "$EMU_URL")"
info "n8n $RUNNING_VERSION on Node $NODE_VERSION, package n8n-nodes-zoho-beam as custom extension (CUSTOM.zohoBeam)"
info "emulator $EMU_URL answered $TOTAL_REQUESTS requests (including admin calls)"
for r in "${RESULTS[@]}"; do info "$r"; done
info "logs: ${RUN#"$REPO"/}/logs/"
cleanup
EMU_PID=""
if [ "$FAILED" -ne 0 ] || [ "$PASSED" -eq 0 ]; then
	printf '\n✘ %s of %s workflow(s) failed in real n8n %s\n' "$FAILED" "$((PASSED + FAILED))" "$RUNNING_VERSION"
	exit 1
fi
printf '\n✔ all %s workflow(s) passed in real n8n %s (%ss)\n' "$PASSED" "$RUNNING_VERSION" "$(( $(date +%s) - T0 ))"
