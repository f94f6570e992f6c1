package lang

import (
	"strings"
	"testing"
)

// TestIssue15RenderBinary: a diagnostic never prints raw binary bytes (a
// binary file given as a rulebase flooded the terminal), and a very long
// line is cut around the caret, which still points at the right byte.
func TestIssue15RenderBinary(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		span       Span
		want       string
	}{
		{"control bytes", "\x7fELF\x02\x01 -> x", Span{0, 1},
			"f:1:1: error[syntax]: bad\n    1 | \\x7fELF\\x02\\x01 -> x\n      | ^~~~\n"},
		{"caret after escapes", "a\x00b\tc\xff", Span{4, 6},
			"f:1:5: error[syntax]: bad\n    1 | a\\x00b\tc\\xff\n      |       \t^~~~~\n"},
		{"utf-8 kept", "/é/ \x1b", Span{5, 6},
			"f:1:5: error[syntax]: bad\n    1 | /é/ \\x1b\n      |     ^~~~\n"},
		{"long line cut", strings.Repeat("a", 300) + "X" + strings.Repeat("b", 300), Span{300, 301},
			"f:1:301: error[syntax]: bad\n    1 | ..." + strings.Repeat("a", 60) + "X" + strings.Repeat("b", 179) + "...\n      |    " + strings.Repeat(" ", 60) + "^\n"},
	} {
		src := NewSource("f", tt.text)
		got := src.Render(Diagnostic{Severity: Error, Code: "syntax", Span: tt.span, Message: "bad"})
		if got != tt.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}
