# e2e/servers/postfix.sh: Postfix from Debian (package postfix), sourced by run.sh.
# Default: Debian's postinst configuration ("Internet Site"), listening on
# 127.0.0.1:PORT, with a log file. Banner variant: smtpd_banner =
# $myhostname ESMTP (Debian's default adds "$mail_name (Debian/GNU)").

postfix_product=postfix
postfix_port=2525
postfix_banner_note='smtpd_banner = $myhostname ESMTP'

postfix_install() { deb_install postfix postfix; }
postfix_version() { upstream_version "$(deb_version postfix postfix)"; }
postfix_source() { echo "debian postfix $(deb_version postfix postfix)"; }

postfix_start() {
	local variant=$1 port=$2 dir=$3 m=$3/root
	root_up postfix "$dir"
	in_root "$m" postconf -e inet_interfaces=127.0.0.1 inet_protocols=ipv4 \
		smtpd_peername_lookup=no smtp_dns_support_level=disabled \
		maillog_file=/var/log/postfix.log
	if [[ $variant == banner ]]; then
		in_root "$m" postconf -e 'smtpd_banner=$myhostname ESMTP'
	fi
	# The smtp service listens on 127.0.0.1:PORT instead of *:25.
	sed -i "s/^smtp      inet/127.0.0.1:$port inet/" "$m/etc/postfix/master.cf"
	in_root "$m" postfix start
}

postfix_stop() {
	local dir=$3
	cp "$dir/root/var/log/postfix.log" "$dir/server.log" 2>/dev/null || true
	in_root "$dir/root" postfix stop
}
