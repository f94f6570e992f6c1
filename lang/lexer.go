package lang

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// lexRules is the token grammar of one line. Rules are tried in order, so
// a regex literal is taken before anything that could start inside it,
// and the Unterminated and Stray rules catch what would otherwise be a
// lexer failure, so every mistake reaches the parser as a token with a
// position and gets a message that names it.
//
// Lexer implements these rules by hand: participle's lexer for them
// (lexer.MustSimple(lexRules)) runs each rule's regexp in turn at every
// token, which made lexing most of the cost of loading a rulebase.
// TestLexerAgrees checks the two give the same tokens.
var lexRules = []lexer.SimpleRule{
	{Name: "Comment", Pattern: `#[^\n]*`},
	// Awk's regex literal: \/ is a slash; any other byte but newline is
	// itself. Unlike gawk, a / inside brackets must be written \/ too.
	// Letters right after the closing slash are its flags (/.../i); they
	// are taken whole, so the compiler can name an unknown one.
	{Name: "Regex", Pattern: `/(?:\\[^\n]|[^/\\\n])*/[A-Za-z0-9_]*`},
	{Name: "String", Pattern: `"(?:\\[^\n]|[^"\\\n])*"`},
	{Name: "Unterminated", Pattern: `[/"][^\n]*`},
	{Name: "Capture", Pattern: `\$[0-9]+`},
	{Name: "Arrow", Pattern: `->`},
	{Name: "Op", Pattern: `&&|\|\||!~|<=|>=|[!~(),<>=]`},
	{Name: "Ident", Pattern: `[A-Za-z_][A-Za-z0-9_]*`},
	{Name: "Number", Pattern: `[0-9]+`},
	{Name: "Whitespace", Pattern: `[ \t\r]+`},
	{Name: "Stray", Pattern: `[^\n]`},
}

// Token types, numbered as participle numbers lexRules: EOF -1, then
// down from -2 in order.
const (
	tokComment lexer.TokenType = -2 - iota
	tokRegex
	tokString
	tokUnterminated
	tokCapture
	tokArrow
	tokOp
	tokIdent
	tokNumber
	tokWhitespace
	tokStray
)

// Lexer is the lexer of one line: lexRules.
var Lexer = lineDef{symbols: func() map[string]lexer.TokenType {
	m := map[string]lexer.TokenType{"EOF": lexer.EOF}
	for i, r := range lexRules {
		m[r.Name] = tokComment - lexer.TokenType(i)
	}
	return m
}()}

type lineDef struct{ symbols map[string]lexer.TokenType }

// Symbols maps each rule's name to its token type.
func (d lineDef) Symbols() map[string]lexer.TokenType { return d.symbols }

// Lex reads all of r and lexes it.
func (d lineDef) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	var b strings.Builder
	if _, err := io.Copy(&b, r); err != nil {
		return nil, err
	}
	return d.LexString(filename, b.String())
}

// LexString lexes s.
func (d lineDef) LexString(filename, s string) (lexer.Lexer, error) {
	return &lineLexer{data: s, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}, nil
}

type lineLexer struct {
	data string
	pos  lexer.Position
}

func isIdentStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdent(c byte) bool      { return isIdentStart(c) || isDigit(c) }

// quoted returns the length of the literal closed by q at the start of s
// (`q(\\[^\n]|[^q\\\n])*q`), or 0 if it is not closed on the line.
func quoted(s string, q byte) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case q:
			return i + 1
		case '\n':
			return 0
		case '\\':
			// \ and the rune after it, which is not a newline. A rune of
			// more bytes goes on as bytes: none of them is special.
			if i+1 >= len(s) || s[i+1] == '\n' {
				return 0
			}
			i++
		}
	}
	return 0
}

// match returns the rule and the length of the token at the start of s,
// the first rule of lexRules that matches; n is 0 if none does.
func match(s string) (typ lexer.TokenType, n int) {
	c := s[0]
	span := func(i int, ok func(byte) bool) int {
		for i < len(s) && ok(s[i]) {
			i++
		}
		return i
	}
	toEOL := func() int {
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			return i
		}
		return len(s)
	}
	switch {
	case c == '#':
		return tokComment, toEOL()
	case c == '/':
		if n := quoted(s, '/'); n > 0 {
			return tokRegex, span(n, isIdent)
		}
		return tokUnterminated, toEOL()
	case c == '"':
		if n := quoted(s, '"'); n > 0 {
			return tokString, n
		}
		return tokUnterminated, toEOL()
	case c == '$' && len(s) > 1 && isDigit(s[1]):
		return tokCapture, span(1, isDigit)
	case strings.HasPrefix(s, "->"):
		return tokArrow, 2
	}
	if len(s) > 1 {
		switch s[:2] {
		case "&&", "||", "!~", "<=", ">=":
			return tokOp, 2
		}
	}
	switch {
	case strings.IndexByte("!~(),<>=", c) >= 0:
		return tokOp, 1
	case isIdentStart(c):
		return tokIdent, span(1, isIdent)
	case isDigit(c):
		return tokNumber, span(1, isDigit)
	case c == ' ' || c == '\t' || c == '\r':
		return tokWhitespace, span(1, func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' })
	case c == '\n':
		return 0, 0
	}
	_, w := utf8.DecodeRuneInString(s)
	return tokStray, w
}

// Next returns the next token, as participle's lexer does: the same
// positions (columns count runes), and the same error where no rule
// matches (at a newline, which a line does not hold).
func (l *lineLexer) Next() (lexer.Token, error) {
	if len(l.data) == 0 {
		return lexer.EOFToken(l.pos), nil
	}
	typ, n := match(l.data)
	if n == 0 {
		sample := []rune(l.data)
		if len(sample) > 16 {
			sample = append(sample[:16], []rune("...")...)
		}
		return lexer.Token{}, &lexer.Error{Msg: fmt.Sprintf("lexer: invalid input text %q", string(sample)), Pos: l.pos}
	}
	tok := lexer.Token{Type: typ, Value: l.data[:n], Pos: l.pos}
	l.data = l.data[n:]
	l.pos.Offset += n
	l.pos.Column += utf8.RuneCountInString(tok.Value)
	return tok, nil
}
