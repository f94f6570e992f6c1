package lang

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Span is a half-open range of byte offsets into a source file. Byte
// offsets are the truth; line and column are worked out only when a
// diagnostic is printed. Columns count runes (as participle's
// lexer.Position does), so a caret lines up under UTF-8 text; a TAB in the
// source line is copied into the caret line so the caret lines up in any
// tab width.
type Span struct {
	Start, End int
}

// Severity of a diagnostic.
type Severity uint8

const (
	Error Severity = iota
	Warning
	Note
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// Diagnostic is one finding about a source file: a parse error, a compile
// error or a lint warning. Code is a stable snake_case name (the compiler
// lists its codes in compiler/codes.go; the parser's is "syntax").
type Diagnostic struct {
	Severity Severity
	Code     string
	Span     Span
	Message  string
	Notes    []Diagnostic // extra locations ("earlier rule is here"), rendered as note: lines
}

// Source is a named rule file.
type Source struct {
	Name string
	Text string
	// lineStarts[i] is the byte offset where line i+1 starts.
	lineStarts []int
}

// NewSource indexes text for position lookups.
func NewSource(name, text string) *Source {
	s := &Source{Name: name, Text: text, lineStarts: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			s.lineStarts = append(s.lineStarts, i+1)
		}
	}
	return s
}

// LineCol returns the 1-based line and rune column of a byte offset.
func (s *Source) LineCol(off int) (line, col int) {
	if off > len(s.Text) {
		off = len(s.Text)
	}
	i := sort.Search(len(s.lineStarts), func(i int) bool { return s.lineStarts[i] > off }) - 1
	start := s.lineStarts[i]
	return i + 1, utf8.RuneCountInString(s.Text[start:off]) + 1
}

// Line returns the text of 1-based line n without its newline.
func (s *Source) Line(n int) string {
	if n < 1 || n > len(s.lineStarts) {
		return ""
	}
	start := s.lineStarts[n-1]
	end := len(s.Text)
	if n < len(s.lineStarts) {
		end = s.lineStarts[n] - 1
	}
	return strings.TrimSuffix(s.Text[start:end], "\r")
}

// LineStart returns the byte offset where 1-based line n starts.
func (s *Source) LineStart(n int) int { return s.lineStarts[n-1] }

// Lines is the number of lines.
func (s *Source) Lines() int { return len(s.lineStarts) }

// Render prints d in the house format:
//
//	rules/djb2001.fp:7:7: error[bad_regex]: missing closing )
//	    7 | /^220 (ESMTP/ -> sendmail
//	      |       ^
func (s *Source) Render(d Diagnostic) string {
	var b strings.Builder
	s.render(&b, d)
	for _, n := range d.Notes {
		s.render(&b, n)
	}
	return b.String()
}

func (s *Source) render(b *strings.Builder, d Diagnostic) {
	line, col := s.LineCol(d.Span.Start)
	sev := d.Severity.String()
	if d.Code != "" {
		sev += "[" + d.Code + "]"
	}
	fmt.Fprintf(b, "%s:%d:%d: %s: %s\n", s.Name, line, col, sev, d.Message)
	text := s.Line(line)
	num := fmt.Sprint(line)
	fmt.Fprintf(b, "%5s | %s\n", num, text)
	// The caret: copy TABs of the prefix so it lines up, then ^ and ~ for
	// the rest of the span on this line.
	start := d.Span.Start - s.lineStarts[line-1]
	if start > len(text) {
		start = len(text)
	}
	var pad strings.Builder
	for _, r := range text[:start] {
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	end := d.Span.End - s.lineStarts[line-1]
	if end > len(text) {
		end = len(text)
	}
	width := utf8.RuneCountInString(text[start:max(start, end)])
	marks := "^"
	if width > 1 {
		marks += strings.Repeat("~", width-1)
	}
	fmt.Fprintf(b, "%5s | %s%s\n", "", pad.String(), marks)
}

// MaxErrors is where diagnostics stop: after this many errors the list
// ends with a "too many errors" note.
const MaxErrors = 50

// Sort orders diagnostics by position (then severity, then message), and
// cuts the list after MaxErrors errors.
func Sort(ds []Diagnostic) []Diagnostic {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return a.Message < b.Message
	})
	n := 0
	for i, d := range ds {
		if d.Severity == Error {
			n++
			if n > MaxErrors {
				out := ds[:i:i]
				return append(out, Diagnostic{Severity: Error, Code: "too_many_errors", Span: d.Span,
					Message: fmt.Sprintf("too many errors (stopped after %d)", MaxErrors)})
			}
		}
	}
	return ds
}

// HasErrors reports whether any diagnostic is an error.
func HasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}
