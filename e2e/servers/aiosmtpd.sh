# e2e/servers/aiosmtpd.sh: aiosmtpd from Debian (package python3-aiosmtpd), sourced by run.sh.
# Default: the packaged command line, python3 -m aiosmtpd -n -l 127.0.0.1:PORT
# (Debugging handler). Banner variant: e2e/aiosmtpd/banner.py, the same
# command line with the ident "ESMTP" instead of "Python SMTP 1.4.3".

aiosmtpd_product=aiosmtpd
aiosmtpd_port=2537
aiosmtpd_banner_note='ident "ESMTP" instead of "Python SMTP 1.4.3", as SMTP(handler, ident="ESMTP") sets it'

aiosmtpd_install() { deb_install aiosmtpd python3-aiosmtpd; }
aiosmtpd_version() { upstream_version "$(deb_version aiosmtpd python3-aiosmtpd)"; }
aiosmtpd_source() { echo "debian python3-aiosmtpd $(deb_version aiosmtpd python3-aiosmtpd)"; }

aiosmtpd_start() {
	local variant=$1 port=$2 dir=$3 m=$3/root
	root_up aiosmtpd "$dir"
	if [[ $variant == banner ]]; then
		cp "$E2E_DIR/aiosmtpd/banner.py" "$m/usr/local/bin/aiosmtpd-banner.py"
		in_root "$m" setpriv --reuid=nobody --regid=nogroup --clear-groups \
			python3 /usr/local/bin/aiosmtpd-banner.py -n -l "127.0.0.1:$port" </dev/null >"$dir/server.log" 2>&1 &
	else
		in_root "$m" setpriv --reuid=nobody --regid=nogroup --clear-groups \
			python3 -m aiosmtpd -n -l "127.0.0.1:$port" </dev/null >"$dir/server.log" 2>&1 &
	fi
	echo $! >>"$dir/pids"
}

aiosmtpd_stop() {
	stop_pids "$3"
}
