package corpus

import (
	"bytes"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/view"
	"github.com/smtpfp/smtpfp/vm"
)

const (
	awkScript = "../testdata/djb2001.awk"
	fpFile    = "../rules/djb2001.fp"
)

var docPrefixes = []netip.Prefix{
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
}

func isDocAddr(s string) bool {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return false
	}
	for _, p := range docPrefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func seedView(rec *transcript.Record) []byte {
	return view.View(rec, vm.ViewDJB, nil, nil).Text
}

func TestDJB2001Cases(t *testing.T) {
	cs := DJB2001()
	if len(cs) != len(djbPatterns)+1 {
		t.Fatalf("got %d cases, want one per rule (%d) and one for the default", len(cs), len(djbPatterns))
	}
	for i, c := range cs {
		wantRule := i
		if i == len(cs)-1 {
			wantRule = -1
		}
		if c.Rule != wantRule {
			t.Errorf("%s: Rule %d, want %d", c.Name, c.Rule, wantRule)
		}
		r := &c.Record
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
		if !isDocAddr(r.Addr) {
			t.Errorf("%s: address %q is not in a documentation range", c.Name, r.Addr)
		}
		if r.Outcome != transcript.Greeted || r.Dialogue != "smtpfp/1" {
			t.Errorf("%s: outcome %q dialogue %q, want greeted smtpfp/1", c.Name, r.Outcome, r.Dialogue)
		}
		if len(r.Steps) == 0 || len(r.Steps) > len(commands) {
			t.Fatalf("%s: %d steps", c.Name, len(r.Steps))
		}
		for j, s := range r.Steps {
			if s.Cmd != commands[j] {
				t.Errorf("%s: step %d is %q, want %q", c.Name, j, s.Cmd, commands[j])
			}
		}
		if len(r.Steps) < len(commands) && r.Error == "" {
			t.Errorf("%s: %d steps and no Error saying why", c.Name, len(r.Steps))
		}
		if bytes.IndexByte(seedView(r), '\n') >= 0 {
			t.Errorf("%s: seed view has a newline", c.Name)
		}
	}
}

func TestDJB2001ReturnsCopies(t *testing.T) {
	a := DJB2001()
	a[1].Record.Steps[0].Reply[0] = 'X'
	a[1].Record.Steps = nil
	b := DJB2001()
	if b[1].Record.Steps[0].Reply[0] != '2' {
		t.Errorf("DJB2001 shares reply bytes between calls")
	}
}

func TestTally2001(t *testing.T) {
	if len(Tally2001) != 49 {
		t.Errorf("got %d rows, want 49", len(Tally2001))
	}
	sum := 0
	seen := map[string]bool{}
	for _, r := range Tally2001 {
		sum += r.Count
		if seen[r.Name] {
			t.Errorf("row %q twice", r.Name)
		}
		seen[r.Name] = true
		if len(ForName(r.Name)) == 0 {
			t.Errorf("row %q has no case", r.Name)
		}
	}
	if sum != 958 {
		t.Errorf("rows sum to %d, want 958", sum)
	}
	for id, name := range djbNames {
		if !seen[name] {
			t.Errorf("label %s prints %q, which is no tally row", id, name)
		}
	}
	if got := ForName("no such row"); got != nil {
		t.Errorf("ForName of an unknown row: got %d cases", len(got))
	}
}

