package main

import (
	"fmt"
	"io"
	"net/netip"

	"github.com/smtpfp/smtpfp/scan"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/world"
)

// simRules is the rulebase that classifies each simulated world: it
// answers as the software of its year did, so that year's patterns
// classify it (the default rulebase is for today's servers).
var simRules = map[string]string{"djb2001": "embedded:djb2001.fp", "djb1996": "embedded:djb1996.fp"}

// simWorld makes the world of --simulate.
func simWorld(o *options, stderr io.Writer) (*world.World, int) {
	mk, ok := world.Worlds[o.simulate]
	if !ok {
		return nil, usageErr(stderr, "unknown world %q (known: djb1996, djb2001)", o.simulate)
	}
	w, err := mk(o.simSeed)
	if err != nil {
		fmt.Fprintf(stderr, "smtpscan: simulate %s: %v\n", o.simulate, err)
		return nil, exitFail
	}
	if w.List != nil {
		fmt.Fprintf(stderr, "smtpscan: simulated %s target list: %s\n", o.simulate, w.List.Summary())
	}
	return w, exitOK
}

// listSource is the sample of a world's own target list (the 1996 way:
// --sample N of the list, 500000 by default).
func listSource(o *options, w *world.World, stderr io.Writer) (scan.Source, int) {
	if o.n > 0 || o.all || o.fromList != "" || o.targets != "" {
		return nil, usageErr(stderr, "--simulate %s samples its own target list: use --sample N, not -n, --all, --from-list or --targets", o.simulate)
	}
	if o.sample <= 0 {
		return nil, usageErr(stderr, "--sample %d: want at least 1", o.sample)
	}
	l := &scan.List{Listed: int64(w.List.Len())}
	if o.shard != "" {
		sh, err := scan.ParseShard(o.shard)
		if err != nil {
			return nil, usageErr(stderr, "%v", err)
		}
		l.Shard = sh
	}
	for _, a := range w.List.Sample(int(o.sample), o.seed) {
		l.Targets = append(l.Targets, netip.AddrPortFrom(a, o.port))
	}
	return l, exitOK
}

// simHeader dates a simulated survey by the seed's calendar and names its
// list.
func simHeader(h *transcript.Header, o *options, w *world.World) {
	if !w.Start.IsZero() {
		h.Started = w.Start
	}
	if w.List != nil {
		h.Population, h.Size, h.List = "list", int64(w.List.Len()), "simulated "+o.simulate+" target list"
		h.ID = fmt.Sprintf("%s-sim%d-seed%d-n%d", o.simulate, o.simSeed, o.seed, h.SampleSize)
	}
}
