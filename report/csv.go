package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// csvHeader names the columns of the CSV report: one long table, one row
// per counted thing, so a spreadsheet can filter and pivot it.
//
//	survey    "current", or the start date (or "previous N") of an earlier survey
//	section   survey, estimate, outcome, os, product, label, rule, advisory, relay, tls
//	key       a stable key: outcome name, label id, estimate name, advisory id
//	name      what the text report prints for the row
//	count     addresses counted
//	of        what count is a share of (sample, contacted, greeted, probed)
//	percent   100*count/of, rounded to one decimal
//	estimate, ci_low, ci_high   count scaled to the population, and its 95% interval
var csvHeader = []string{"survey", "section", "key", "name", "count", "of", "percent", "estimate", "ci_low", "ci_high"}

// WriteCSV writes the report as CSV (see csvHeader), the current survey's
// rows first, then each previous survey's survey, outcome, os, product
// and label rows, newest first.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	r.csvSurvey(cw, "current", r.Summary, true)
	for i := len(r.Previous) - 1; i >= 0; i-- {
		p := r.Previous[i]
		name := fmt.Sprintf("previous %d", len(r.Previous)-i)
		if !p.Start.IsZero() {
			name = p.Start.UTC().Format("2006-01-02")
		}
		r.csvSurvey(cw, name, p, false)
	}
	cw.Flush()
	return cw.Error()
}

func (r *Report) csvSurvey(cw *csv.Writer, survey string, s *Summary, current bool) {
	row := func(section, key, name string, count, of int64, e *Estimate) {
		rec := []string{survey, section, key, name, strconv.FormatInt(count, 10), strconv.FormatInt(of, 10), "", "", "", ""}
		if of > 0 {
			rec[6] = strconv.FormatFloat(100*float64(count)/float64(of), 'f', 1, 64)
		}
		if e != nil && s.Population.Known() {
			rec[7] = strconv.FormatFloat(e.Value, 'f', 0, 64)
			rec[8] = strconv.FormatFloat(e.Low, 'f', 0, 64)
			rec[9] = strconv.FormatFloat(e.High, 'f', 0, 64)
		}
		cw.Write(rec)
	}
	row("survey", s.Population.Kind, dateRange(s), s.Sample, s.Population.Size, nil)
	if current {
		est := []struct {
			key, name string
			e         *Estimate
		}{
			{"ptr", "addresses with PTR records", r.Estimates.PTR},
			{"reachable", "addresses of reachable hosts", r.Estimates.Reachable},
			{"smtp", "addresses running SMTP servers", r.Estimates.SMTP},
		}
		for _, x := range est {
			if x.e != nil {
				row("estimate", x.key, x.name, x.e.Count, x.e.Of, x.e)
			}
		}
	}
	for _, o := range s.Outcomes {
		key := string(o.Outcome)
		if o.Code != 0 {
			key += " " + strconv.Itoa(o.Code)
		}
		if o.Protocol != "" {
			key += " " + o.Protocol
		}
		row("outcome", key, o.Words(), o.Count, s.Sample, nil)
	}
	g := s.Greeted()
	o := r.OS
	if !current {
		o = osSplit(s)
	}
	row("os", "unix_only", "UNIX only", o.UNIX, g, nil)
	row("os", "windows_only", "Windows only", o.Windows, g, nil)
	row("os", "unix_and_windows", "UNIX and Windows", o.Both, g, nil)
	for _, set := range o.Sets {
		name := set.OS
		if name == "" {
			name = "no OS tag"
		}
		row("os", "other", name, set.Count, g, nil)
	}
	ps := r.Products
	if !current {
		ps = products(s)
	}
	for _, p := range ps {
		e := p.Estimate
		row("product", p.Product, p.Product, p.Count, g, &e)
	}
	for _, l := range s.Labels {
		e := Estimated(l.Count, s.Sample, s.Population)
		row("label", l.Label, l.Name, l.Count, g, &e)
		if current && r.byRule {
			for _, rc := range l.Rules {
				row("rule", l.Label, r.ruleWords(rc), rc.Count, l.Count, nil)
			}
		}
	}
	csvTLS(row, s.TLS)
	if !current {
		return
	}
	for _, a := range r.Advisories {
		e := a.Estimate
		row("advisory", a.ID, a.Range(), a.Affected, g, &e)
	}
	if u := r.AnyAdvisory; u != nil && len(r.Advisories) > 1 {
		e := u.Estimate
		row("advisory", "any", strings.Join(u.IDs, " "), u.Affected, g, &e)
	}
	if r.Relay != nil {
		row("relay", "", "all", r.Relay.Accepted, r.Relay.Probed, nil)
		for _, l := range s.Labels {
			if l.Probed > 0 {
				row("relay", l.Label, l.Name, l.Relayed, l.Probed, nil)
			}
		}
	}
}
