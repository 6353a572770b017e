#!/usr/bin/env bash
# Shared by the scripts that run this package in a real n8n (real-n8n.sh, editor-check.sh,
# queue-mode.sh): installing n8n from the npm registry, building the package, loading it as a
# custom extension, starting the bundled Zoho emulator, and the step/info/die output.
#
# Source it after setting REPO (the repository root), WORK (install and work folder) and T0
# (start time, for the elapsed seconds printed by step). Functions that set variables say so.

N8N_HELPER="$REPO/scripts/real-n8n/helper.js"

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

# stop_pid <pid>: stops a process this script started (TERM, then KILL after 10 s).
stop_pid() {
	if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
		kill "$1" 2>/dev/null
		for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
		kill -9 "$1" 2>/dev/null
		wait "$1" 2>/dev/null
	fi
}

# wait_until <step> <seconds> <log> <command…>: retries the command once a second
wait_until() {
	local what="$1" seconds="$2" log="$3"
	shift 3
	for _ in $(seq 1 "$seconds"); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 1
	done
	die "$what" "not ready after ${seconds}s" "$log"
}
# http_ok <url>: the URL answers 2xx with JSON (n8n's REST API, a worker's health check).
http_ok() { node -e "fetch('$1').then(r=>process.exit(r.ok&&/json/.test(r.headers.get('content-type'))?0:1),()=>process.exit(1))"; }

free_port() {
	node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Checks node and npm. Sets NODE_VERSION, NODE_MAJOR.
require_node() {
	command -v node >/dev/null || die "tool check" "node is not on PATH"
	command -v npm >/dev/null || die "tool check" "npm is not on PATH"
	NODE_VERSION="$(node --version)"
	NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
	info "node $NODE_VERSION, npm $(npm --version 2>/dev/null)"
}

# Picks the n8n version ($N8N_VERSION if set). Sets N8N_VERSION.
choose_n8n_version() {
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
		if PICK="$(node "$N8N_HELPER" pick-version 2>"$WORK/pick-version.err")"; then
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
}

# Installs n8n $N8N_VERSION into $WORK/n8n-<version> unless a complete install is there.
# Sets INSTALL, N8N_BIN and RUNNING_VERSION; exports N8N_EXPRESSION_ENGINE=legacy if needed.
install_n8n() {
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
}

# npm run build (skipped with REAL_N8N_SKIP_BUILD=1), then checks dist/.
build_package() {
	if [ "${REAL_N8N_SKIP_BUILD:-}" = "1" ]; then
		info "REAL_N8N_SKIP_BUILD=1: using the existing dist/"
	else
		mkdir -p "$WORK"
		(cd "$REPO" && npm run build) >"$WORK/build.log" 2>&1 || die "npm run build" "the package does not build" "$WORK/build.log"
		info "npm run build: ok"
	fi
	[ -f "$REPO/dist/nodes/ZohoBeam/ZohoBeam.node.js" ] && [ -f "$REPO/dist/credentials/ZohoBeamOAuth2Api.credentials.js" ] ||
		die "checking the build" "dist/ lacks the node or the credential listed in package.json"
}

# install_custom_extension <n8n user folder>: copies the built package into
# <folder>/.n8n/custom so n8n loads it as CUSTOM.zohoBeam. Sets CUSTOM_DIR.
install_custom_extension() {
	local USER_FOLDER="$1" WF_RESOLVED
	CUSTOM_DIR="$USER_FOLDER/.n8n/custom/n8n-nodes-zoho-beam"
	mkdir -p "$CUSTOM_DIR" "$USER_FOLDER/.n8n/node_modules"
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
}

# n8n_env <n8n user folder>: the environment every n8n process of these scripts shares.
# The caller sets the ports (N8N_RUNNERS_BROKER_PORT, N8N_PORT, …) and the database.
n8n_env() {
	export N8N_USER_FOLDER="$1"
	export N8N_ENCRYPTION_KEY="zoho-beam-real-n8n-test-key-0001"
	export N8N_DIAGNOSTICS_ENABLED=false
	export N8N_VERSION_NOTIFICATIONS_ENABLED=false
	export N8N_TEMPLATES_ENABLED=false
	export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
	export DB_TYPE=sqlite
	export N8N_LOG_LEVEL=info
	unset N8N_CUSTOM_EXTENSIONS DB_SQLITE_DATABASE
}

# start_emulator <log file> [cli args…]: starts test/emulator/cli.js on a free port.
# Sets EMU_PID and EMU_URL.
start_emulator() {
	local log="$1"
	shift
	: >"$log"
	node "$REPO/test/emulator/cli.js" --port 0 "$@" >"$log" 2>&1 &
	EMU_PID=$!
	EMU_URL=""
	for _ in $(seq 1 100); do
		EMU_URL="$(sed -n 's/^Zoho emulator listening on //p' "$log")"
		[ -n "$EMU_URL" ] && break
		kill -0 "$EMU_PID" 2>/dev/null || break
		sleep 0.2
	done
	[ -n "$EMU_URL" ] || die "starting the emulator" "node test/emulator/cli.js did not report its URL" "$log"
	info "emulator at $EMU_URL (pid $EMU_PID)"
}
