#!/usr/bin/env bash
# e2e/run.sh: install the e2e SMTP servers, start them on loopback, run a
# command against them, stop them.
#
#   e2e/run.sh CMD [ARG...]
#
# CMD runs with E2E_TARGETS naming a file of lines
# "127.0.0.1:PORT product version variant", one per running server, and
# E2E_SERVERS_JSON naming a JSON-lines file with more about each (package,
# package version, how the banner was changed). Its exit status is run.sh's. Everything runs in fresh network, mount, UTS and PID
# namespaces: loopback is the only interface, /etc/resolv.conf names
# 127.0.0.1, and every process started dies with the namespace.
#
# Environment: E2E_SERVERS (space-separated subset of server ids, default all),
# E2E_WORK (cache of installed layers, default /var/tmp/smtpfp-e2e),
# E2E_KEEP_LOGS=DIR (copy each server's logs there before stopping).
set -euo pipefail
E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$E2E_DIR/lib.sh"

ALL_SERVERS="postfix exim4 sendmail opensmtpd courier chasquid aiosmtpd haraka smtpserver gosmtp mailpit inbucket mox maddy dovecot maildev qpsmtpd"
E2E_SERVERS=${E2E_SERVERS:-$ALL_SERVERS}
VARIANTS="default banner"

for s in $E2E_SERVERS; do
	[[ -f $E2E_DIR/servers/$s.sh ]] || die "unknown server \"$s\" (known: $ALL_SERVERS)"
	# shellcheck source=/dev/null
	. "$E2E_DIR/servers/$s.sh"
done

# port SERVER VARIANT: the server's base port, +1 for the banner variant.
port() {
	local base=${1}_port
	base=${!base}
	case $2 in
	default) echo "$base" ;;
	banner) echo $((base + 1)) ;;
	esac
}

