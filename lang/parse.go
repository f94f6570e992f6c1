package lang

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

var parser = participle.MustBuild[Line](
	participle.Lexer(Lexer),
	participle.Elide("Whitespace"),
)

// Parse parses a rule file. It always returns a File holding every line
// that parsed, and the diagnostics of every line that did not. It never
// panics on any input (fuzzed by FuzzParse).
func Parse(name, text string) (*File, []Diagnostic) {
	src := NewSource(name, text)
	f := &File{Source: src}
	var diags []Diagnostic
	for n := 1; n <= src.Lines(); n++ {
		if n == src.Lines() && src.LineStart(n) == len(text) && n > 1 {
			break // the empty "line" after a final newline
		}
		lineText := src.Line(n)
		off := src.LineStart(n)
		if d := precheck(lineText, off); d != nil {
			diags = append(diags, *d)
			f.BadLines = append(f.BadLines, n)
			continue
		}
		ln, err := parser.ParseString(name, lineText)
		if err != nil {
			diags = append(diags, syntaxDiag(err, lineText, off))
			f.BadLines = append(f.BadLines, n)
			// Keep a placeholder so the formatter can refuse to run and
			// line numbers stay meaningful.
			continue
		}
		shift(reflect.ValueOf(ln), off, n)
		diags = append(diags, unquote(ln)...)
		f.Lines = append(f.Lines, ln)
	}
	return f, Sort(diags)
}

// shift moves every lexer.Position in v from line-relative to file
// coordinates. Walking the AST by reflection keeps the grammar structs
// free of bookkeeping.
func shift(v reflect.Value, off, line int) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			shift(v.Elem(), off, line)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			shift(v.Index(i), off, line)
		}
	case reflect.Struct:
		if p, ok := v.Addr().Interface().(*lexer.Position); ok {
			p.Offset += off
			p.Line = line
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				shift(v.Field(i), off, line)
			}
		}
	}
}

// unquote fills Str.Value for every string of a line.
func unquote(ln *Line) []Diagnostic {
	var diags []Diagnostic
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			if s, ok := v.Interface().(*Str); ok {
				val, err := strconv.Unquote(s.Lit)
				if err != nil {
					diags = append(diags, Diagnostic{Severity: Error, Code: "syntax", Span: s.Span(),
						Message: fmt.Sprintf("invalid escape in string %s", s.Lit)})
					val = s.Lit[1 : len(s.Lit)-1]
				}
				s.Value = val
				return
			}
			walk(v.Elem())
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		}
	}
	walk(reflect.ValueOf(ln))
	return diags
}

var unexpectedRE = regexp.MustCompile(`^unexpected token "((?:[^"\\]|\\.)*)"(?: \(expected (.*)\))?$`)

// syntaxDiag turns participle's error into a diagnostic in the house
// style: the position of the offending token, "expected X, found Y".
func syntaxDiag(err error, line string, off int) Diagnostic {
	d := Diagnostic{Severity: Error, Code: "syntax", Span: Span{off, off}, Message: err.Error()}
	perr, ok := err.(participle.Error)
	if !ok {
		return d
	}
	pos := perr.Position()
	start := off + pos.Offset
	d.Span = Span{start, start}
	tok := tokenAt(line, pos.Offset)
	msg := perr.Message()
	switch {
	case tok.Type == Lexer.Symbols()["Unterminated"] && strings.HasPrefix(tok.Value, "/"):
		d.Message = `unterminated regex: expected "/" before end of line`
		d.Span.End = start + 1
		return d
	case tok.Type == Lexer.Symbols()["Unterminated"]:
		d.Message = `unterminated string: expected "\"" before end of line`
		d.Span.End = start + 1
		return d
	case tok.Type == Lexer.Symbols()["Stray"]:
		d.Message = fmt.Sprintf("unexpected character %q", tok.Value)
		d.Span.End = start + len(tok.Value)
		return d
	}
	if m := unexpectedRE.FindStringSubmatch(msg); m != nil {
		found := fmt.Sprintf("%q", tok.Value)
		if tok.EOF() {
			found = "end of line"
		}
		d.Span.End = start + len(tok.Value)
		if m[2] != "" {
			d.Message = fmt.Sprintf("expected %s, found %s", prettyExpect(m[2]), found)
		} else {
			d.Message = fmt.Sprintf("unexpected %s", found)
		}
		return d
	}
	d.Message = msg
	return d
}

// prettyExpect rewrites participle's grammar description of what it
// wanted ("Ident (\"version\" Cap)?") into words: the first thing the
// grammar needed, by name.
func prettyExpect(s string) string {
	first := s
	if i := strings.IndexAny(s, " |"); i >= 0 {
		first = s[:i]
	}
	names := map[string]string{"Ident": "a name", "Str": "a string", "Regex": "a regex", "Cap": "a capture like $1",
		"Or": "a pattern", "And": "a pattern", "Unary": "a pattern", "Primary": "a pattern", "Match": "a regex",
		"<ident>": "a name", "<string>": "a string", "<regex>": "a regex", "<capture>": "a capture like $1",
		"<number>": "a number"}
	if n, ok := names[first]; ok {
		return n
	}
	return first
}

// tokenAt returns the token of line starting at byte offset off, or EOF.
func tokenAt(line string, off int) lexer.Token {
	lx, err := Lexer.LexString("", line)
	if err != nil {
		return lexer.EOFToken(lexer.Position{})
	}
	for {
		t, err := lx.Next()
		if err != nil || t.EOF() {
			return lexer.EOFToken(t.Pos)
		}
		if t.Pos.Offset == off && t.Type != Lexer.Symbols()["Whitespace"] {
			return t
		}
		if t.Pos.Offset > off {
			return t
		}
	}
}
