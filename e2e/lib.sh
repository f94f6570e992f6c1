# e2e/lib.sh: helpers shared by run.sh and the per-server scripts in servers/.
# Sourced, never run. See README.md for the design (overlay roots, one
# network namespace with loopback only).

E2E_DIR=${E2E_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
E2E_REPO=$(cd "$E2E_DIR/.." && pwd)
# Installed layers, downloaded packages and built binaries persist here
# between runs (outside the checkout, so a fresh clone in CI is still warm).
E2E_WORK=${E2E_WORK:-/var/tmp/smtpfp-e2e}
# The host name every server sees inside the namespace.
E2E_HOSTNAME=${E2E_HOSTNAME:-mx.smtpfp.example}
# Time a server gets to greet after start, in seconds.
E2E_START_TIMEOUT=${E2E_START_TIMEOUT:-60}

# The clean environment for commands run inside a root: no pyenv shims, no
# proxy variables, no Go settings from the caller.
E2E_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive)

log() { printf 'e2e: %s\n' "$*" >&2; }
die() { printf 'e2e: error: %s\n' "$*" >&2; exit 1; }

# json_str S: S as a JSON string (no control characters expected).
json_str() {
	local s=${1//\\/\\\\}
	s=${s//\"/\\\"}
	s=${s//$'\t'/\\t}
	printf '"%s"' "$s"
}

# upstream_version strips a Debian epoch and revision: 1:4.96-15+deb12u10 -> 4.96.
upstream_version() {
	local v=${1#*:}
	printf '%s\n' "${v%-*}"
}

# with_lock FILE CMD...: run CMD holding an exclusive lock on FILE (waits).
with_lock() {
	local f=$1
	shift
	mkdir -p "$(dirname "$f")"
	(
		flock 9
		"$@"
	) 9>"$f"
}

# retry N DELAY CMD...: run CMD up to N times, sleeping DELAY between tries
# (dpkg and apt locks held by other installers are the usual reason).
retry() {
	local n=$1 delay=$2 i
	shift 2
	for ((i = 1; ; i++)); do
		"$@" && return 0
		((i >= n)) && return 1
		log "retrying in ${delay}s ($i/$n): $*"
		sleep "$delay"
	done
}

# mount_root UPPER WORKDIR MERGED: mount the host's / as the lower layer of an
# overlay whose writes go to UPPER, and bind the kernel file systems in.
# Needs a private mount namespace.
mount_root() {
	local upper=$1 wd=$2 m=$3 d
	mkdir -p "$upper" "$wd" "$m"
	mount -t overlay overlay -o "lowerdir=/,upperdir=$upper,workdir=$wd" "$m"
	for d in proc dev sys; do
		mount --rbind "/$d" "$m/$d"
		mount --make-rslave "$m/$d"
	done
}

# seal_root MERGED: names resolve from /etc/hosts only; any DNS query goes to
# 127.0.0.1, where nothing listens; services are never started by packages.
seal_root() {
	local m=$1
	rm -f "$m/etc/resolv.conf"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$m/etc/resolv.conf"
	printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s %s\n::1\tlocalhost ip6-localhost ip6-loopback\n' \
		"$E2E_HOSTNAME" "${E2E_HOSTNAME%%.*}" >"$m/etc/hosts"
	printf '%s\n' "$E2E_HOSTNAME" >"$m/etc/mailname"
	printf '#!/bin/sh\nexit 101\n' >"$m/usr/sbin/policy-rc.d"
	chmod 755 "$m/usr/sbin/policy-rc.d"
}

# in_root MERGED CMD...: run CMD chrooted into MERGED with a clean environment.
in_root() {
	local m=$1
	shift
	chroot "$m" "${E2E_ENV[@]}" "$@"
}

# deb_install NAME PKG...: build the layer $E2E_WORK/layers/NAME holding PKGs
# installed (with their maintainer scripts) over the host's root. Packages are
# downloaded with the host's network; the maintainer scripts run in a network
# namespace with loopback only, so nothing they look up leaves the machine.
# The layer's marker NAME.ok holds "package version" lines.
deb_install() {
	local name=$1
	shift
	local layers=$E2E_WORK/layers
	[[ -f $layers/$name.ok ]] && return 0
	with_lock "$E2E_WORK/install.lock" _deb_install "$name" "$@"
}

_deb_install() {
	local name=$1
	shift
	local layers=$E2E_WORK/layers debs=$E2E_WORK/debs
	[[ -f $layers/$name.ok ]] && return 0
	log "installing $name: $*"
	local tmp=$layers/$name.tmp
	rm -rf --one-file-system "$tmp"
	mkdir -p "$tmp" "$debs"
	ensure_apt_lists
	# Download: host network, a private mount namespace, no package scripts.
	retry 3 10 unshare --mount --propagation private bash -euc '
		. "$1/lib.sh"; tmp=$2; debs=$3; shift 3
		mount_root "$tmp/upper" "$tmp/work" "$tmp/root"
		mkdir -p "$tmp/root/var/cache/e2e-debs"
		mount --bind "$debs" "$tmp/root/var/cache/e2e-debs"
		in_root "$tmp/root" apt-get install -qq -d -y --no-install-recommends \
			-o Dir::Cache::archives=/var/cache/e2e-debs/ "$@" >&2
	' _ "$E2E_DIR" "$tmp" "$debs" "$@" || die "$name: download failed"
	# Install: loopback only, the namespace's own host name.
	retry 3 10 unshare --mount --net --uts --propagation private bash -euc '
		. "$1/lib.sh"; tmp=$2; debs=$3; shift 3
		hostname "$E2E_HOSTNAME"; ip link set lo up
		mount_root "$tmp/upper" "$tmp/work" "$tmp/root"
		mount --bind "$debs" "$tmp/root/var/cache/e2e-debs"
		seal_root "$tmp/root"
		in_root "$tmp/root" apt-get install -q -y --no-download --no-install-recommends \
			-o Dir::Cache::archives=/var/cache/e2e-debs/ "$@" >"$tmp/install.log" 2>&1 ||
			{ tail -40 "$tmp/install.log" >&2; exit 1; }
		for p in "$@"; do
			printf "%s %s\n" "$p" "$(in_root "$tmp/root" dpkg-query -W -f "\${Version}" "$p")"
		done >"$tmp/versions"
	' _ "$E2E_DIR" "$tmp" "$debs" "$@" || die "$name: install failed (log: $tmp/install.log)"
	# What apt and dpkg leave behind is not part of the layer.
	rm -rf --one-file-system "$tmp/upper/var/cache/apt" "$tmp/upper/var/cache/e2e-debs" \
		"$tmp/upper/var/log/apt" \
		"$tmp/upper/var/log/dpkg.log" "$tmp/upper/var/log/alternatives.log"
	rm -rf --one-file-system "${layers:?}/${name:?}"
	mv "$tmp/upper" "$layers/$name"
	mv "$tmp/versions" "$layers/$name.ok"
	rm -rf --one-file-system "$tmp"
	log "installed $name: $(tr '\n' ' ' <"$layers/$name.ok")"
}

# ensure_host_tools installs, from Debian, the host commands run.sh needs
# (a new machine of this project's kind has them all).
ensure_host_tools() {
	local -A pkg=([unshare]=util-linux [setpriv]=util-linux [flock]=util-linux
		[ip]=iproute2 [openssl]=openssl [chroot]=coreutils)
	local c missing=()
	for c in "${!pkg[@]}"; do
		command -v "$c" >/dev/null || missing+=("${pkg[$c]}")
	done
	((${#missing[@]})) || return 0
	log "installing host tools: ${missing[*]}"
	ensure_apt_lists
	retry 30 10 apt-get install -q -y --no-install-recommends "${missing[@]}" >&2 ||
		die "could not install ${missing[*]}"
}

# ensure_apt_lists runs apt-get update once when the host has no package lists.
ensure_apt_lists() {
	if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
		log "apt-get update"
		retry 30 10 apt-get -q update >&2 || die "apt-get update failed"
	fi
}

# deb_version NAME PKG: the installed version of PKG in layer NAME.
deb_version() {
	awk -v p="$2" '$1 == p { print $2 }' "$E2E_WORK/layers/$1.ok"
}

# root_up NAME DIR: a fresh writable root for one server instance: the layer
# NAME copied to DIR/upper, over the host's /, mounted at DIR/root.
root_up() {
	local name=$1 dir=$2
	mkdir -p "$dir"
	cp -a "$E2E_WORK/layers/$name" "$dir/upper"
	mount_root "$dir/upper" "$dir/work" "$dir/root"
	seal_root "$dir/root"
}

# root_down DIR: unmount what root_up mounted.
root_down() {
	umount -R "$1/root" 2>/dev/null || umount -R -l "$1/root" 2>/dev/null || true
}

# stop_pids DIR: TERM the processes listed in DIR/pids that still run (a
# signal to the whole process group may have ended them already).
stop_pids() {
	local p
	[[ -f $1/pids ]] || return 0
	while read -r p; do
		kill "$p" 2>/dev/null || true
	done <"$1/pids"
}

# rooted_pids DIR: the processes whose root is DIR/root or below it (daemons
# that chroot further, like smtpd's and postfix's children).
rooted_pids() {
	local p r
	for p in /proc/[0-9]*; do
		r=$(readlink "$p/root" 2>/dev/null) || continue
		[[ $r == "$1/root" || $r == "$1/root/"* ]] && echo "${p#/proc/}"
	done
	return 0
}

# greets HOST PORT: true when a connection gets a 220 greeting line. A
# subshell, since a failed "exec" of a redirection would end the caller.
greets() (
	exec 3<>"/dev/tcp/$1/$2" || exit 1
	IFS= read -r -t 5 -u 3 line || line=
	printf 'QUIT\r\n' >&3 || true
	[[ $line == 220[\ -]* ]]
) 2>/dev/null

# wait_greeting HOST PORT SECONDS [PIDFILE]: poll until greets or time runs
# out; give up at once when every pid in PIDFILE has exited.
wait_greeting() {
	local deadline=$((SECONDS + $3)) pidfile=${4:-} p alive
	until greets "$1" "$2"; do
		((SECONDS < deadline)) || return 1
		if [[ -n $pidfile && -s $pidfile ]]; then
			alive=
			while read -r p; do
				kill -0 "$p" 2>/dev/null && alive=1
			done <"$pidfile"
			[[ -n $alive ]] || { log "the server exited"; return 1; }
		fi
		sleep 0.3
	done
}