func TestLoadCorrupt(t *testing.T) {
	good, err := djbFiles.ReadFile("djb2001/02-qmail.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"bad json", fstest.MapFS{"d/01-qmail.jsonl": {Data: []byte("{\"addr\": 1\n")}}, "d/01-qmail.jsonl: record 1: "},
		{"no record", fstest.MapFS{"d/01-qmail.jsonl": {Data: []byte("\n")}}, "d/01-qmail.jsonl: no record"},
		{"two records", fstest.MapFS{"d/01-qmail.jsonl": {Data: append(append([]byte{}, good...), good...)}}, "more than one record"},
		{"unknown label", fstest.MapFS{"d/01-qmial.jsonl": {Data: good}}, `unknown label "qmial"`},
		{"bad number", fstest.MapFS{"d/x1-qmail.jsonl": {Data: good}}, `rule number "x1"`},
		{"no dash", fstest.MapFS{"d/qmail.jsonl": {Data: good}}, `name is not`},
		{"same rule", fstest.MapFS{"d/01-qmail.jsonl": {Data: good}, "d/01-smap.jsonl": {Data: good}}, "rule 1 already has 01-qmail"},
		{"empty", fstest.MapFS{"d/README": {Data: good}}, "no cases"},
	} {
		_, err := load(tc.fsys, "d")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got error %v, want one containing %q", tc.name, err, tc.want)
		}
		func() {
			defer func() {
				if r := recover(); r == nil {
					t.Errorf("%s: mustLoad did not panic", tc.name)
				}
			}()
			mustLoad(tc.fsys, "d")
		}()
	}
	if _, err := load(fstest.MapFS{"d/02-qmail.jsonl": {Data: good}}, "d"); err != nil {
		t.Errorf("good file: %v", err)
	}
}

// lookGawk finds gawk, skipping the test without it, except in CI.
func lookGawk(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("gawk")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("gawk not found; CI installs it (apt-get install gawk)")
		}
		t.Skip("gawk not found; install it to compare with the seed's script")
	}
	return p
}

// runGawk runs script over one seed view a line and returns gawk's lines.
func runGawk(t *testing.T, gawk, script string, views [][]byte) []string {
	t.Helper()
	var in bytes.Buffer
	for _, v := range views {
		if bytes.IndexByte(v, '\n') >= 0 {
			t.Fatalf("seed view has a newline: %q", v)
		}
		in.Write(v)
		in.WriteByte('\n')
	}
	cmd := exec.Command(gawk, "-f", script)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gawk -f %s: %v\n%s", script, err, stderr.Bytes())
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(views) {
		t.Fatalf("gawk printed %d lines for %d inputs", len(lines), len(views))
	}
	return lines
}

