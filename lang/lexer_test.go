package lang

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
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

// TestLexerAgrees: the hand-written Lexer gives the tokens (type, text,
// position) and errors participle's lexer of lexRules gives, on every
// line of the shipped rulebases and the test files, and on random lines
// of the bytes the rules tell apart.
func TestLexerAgrees(t *testing.T) {
	ref := lexer.MustSimple(lexRules)
	if !reflect.DeepEqual(Lexer.Symbols(), ref.Symbols()) {
		t.Fatalf("symbols %v, participle's %v", Lexer.Symbols(), ref.Symbols())
	}
	var lines []string
	for _, glob := range []string{"../rules/*.fp", "../testdata/golden/*/*.fp", "testdata/fuzz/FuzzParse/*"} {
		files, _ := filepath.Glob(glob)
		for _, path := range files {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(b), "\n") {
				// A fuzz corpus file holds string("...") values.
				if v, ok := strings.CutPrefix(line, "string("); ok {
					if u, err := strconv.Unquote(strings.TrimSuffix(v, ")")); err == nil {
						lines = append(lines, strings.Split(u, "\n")...)
					}
				}
				lines = append(lines, line)
			}
		}
	}
	if len(lines) < 1000 {
		t.Fatalf("only %d lines", len(lines))
	}
	pieces := []string{"/", "\\", `"`, "#", "$", "$1", "0", "9", "a", "Z", "_", "-", ">", "->", "&", "|", "!", "~", "<", "=",
		"(", ")", ",", " ", "\t", "\r", "\n", "é", "\xff", "\xe2\x82", "\\/", `\"`, "\\\xe9", "@", "/i", "+", "\x00"}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for k := r.Intn(12); k >= 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		lines = append(lines, b.String())
	}
	lex := func(def lexer.Definition, line string) []string {
		lx, err := def.Lex("f.fp", strings.NewReader(line))
		if err != nil {
			return []string{"error " + err.Error()}
		}
		var out []string
		for {
			tok, err := lx.Next()
			if err != nil {
				e := err.(*lexer.Error)
				return append(out, fmt.Sprintf("error %q at %+v", e.Msg, e.Pos))
			}
			out = append(out, fmt.Sprintf("%d %q %+v", tok.Type, tok.Value, tok.Pos))
			if tok.EOF() {
				return out
			}
		}
	}
	for _, line := range lines {
		got, want := lex(Lexer, line), lex(ref, line)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\ngot  %v\nwant %v", line, got, want)
		}
		if s, _ := Lexer.LexString("f.fp", line); !reflect.DeepEqual(lexAll(s), lexAll(must(ref.LexString("f.fp", line)))) {
			t.Fatalf("%q: LexString differs", line)
		}
	}
}

func must(l lexer.Lexer, _ error) lexer.Lexer { return l }

func lexAll(l lexer.Lexer) []lexer.Token {
	var out []lexer.Token
	for {
		tok, err := l.Next()
		if err != nil || tok.EOF() {
			return append(out, tok)
		}
		out = append(out, tok)
	}
}
