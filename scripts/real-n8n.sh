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

step() { printf '\n▶ %s  [%ss]\n' "$*" "$(( $(date +%s) - T0 ))"; }
info() { printf '  %s\n' "$*"; }
# die <step that failed> <why>  [log file whose tail to show]
die() {
	printf '\n✘ FAILED at: %s\n  %s\n' "$1" "$2" >&2
	if [ -n "${3:-}" ] && [ -f "$3" ]; then
		printf '  --- last lines of %s ---\n' "$3" >&2
		tail -n 25 "$3" | sed 's/^/  | /' >&2
	fi
	exit 1
}

EMU_PID=""
cleanup() {
	if [ -n "$EMU_PID" ] && kill -0 "$EMU_PID" 2>/dev/null; then
		kill "$EMU_PID" 2>/dev/null
		wait "$EMU_PID" 2>/dev/null
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
	node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# ---------------------------------------------------------------------------------------------
step "Checking the tools"
command -v node >/dev/null || die "tool check" "node is not on PATH"
command -v npm >/dev/null || die "tool check" "npm is not on PATH"
NODE_VERSION="$(node --version)"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
info "node $NODE_VERSION, npm $(npm --version 2>/dev/null)"
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
step "Choosing the n8n version"
installed_versions() { # complete installs in $WORK, newest last
	for d in "$WORK"/n8n-*/; do
		[ -f "$d/.install-complete" ] && basename "$d" | sed 's/^n8n-//'
	done | sort -V
}
if [ -n "${N8N_VERSION:-}" ]; then
	info "N8N_VERSION=$N8N_VERSION given; using it"
else
	if [ "$NODE_MAJOR" -lt 24 ]; then
		info "This machine runs Node $NODE_VERSION, but current n8n releases declare engines.node \">=24.0.0\"."
		info "npm would install them anyway with only an EBADENGINE warning, so instead the script asks"
		info "the registry (npm view n8n version engines) for the newest release that accepts this Node:"
	fi
	if PICK="$(node "$HELPER" pick-version 2>"$WORK/pick-version.err")"; then
		N8N_VERSION="$(printf '%s\n' "$PICK" | head -n 1)"
		printf '%s\n' "$PICK" | tail -n +2 | sed 's/^/    /'
	else
		LAST_INSTALLED="$(installed_versions | tail -n 1)"
		[ -n "$LAST_INSTALLED" ] || die "choosing the n8n version" "the npm registry could not be asked ($(tr '\n' ' ' <"$WORK/pick-version.err")) and no earlier install exists in $WORK. Set N8N_VERSION or fix registry access."
		N8N_VERSION="$LAST_INSTALLED"
		info "registry not reachable ($(tr '\n' ' ' <"$WORK/pick-version.err")); reusing the installed n8n $N8N_VERSION"
	fi
fi
info "→ n8n $N8N_VERSION"

# ---------------------------------------------------------------------------------------------
INSTALL="$WORK/n8n-$N8N_VERSION"
N8N_BIN="$INSTALL/node_modules/n8n/bin/n8n"
step "Installing n8n $N8N_VERSION into ${INSTALL#"$REPO"/}"
installed_ok() {
	[ -f "$INSTALL/.install-complete" ] &&
		[ "$(node -p "require('$INSTALL/node_modules/n8n/package.json').version" 2>/dev/null)" = "$N8N_VERSION" ] &&
		(cd "$INSTALL" && node -e "require('sqlite3')" 2>/dev/null)
}
if installed_ok; then
	info "already installed (remove $INSTALL to force a reinstall)"
else
	mkdir -p "$INSTALL" || die "installing n8n" "cannot create $INSTALL"
	rm -f "$INSTALL/.install-complete"
	# overrides.xlsx: n8n-nodes-base depends on https://cdn.sheetjs.com/xlsx-0.20.2/xlsx-0.20.2.tgz,
	# which is not on the npm registry (and not reachable from machines that only reach the
	# registry). xlsx 0.18.5 from the registry has the same API; only the spreadsheet nodes use it.
	cat >"$INSTALL/package.json" <<-'JSON'
	{
	  "name": "real-n8n-install",
	  "private": true,
	  "description": "Throw-away n8n install made by scripts/real-n8n.sh",
	  "overrides": { "xlsx": "0.18.5" }
	}
	JSON
	# --ignore-scripts: n8n's dependency tree has ~10 install scripts (ssh2/cpu-features,
	# @parcel/watcher, msgpackr-extract, @sentry profilers, oracledb, scarf telemetry, ...). None is
	# needed to execute workflows, several try to download prebuilt binaries from GitHub and fall
	# back to minutes of compiling. The one native module n8n cannot run without is sqlite3 (its
	# database), which is rebuilt on its own below.
	info "npm install --ignore-scripts n8n@$N8N_VERSION (about 2,100 packages, ~1 GB; 4-10 minutes on a cold npm cache)"
	INSTALL_START=$(date +%s)
	npm install --prefix "$INSTALL" --ignore-scripts --no-audit --no-fund --loglevel=warn "n8n@$N8N_VERSION" >"$INSTALL/install.log" 2>&1 &
	NPM_PID=$!
	while kill -0 "$NPM_PID" 2>/dev/null; do
		sleep 5
		ELAPSED=$(( $(date +%s) - INSTALL_START ))
		[ $((ELAPSED % 60)) -lt 5 ] && kill -0 "$NPM_PID" 2>/dev/null && info "… npm install still running (${ELAPSED}s)"
	done
	wait "$NPM_PID" || die "npm install n8n@$N8N_VERSION" "npm install failed (full log: $INSTALL/install.log). A 'network request to <host> failed' means a dependency is fetched from outside the npm registry; add an override for it in this script." "$INSTALL/install.log"
	[ -f "$INSTALL/node_modules/n8n/package.json" ] || die "npm install n8n@$N8N_VERSION" "npm finished but node_modules/n8n is missing" "$INSTALL/install.log"
	info "npm install done in $(( $(date +%s) - INSTALL_START ))s"

	# sqlite3: its install script is `prebuild-install -r napi || node-gyp rebuild`. The prebuilt
	# binary comes from GitHub; without GitHub access node-gyp compiles SQLite from source
	# (~2 minutes; needs python3, make and a C++ compiler, plus the Node headers).
	if (cd "$INSTALL" && node -e "require('sqlite3')" 2>/dev/null); then
		info "sqlite3 binding already present"
	else
		info "npm rebuild sqlite3 (prebuilt binary from GitHub, else compiled from source: ~2 minutes)"
		npm rebuild --prefix "$INSTALL" --ignore-scripts=false --foreground-scripts sqlite3 >"$INSTALL/sqlite3-rebuild.log" 2>&1 ||
			die "building sqlite3 for n8n's database" "no prebuilt sqlite3 binary could be downloaded and compiling it failed (node-gyp needs python3, make, g++ and the Node $NODE_VERSION headers). n8n cannot open its database without it." "$INSTALL/sqlite3-rebuild.log"
		(cd "$INSTALL" && node -e "require('sqlite3')" 2>"$INSTALL/sqlite3-load.log") ||
			die "loading sqlite3" "the sqlite3 binding was built but does not load" "$INSTALL/sqlite3-load.log"
	fi
	echo "$N8N_VERSION" >"$INSTALL/.install-complete"
fi
# isolated-vm: late n8n 1.123.x releases evaluate expressions in isolated-vm by default
# (N8N_EXPRESSION_ENGINE=vm). isolated-vm 6.x declares Node >= 22 and does not compile against
# Node 20's V8, and without it n8n refuses to start ("Could not initialize the vm expression
# engine"). Build it once; if that fails, fall back to n8n's legacy expression engine, which n8n
# deprecates for production (no isolation) but which is fine for this local test. n8n 2.8.4 does
# not depend on isolated-vm at all.
IVM_DIR="$INSTALL/node_modules/isolated-vm"
ivm_loads() { (cd "$INSTALL" && node -e "require('isolated-vm')" 2>/dev/null); }
if [ -d "$IVM_DIR" ]; then
	IVM_VERSION="$(node -p "require('$IVM_DIR/package.json').version")"
	IVM_ENGINES="$(node -p "(require('$IVM_DIR/package.json').engines||{}).node||'*'")"
	if ! ivm_loads && [ ! -f "$INSTALL/.isolated-vm-build-failed" ]; then
		info "npm rebuild isolated-vm $IVM_VERSION (n8n's vm expression engine; engines.node \"$IVM_ENGINES\")"
		npm rebuild --prefix "$INSTALL" --ignore-scripts=false --foreground-scripts isolated-vm >"$INSTALL/isolated-vm-rebuild.log" 2>&1 ||
			touch "$INSTALL/.isolated-vm-build-failed"
	fi
	if ivm_loads; then
		info "isolated-vm $IVM_VERSION loads: n8n keeps its default vm expression engine"
	elif grep -q "N8N_EXPRESSION_ENGINE'" "$INSTALL/node_modules/@n8n/config/dist/configs/expression-engine.config.js" 2>/dev/null; then
		export N8N_EXPRESSION_ENGINE=legacy
		info "isolated-vm $IVM_VERSION (engines.node \"$IVM_ENGINES\") does not build on Node $NODE_VERSION"
		info "(${INSTALL#"$REPO"/}/isolated-vm-rebuild.log), so n8n runs with N8N_EXPRESSION_ENGINE=legacy"
		info "(deprecated by n8n for production: no isolation; fine for this local test)"
	else
		die "building isolated-vm" "this n8n needs isolated-vm $IVM_VERSION (engines.node \"$IVM_ENGINES\"), which does not build on Node $NODE_VERSION, and it has no N8N_EXPRESSION_ENGINE switch to avoid it" "$INSTALL/isolated-vm-rebuild.log"
	fi
fi

RUNNING_VERSION="$("$N8N_BIN" --version 2>"$WORK/n8n-version.err" | tail -n 1)"
[ "$RUNNING_VERSION" = "$N8N_VERSION" ] || die "starting n8n" "'n8n --version' printed '$RUNNING_VERSION', expected $N8N_VERSION" "$WORK/n8n-version.err"
info "n8n --version → $RUNNING_VERSION"

# ---------------------------------------------------------------------------------------------
RUN="$WORK/run"
USER_FOLDER="$RUN/user"
step "Building the package and installing it as a custom extension"
if [ "${REAL_N8N_SKIP_BUILD:-}" = "1" ]; then
	info "REAL_N8N_SKIP_BUILD=1: using the existing dist/"
else
	mkdir -p "$WORK"
	(cd "$REPO" && npm run build) >"$WORK/build.log" 2>&1 || die "npm run build" "the package does not build" "$WORK/build.log"
	info "npm run build: ok"
fi
[ -f "$REPO/dist/nodes/ZohoBeam/ZohoBeam.node.js" ] && [ -f "$REPO/dist/credentials/ZohoBeamOAuth2Api.credentials.js" ] ||
	die "checking the build" "dist/ lacks the node or the credential listed in package.json"
case "$RUN" in "$WORK"/run) rm -rf "$RUN" ;; *) die "cleaning the run folder" "unexpected path $RUN" ;; esac
CUSTOM_DIR="$USER_FOLDER/.n8n/custom/n8n-nodes-zoho-beam"
mkdir -p "$CUSTOM_DIR" "$USER_FOLDER/.n8n/node_modules" "$RUN/logs"
# The built files are copied, not symlinked: Node resolves a symlink to its real path, and from
# the repo require('n8n-workflow') finds the repo's own dev copy (2.41.x), not the n8n-workflow of
# the n8n that runs the node. In a real install n8n's own copy is found through the NODE_PATH that
# n8n sets for custom nodes; here .real-n8n/ sits inside the repo, so the repo's node_modules is
# still an ancestor of the copy and would win. The link below, in a node_modules folder between
# the copy and the repo, restores what a real install gets: n8n's own n8n-workflow.
cp -R "$REPO/dist" "$REPO/package.json" "$CUSTOM_DIR/"
ln -s "$INSTALL/node_modules/n8n-workflow" "$USER_FOLDER/.n8n/node_modules/n8n-workflow"
WF_RESOLVED="$(node -e "const p=require.resolve('n8n-workflow/package.json',{paths:['$CUSTOM_DIR/dist/nodes/ZohoBeam']});console.log(require('fs').realpathSync(p))")"
[ "$WF_RESOLVED" = "$(cd "$INSTALL/node_modules/n8n-workflow" && pwd -P)/package.json" ] ||
	die "custom extension setup" "the custom node would load n8n-workflow from $WF_RESOLVED instead of n8n's own copy"
