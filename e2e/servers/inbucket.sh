# e2e/servers/inbucket.sh: Inbucket from the Go module proxy (e2e/inbucket),
# sourced by run.sh. Default: Inbucket's defaults (SMTP domain "inbucket",
# memory storage) but for the addresses: SMTP on 127.0.0.1:PORT, POP3 on
# PORT+100, HTTP on PORT+200. Banner variant: INBUCKET_SMTP_DOMAIN =
# smtp.example.org; the greeting's "Inbucket SMTP ready" is fixed.

. "$E2E_DIR/servers/gomod.sh"

inbucket_product=inbucket
inbucket_port=2547
inbucket_banner_note='INBUCKET_SMTP_DOMAIN=smtp.example.org (the text "Inbucket SMTP ready" is fixed)'

inbucket_install() { gomod_install inbucket github.com/inbucket/inbucket/v3/cmd/inbucket; }
inbucket_version() { gomod_version inbucket github.com/inbucket/inbucket/v3; }
inbucket_source() { echo "go github.com/inbucket/inbucket/v3 v$(inbucket_version)"; }

inbucket_start() {
	local variant=$1 port=$2 dir=$3 domain=()
	[[ $variant == banner ]] && domain=(INBUCKET_SMTP_DOMAIN=smtp.example.org)
	(cd "$dir" && env INBUCKET_SMTP_ADDR="127.0.0.1:$port" INBUCKET_POP3_ADDR="127.0.0.1:$((port + 100))" \
		INBUCKET_WEB_ADDR="127.0.0.1:$((port + 200))" "${domain[@]}" \
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$E2E_WORK/bin/inbucket" </dev/null >"$dir/server.log" 2>&1) &
	echo $! >>"$dir/pids"
}

inbucket_stop() {
	stop_pids "$3"
}
