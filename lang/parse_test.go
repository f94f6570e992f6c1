package lang

import (
	"strings"
	"testing"
)

func TestParseErrorsRender(t *testing.T) {
	tests := []struct{ src, want string }{
		{"/abc -> x\n", "t.fp:1:1: error[syntax]: unterminated regex: expected \"/\" before end of line\n    1 | /abc -> x\n      | ^\n"},
		{"/abc/ ->\n", "t.fp:1:9: error[syntax]: expected a name, found end of line\n    1 | /abc/ ->\n      |         ^\n"},
		{"label x \"X\" os unix,\n", "t.fp:1:21: error[syntax]: expected a name, found end of line\n    1 | label x \"X\" os unix,\n      |                     ^\n"},
		{"/a/ -> x @\n", "t.fp:1:10: error[syntax]: unexpected character \"@\"\n    1 | /a/ -> x @\n      |          ^\n"},
		// Once `expected "->", found "&&"`, at the operator: participle
		// backtracks out of the && that has nothing after it.
		{"greeting ~ /x/ && -> postfix\n", "t.fp:1:19: error[syntax]: expected a condition after &&, found \"->\"\n    1 | greeting ~ /x/ && -> postfix\n      |                   ^~\n"},
	}
	for _, tt := range tests {
		f, ds := Parse("t.fp", tt.src)
		if f == nil || len(ds) != 1 {
			t.Fatalf("%q: got %d diagnostics %v", tt.src, len(ds), ds)
		}
		if got := f.Source.Render(ds[0]); got != tt.want {
			t.Errorf("%q:\ngot:\n%s\nwant:\n%s", tt.src, got, tt.want)
		}
	}
}

func TestParseEveryLineReported(t *testing.T) {
	src := "/a/ -> \n/b/ -> ok\n(/c/ -> x\n"
	_, ds := Parse("t.fp", src)
	var lines []string
	for _, d := range ds {
		lines = append(lines, strings.SplitN(d.Message, ",", 2)[0])
	}
	if len(ds) != 2 {
		t.Fatalf("got %d diagnostics, want 2: %v", len(ds), lines)
	}
}

// TestParseTooDeep: nesting over MaxNesting is refused from the tokens,
// before participle recurses: 150,000 "(" or 1,000,000 "!" used to
// overflow Go's stack (#13). The error points at the token
// that goes one level too deep.
func TestParseTooDeep(t *testing.T) {
	tests := []struct {
		name, src string
		deep      bool
	}{
		{"150000 parentheses", strings.Repeat("(", 150000) + "/a/" + strings.Repeat(")", 150000) + " -> x\n", true},
		{"1000000 nots", strings.Repeat("!", 1000000) + "/a/ -> x\n", true},
		{"64 parentheses", strings.Repeat("(", 64) + "/a/" + strings.Repeat(")", 64) + " -> x\n", false},
		{"65 parentheses", strings.Repeat("(", 65) + "/a/" + strings.Repeat(")", 65) + " -> x\n", true},
		{"32 !( levels", strings.Repeat("!(", 32) + "/a/" + strings.Repeat(")", 32) + " -> x\n", false},
		{"33 !( levels", strings.Repeat("!(", 33) + "/a/" + strings.Repeat(")", 33) + " -> x\n", true},
		// Levels are those open at once: siblings do not add up.
		{"wide", strings.Repeat("(!!/a/) && ", 100) + "/b/ -> x\n", false},
	}
	for _, tt := range tests {
		f, ds := Parse("t.fp", tt.src)
		if !tt.deep {
			if len(ds) != 0 {
				t.Errorf("%s: %v", tt.name, ds[0].Message)
			}
			continue
		}
		if len(ds) != 1 || ds[0].Code != CodeTooDeep {
			t.Fatalf("%s: got %v", tt.name, ds)
		}
		line, col := f.Source.LineCol(ds[0].Span.Start)
		if line != 1 || col != MaxNesting+1 {
			t.Errorf("%s: at %d:%d, want 1:%d", tt.name, line, col, MaxNesting+1)
		}
		if len(f.BadLines) != 1 {
			t.Errorf("%s: bad lines %v", tt.name, f.BadLines)
		}
	}
}
