package corpus

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/smtpfp/smtpfp/transcript"
)

//go:generate go run mkcases.go

//go:embed djb2001/*.jsonl
var djbFiles embed.FS

// Case is one recorded transcript that a rule of a rulebase wins.
type Case struct {
	Name   string // file name without ".jsonl", e.g. "01-qmail"
	Rule   int    // index of the rule in the rulebase's order; -1 for the default
	Want   string // the tally row it counts in, e.g. "UNIX qmail"
	Record transcript.Record
}

var djb struct {
	once  sync.Once
	cases []Case
}

// djbCases returns the shared, parsed cases. Callers must not modify them.
func djbCases() []Case {
	djb.once.Do(func() { djb.cases = mustLoad(djbFiles, "djb2001") })
	return djb.cases
}

// DJB2001 returns one case for every rule of rules/djb2001.fp (rule 0 is
// the extra 554 rule, 1 to 70 the published patterns) and one for its
// default, in rule order with the default last. Each call returns fresh
// copies. It panics only if an embedded file is corrupt.
func DJB2001() []Case {
	cs := djbCases()
	out := make([]Case, len(cs))
	for i := range cs {
		out[i] = cs[i]
		out[i].Record = cs[i].Record.Clone()
	}
	return out
}

// ForName returns copies of the DJB2001 cases whose Want is name (a tally
// row such as "UNIX Sendmail"), in rule order; nil if there are none.
func ForName(name string) []Case {
	var out []Case
	for _, c := range DJB2001() {
		if c.Want == name {
			out = append(out, c)
		}
	}
	return out
}

func mustLoad(fsys fs.FS, dir string) []Case {
	cs, err := load(fsys, dir)
	if err != nil {
		panic("corpus: " + err.Error())
	}
	return cs
}

// load reads dir/*.jsonl. A file is named NN-LABEL.jsonl, NN the rule it
// wins, or default-LABEL.jsonl, and holds exactly one record.
func load(fsys fs.FS, dir string) ([]Case, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var cs, defaults []Case
	seen := map[int]string{}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".jsonl") {
			continue
		}
		name := strings.TrimSuffix(e.Name(), ".jsonl")
		file := path.Join(dir, e.Name())
		c, err := parseName(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		if prev, ok := seen[c.Rule]; ok && c.Rule >= 0 {
			return nil, fmt.Errorf("%s: rule %d already has %s", file, c.Rule, prev)
		}
		seen[c.Rule] = name
		if c.Record, err = readOne(fsys, file); err != nil {
			return nil, err
		}
		if c.Rule < 0 {
			defaults = append(defaults, c)
		} else {
			cs = append(cs, c)
		}
	}
	if len(cs)+len(defaults) == 0 {
		return nil, errors.New(dir + ": no cases")
	}
	// ReadDir sorts by name, so the numbered files come in rule order.
	return append(cs, defaults...), nil
}

// readOne decodes the one record of file. It is not the pipeline, the
// one record reader of archives, because it cannot be: corpus feeds the
// tests of compiler, rulebase and pipeline, which the pipeline imports,
// so importing it here is an import cycle in those tests. A case file is
// one line, so decoding it takes the decoder the pipeline uses and the
// same checks (Validate); each file gets its own Decoder, so the cases'
// replies are never reused.
func readOne(fsys fs.FS, file string) (transcript.Record, error) {
	var rec transcript.Record
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		return rec, err
	}
	line := bytes.TrimSpace(b)
	switch {
	case len(line) == 0:
		return rec, fmt.Errorf("%s: no record", file)
	case bytes.IndexByte(line, '\n') >= 0:
		return rec, fmt.Errorf("%s: more than one record", file)
	}
	var d transcript.Decoder
	err = d.Decode(line, &rec)
	if err == nil {
		err = rec.Validate()
	}
	if err != nil {
		return rec, &transcript.RecordError{File: file, N: 1, Err: err}
	}
	return rec, nil
}

func parseName(name string) (Case, error) {
	c := Case{Name: name}
	num, label, ok := strings.Cut(name, "-")
	if !ok {
		return c, errors.New(`name is not "NN-label" or "default-label"`)
	}
	if num == "default" {
		c.Rule = -1
	} else {
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 || len(num) < 2 {
			return c, fmt.Errorf("rule number %q is not two or more digits", num)
		}
		c.Rule = n
	}
	want, ok := djbNames[label]
	if !ok {
		return c, fmt.Errorf("unknown label %q", label)
	}
	c.Want = want
	return c, nil
}
