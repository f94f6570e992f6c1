package lang

import (
	"fmt"
	"strings"
	"testing"
)

// TestLexer prints each token as line:col type "text", as goawk's lexer
// tests do.
func TestLexer(t *testing.T) {
	tests := []struct{ src, want string }{
		{`/ ESMTP Postfix / -> postfix # comment`,
			`1:1 Regex "/ ESMTP Postfix /" | 1:19 Arrow "->" | 1:22 Ident "postfix" | 1:30 Comment "# comment"`},
		{`/a\/b[/]/ -> x`, // \/ is a slash; an unescaped / in brackets ends the regex
			`1:1 Regex "/a\\/b[/" | 1:8 Stray "]" | 1:9 Unterminated "/ -> x"`},
		{"/\tTAB\t/ -> x version $1",
			`1:1 Regex "/\tTAB\t/" | 1:9 Arrow "->" | 1:12 Ident "x" | 1:14 Ident "version" | 1:22 Capture "$1"`},
		{`greeting !~ /x/ && !(ehlo ~ /y/) || /z/`,
			`1:1 Ident "greeting" | 1:10 Op "!~" | 1:13 Regex "/x/" | 1:17 Op "&&" | 1:20 Op "!" | 1:21 Op "(" | 1:22 Ident "ehlo" | 1:27 Op "~" | 1:29 Regex "/y/" | 1:32 Op ")" | 1:34 Op "||" | 1:37 Regex "/z/"`},
		{`label a "A \"quoted\"" os unix, windows`,
			`1:1 Ident "label" | 1:7 Ident "a" | 1:9 String "\"A \\\"quoted\\\"\"" | 1:24 Ident "os" | 1:27 Ident "unix" | 1:31 Op "," | 1:33 Ident "windows"`},
		{`advisory "CVE-1" x <= "1.2" @`,
			`1:1 Ident "advisory" | 1:10 String "\"CVE-1\"" | 1:18 Ident "x" | 1:20 Op "<=" | 1:23 String "\"1.2\"" | 1:29 Stray "@"`},
		{`"open`, `1:1 Unterminated "\"open"`},
		{`greeting ~ /exim/i -> exim`, // flags are part of the literal
			`1:1 Ident "greeting" | 1:10 Op "~" | 1:12 Regex "/exim/i" | 1:20 Arrow "->" | 1:23 Ident "exim"`},
	}
	sym := map[string]string{}
	for name, typ := range Lexer.Symbols() {
		sym[fmt.Sprint(typ)] = name
	}
	for _, tt := range tests {
		lx, err := Lexer.Lex("", strings.NewReader(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for {
			tok, err := lx.Next()
			if err != nil {
				t.Fatalf("%q: %v", tt.src, err)
			}
			if tok.EOF() {
				break
			}
			name := sym[fmt.Sprint(tok.Type)]
			if name == "Whitespace" {
				continue
			}
			got = append(got, fmt.Sprintf("%d:%d %s %q", tok.Pos.Line, tok.Pos.Column, name, tok.Value))
		}
		if g := strings.Join(got, " | "); g != tt.want {
			t.Errorf("%q:\ngot  %s\nwant %s", tt.src, g, tt.want)
		}
	}
}
