# e2e/servers/smtpserver.sh: nodemailer's smtp-server from npm, sourced by run.sh.
# Default: e2e/npm/smtp-server.js with the library's defaults (greeting
# "220 HOST ESMTP"). Banner variant: options.banner = "Mail service ready".

. "$E2E_DIR/servers/npm.sh"

smtpserver_product=smtp-server
smtpserver_port=2541
smtpserver_banner_note='new SMTPServer({banner: "Mail service ready"})'

smtpserver_install() { npm_install; }
smtpserver_version() { npm_version smtp-server; }
smtpserver_source() { echo "npm smtp-server $(npm_version smtp-server)"; }

smtpserver_start() {
	local variant=$1 port=$2 dir=$3 banner=()
	[[ $variant == banner ]] && banner=("Mail service ready")
	NODE_PATH=$E2E_WORK/npm/node_modules setpriv --reuid=nobody --regid=nogroup --clear-groups \
		node "$E2E_DIR/npm/smtp-server.js" 127.0.0.1 "$port" "${banner[@]}" </dev/null >"$dir/server.log" 2>&1 &
	echo $! >>"$dir/pids"
}

smtpserver_stop() {
	stop_pids "$3"
}
