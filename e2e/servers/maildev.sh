# e2e/servers/maildev.sh: MailDev from npm (e2e/npm/package-lock.json),
# sourced by run.sh. Default: maildev's defaults but for the addresses (SMTP
# on 127.0.0.1:PORT, the web UI on PORT+100) and its mail directory. Banner
# variant: none changes the text: MailDev runs nodemailer's smtp-server,
# whose greeting is "HOST ESMTP"; only the host name changes, to
# smtp.example.org (MAILDEV_... has no option for it; the namespace's host
# name is what smtp-server takes, so the variant runs under its own UTS
# namespace).

. "$E2E_DIR/servers/npm.sh"

maildev_product=maildev
maildev_port=2555
maildev_banner_note='host name smtp.example.org (smtp-server takes the system host name; no option changes "ESMTP")'

maildev_install() { npm_install; }
maildev_version() { npm_version maildev; }
maildev_source() { echo "npm maildev $(npm_version maildev)"; }

maildev_start() {
	local variant=$1 port=$2 dir=$3 uts=()
	[[ $variant == banner ]] && uts=(unshare --uts sh -c 'hostname smtp.example.org && exec "$0" "$@"')
	mkdir -p "$dir/mail"
	chown nobody:nogroup "$dir/mail"
	"${uts[@]}" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		node "$E2E_WORK/npm/node_modules/maildev/dist/bin/maildev.js" --ip 127.0.0.1 --smtp "$port" \
		--web "$((port + 100))" --mail-directory "$dir/mail" </dev/null >"$dir/server.log" 2>&1 &
	echo $! >>"$dir/pids"
}

maildev_stop() {
	stop_pids "$3"
}