// ruleScript rewrites the seed's script so each rule prints its index in
// the .fp order (0 the 554 rule) and the default prints -1.
func ruleScript(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(awkScript)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	n := 0
	for _, l := range strings.Split(string(src), "\n") {
		switch {
		case strings.HasPrefix(l, "/"):
			i := strings.LastIndex(l, "/ { print ")
			l = l[:i] + "/ { print " + strconv.Itoa(n) + "; next }"
			n++
		case l == `{ print "not sure" }`:
			l = "{ print -1 }"
		}
		out = append(out, l)
	}
	p := filepath.Join(t.TempDir(), "rules.awk")
	if err := os.WriteFile(p, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGawk(t *testing.T) {
	gawk := lookGawk(t)
	cs := DJB2001()
	views := make([][]byte, len(cs))
	for i := range cs {
		views[i] = seedView(&cs[i].Record)
	}
	names := runGawk(t, gawk, awkScript, views)
	rules := runGawk(t, gawk, ruleScript(t), views)
	for i, c := range cs {
		if names[i] != c.Want {
			t.Errorf("%s: gawk printed %q, want %q", c.Name, names[i], c.Want)
		}
		if rules[i] != strconv.Itoa(c.Rule) {
			t.Errorf("%s: rule %s won, want %d", c.Name, rules[i], c.Rule)
		}
	}
}

// TestGawkPlainGenerated checks that fresh hosts, dates and versions keep
// every case in its row.
func TestGawkPlainGenerated(t *testing.T) {
	gawk := lookGawk(t)
	g := NewGenerator(7)
	var views [][]byte
	var want []string
	kinds := map[kind]int{}
	var rec transcript.Record
	for i := 0; i < 5000; i++ {
		g.Next(&rec)
		kinds[g.last.kind]++
		if g.last.kind != kindPlain {
			continue
		}
		views = append(views, seedView(&rec))
		want = append(want, g.ts.all[g.last.tmpl].c.Name+"\t"+g.ts.all[g.last.tmpl].c.Want)
	}
	for k := kind(0); k < numKinds; k++ {
		if kinds[k] == 0 {
			t.Errorf("kind %d never made", k)
		}
	}
	got := runGawk(t, gawk, awkScript, views)
	bad := 0
	for i := range got {
		name, w, _ := strings.Cut(want[i], "\t")
		if got[i] != w && bad < 10 {
			bad++
			t.Errorf("generated from %s: gawk printed %q, want %q\n%q", name, got[i], w, views[i])
		}
	}
}

// TestRulebase keeps the three copies of the seed in step: the label lines
// and rules of rules/djb2001.fp, the seed's awk script, and this package's
// djbNames and djbPatterns.
func TestRulebase(t *testing.T) {
	fp, err := os.ReadFile(fpFile)
	if err != nil {
		t.Fatal(err)
	}
	tags := map[string]string{"unix": "UNIX", "windows": "Windows", "macos": "MacOS", "vms": "VMS"}
	labelRE := regexp.MustCompile(`^label ([a-z0-9]+) "([^"]*)"(?: os ([a-z0-9, ]+?))?(?: vendor "[^"]*")?(?: product "[^"]*")?(?: cpe "[^"]*")?$`)
	labels := map[string]string{}
	var pats []string
	for _, l := range strings.Split(string(fp), "\n") {
		switch {
		case strings.HasPrefix(l, "label "):
			m := labelRE.FindStringSubmatch(l)
			if m == nil {
				t.Errorf("label line not understood: %s", l)
				continue
			}
			name := m[2]
			if m[3] != "" {
				var os []string
				for _, tag := range strings.Split(m[3], ", ") {
					os = append(os, tags[tag])
				}
				name = strings.Join(os, "/") + " " + name
			}
			labels[m[1]] = name
		case strings.HasPrefix(l, "/"):
			pats = append(pats, l[1:strings.LastIndex(l, "/ -> ")])
		}
	}
	if !reflect.DeepEqual(labels, djbNames) {
		t.Errorf("labels of %s:\n%v\nwant djbNames:\n%v", fpFile, labels, djbNames)
	}
	if !reflect.DeepEqual(pats, djbPatterns[:]) {
		t.Errorf("rules of %s differ from djbPatterns", fpFile)
	}

	awk, err := os.ReadFile(awkScript)
	if err != nil {
		t.Fatal(err)
	}
	assign := regexp.MustCompile(`^\t([a-z0-9]+) = "([^"]*)"$`)
	print := regexp.MustCompile(`\{ print ([a-z0-9]+|"[^"]*"); next \}`)
	vars := map[string]string{}
	pats = pats[:0]
	for _, l := range strings.Split(string(awk), "\n") {
		if m := assign.FindStringSubmatch(l); m != nil {
			vars[m[1]] = m[2]
		}
		if !strings.HasPrefix(l, "/") {
			continue
		}
		i := strings.LastIndex(l, "/ { print ")
		pats = append(pats, l[1:i])
		m := print.FindStringSubmatch(l[i:])
		if m == nil {
			t.Errorf("awk action not understood: %s", l[i:])
			continue
		}
		name, ok := vars[m[1]]
		if strings.HasPrefix(m[1], `"`) {
			name, ok = strings.Trim(m[1], `"`), true
		}
		if !ok {
			t.Errorf("awk prints %s, which BEGIN does not set", m[1])
		}
		id := djbLabelOfRule(len(pats) - 1)
		if djbNames[id] != name {
			t.Errorf("awk rule %d prints %q, .fp rule gives %s = %q", len(pats)-1, name, id, djbNames[id])
		}
	}
	if !reflect.DeepEqual(pats, djbPatterns[:]) {
		t.Errorf("patterns of %s differ from djbPatterns", awkScript)
	}
}

// djbLabelOfRule is the label the .fp gives rule i, read off the case
// file names.
func djbLabelOfRule(i int) string {
	for _, c := range djbCases() {
		if c.Rule == i {
			_, label, _ := strings.Cut(c.Name, "-")
			return label
		}
	}
	return ""
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(42, 3000), Generate(42, 3000)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("Generate(42, 3000) differs between calls")
	}
	c := Generate(43, 3000)
	if reflect.DeepEqual(a, c) {
		t.Fatal("seeds 42 and 43 give the same records")
	}
	// The streaming form gives the same records as Generate.
	g := NewGenerator(42)
	var rec transcript.Record
	for i := range a {
		g.Next(&rec)
		if !sameRecord(&rec, &a[i]) {
			t.Fatalf("record %d: Next and Generate differ", i)
		}
	}
}

func TestGenerateShape(t *testing.T) {
	recs := Generate(1, 20000)
	total, nul, invalid, cr := 0, 0, 0, 0
	for i := range recs {
		r := &recs[i]
		if err := r.Validate(); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if !isDocAddr(r.Addr) {
			t.Fatalf("record %d: address %q is not in a documentation range", i, r.Addr)
		}
		v := seedView(r)
		total += len(v)
		for _, s := range r.Steps {
			if bytes.IndexByte(s.Reply, 0) >= 0 {
				nul++
			}
			if bytes.IndexByte(s.Reply, '\r') >= 0 && bytes.IndexByte(s.Reply, '\n') < 0 {
				cr++
			}
			if !utf8.Valid(s.Reply) {
				invalid++
			}
		}
	}
	mean := total / len(recs)
	t.Logf("mean seed view %d bytes; replies with NUL %d, invalid UTF-8 %d, CR without LF %d", mean, nul, invalid, cr)
	if mean < 400 || mean > 700 {
		t.Errorf("mean seed view is %d bytes, want 400 to 700", mean)
	}
	if nul == 0 || invalid == 0 {
		t.Errorf("no reply with NUL (%d) or invalid UTF-8 (%d)", nul, invalid)
	}
}

func TestRoundTrip(t *testing.T) {
	var recs []transcript.Record
	for _, c := range DJB2001() {
		recs = append(recs, c.Record)
	}
	recs = append(recs, Generate(3, 5000)...)
	var buf bytes.Buffer
	w := transcript.NewWriter(&buf)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	nul, invalid := false, false
	i := 0
	// Read back by the one record reader, as every command reads.
	err := pipeline.Each(&pipeline.Input{Name: "roundtrip", R: &buf}, func(n int, got *transcript.Record) error {
		if i == len(recs) {
			return fmt.Errorf("record %d: more records than were written", n)
		}
		if !sameRecord(got, &recs[i]) {
			return fmt.Errorf("record %d changed:\ngot  %+v\nwant %+v", i, *got, recs[i])
		}
		var again bytes.Buffer
		if err := transcript.NewWriter(&again).Write(got); err != nil {
			return err
		}
		if !bytes.Equal(again.Bytes(), lines[i]) {
			return fmt.Errorf("record %d encodes differently after a round trip:\n%s\n%s", i, again.Bytes(), lines[i])
		}
		for _, s := range got.Steps {
			nul = nul || bytes.IndexByte(s.Reply, 0) >= 0
			invalid = invalid || !utf8.Valid(s.Reply)
		}
		i++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if i != len(recs) {
		t.Errorf("%d records read back, %d written", i, len(recs))
	}
	if !nul || !invalid {
		t.Errorf("no reply with NUL (%v) or invalid UTF-8 (%v) went through", nul, invalid)
	}
}

// sameRecord compares records byte for byte; a nil and an empty reply are
// the same bytes.
func sameRecord(a, b *transcript.Record) bool {
	if len(a.Steps) != len(b.Steps) {
		return false
	}
	for i := range a.Steps {
		x, y := a.Steps[i], b.Steps[i]
		if x.Cmd != y.Cmd || x.Err != y.Err || !bytes.Equal(x.Reply, y.Reply) {
			return false
		}
	}
	x, y := *a, *b
	x.Steps, y.Steps = nil, nil
	return x.Time.Equal(y.Time) && reflect.DeepEqual(stripTime(x), stripTime(y))
}

func stripTime(r transcript.Record) transcript.Record {
	r.Time = r.Time.UTC()
	return r
}

func BenchmarkNext(b *testing.B) {
	g := NewGenerator(1)
	var rec transcript.Record
	for b.Loop() {
		g.Next(&rec)
	}
}

func BenchmarkGenerate100k(b *testing.B) {
	for b.Loop() {
		Generate(1, 100000)
	}
}
