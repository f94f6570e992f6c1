# e2e/servers/chasquid.sh: chasquid from Debian (package chasquid), sourced by run.sh.
# Default: Debian's chasquid.conf (all defaults) plus what it needs to run
# outside systemd: listening addresses (SMTP on 127.0.0.1:PORT, submission
# ports 100 and 200 above), a file mail log, one domain (the host name) and a
# self-signed certificate for it. Banner variant: chasquid has no banner
# option, only "hostname", set to smtp.example.org; "ESMTP chasquid" stays.

chasquid_product=chasquid
chasquid_port=2535
chasquid_banner_note='hostname: "smtp.example.org" (no option hides "ESMTP chasquid")'

chasquid_install() { deb_install chasquid chasquid; }
chasquid_version() { upstream_version "$(deb_version chasquid chasquid)"; }
chasquid_source() { echo "debian chasquid $(deb_version chasquid chasquid)"; }

chasquid_start() {
	local variant=$1 port=$2 dir=$3 m=$3/root host=$E2E_HOSTNAME
	root_up chasquid "$dir"
	[[ $variant == banner ]] && host=smtp.example.org
	{
		printf 'smtp_address: "127.0.0.1:%s"\n' "$port"
		printf 'submission_address: "127.0.0.1:%s"\n' $((port + 100))
		printf 'submission_over_tls_address: "127.0.0.1:%s"\n' $((port + 200))
		printf 'mail_log_path: "/var/log/chasquid/mail.log"\n'
		[[ $variant == banner ]] && printf 'hostname: "%s"\n' "$host"
	} >>"$m/etc/chasquid/chasquid.conf"
	mkdir -p "$m/etc/chasquid/domains/$host" "$m/etc/chasquid/certs/$host" "$m/var/log/chasquid"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
		-subj "/CN=$host" -keyout "$m/etc/chasquid/certs/$host/privkey.pem" \
		-out "$m/etc/chasquid/certs/$host/fullchain.pem" 2>/dev/null
	in_root "$m" chown -R chasquid:chasquid /etc/chasquid/certs /var/log/chasquid
	# As Debian's systemd unit runs it: user chasquid, in the foreground.
	in_root "$m" setpriv --reuid=chasquid --regid=chasquid --init-groups \
		chasquid -config_dir /etc/chasquid -logfile /var/log/chasquid/chasquid.log \
		</dev/null >/dev/null 2>&1 &
	echo $! >>"$dir/pids"
}

chasquid_stop() {
	local dir=$3
	cp "$dir/root/var/log/chasquid/chasquid.log" "$dir/server.log" 2>/dev/null || true
	stop_pids "$dir"
}
