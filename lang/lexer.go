package lang

import "github.com/alecthomas/participle/v2/lexer"

// Lexer is the token grammar of one line. Rules are tried in order, so a
// regex literal is taken before anything that could start inside it, and
// the Unterminated and Stray rules catch what would otherwise be a lexer
// failure, so every mistake reaches the parser as a token with a position
// and gets a message that names it.
var Lexer = lexer.MustSimple([]lexer.SimpleRule{
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
})
