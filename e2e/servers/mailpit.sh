# e2e/servers/mailpit.sh: Mailpit from the Go module proxy (e2e/mailpit),
# sourced by run.sh. Default: mailpit's defaults but for the addresses (SMTP
# on 127.0.0.1:PORT, the web UI on PORT+100) and a database in the run
# directory. Banner variant: --label staging, which Mailpit shows in its
# greeting ("Mailpit (staging)"); no option removes the name "Mailpit".

. "$E2E_DIR/servers/gomod.sh"

mailpit_product=mailpit
mailpit_port=2545
mailpit_banner_note='--label staging (greeting "HOST Mailpit (staging) ESMTP Service ready"; the name Mailpit stays)'

mailpit_install() { gomod_install mailpit github.com/axllent/mailpit; }
mailpit_version() { gomod_version mailpit github.com/axllent/mailpit; }
mailpit_source() { echo "go github.com/axllent/mailpit v$(mailpit_version)"; }

mailpit_start() {
	local variant=$1 port=$2 dir=$3 label=()
	[[ $variant == banner ]] && label=(--label staging)
	mkdir -p "$dir/data"
	chown nobody:nogroup "$dir/data"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$E2E_WORK/bin/mailpit" --smtp "127.0.0.1:$port" --listen "127.0.0.1:$((port + 100))" \
		--database "$dir/data/mailpit.db" "${label[@]}" </dev/null >"$dir/server.log" 2>&1 &
	echo $! >>"$dir/pids"
}

mailpit_stop() {
	stop_pids "$3"
}
