// Command decoders is `make bench`'s comparison of JSON decoders for
// archive records: each candidate decodes the same generated archive
// lines into transcript.Record, single-threaded, interleaved over
// several rounds (best round reported), and is checked against
// encoding/json, the reference: on the generated records and on the
// corner cases of transcript's fuzz corpus (NUL, bare CR, \u escapes,
// lone surrogates, reply_b64, unknown fields, wrong types, duplicate
// keys), a candidate is exact when it accepts what encoding/json accepts,
// decodes it to the same record, and rejects what it rejects.
//
// It is a module of its own so that the candidates smtpfp does not use
// stay out of smtpfp's go.mod.
package main

import (
	"bytes"
	"encoding/base64"
	stdjson "encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/bytedance/sonic"
	jsonv2 "github.com/go-json-experiment/json"
	goccy "github.com/goccy/go-json"
	"github.com/minio/simdjson-go"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/transcript"
)

type candidate struct {
	name   string
	decode func(line []byte, r *transcript.Record) error
	reset  func()
	best   time.Duration
}

func main() {
	n := flag.Int("n", 20000, "records")
	rounds := flag.Int("rounds", 5, "interleaved rounds")
	seeds := flag.String("seeds", "../../transcript/testdata/fuzz/FuzzDecode", "corner cases (Go fuzz corpus files)")
	flag.Parse()
	runtime.GOMAXPROCS(1)

	recs := corpus.Generate(1, *n)
	var buf bytes.Buffer
	w := transcript.NewWriter(&buf)
	for i := range recs {
		if i%2 == 0 {
			recs[i].Class = &transcript.Class{Label: "qmail", Name: "UNIX qmail", OS: []string{"UNIX"}, Rule: 3, Line: 40,
				Rulebase: "djb2001", RulesVer: "2001-10-04", Hash: "sha256:0123456789abcdef"}
		}
		w.Write(&recs[i])
	}
	lines := bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	corner, err := readSeeds(*seeds)
	if err != nil {
		fmt.Fprintln(os.Stderr, "decoders:", err)
		os.Exit(1)
	}

	d := &transcript.Decoder{}
	var sj *simdjson.ParsedJson
	cands := []*candidate{
		{name: "encoding/json", decode: func(l []byte, r *transcript.Record) error { *r = transcript.Record{}; return stdjson.Unmarshal(l, r) }},
		{name: "go-json-experiment (v2)", decode: func(l []byte, r *transcript.Record) error { *r = transcript.Record{}; return jsonv2.Unmarshal(l, r) }},
		{name: "goccy/go-json", decode: func(l []byte, r *transcript.Record) error { *r = transcript.Record{}; return goccy.Unmarshal(l, r) }},
		{name: "bytedance/sonic (std)", decode: func(l []byte, r *transcript.Record) error {
			*r = transcript.Record{}
			return sonic.ConfigStd.Unmarshal(l, r)
		}},
		{name: "smtpfp transcript.Decoder", decode: d.Decode, reset: d.Reset},
	}
	if simdjson.SupportedCPU() {
		cands = append(cands, &candidate{name: "minio/simdjson-go (+walk)", decode: func(l []byte, r *transcript.Record) error {
			var err error
			sj, err = simdjson.Parse(l, sj)
			if err != nil {
				return err
			}
			return walkRecord(sj, r)
		}})
	} else {
		fmt.Println("simdjson-go: this CPU lacks AVX2/CLMUL; not measured")
	}

	var size int64
	for _, l := range lines {
		size += int64(len(l))
	}
	fmt.Printf("decoding %d archive lines (%.0f bytes each) into transcript.Record, GOMAXPROCS=1, %s, best of %d interleaved rounds\n",
		len(lines), float64(size)/float64(len(lines)), runtime.Version(), *rounds)
	for r := 0; r < *rounds; r++ {
		for _, c := range cands {
			var rec transcript.Record
			start := time.Now()
			for i, l := range lines {
				if c.reset != nil && i%2000 == 0 {
					c.reset()
				}
				if err := c.decode(l, &rec); err != nil {
					fmt.Fprintf(os.Stderr, "%s: line %d: %v\n", c.name, i+1, err)
					os.Exit(1)
				}
			}
			if el := time.Since(start); c.best == 0 || el < c.best {
				c.best = el
			}
		}
	}
	base := cands[0].best
	fmt.Printf("\n%-28s %10s %9s %8s  %s\n", "decoder", "ns/record", "MB/s", "x std", "exact (generated / corner cases)")
	for _, c := range cands {
		g := mismatches(c, lines)
		k := mismatches(c, corner)
		verdict := "yes"
		if g+k > 0 {
			verdict = fmt.Sprintf("no: %d of %d generated, %d of %d corner cases differ", g, len(lines), k, len(corner))
		}
		ns := float64(c.best.Nanoseconds()) / float64(len(lines))
		fmt.Printf("%-28s %10.0f %9.1f %7.1fx  %s\n", c.name, ns, float64(size)/1e6/c.best.Seconds(), base.Seconds()/c.best.Seconds(), verdict)
	}
}

