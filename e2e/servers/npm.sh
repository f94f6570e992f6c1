# e2e/servers/npm.sh: installs the npm servers (Haraka, smtp-server) with
# `npm ci` from e2e/npm/package-lock.json into $E2E_WORK/npm, using the
# node and npm on PATH (Node.js 20 or later; Debian's nodejs 18 is too old
# for Haraka 3). Sourced by haraka.sh and smtpserver.sh.

npm_install() {
	local dst=$E2E_WORK/npm lock=$E2E_DIR/npm/package-lock.json
	if [[ -f $dst/.ok ]] && cmp -s "$lock" "$dst/package-lock.json"; then
		return 0
	fi
	with_lock "$E2E_WORK/install.lock" _npm_install
}

_npm_install() {
	local dst=$E2E_WORK/npm lock=$E2E_DIR/npm/package-lock.json
	if [[ -f $dst/.ok ]] && cmp -s "$lock" "$dst/package-lock.json"; then
		return 0
	fi
	command -v node >/dev/null || die "node not found on PATH (need Node.js >= 20)"
	local major
	major=$(node -p 'process.versions.node.split(".")[0]')
	((major >= 20)) || die "node $(node --version) is too old for Haraka 3 (need >= 20)"
	log "npm ci (Haraka, smtp-server, maildev)"
	rm -rf "$dst"
	mkdir -p "$dst"
	cp "$E2E_DIR/npm/package.json" "$lock" "$dst/"
	(cd "$dst" && retry 3 10 npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed"
	touch "$dst/.ok"
}

# npm_version PKG: the installed version of an npm package.
npm_version() {
	node -p "require('$E2E_WORK/npm/node_modules/$1/package.json').version"
}
