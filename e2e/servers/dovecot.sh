# e2e/servers/dovecot.sh: Dovecot's submission service from Debian (package
# dovecot-submissiond), sourced by run.sh. Default: Debian's configuration
# with protocols = submission, its listener on 127.0.0.1:PORT, no TLS (no
# certificate is made here) and a relay host on loopback where nothing
# listens (submission needs one to start). Banner variant: login_greeting =
# Mail service ready (the default is "Dovecot ready.").

dovecot_product=dovecot
dovecot_port=2553
dovecot_banner_note='login_greeting = Mail service ready'

dovecot_install() { deb_install dovecot dovecot-submissiond; }
dovecot_version() {
	local v
	v=$(upstream_version "$(deb_version dovecot dovecot-submissiond)")
	echo "${v%%+dfsg*}" # 2.3.19.1+dfsg1 is 2.3.19.1 repacked
}
dovecot_source() { echo "debian dovecot-submissiond $(deb_version dovecot dovecot-submissiond)"; }

dovecot_start() {
	local variant=$1 port=$2 dir=$3 m=$3/root
	root_up dovecot "$dir"
	{
		printf 'protocols = submission\nlisten = 127.0.0.1\nssl = no\n'
		printf 'hostname = %s\nsubmission_relay_host = 127.0.0.1\nsubmission_relay_port = 9\n' "$E2E_HOSTNAME"
		printf 'log_path = /var/log/dovecot.log\n'
		printf 'service submission-login {\n  inet_listener submission {\n    port = %s\n  }\n}\n' "$port"
		[[ $variant == banner ]] && printf 'login_greeting = Mail service ready\n'
	} >"$m/etc/dovecot/local.conf"
	in_root "$m" dovecot </dev/null >"$dir/start.out" 2>&1
}

dovecot_stop() {
	local dir=$3
	cp "$dir/root/var/log/dovecot.log" "$dir/server.log" 2>/dev/null || true
	in_root "$dir/root" doveadm stop || true
}
