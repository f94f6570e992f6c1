# e2e/servers/courier.sh: Courier MTA from Debian (package courier-mta), sourced by run.sh.
# Default: Debian's configuration with esmtpd's PORT=127.0.0.1.PORT and
# couriertcpd's -nodnslookup (courier's own resolver waits out a dead name
# server for minutes instead of failing at once).
# Banner variant: /etc/courier/esmtpgreeting holds the whole greeting text.

courier_product=courier
courier_port=2533
courier_banner_note='/etc/courier/esmtpgreeting = "smtp.example.org ESMTP ready" (the default greeting is already "HOST ESMTP")'

courier_install() { deb_install courier courier-mta; }
courier_version() { upstream_version "$(deb_version courier courier-mta)"; }
courier_source() { echo "debian courier-mta $(deb_version courier courier-mta)"; }

courier_start() {
	local variant=$1 port=$2 dir=$3 m=$3/root t
	root_up courier "$dir"
	sed -i -e "s/^PORT=smtp\$/PORT=127.0.0.1.$port/" \
		-e 's/^TCPDOPTS="\(.*\)"$/TCPDOPTS="\1 -nodnslookup"/' "$m/etc/courier/esmtpd"
	grep -E '^(PORT|TCPDOPTS)=' "$m/etc/courier/esmtpd"
	[[ $variant == banner ]] && echo "smtp.example.org ESMTP ready" >"$m/etc/courier/esmtpgreeting"
	# What the init scripts do first: the run directories of tmpfiles.d.
	for t in "$m"/usr/lib/tmpfiles.d/courier*.conf; do
		while read -r type path mode user group _; do
			[[ $type == d ]] && in_root "$m" install -d -m "$mode" -o "$user" -g "$group" "$path"
		done <"$t"
	done
	in_root "$m" courier start
	in_root "$m" esmtpd start
}

courier_stop() {
	local m=$3/root
	in_root "$m" esmtpd stop
	in_root "$m" courier stop
}
