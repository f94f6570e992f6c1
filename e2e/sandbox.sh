#!/usr/bin/env bash
# e2e/sandbox.sh LAYER [CMD...]: a throwaway root of an installed layer
# (e.g. postfix, exim4), in its own network namespace with loopback only,
# for looking around and trying configurations. Runs CMD (default: a shell)
# chrooted there; nothing written survives.
set -euo pipefail
E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$E2E_DIR/lib.sh"
[[ $# -ge 1 ]] || die "usage: e2e/sandbox.sh LAYER [CMD...]"
[[ -f $E2E_WORK/layers/$1.ok ]] || die "no layer \"$1\" in $E2E_WORK/layers (run e2e/run.sh true first)"
exec unshare --net --mount --uts --pid --fork --mount-proc --propagation private --kill-child=TERM bash -euc '
	. "$0/lib.sh"; layer=$1; shift
	hostname "$E2E_HOSTNAME"; ip link set lo up
	mkdir -p "$E2E_WORK/run"; mount -t tmpfs e2e-sandbox "$E2E_WORK/run"
	root_up "$layer" "$E2E_WORK/run/sandbox"
	(($#)) || set -- bash -i
	in_root "$E2E_WORK/run/sandbox/root" "$@"
' "$E2E_DIR" "$@"
