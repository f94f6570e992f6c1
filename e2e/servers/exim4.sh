# e2e/servers/exim4.sh: Exim from Debian (exim4-daemon-light), sourced by run.sh.
# Default: Debian's debconf defaults (configtype "local", the non-split
# template), the daemon started with -oX PORT. Banner variant:
# smtp_banner = $smtp_active_hostname ESMTP, set in exim4.conf.localmacros.

exim4_product=exim
exim4_port=2527
exim4_banner_note='smtp_banner = $smtp_active_hostname ESMTP'

exim4_install() { deb_install exim4 exim4-daemon-light; }
exim4_version() { upstream_version "$(deb_version exim4 exim4-daemon-light)"; }
exim4_source() { echo "debian exim4-daemon-light $(deb_version exim4 exim4-daemon-light)"; }

exim4_start() {
	local variant=$1 port=$2 dir=$3 m=$3/root
	root_up exim4 "$dir"
	if [[ $variant == banner ]]; then
		printf 'smtp_banner = $smtp_active_hostname ESMTP\n' >"$m/etc/exim4/exim4.conf.localmacros"
	fi
	in_root "$m" update-exim4.conf
	in_root "$m" install -d -o Debian-exim -g Debian-exim /run/exim4
	in_root "$m" exim4 -bd -q30m -oX "$port" -oP /run/exim4/exim.pid
}

exim4_stop() {
	local dir=$3 m=$3/root
	cat "$m/var/log/exim4/mainlog" "$m/var/log/exim4/paniclog" >"$dir/server.log" 2>/dev/null || true
	kill "$(cat "$m/run/exim4/exim.pid" 2>/dev/null)" 2>/dev/null || true
}
