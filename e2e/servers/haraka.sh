# e2e/servers/haraka.sh: Haraka from npm, sourced by run.sh.
# Default: a fresh instance from `haraka -i DIR` (its default plugins and
# messages, config/me = the namespace's host name), with smtp.ini's
# listen=127.0.0.1:PORT. Banner variant: connection.ini
# [message] greeting[]=Mail service ready. Haraka always puts
# "HOST ESMTP" first and appends the uuid's first 6 characters.

. "$E2E_DIR/servers/npm.sh"

haraka_product=haraka
haraka_port=2539
haraka_banner_note='connection.ini [message] greeting[]=Mail service ready'

haraka_install() { npm_install; }
haraka_version() { npm_version Haraka; }
haraka_source() { echo "npm Haraka $(npm_version Haraka)"; }

haraka_start() {
	local variant=$1 port=$2 dir=$3 inst=$3/haraka
	"$E2E_WORK/npm/node_modules/.bin/haraka" -i "$inst"
	printf '[main]\nlisten=127.0.0.1:%s\n' "$port" >"$inst/config/smtp.ini"
	if [[ $variant == banner ]]; then
		sed -i 's/^\[message\]$/&\ngreeting[]=Mail service ready/' "$inst/config/connection.ini"
	fi
	grep -A3 '^\[message\]' "$inst/config/connection.ini"
	chown -R nobody:nogroup "$inst"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$E2E_WORK/npm/node_modules/.bin/haraka" -c "$inst" </dev/null >"$dir/server.log" 2>&1 &
	echo $! >>"$dir/pids"
}

haraka_stop() {
	stop_pids "$3"
}
