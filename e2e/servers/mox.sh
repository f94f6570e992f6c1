# e2e/servers/mox.sh: mox from the Go module proxy (e2e/mox), sourced by
# run.sh. Default: "mox localserve", mox's own mode for local use, with the
# configuration it writes on first start (mox -initonly) but for its ports:
# SMTP on 127.0.0.1:PORT and every other listener moved up (the two
# variants run side by side). Banner variant: Hostname smtp.example.org;
# mox has no banner option and always says "ESMTP mox".

. "$E2E_DIR/servers/gomod.sh"

mox_product=mox
mox_port=2549
mox_banner_note='Hostname: smtp.example.org (no option changes "ESMTP mox")'

mox_install() { gomod_install mox github.com/mjl-/mox; }
mox_version() { gomod_version mox github.com/mjl-/mox; }
mox_source() { echo "go github.com/mjl-/mox v$(mox_version)"; }

mox_start() {
	local variant=$1 port=$2 dir=$3 shift=21000
	[[ $variant == banner ]] && shift=22000
	mkdir -p "$dir/mox"
	"$E2E_WORK/bin/mox" localserve -dir "$dir/mox" -ip 127.0.0.1 -initonly >"$dir/init.log" 2>&1
	# SMTP on PORT; the other listeners (1xxx) out of each other's way.
	awk -v p="$port" -v s="$shift" '/^[ \t]+Port: [0-9]+$/ { n = $2; sub(/Port: [0-9]+$/, "Port: " (n == 1025 ? p : n + s)) } { print }' \
		"$dir/mox/mox.conf" >"$dir/mox/mox.conf.new" && mv "$dir/mox/mox.conf.new" "$dir/mox/mox.conf"
	[[ $variant == banner ]] && sed -i 's/^Hostname: localhost$/Hostname: smtp.example.org/' "$dir/mox/mox.conf"
	"$E2E_WORK/bin/mox" localserve -dir "$dir/mox" </dev/null >"$dir/server.log" 2>&1 &
	echo $! >>"$dir/pids"
}

mox_stop() {
	local p i
	stop_pids "$3"
	# mox shuts down gracefully on TERM, in about a second: wait for it
	# rather than have run.sh KILL it half a second after.
	while read -r p; do
		for ((i = 0; i < 50; i++)); do
			kill -0 "$p" 2>/dev/null || break
			sleep 0.1
		done
	done <"$3/pids"
}
