// Package vm owns compiled rulebases and running them: the Program (plain
// data: a flat byte-level NFA of every pattern, the rules' conditions as
// postfix code, labels, advisories), its content hash, artifact and
// disassembly, and the matcher. It imports nothing else of smtpfp, so a
// compiled rulebase runs without the parser.
//
// Matching is one pass over a transcript. All patterns run together in one
// lazy DFA (states built on demand and cached, as in RE2's dfa.cc and
// swtch.com/~rsc/regexp/) whose states hold only the threads in progress;
// the patterns that match are OR-ed into a per-transcript set as the walk
// passes states entered with hits (set semantics, as RE2::Set), and the
// rules' conditions over that set pick the lowest-numbered rule that holds:
// first match wins by rule order, not by leftmost match. A per-machine
// cache maps each matched set to its winner and to whether the winner is
// already decided, in which case the walk stops early.
//
// Memory is bounded whatever the rules: the DFA cache has a byte budget;
// when it fills it is reset, and if resets come too often the machine
// finishes the transcript by simulating the NFA directly, which needs no
// cache. Go's regexp package, run over Latin-1 text, is the slow oracle the
// tests compare every engine with, and gives spans and version captures.
package vm
