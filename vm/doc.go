// Package vm owns compiled rulebases and running them: the Program (plain
// data: a flat byte-level NFA of every pattern, the rules' conditions as
// postfix code, labels, advisories), its content hash and disassembly, and
// the matcher. It imports nothing else of smtpfp, so a compiled rulebase
// runs without the parser.
//
// Matching is one pass over a transcript. All patterns run together in one
// automaton that tracks which of them have matched so far (set semantics,
// as RE2::Set), and the rules' conditions are evaluated over that set to
// pick the lowest-numbered rule that holds: first match wins by rule order,
// not by leftmost match. The automaton is a lazy DFA (states built on
// demand and cached, as in RE2's dfa.cc and swtch.com/~rsc/regexp/) with a
// memory budget; when the cache fills it is reset, and if resets come too
// often the machine finishes the transcript by simulating the NFA directly,
// which needs no cache. Patterns that can no longer change the winner are
// pruned from the automaton as matching goes on, and when none is left the
// pass stops early.
package vm
