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
