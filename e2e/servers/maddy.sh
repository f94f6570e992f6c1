# e2e/servers/maddy.sh: maddy from the Go module proxy (e2e/maddy, with the
# replace directives of maddy's own go.mod: it builds on forks of go-smtp and
# go-imap), sourced by run.sh. Default: the maddy.conf maddy ships, with the
# host name, a self-signed certificate, the state in the run directory and
# its listeners on loopback: SMTP on 127.0.0.1:PORT, submission on PORT+100
# (plain text, instead of 465 and 587), IMAP on PORT+200. Banner variant:
# $(hostname) = smtp.example.org; the greeting's "ESMTP Service Ready" is
# go-smtp's and fixed.

. "$E2E_DIR/servers/gomod.sh"

maddy_product=maddy
maddy_port=2551
maddy_banner_note='$(hostname) = smtp.example.org (the text "ESMTP Service Ready" is fixed)'

maddy_install() {
	# maddy's SQLite tables use mattn/go-sqlite3, which needs cgo.
	if ! command -v gcc >/dev/null; then
		log "installing gcc (cgo, for maddy's go-sqlite3)"
		ensure_apt_lists
		retry 30 10 apt-get install -q -y --no-install-recommends gcc libc6-dev >&2 || die "could not install gcc"
	fi
	gomod_install maddy github.com/foxcpp/maddy/cmd/maddy
	local dir
	dir=$(cd "$E2E_DIR/maddy" && go list -m -f '{{.Dir}}' github.com/foxcpp/maddy) || die "maddy module not found"
	cp "$dir/maddy.conf" "$E2E_WORK/maddy.conf"
}
maddy_version() { gomod_version maddy github.com/foxcpp/maddy; }
maddy_source() { echo "go github.com/foxcpp/maddy v$(maddy_version)"; }

maddy_start() {
	local variant=$1 port=$2 dir=$3 host=$E2E_HOSTNAME
	[[ $variant == banner ]] && host=smtp.example.org
	mkdir -p "$dir/state" "$dir/run"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
		-subj "/CN=$host" -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
	{
		printf 'state_dir %s\nruntime_dir %s\n' "$dir/state" "$dir/run"
		sed -e "s|^\$(hostname) = .*|\$(hostname) = $host|" \
			-e "s|^\$(primary_domain) = .*|\$(primary_domain) = $host|" \
			-e "s|^tls file .*|tls file $dir/cert.pem $dir/key.pem|" \
			-e "s|^smtp tcp://0.0.0.0:25 {|smtp tcp://127.0.0.1:$port {|" \
			-e "s|^submission tls://0.0.0.0:465 tcp://0.0.0.0:587 {|submission tcp://127.0.0.1:$((port + 100)) {|" \
			-e "s|^imap tls://0.0.0.0:993 tcp://0.0.0.0:143 {|imap tcp://127.0.0.1:$((port + 200)) {|" \
			"$E2E_WORK/maddy.conf"
	} >"$dir/maddy.conf"
	chown -R nobody:nogroup "$dir/state" "$dir/run" "$dir/key.pem"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$E2E_WORK/bin/maddy" --config "$dir/maddy.conf" run </dev/null >"$dir/server.log" 2>&1 &
	echo $! >>"$dir/pids"
}

maddy_stop() {
	stop_pids "$3"
}
