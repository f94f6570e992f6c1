# e2e/servers/opensmtpd.sh: OpenSMTPD from Debian (package opensmtpd), sourced by run.sh.
# Default: Debian's smtpd.conf with "listen on localhost" replaced by
# "listen on 127.0.0.1 port PORT". Banner variant: OpenSMTPD 6.8 has no
# option to change the greeting's text, only its host name: the listener
# gets "hostname smtp.example.org". The greeting still says OpenSMTPD.

opensmtpd_product=opensmtpd
opensmtpd_port=2531
opensmtpd_banner_note='listen on ... hostname smtp.example.org (no option hides "ESMTP OpenSMTPD")'

opensmtpd_install() { deb_install opensmtpd opensmtpd; }
opensmtpd_version() { upstream_version "$(deb_version opensmtpd opensmtpd)"; }
opensmtpd_source() { echo "debian opensmtpd $(deb_version opensmtpd opensmtpd)"; }

opensmtpd_start() {
	local variant=$1 port=$2 dir=$3 m=$3/root listen
	root_up opensmtpd "$dir"
	listen="listen on 127.0.0.1 port $port"
	[[ $variant == banner ]] && listen+=" hostname smtp.example.org"
	sed -i "s/^listen on localhost\$/$listen/" "$m/etc/smtpd.conf"
	grep '^listen' "$m/etc/smtpd.conf"
	in_root "$m" smtpd -n -f /etc/smtpd.conf
	in_root "$m" smtpd -f /etc/smtpd.conf
}

# smtpctl of 6.8 has no "stop": TERM the processes (the parent stops the rest).
opensmtpd_stop() {
	local pids
	mapfile -t pids < <(rooted_pids "$3")
	((${#pids[@]} == 0)) || kill "${pids[@]}" 2>/dev/null || true
}
