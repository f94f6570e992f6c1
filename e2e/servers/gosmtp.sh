# e2e/servers/gosmtp.sh: a minimal server on github.com/emersion/go-smtp
# (e2e/gosmtp, its own module; the version is the one in its go.mod),
# sourced by run.sh. Default: -domain = the host name. Banner variant:
# go-smtp's greeting text is fixed ("DOMAIN ESMTP Service Ready"), so only
# the domain changes, to smtp.example.org.

gosmtp_product=go-smtp
gosmtp_port=2543
gosmtp_banner_note='Server.Domain = "smtp.example.org" (the text "ESMTP Service Ready" is fixed)'

gosmtp_install() {
	command -v go >/dev/null || die "go not found on PATH"
	mkdir -p "$E2E_WORK/bin"
	(cd "$E2E_DIR/gosmtp" && go build -o "$E2E_WORK/bin/gosmtp" .) || die "building e2e/gosmtp failed"
}
gosmtp_version() {
	awk '$1 == "require" && $2 == "github.com/emersion/go-smtp" { sub(/^v/, "", $3); print $3 }' "$E2E_DIR/gosmtp/go.mod"
}
gosmtp_source() { echo "go github.com/emersion/go-smtp v$(gosmtp_version)"; }

gosmtp_start() {
	local variant=$1 port=$2 dir=$3 domain=$E2E_HOSTNAME
	[[ $variant == banner ]] && domain=smtp.example.org
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$E2E_WORK/bin/gosmtp" -addr "127.0.0.1:$port" -domain "$domain" </dev/null >"$dir/server.log" 2>&1 &
	echo $! >>"$dir/pids"
}

gosmtp_stop() {
	stop_pids "$3"
}
