package lang

import (
	"fmt"

	"github.com/alecthomas/participle/v2/lexer"
)

// MaxNesting is how deep a condition may nest: the levels of "(" and "!"
// in effect at any point of a rule. participle parses by recursion, a few
// Go frames a level, so the limit is enforced on the tokens before the
// parser runs: a line of 150,000 "(" or 1,000,000 "!" is refused after
// its first 65 tokens instead of overflowing the stack.
const MaxNesting = 64

// CodeTooDeep is the code of a condition or regex nested over its limit.
const CodeTooDeep = "too_deep"

// precheck reads the tokens of one line before participle does, one at a
// time, for what participle cannot report well: nesting over MaxNesting
// (refused before any recursion), and an operator with nothing after it,
// which participle's backtracking reports at the operator as `expected
// "->"`. It returns nil when the parser should run.
func precheck(line string, off int) *Diagnostic {
	lx, err := Lexer.LexString("", line)
	if err != nil {
		return nil
	}
	sym := Lexer.Symbols()
	var (
		stack   []int // per open "(": the "!" pending when it opened
		base    int   // levels of the open groups: sum of (pending "!" + 1)
		pending int   // "!" read at this level, waiting for their operand
		prev    lexer.Token
		first   = true
	)
	for {
		t, err := lx.Next()
		if err != nil {
			return nil
		}
		if t.Type == sym["Whitespace"] {
			continue
		}
		if first && t.Type == sym["Ident"] && t.Value == "advisory" {
			// An advisory's range ("&& <") is not a condition.
			return nil
		}
		if d := missingOperand(prev, t, off); d != nil {
			return d
		}
		prev, first = t, false
		switch {
		case t.EOF(), t.Type == sym["Arrow"]:
			return nil // the condition is over; what follows is the parser's
		case t.Type == sym["Regex"]:
			pending = 0
		case t.Type != sym["Op"]:
		case t.Value == "!":
			pending++
		case t.Value == "(":
			stack = append(stack, pending)
			base += pending + 1
			pending = 0
		case t.Value == ")":
			if n := len(stack); n > 0 {
				base -= stack[n-1] + 1
				stack = stack[:n-1]
			}
			pending = 0
		}
		if base+pending > MaxNesting {
			return &Diagnostic{Severity: Error, Code: CodeTooDeep, Span: Span{off + t.Pos.Offset, off + t.Pos.Offset + len(t.Value)},
				Message: fmt.Sprintf("condition nested too deeply: more than %d levels of \"(\" and \"!\"", MaxNesting)}
		}
	}
}

// missingOperand checks the token t after an operator op that needs a
// condition ("&&", "||", "!", "(") or a regex ("~", "!~") after it.
func missingOperand(op, t lexer.Token, off int) *Diagnostic {
	sym := Lexer.Symbols()
	if op.Type != sym["Op"] {
		return nil
	}
	var want string
	switch op.Value {
	case "&&", "||", "!", "(":
		want = "a condition"
	case "~", "!~":
		want = "a regex"
	default:
		return nil
	}
	fits := t.Type == sym["Regex"] ||
		want == "a condition" && (t.Type == sym["Ident"] || t.Type == sym["Op"] && (t.Value == "(" || t.Value == "!"))
	at, end, found := t.Pos.Offset, t.Pos.Offset, "end of line"
	switch {
	case fits, t.Type == sym["Unterminated"], t.Type == sym["Stray"]:
		return nil // fine, or the parser names the mistake better
	case t.EOF(), t.Type == sym["Comment"]:
	default:
		end, found = at+len(t.Value), fmt.Sprintf("%q", t.Value)
	}
	return &Diagnostic{Severity: Error, Code: "syntax", Span: Span{off + at, off + end},
		Message: fmt.Sprintf("expected %s after %s, found %s", want, op.Value, found)}
}