outside() {
	[[ $# -ge 1 ]] || die "usage: e2e/run.sh CMD [ARG...]"
	[[ $(id -u) == 0 ]] || die "run as root (namespaces, overlay mounts, chroot)"
	local t0=$SECONDS s
	mkdir -p "$E2E_WORK"
	ensure_host_tools
	for s in $E2E_SERVERS; do
		"${s}_install"
	done
	log "installed in $((SECONDS - t0))s"
	# --kill-child: if run.sh is killed, its namespace's init is sent TERM and
	# passes it on; when init exits, the kernel kills whatever is left in the
	# namespace.
	exec unshare --net --mount --uts --pid --fork --mount-proc --propagation private \
		--kill-child=TERM bash -c "$NS_INIT" e2e-init "$E2E_DIR/run.sh" --inside "$@"
}

# NS_INIT is the namespace's PID 1. run.sh runs under it rather than as PID 1
# itself: daemons whose parent is PID 1 (exim) think init started them and
# stay in the foreground, and PID 1 gets no signal it has no handler for.
NS_INIT='
exec 3<&0
trap "kill -TERM \$c 2>/dev/null" TERM INT HUP
"$@" <&3 3<&- &
c=$!
while :; do
	wait "$c"
	rc=$?
	kill -0 "$c" 2>/dev/null || exit "$rc"
done'

# server_json SERVER VARIANT PORT: the line of $E2E_SERVERS_JSON for one
# running server.
server_json() {
	local s=$1 v=$2 p=$3 src note=default
	read -r -a src <<<"$("${s}_source")"
	local product=${s}_product banner_note=${s}_banner_note
	[[ $v == banner ]] && note=${!banner_note}
	printf '{"addr":"127.0.0.1:%s","server":"%s","product":"%s","version":"%s","variant":"%s","banner":%s,"source":"%s","package":"%s","package_version":"%s","hostname":"%s"}\n' \
		"$p" "$s" "${!product}" "$("${s}_version")" "$v" "$(json_str "$note")" \
		"${src[0]}" "${src[1]}" "${src[2]}" "$E2E_HOSTNAME"
}

RUN=
STARTED=()

stop_all() {
	local rc=$? i s v dir
	trap - EXIT INT TERM
	for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
		read -r s v <<<"${STARTED[i]}"
		dir=$RUN/$s-$v
		"${s}_stop" "$v" "$(port "$s" "$v")" "$dir" >>"$dir/stop.log" 2>&1 || {
			log "$s $v: stop failed:"
			tail -5 "$dir/stop.log" >&2
		}
		kill_rooted "$dir"
		if [[ -n ${E2E_KEEP_LOGS:-} ]]; then
			mkdir -p "$E2E_KEEP_LOGS/$s-$v"
			cp "$dir"/*.log "$E2E_KEEP_LOGS/$s-$v/" 2>/dev/null || true
		fi
		[[ -d $dir/root ]] && root_down "$dir"
	done
	STARTED=()
	log "stopped"
	exit "$rc"
}

# kill_rooted DIR: end what is left of an instance: processes chrooted in
# DIR/root, and the pids listed in DIR/pids.
kill_rooted() {
	local dir=$1 p pids=() sig
	for sig in TERM KILL; do
		mapfile -t pids < <(rooted_pids "$dir")
		[[ -f $dir/pids ]] && while read -r p; do
			kill -0 "$p" 2>/dev/null && pids+=("$p")
		done <"$dir/pids"
		((${#pids[@]})) || return 0
		kill "-$sig" "${pids[@]}" 2>/dev/null || true
		sleep 0.5
	done
}

inside() {
	hostname "$E2E_HOSTNAME"
	ip link set lo up
	# All run state lives on a tmpfs that vanishes with the namespace.
	mkdir -p "$E2E_WORK/run"
	RUN=$E2E_WORK/run
	mount -t tmpfs -o size=4g,mode=0755 e2e-run "$RUN"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$RUN/resolv.conf"
	printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s %s\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
		"$E2E_HOSTNAME" "${E2E_HOSTNAME%%.*}" >"$RUN/hosts"
	mount --bind "$RUN/resolv.conf" /etc/resolv.conf
	mount --bind "$RUN/hosts" /etc/hosts
	trap stop_all EXIT
	trap 'exit 130' INT TERM

	local t0=$SECONDS s v p dir product failed=() targets=$RUN/targets
	: >"$targets"
	: >"$RUN/servers.jsonl"
	for s in $E2E_SERVERS; do
		for v in $VARIANTS; do
			p=$(port "$s" "$v")
			dir=$RUN/$s-$v
			mkdir -p "$dir"
			STARTED+=("$s $v")
			if ! "${s}_start" "$v" "$p" "$dir" >"$dir/start.log" 2>&1; then
				failed+=("$s-$v")
				log "$s $v: start failed:"
				tail -20 "$dir/start.log" >&2
			fi
		done
	done
	for s in $E2E_SERVERS; do
		for v in $VARIANTS; do
			p=$(port "$s" "$v")
			[[ " ${failed[*]} " == *" $s-$v "* ]] && continue
			if wait_greeting 127.0.0.1 "$p" "$E2E_START_TIMEOUT" "$RUN/$s-$v/pids"; then
				product=${s}_product
				printf '127.0.0.1:%s %s %s %s\n' "$p" "${!product}" "$("${s}_version")" "$v" >>"$targets"
				server_json "$s" "$v" "$p" >>"$RUN/servers.jsonl"
			else
				failed+=("$s-$v")
				log "$s $v: no greeting on 127.0.0.1:$p within ${E2E_START_TIMEOUT}s; logs:"
				tail -n 20 "$RUN/$s-$v"/*.log >&2 || true
			fi
		done
	done
	((${#failed[@]} == 0)) || die "servers not up: ${failed[*]}"
	log "all $(wc -l <"$targets") servers up in $((SECONDS - t0))s"
	cat "$targets" >&2

	local rc=0
	# The command has no network but loopback: make Go say so at once.
	E2E_TARGETS=$targets E2E_SERVERS_JSON=$RUN/servers.jsonl GOPROXY=off GOFLAGS=${GOFLAGS:-} "$@" || rc=$?
	exit "$rc"
}

if [[ ${1-} == --inside ]]; then
	shift
	inside "$@"
else
	outside "$@"
fi
