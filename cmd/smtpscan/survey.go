package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/smtpfp/smtpfp/scan"
	"github.com/smtpfp/smtpfp/transcript"
)

// A resumed survey must walk the same targets as the run it continues, or
// "skip what the archive has" would skip the wrong addresses. So beside
// the archive FILE, FILE.survey keeps the flags that choose the targets;
// --resume refuses to go on when they differ.

func surveyKey(o *options) string {
	key := fmt.Sprintf("count=%d all=%v seed=%d shard=%q from-list=%q sample=%d targets=%q port=%d allow-private=%v blocklist=%q simulate=%q sim-seed=%d",
		o.n, o.all, o.seed, o.shard, o.fromList, o.sample, o.targets, o.port, o.allowPrivate,
		strings.Join(o.blocklists, ","), o.simulate, o.simSeed)
	// TLS does not choose targets, but the header says which TLS the
	// survey tried: a resumed run must try the same. (Named only when
	// set, so surveys begun without TLS resume as before.)
	switch {
	case o.starttls:
		key += " tls=starttls"
	case o.smtps:
		key += " tls=implicit"
	}
	return key + "\n"
}

// A survey without --resume starts a new archive: it refuses a FILE that
// already has records, before writing anything (the sidecar included), as
// appending a second survey to the first would leave one archive of two
// surveys, the second without its header.
func checkSurvey(o *options) error {
	path := o.output + ".survey"
	key := surveyKey(o)
	if !o.resume {
		if st, err := os.Stat(o.output); err == nil && st.Size() > 0 {
			return fmt.Errorf("%s already holds a survey: add --resume to continue it, or write a new one to another -o FILE", o.output)
		}
	}
	if o.resume {
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			return err
		case string(old) != key:
			return fmt.Errorf("--resume: %s was started with other targets:\n  then: %s  now:  %s", o.output, old, key)
		default:
			return nil
		}
	}
	return os.WriteFile(path, []byte(key), 0o644)
}

// surveyHeader describes the survey for reports: what population was
// sampled and how (transcript.Header).
func surveyHeader(o *options, src scan.Source) transcript.Header {
	h := transcript.Header{Format: transcript.HeaderFormat, Started: time.Now().UTC(),
		RequirePTR: o.requirePTR, RelayProbe: o.relayProbe}
	switch {
	case o.starttls:
		h.TLS = transcript.TLSStartTLS
	case o.smtps:
		h.TLS = transcript.TLSImplicit
	}
	switch s := src.(type) {
	case *scan.Random:
		h.Population, h.Size = "ipv4", 1<<32
		if o.simulate == "" {
			// The walk draws from the addresses the exclusions allow,
			// so those are the population; a simulated world samples as
			// its seed did, from all 2^32, so the seed's figures stay.
			h.Size, h.Eligible = s.Exclude.Eligible4(), true
		}
		h.SampleSize = int64(s.N)
		if o.all {
			h.SampleSize = h.Size
		}
		h.ID = fmt.Sprintf("ipv4-seed%d-n%d", o.seed, h.SampleSize)
		if s.Shard.Of > 1 {
			h.Shard, h.Shards = s.Shard.Index+1, s.Shard.Of
		}
	case *scan.Stream:
		// Its size is known only at its end: the report takes it from
		// the records.
		h.Population, h.List, h.Streamed = "list", "stdin", true
		h.ID = "list-stdin"
		if s.Shard.Of > 1 {
			h.Shard, h.Shards = s.Shard.Index+1, s.Shard.Of
		}
	case *scan.List:
		h.Population = "list"
		h.Size = s.Listed
		h.List = o.fromList
		if o.fromList == "" {
			// Explicit targets: the list is the population, all of it sampled.
			h.Size = int64(len(s.Targets))
			h.List = o.targets
		}
		h.SampleSize = int64(len(s.Targets))
		h.ID = fmt.Sprintf("list-%s-seed%d-n%d", filepath.Base(h.List), o.seed, h.SampleSize)
		if s.Shard.Of > 1 {
			h.Shard, h.Shards = s.Shard.Index+1, s.Shard.Of
		}
	}
	return h
}
