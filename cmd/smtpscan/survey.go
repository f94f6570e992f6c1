package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/scan"
	"github.com/smtpfp/smtpfp/transcript"
)

// A resumed survey must walk the same targets as the run it continues, or
// "skip what the archive has" would skip the wrong addresses. So beside
// the archive FILE, FILE.survey keeps the flags that choose the targets;
// --resume refuses to go on when they differ.

// keyField is one flag of the survey key: its name in FILE.survey, the
// flag a user would change, and its value as the key spells it.
type keyField struct{ name, flag, value string }

// surveyFields are the flags a resumed run must repeat. The first ones are
// always in the key; the rest are named only when they differ from their
// default, so surveys begun before they were keyed resume as before.
func surveyFields(o *options) []keyField {
	f := []keyField{
		{"count", "-n", fmt.Sprint(o.n)},
		{"all", "--all", fmt.Sprint(o.all)},
		{"seed", "--seed", fmt.Sprint(o.seed)},
		{"shard", "--shard", strconv.Quote(o.shard)},
		{"from-list", "--from-list", strconv.Quote(o.fromList)},
		{"sample", "--sample", fmt.Sprint(o.sample)},
		{"targets", "--targets", strconv.Quote(o.targets)},
		{"port", "--port", fmt.Sprint(o.port)},
		{"allow-private", "--allow-private", fmt.Sprint(o.allowPrivate)},
		{"blocklist", "--blocklist", strconv.Quote(strings.Join(o.blocklists, ","))},
		{"simulate", "--simulate", strconv.Quote(o.simulate)},
		{"sim-seed", "--sim-seed", fmt.Sprint(o.simSeed)},
	}
	// TLS does not choose targets, but the header says which TLS the
	// survey tried: a resumed run must try the same.
	switch {
	case o.starttls:
		f = append(f, keyField{"tls", "--starttls/--smtps", "starttls"})
	case o.smtps:
		f = append(f, keyField{"tls", "--starttls/--smtps", "implicit"})
	}
	// The rulebase classifies every record, and the relay probe and the
	// PTR flags change what is asked and of whom: a resumed run with
	// others would mix two surveys' records in one archive.
	if o.rules != "" {
		f = append(f, keyField{"rules", "--rules", strconv.Quote(o.rules)})
	}
	if o.relayProbe != (o.simulate == "djb1996") {
		f = append(f, keyField{"relay-probe", "--relay-probe", fmt.Sprint(o.relayProbe)})
	}
	if o.requirePTR != (o.simulate != "" && o.simulate != "djb1996") {
		f = append(f, keyField{"require-ptr", "--require-ptr", fmt.Sprint(o.requirePTR)})
	}
	if o.noPTR {
		f = append(f, keyField{"no-ptr", "--no-ptr", "true"})
	}
	return f
}

func surveyKey(o *options) string {
	var b strings.Builder
	for i, f := range surveyFields(o) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f.name + "=" + f.value)
	}
	return b.String() + "\n"
}

// parseKey reads a FILE.survey line back into its fields.
func parseKey(s string) map[string]string {
	m := map[string]string{}
	s = strings.TrimSpace(s)
	for s != "" {
		name, rest, ok := strings.Cut(s, "=")
		if !ok {
			break
		}
		var v string
		if strings.HasPrefix(rest, `"`) {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				break
			}
			v, rest = q, rest[len(q):]
		} else {
			v, rest, _ = strings.Cut(rest, " ")
		}
		m[name] = v
		s = strings.TrimLeft(rest, " ")
	}
	return m
}

// keyDiff names each flag whose value differs between the key a survey
// was started with and this run's.
func keyDiff(old string, now []keyField) []string {
	then := parseKey(old)
	show := func(v string, ok bool) string {
		if !ok {
			return "(default)"
		}
		return v
	}
	var diffs, gone []string
	seen := map[string]bool{}
	for _, f := range now {
		seen[f.name] = true
		if v, ok := then[f.name]; v != f.value {
			diffs = append(diffs, fmt.Sprintf("%s: then %s, now %s", f.flag, show(v, ok), f.value))
		}
	}
	for name, v := range then {
		if !seen[name] { // an optional flag set then, at its default now
			flag := "--" + name
			if name == "tls" {
				flag = "--starttls/--smtps"
			}
			gone = append(gone, fmt.Sprintf("%s: then %s, now (default)", flag, v))
		}
	}
	slices.Sort(gone)
	return append(diffs, gone...)
}

