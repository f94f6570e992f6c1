// Package lang owns the text of the .fp rule language: its lexer, its
// grammar (participle structs that are also the AST), source positions and
// spans, diagnostics and their rendering, and the formatter. It knows
// nothing of regex semantics or matching: the compiler checks meaning and
// builds a vm.Program, so a compiled rulebase runs without this package.
//
// The language is line-oriented: one statement a line. Parse parses each
// line on its own, so one bad line gives one error and the other lines are
// still checked: every error of a file is reported in one run.
package lang
