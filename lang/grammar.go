package lang

import (
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar structs are the AST. Pos and EndPos are filled by
// participle; Parse shifts them from line-relative to file offsets, so
// Pos.Offset and EndPos.Offset are byte offsets into the file.

// File is a parsed rule file.
type File struct {
	Source *Source
	Lines  []*Line
	// BadLines are the numbers of lines that did not parse; they are
	// missing from Lines, so checks that need the whole file (such as
	// "label is never used") are skipped when there are any.
	BadLines []int
}

// Line is one line of source: an optional statement and an optional
// comment. Blank lines are kept (Stmt and Comment nil) for the formatter.
type Line struct {
	Pos     lexer.Position
	Stmt    *Stmt   `parser:"@@?"`
	Comment *string `parser:"@Comment?"`
	EndPos  lexer.Position
}

// Stmt is one statement. Keyword statements come first: a rule starts
// with a regex, "(", "!" or a scope name, none of which is a keyword.
type Stmt struct {
	Header   *Header   `parser:"  @@"`
	View     *ViewDecl `parser:"| @@"`
	Label    *Label    `parser:"| @@"`
	Default  *Default  `parser:"| @@"`
	Advisory *Advisory `parser:"| @@"`
	Rule     *Rule     `parser:"| @@"`
}

// Header names the rulebase: rulebase "NAME" version "VERSION".
type Header struct {
	Pos     lexer.Position
	Name    *Str `parser:"'rulebase' @@"`
	Version *Str `parser:"'version' @@"`
}

// ViewDecl declares the transcript view: view djb | view raw.
type ViewDecl struct {
	Pos  lexer.Position
	Name *Ident `parser:"'view' @@"`
}

// Label declares a label: label ID "NAME" [os TAG, ...] [vendor "V"]
// [product "P"] [cpe "CPE"].
type Label struct {
	Pos     lexer.Position
	ID      *Ident   `parser:"'label' @@"`
	Name    *Str     `parser:"@@"`
	OS      []*Ident `parser:"( 'os' @@ ( ',' @@ )* )?"`
	Vendor  *Str     `parser:"( 'vendor' @@ )?"`
	Product *Str     `parser:"( 'product' @@ )?"`
	CPE     *Str     `parser:"( 'cpe' @@ )?"`
}

// Default names the label given when no rule matches: default -> ID.
type Default struct {
	Pos   lexer.Position
	Label *Ident `parser:"'default' '->' @@"`
}

// Advisory declares a security advisory for versions of a label:
// advisory "CVE-2020-7247" opensmtpd < "6.6.2", or with both bounds of a
// range, advisory "CA-96.20" sendmail >= "8.7" && < "8.7.6".
type Advisory struct {
	Pos     lexer.Position
	ID      *Str   `parser:"'advisory' @@"`
	Label   *Ident `parser:"@@"`
	Op      string `parser:"@( '<=' | '>=' | '<' | '>' | '=' )"`
	Version *Str   `parser:"@@"`
	// Upper is the range's second bound, after "&&"; nil for one bound.
	Upper *Bound `parser:"( '&&' @@ )?"`
}

// Bound is the second bound of an advisory's range: OP "VERSION".
type Bound struct {
	Pos     lexer.Position
	Op      string `parser:"@( '<=' | '>=' | '<' | '>' | '=' )"`
	Version *Str   `parser:"@@"`
}

// Rule is PATTERN -> LABEL [version $N].
type Rule struct {
	Pos     lexer.Position
	Cond    *Or    `parser:"@@"`
	Label   *Ident `parser:"'->' @@"`
	Version *Cap   `parser:"( 'version' @@ )?"`
	EndPos  lexer.Position
}

// Or is A || B || ...
type Or struct {
	Pos   lexer.Position
	Terms []*And `parser:"@@ ( '||' @@ )*"`
}

// And is A && B && ...
type And struct {
	Pos     lexer.Position
	Factors []*Unary `parser:"@@ ( '&&' @@ )*"`
}

// Unary is !X or a primary.
type Unary struct {
	Pos  lexer.Position
	Not  *Unary   `parser:"  '!' @@"`
	Prim *Primary `parser:"| @@"`
}

// Primary is ( OR ) or a match.
type Primary struct {
	Pos   lexer.Position
	Group *Or    `parser:"  '(' @@ ')'"`
	Match *Match `parser:"| @@"`
}

// Match is /ERE/ or SCOPE ~ /ERE/ or SCOPE !~ /ERE/.
type Match struct {
	Pos    lexer.Position
	Scope  *Ident `parser:"( @@"`
	Op     string `parser:"  @( '~' | '!~' ) )?"`
	Regex  *Regex `parser:"@@"`
	EndPos lexer.Position
}

// Regex is a regex literal: the slashes, the source between them exactly
// as written (escapes such as \/ still in it), and the flags after the
// closing slash (Flags; the compiler knows "i").
type Regex struct {
	Pos    lexer.Position
	Lit    string `parser:"@Regex"`
	EndPos lexer.Position
}

// closing is the index in Lit of the closing slash: the last one, since
// flags are letters and digits.
func (r *Regex) closing() int { return strings.LastIndexByte(r.Lit, '/') }

// Text returns the regex source between the slashes.
func (r *Regex) Text() string { return r.Lit[1:r.closing()] }

// TextSpan returns the span of the bytes between the slashes.
func (r *Regex) TextSpan() Span { return Span{r.Pos.Offset + 1, r.Pos.Offset + r.closing()} }

// Flags returns the flags written after the closing slash ("" for none).
func (r *Regex) Flags() string { return r.Lit[r.closing()+1:] }

// FlagsSpan returns the span of the flags.
func (r *Regex) FlagsSpan() Span { return Span{r.Pos.Offset + r.closing() + 1, r.EndPos.Offset} }

// Ident is an identifier with its position.
type Ident struct {
	Pos    lexer.Position
	Name   string `parser:"@Ident"`
	EndPos lexer.Position
}

// Span of the identifier.
func (i *Ident) Span() Span { return Span{i.Pos.Offset, i.EndPos.Offset} }

// Str is a double-quoted string. Lit keeps the quotes and escapes as
// written; Value is filled by Parse.
type Str struct {
	Pos    lexer.Position
	Lit    string `parser:"@String"`
	EndPos lexer.Position
	Value  string
}

// Span of the string literal, quotes included.
func (s *Str) Span() Span { return Span{s.Pos.Offset, s.EndPos.Offset} }

// Cap is a capture reference $N.
type Cap struct {
	Pos    lexer.Position
	Lit    string `parser:"@Capture"`
	EndPos lexer.Position
}

// Span of the capture reference.
func (c *Cap) Span() Span { return Span{c.Pos.Offset, c.EndPos.Offset} }

// Span of the match: scope (if any) through the closing slash.
func (m *Match) Span() Span { return Span{m.Pos.Offset, m.EndPos.Offset} }

// Span of the rule from its first byte to the end of its last token.
func (r *Rule) Span() Span { return Span{r.Pos.Offset, r.EndPos.Offset} }
