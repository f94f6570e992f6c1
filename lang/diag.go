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
	fmt.Fprintf(b, "%5d | ", line)
	// The caret: copy TABs of the prefix so it lines up, then ^ and ~ for
	// the rest of the span on this line.
	start := min(d.Span.Start-s.lineStarts[line-1], len(text))
	end := min(d.Span.End-s.lineStarts[line-1], len(text))
	shown, pad, width := showLine(text, start, max(start, end))
	b.WriteString(shown)
	marks := "^"
	if width > 1 {
		marks += strings.Repeat("~", width-1)
	}
	fmt.Fprintf(b, "\n%5s | %s%s\n", "", pad, marks)
}

// maxShown is the widest source line a diagnostic shows whole; a longer
// one (a binary file's, say) is cut to this many columns around the caret.
const maxShown = 240

// showLine is a source line as a diagnostic prints it: bytes that are not
// printable text (control bytes but TAB, DEL, invalid UTF-8) as \xNN, so
// a wrong file never sends raw binary to the terminal, and a line wider
// than maxShown cut around bytes start to end, marked with "...". pad is
// the blank prefix that puts a caret under start; width is how many
// columns start to end takes.
func showLine(text string, start, end int) (shown, pad string, width int) {
	type cell struct {
		off int
		s   string
	}
	var cells []cell
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < 0x20 && r != '\t', r == 0x7f:
			cells = append(cells, cell{i, fmt.Sprintf(`\x%02x`, text[i])})
		default:
			cells = append(cells, cell{i, text[i : i+n]})
		}
		i += n
	}
	cols := func(cs []cell) int {
		w := 0
		for _, c := range cs {
			w += utf8.RuneCountInString(c.s)
		}
		return w
	}
	first := len(cells) // the cell where start is
	last := len(cells)
	for i, c := range cells {
		if c.off >= start && first == len(cells) {
			first = i
		}
		if c.off >= end {
			last = i
			break
		}
	}
	lo, hi, pre, post := 0, len(cells), "", ""
	if cols(cells) > maxShown {
		// Keep a little context before the caret and fill the rest.
		lo = first
		for lo > 0 && cols(cells[lo-1:first]) <= maxShown/4 {
			lo--
		}
		hi = lo
		for hi < len(cells) && cols(cells[lo:hi+1]) <= maxShown {
			hi++
		}
		if lo > 0 {
			pre = "..."
		}
		if hi < len(cells) {
			post = "..."
		}
	}
	var sb, pb strings.Builder
	sb.WriteString(pre)
	pb.WriteString(strings.Repeat(" ", len(pre)))
	for i := lo; i < hi; i++ {
		sb.WriteString(cells[i].s)
		if i < first {
			if cells[i].s == "\t" {
				pb.WriteByte('\t')
			} else {
				pb.WriteString(strings.Repeat(" ", utf8.RuneCountInString(cells[i].s)))
			}
		}
	}
	sb.WriteString(post)
	return sb.String(), pb.String(), cols(cells[first:min(max(last, first), hi)])
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
