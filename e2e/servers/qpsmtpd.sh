# e2e/servers/qpsmtpd.sh: qpsmtpd from Debian (package qpsmtpd), sourced by
# run.sh. Default: Debian's /etc/qpsmtpd configuration and plugins,
# qpsmtpd-forkserver on 127.0.0.1:PORT as user qpsmtpd. Banner variant:
# /etc/qpsmtpd/smtpgreeting = "smtp.example.org ESMTP" (qpsmtpd's own
# greeting names it and its version).

qpsmtpd_product=qpsmtpd
qpsmtpd_port=2557
qpsmtpd_banner_note='/etc/qpsmtpd/smtpgreeting: smtp.example.org ESMTP'

# Net::IP is only recommended, but the relay plugin of Debian's default
# plugins file needs it.
qpsmtpd_install() { deb_install qpsmtpd qpsmtpd libnet-ip-perl; }
qpsmtpd_version() { upstream_version "$(deb_version qpsmtpd qpsmtpd)"; }
qpsmtpd_source() { echo "debian qpsmtpd $(deb_version qpsmtpd qpsmtpd)"; }

qpsmtpd_start() {
	local variant=$1 port=$2 dir=$3 m=$3/root
	root_up qpsmtpd "$dir"
	[[ $variant == banner ]] && echo "smtp.example.org ESMTP" >"$m/etc/qpsmtpd/smtpgreeting"
	# As Debian's init script runs it, in the foreground.
	in_root "$m" env QPSMTPD_CONFIG=/etc/qpsmtpd \
		qpsmtpd-forkserver --listen-address 127.0.0.1 --port "$port" --user qpsmtpd \
		</dev/null >"$dir/server.log" 2>&1 &
	echo $! >>"$dir/pids"
}

qpsmtpd_stop() {
	stop_pids "$3"
}
