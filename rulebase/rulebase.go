// Package rulebase owns loading a rulebase (a .fp source through the
// compiler, or the embedded default) and applying it to archive records:
// rendering each record in the program's view, matching, and filling the
// record's classification with the rulebase's name, version and hash.
// Commands, the scanner and reports use it; it leaves parsing to lang,
// compiling to compiler and matching to vm.
package rulebase

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"

	"github.com/smtpfp/smtpfp/compiler"
	"github.com/smtpfp/smtpfp/lang"
	"github.com/smtpfp/smtpfp/rules"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/vm"
)

// Rulebase is a compiled rulebase ready to classify records. It is safe
// for concurrent use.
type Rulebase struct {
	Prog  *vm.Program
	Path  string            // where it came from ("embedded:djb2001.fp" for the default)
	Warns []lang.Diagnostic // warnings from compiling it
	Src   *lang.Source      // nil for a loaded artifact

	display []string // per label: Display()
}

// Advisory is a security advisory a rulebase declares; Op2 and Version2
// are a range's upper bound, empty for one bound.
type Advisory struct {
	ID, Label, Op, Version string
	Op2, Version2          string
}

// DiagError is a rulebase that did not compile: every diagnostic, rendered.
type DiagError struct {
	Src   *lang.Source
	Diags []lang.Diagnostic
}

func (e *DiagError) Error() string {
	var b strings.Builder
	for _, d := range e.Diags {
		b.WriteString(e.Src.Render(d))
	}
	return strings.TrimRight(b.String(), "\n")
}

// Compile builds a rulebase from source text.
func Compile(name, text string) (*Rulebase, error) {
	p, f, diags := compiler.CompileSource(name, text)
	if p == nil {
		return nil, &DiagError{f.Source, diags}
	}
	return New(p, name, f.Source, diags), nil
}

// New wraps a compiled program.
func New(p *vm.Program, path string, src *lang.Source, warns []lang.Diagnostic) *Rulebase {
	r := &Rulebase{Prog: p, Path: path, Src: src, Warns: warns}
	for i := range p.Labels {
		r.display = append(r.display, p.Labels[i].Display())
	}
	return r
}

// Load reads a rulebase: a .fpc compiled artifact, or a .fp source.
// "embedded:NAME" loads a shipped rulebase by name.
func Load(path string) (*Rulebase, error) {
	if name, ok := strings.CutPrefix(path, "embedded:"); ok {
		b, err := fs.ReadFile(rules.FS, name)
		if err != nil {
			return nil, fmt.Errorf("no embedded rulebase %q", name)
		}
		return Compile(path, string(b))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(path, b)
}

// Read makes a rulebase of the bytes of a .fpc artifact or a .fp source
// read from path (which may be a display name such as "<stdin>").
func Read(path string, b []byte) (*Rulebase, error) {
	if IsArtifact(b) || strings.HasSuffix(path, ".fpc") {
		// A .fpc whose first line is damaged is still refused as a
		// compiled rulebase, not misread as source.
		p, err := vm.LoadArtifact(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return New(p, path, nil, nil), nil
	}
	return Compile(path, string(b))
}

var (
	defOnce sync.Once
	def     *Rulebase
)

// Default returns the embedded default rulebase.
func Default() *Rulebase {
	defOnce.Do(func() {
		r, err := Load("embedded:" + rules.DefaultName)
		if err != nil {
			panic("embedded rulebase does not compile: " + err.Error()) // tested
		}
		def = r
	})
	return def
}

// Name, Version and Hash identify the rulebase in every result.
func (r *Rulebase) Name() string    { return r.Prog.Name }
func (r *Rulebase) Version() string { return r.Prog.Version }
func (r *Rulebase) Hash() string    { return r.Prog.Hash() }

// Advisories lists the advisories the rulebase declares.
func (r *Rulebase) Advisories() []Advisory {
	var out []Advisory
	for _, a := range r.Prog.Advisories {
		out = append(out, Advisory{ID: a.ID, Label: r.Prog.Labels[a.Label].ID, Op: a.Op, Version: a.Version,
			Op2: a.Op2, Version2: a.Version2})
	}
	return out
}

// Display returns the tally name of label i; for -1, "not sure" is not
// assumed: the empty string.
func (r *Rulebase) Display(label int) string {
	if label < 0 {
		return ""
	}
	return r.display[label]
}

// ClassOf turns a match result into the archive's classification.
func (r *Rulebase) ClassOf(res vm.Result) *transcript.Class {
	c := &transcript.Class{Rule: res.Rule, Version: res.Version, Rulebase: r.Prog.Name,
		RulesVer: r.Prog.Version, Hash: r.Prog.Hash()}
	if res.Label >= 0 {
		l := &r.Prog.Labels[res.Label]
		c.Label, c.Name, c.OS = l.ID, r.display[res.Label], l.OS
		c.Vendor, c.Product, c.CPE = l.Vendor, l.Product, CPEWithVersion(l.CPE, res.Version)
	}
	if res.Rule >= 0 {
		c.Line = r.Prog.Rules[res.Rule].Line
	}
	return c
}

// CPEWithVersion fills the version field of a CPE 2.3 formatted string
// (its sixth) with a captured version, escaped as CPE 2.3 wants, when
// the field is "*"; a CPE that names its version already, or no
// version, leaves it as it is.
func CPEWithVersion(cpe, version string) string {
	if cpe == "" || version == "" {
		return cpe
	}
	f := strings.SplitN(cpe, ":", 7)
	if len(f) < 7 || f[0] != "cpe" || f[1] != "2.3" || f[5] != "*" {
		return cpe
	}
	var b strings.Builder
	for _, c := range version {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	f[5] = b.String()
	return strings.Join(f, ":")
}