info "custom extension: ${CUSTOM_DIR#"$REPO"/} (node type CUSTOM.zohoBeam; n8n-workflow $(node -p "require('$WF_RESOLVED').version") from n8n)"

export N8N_USER_FOLDER="$USER_FOLDER"
export N8N_ENCRYPTION_KEY="zoho-beam-real-n8n-test-key-0001"
export N8N_DIAGNOSTICS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_TEMPLATES_ENABLED=false
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
export DB_TYPE=sqlite
export N8N_RUNNERS_BROKER_PORT="$(free_port)"   # n8n 2.x always starts a task broker (default port 5679)
export N8N_LOG_LEVEL=info
unset N8N_CUSTOM_EXTENSIONS DB_SQLITE_DATABASE

# ---------------------------------------------------------------------------------------------
step "Starting the Zoho emulator"
node "$REPO/test/emulator/cli.js" --port 0 >"$RUN/logs/emulator.log" 2>&1 &
EMU_PID=$!
EMU_URL=""
for _ in $(seq 1 100); do
	EMU_URL="$(sed -n 's/^Zoho emulator listening on //p' "$RUN/logs/emulator.log")"
	[ -n "$EMU_URL" ] && break
	kill -0 "$EMU_PID" 2>/dev/null || break
	sleep 0.2
done
[ -n "$EMU_URL" ] || die "starting the emulator" "node test/emulator/cli.js did not report its URL" "$RUN/logs/emulator.log"
info "emulator at $EMU_URL (pid $EMU_PID)"

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
