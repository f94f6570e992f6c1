package report

import (
	"errors"
	"fmt"
	"io"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

// Header is the survey header (see transcript.Header).
type Header = transcript.Header

// Options say how archives are read.
type Options struct {
	// Rulebase classifies the greeted records that carry no Class
	// (archives written without classifying them), and with Reclassify
	// every greeted record anew (the command's --reclassify), so
	// archives classified by different rulebases can be reported
	// together. Records are classified by the pipeline, in batches.
	Rulebase   *rulebase.Rulebase
	Reclassify bool
	// Population, when known, overrides what the archive's header says
	// (the command's --population), for archives without a header.
	Population Population
	// Jobs is the pipeline's workers for one archive (0: one).
	Jobs int
}

const maxBadExamples = pipeline.DefaultMax

// ReadArchive reads one archive, record by record (through the
// pipeline), into a Summary; name is used in errors. Malformed lines are
// counted (Summary.Bad) and skipped, so an archive whose scanner was
// killed mid-line still reports. Records classified by different
// rulebases give a *MixedRulebaseError.
func ReadArchive(name string, r io.Reader, opt Options) (*Summary, error) {
	s := &Summary{Files: []string{name}}
	t := newTally()
	var hdr *Header
	rbFile := ""
	popt := pipeline.Options{Jobs: max(opt.Jobs, 1)}
	if opt.Rulebase != nil {
		popt.Rulebases = []*rulebase.Rulebase{opt.Rulebase}
		popt.Class = pipeline.ClassMissing
		if opt.Reclassify {
			popt.Class = pipeline.SetClass
		}
	}
	err := pipeline.Run(&pipeline.Input{Name: name, R: r}, popt, func(b *pipeline.Batch) error {
		for i := range b.Items {
			it := &b.Items[i]
			n := it.N
			switch {
			case it.Err != nil:
				var re *transcript.RecordError
				if errors.As(it.Err, &re) {
					s.bad(re)
				}
			case it.Header != nil:
				if hdr != nil || s.Sample > 0 {
					return &transcript.RecordError{File: name, N: n, Err: errors.New("survey header after the first record")}
				}
				hdr = it.Header
				if err := s.header(hdr); err != nil {
					return &transcript.RecordError{File: name, N: n, Err: err}
				}
			case it.Rec != nil:
				if err := s.add(t, it.Rec, name, n, &rbFile); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		var re *transcript.RecordError
		var me *MixedRulebaseError
		if errors.As(err, &re) || errors.As(err, &me) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if s.Population.Streamed && s.Population.Size == 0 {
		s.Population.Size = s.Sample
	}
	if opt.Population.Known() {
		s.Population = opt.Population
	}
	switch {
	case hdr == nil || hdr.Shards > 1 || hdr.SampleSize <= 0 || hdr.SampleSize == s.Sample:
	case s.Sample < hdr.SampleSize:
		// A killed survey (or one still running): its records are the
		// first part of a random order, itself a random sample, so the
		// report covers them and says so.
		s.Drew = hdr.SampleSize
	default:
		return nil, fmt.Errorf("%s: header says the survey drew %d addresses, the archive holds %d", name, hdr.SampleSize, s.Sample)
	}
	s.keepTLS()
	t.fill(s)
	return s, nil
}

func (s *Summary) bad(err *transcript.RecordError) {
	s.Bad++
	if len(s.BadExamples) < maxBadExamples {
		s.BadExamples = append(s.BadExamples, err.Error())
	}
}

func (s *Summary) header(h *Header) error {
	if h.Format != 1 {
		return fmt.Errorf("survey header format %d, want 1", h.Format)
	}
	switch h.Population {
	case IPv4:
		s.Population = Population{Kind: IPv4, Size: 1 << 32}
		if h.Eligible && h.Size > 0 && h.Size <= 1<<32 {
			// The sample was drawn from the addresses a survey may
			// contact, not from all 2^32: estimates scale by those.
			s.Population.Size = h.Size
		}
	case List:
		if h.Size <= 0 && h.Streamed {
			// Surveyed as it came: the list is what the archive holds.
			s.Population = Population{Kind: List, List: h.List, Streamed: true}
			break
		}
		if h.Size <= 0 {
			return errors.New("survey header: list population without population_size")
		}
		s.Population = Population{Kind: List, Size: h.Size, List: h.List}
	default:
		return fmt.Errorf("survey header: unknown population %q (want \"ipv4\" or \"list\")", h.Population)
	}
	s.Survey = h.ID
	if h.Shard > 0 {
		s.Shards, s.ShardsOf = []int{h.Shard}, h.Shards
	}
	s.RelayProbe = h.RelayProbe
	if h.TLS != "" {
		s.tlsSummary().Mode = h.TLS
	}
	return nil
}

// add counts one record.
func (s *Summary) add(t *tally, rec *transcript.Record, file string, n int, rbFile *string) error {
	s.Sample++
	s.addTLS(rec)
	if !rec.Time.IsZero() {
		if s.Start.IsZero() || rec.Time.Before(s.Start) {
			s.Start = rec.Time
		}
		if rec.Time.After(s.End) {
			s.End = rec.Time
		}
	}
	if rec.PTRStatus != "" {
		s.PTRLookedUp++
		if rec.PTR != "" || rec.PTRStatus == "ok" {
			s.PTRFound++
		}
	}
	code := 0
	if rec.Outcome == transcript.Rejected {
		code = rec.Code
	}
	k := OutcomeCount{Outcome: rec.Outcome, Code: code}
	if rec.Outcome == transcript.NotSMTP {
		k.Protocol = rec.Protocol
	}
	t.outcomes[k]++
	s.countHelp(rec)
	if rec.Outcome != transcript.Greeted {
		return nil
	}
	var lt *labelTally
	var rb RulebaseID
	if c := rec.Class; c != nil {
		rb = RulebaseID{c.Rulebase, c.RulesVer, c.Hash}
		lt = t.label(c.Label, c.Name, c.OS, c.Rule < 0)
		lt.rules[RuleCount{Rule: c.Rule, Line: c.Line}]++
		lt.versions[c.Version]++
	} else {
		lt = t.label("", "unclassified", nil, true)
	}
	if s.Rulebase == nil {
		s.Rulebase, *rbFile = &rb, fmt.Sprintf("%s record %d", file, n)
	} else if *s.Rulebase != rb {
		return &MixedRulebaseError{*s.Rulebase, rb, *rbFile, fmt.Sprintf("%s record %d", file, n)}
	}
	lt.lc.Count++
	if rec.Relay != nil {
		s.RelayProbe = true
		lt.lc.Probed++
		if *rec.Relay {
			lt.lc.Relayed++
		}
	}
	return nil
}