// headerDiff names each field of the archive's header that this run's
// header would spell otherwise (Started aside: every run starts anew).
func headerDiff(then, now *transcript.Header) []string {
	var diffs []string
	add := func(field string, a, b any, flags string) {
		if a != b {
			diffs = append(diffs, fmt.Sprintf("%s: then %v, now %v (%s)", field, a, b, flags))
		}
	}
	add("id", then.ID, now.ID, "-n, --seed, --sample, the list")
	add("population", then.Population, now.Population, "-n, --from-list, --targets, --simulate")
	add("population_size", then.Size, now.Size, "the list, --blocklist, --allow-private")
	add("eligible", then.Eligible, now.Eligible, "--simulate")
	add("list", then.List, now.List, "--from-list, --targets")
	add("streamed", then.Streamed, now.Streamed, "--targets -")
	add("sample_size", then.SampleSize, now.SampleSize, "-n, --all, --sample")
	add("shard", then.Shard, now.Shard, "--shard")
	add("shards", then.Shards, now.Shards, "--shard")
	add("require_ptr", then.RequirePTR, now.RequirePTR, "--require-ptr")
	add("relay_probe", then.RelayProbe, now.RelayProbe, "--relay-probe")
	add("tls", then.TLS, now.TLS, "--starttls, --smtps")
	return diffs
}

// archiveHeader reads the survey header on the first line of the archive
// at path (through the pipeline, so compressed too); nil when the file is
// empty or its first record is no header. nonEmpty: the file has one.
func archiveHeader(path string) (h *transcript.Header, nonEmpty bool, err error) {
	in, err := pipeline.Open(path, nil)
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer in.Close()
	err = pipeline.Run(in, pipeline.Options{Jobs: 1}, func(b *pipeline.Batch) error {
		if len(b.Items) == 0 {
			return nil // blank lines
		}
		h, nonEmpty = b.Items[0].Header, true
		return errFirstRead
	})
	if err != nil && err != errFirstRead {
		return nil, false, err
	}
	return h, nonEmpty, nil
}

// errFirstRead stops archiveHeader's read after the first record.
var errFirstRead = errors.New("first record read")

// notDirectory refuses an -o FILE that is a directory, before anything
// else is said about it.
func notDirectory(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("-o %s is a directory: name a file for the archive", path)
	}
	return nil
}

// A survey without --resume starts a new archive: it refuses a FILE that
// already has records, before writing anything (the sidecar included), as
// appending a second survey to the first would leave one archive of two
// surveys, the second without its header. With --resume it refuses a FILE
// begun with other flags: by FILE.survey, or, when that is missing, by the
// archive's own header (want is the header this run would write).
func checkSurvey(o *options, want transcript.Header) error {
	if err := notDirectory(o.output); err != nil {
		return err
	}
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
			h, nonEmpty, err := archiveHeader(o.output)
			switch {
			case err != nil:
				return err
			case h != nil:
				if diffs := headerDiff(h, &want); len(diffs) > 0 {
					return fmt.Errorf("--resume: %s was started as another survey (its header, as %s is missing):\n  %s", o.output, path, strings.Join(diffs, "\n  "))
				}
			case nonEmpty:
				return fmt.Errorf("--resume: %s has neither a survey header nor %s: cannot tell which survey it holds", o.output, path)
			}
		case err != nil:
			return err
		case string(old) != key:
			diffs := keyDiff(string(old), surveyFields(o))
			if len(diffs) == 0 {
				diffs = []string{fmt.Sprintf("then: %s  now:  %s", strings.TrimSpace(string(old)), strings.TrimSpace(key))}
			}
			return fmt.Errorf("--resume: %s was started with other flags:\n  %s", o.output, strings.Join(diffs, "\n  "))
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