// mismatches counts the lines on which c and encoding/json disagree:
// one accepts and the other rejects, or they decode different records.
func mismatches(c *candidate, lines [][]byte) int {
	bad := 0
	for _, l := range lines {
		if c.reset != nil {
			c.reset()
		}
		var want, got transcript.Record
		errW := stdjson.Unmarshal(l, &want)
		var errG error
		panicked := false
		func() {
			defer func() { panicked = recover() != nil }()
			errG = c.decode(l, &got)
		}()
		if panicked {
			bad++
			continue
		}
		if (errW == nil) != (errG == nil) || (errW == nil && !reflect.DeepEqual(want, got)) {
			bad++
		}
	}
	return bad
}

// readSeeds reads every file of a Go fuzz corpus of one []byte argument.
func readSeeds(dir string) ([][]byte, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no fuzz corpus in %s", dir)
	}
	var out [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		_, v, ok := strings.Cut(string(b), "\n")
		v = strings.TrimSpace(v)
		if !ok || !strings.HasPrefix(v, "[]byte(") || !strings.HasSuffix(v, ")") {
			return nil, fmt.Errorf("%s: not a []byte fuzz input", f)
		}
		s, err := strconv.Unquote(v[len("[]byte(") : len(v)-1])
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		out = append(out, []byte(s))
	}
	return out, nil
}

// walkRecord fills r from simdjson-go's tape: simdjson-go parses, it
// does not bind to Go types, so this is the binding a user of it writes.
func walkRecord(pj *simdjson.ParsedJson, r *transcript.Record) error {
	*r = transcript.Record{}
	it := pj.Iter()
	it.Advance()
	var root simdjson.Iter
	typ, _, err := it.Root(&root)
	if err != nil {
		return err
	}
	if typ != simdjson.TypeObject {
		return errors.New("not an object")
	}
	obj, err := root.Object(nil)
	if err != nil {
		return err
	}
	var el simdjson.Iter
	for {
		name, t, err := obj.NextElementBytes(&el)
		if err != nil {
			return err
		}
		if t == simdjson.TypeNone {
			return nil
		}
		switch string(name) {
		case "addr":
			r.Addr, err = el.String()
		case "port":
			var v int64
			v, err = el.Int()
			r.Port = int(v)
		case "code":
			var v int64
			v, err = el.Int()
			r.Code = int(v)
		case "ptr":
			r.PTR, err = el.String()
		case "ptr_status":
			r.PTRStatus, err = el.String()
		case "outcome":
			var s string
			s, err = el.String()
			r.Outcome = transcript.Outcome(s)
		case "error":
			r.Error, err = el.String()
		case "dialogue":
			r.Dialogue, err = el.String()
		case "time":
			var s string
			if s, err = el.String(); err == nil {
				err = r.Time.UnmarshalJSON([]byte(strconv.Quote(s)))
			}
		case "steps":
			err = walkSteps(&el, r)
		case "class":
			r.Class = &transcript.Class{}
			err = walkClass(&el, r.Class)
		case "relay":
			var b bool
			b, err = el.Bool()
			r.Relay = &b
		}
		if err != nil {
			return err
		}
	}
}

func walkSteps(el *simdjson.Iter, r *transcript.Record) error {
	arr, err := el.Array(nil)
	if err != nil {
		return err
	}
	r.Steps = []transcript.Step{}
	it := arr.Iter()
	var st simdjson.Iter
	for {
		t := it.Advance()
		if t == simdjson.TypeNone {
			return nil
		}
		obj, err := it.Object(nil)
		if err != nil {
			return err
		}
		var s transcript.Step
		for {
			name, t, err := obj.NextElementBytes(&st)
			if err != nil {
				return err
			}
			if t == simdjson.TypeNone {
				break
			}
			switch string(name) {
			case "cmd":
				s.Cmd, err = st.String()
			case "err":
				s.Err, err = st.String()
			case "reply":
				var v string
				v, err = st.String()
				s.Reply = []byte(v)
			case "reply_b64":
				var v string
				if v, err = st.String(); err == nil {
					s.Reply, err = base64.StdEncoding.DecodeString(v)
				}
			}
			if err != nil {
				return err
			}
		}
		r.Steps = append(r.Steps, s)
	}
}

func walkClass(el *simdjson.Iter, c *transcript.Class) error {
	obj, err := el.Object(nil)
	if err != nil {
		return err
	}
	var v simdjson.Iter
	for {
		name, t, err := obj.NextElementBytes(&v)
		if err != nil {
			return err
		}
		if t == simdjson.TypeNone {
			return nil
		}
		switch string(name) {
		case "label":
			c.Label, err = v.String()
		case "name":
			c.Name, err = v.String()
		case "version":
			c.Version, err = v.String()
		case "rulebase":
			c.Rulebase, err = v.String()
		case "rulebase_version":
			c.RulesVer, err = v.String()
		case "rulebase_hash":
			c.Hash, err = v.String()
		case "rule":
			var n int64
			n, err = v.Int()
			c.Rule = int(n)
		case "line":
			var n int64
			n, err = v.Int()
			c.Line = int(n)
		case "os":
			var a *simdjson.Array
			if a, err = v.Array(nil); err == nil {
				c.OS, err = a.AsString()
			}
		}
		if err != nil {
			return err
		}
	}
}
