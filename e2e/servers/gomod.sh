# e2e/servers/gomod.sh: builds a server from the Go module proxy, sourced by
# the scripts of the servers that are Go programs (mailpit, inbucket, mox,
# maddy). Each has a module of its own under e2e/NAME whose go.mod pins the
# release (and go.sum its dependencies), so the smtpfp module depends on
# none of them; tools.go there names the package to build.

# gomod_install NAME PKG: go build PKG in e2e/NAME into $E2E_WORK/bin/NAME.
# A warm build cache makes this a link step of a few seconds.
gomod_install() {
	command -v go >/dev/null || die "go not found on PATH"
	mkdir -p "$E2E_WORK/bin"
	log "go build $2 (e2e/$1)"
	(cd "$E2E_DIR/$1" && retry 3 10 go build -o "$E2E_WORK/bin/$1" "$2") || die "building $2 (e2e/$1) failed"
}

# gomod_version NAME MODULE: the version of MODULE that e2e/NAME/go.mod requires, without the v.
gomod_version() {
	awk -v m="$2" '($1 == "require" && $2 == m) || $1 == m { sub(/^v/, "", $NF); print $NF; exit }' "$E2E_DIR/$1/go.mod"
}
