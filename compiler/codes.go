package compiler

import "github.com/smtpfp/smtpfp/lang"

// Diagnostic codes. Each is stable: scripts and suppression comments
// (# fp:ignore CODE) name them. The comment on each shows its rendering.
const (
	// syntax: the line does not parse (from lang).
	//
	//	t.fp:1:9: error[syntax]: expected a name, found end of line
	CodeSyntax = "syntax"

	// missing_header: no `rulebase "NAME" version "V"` statement.
	//
	//	t.fp:1:1: error[missing_header]: missing rulebase header: expected `rulebase "NAME" version "VERSION"`
	CodeMissingHeader = "missing_header"

	// duplicate_header: a second header or view statement.
	//
	//	t.fp:4:1: error[duplicate_header]: duplicate rulebase header
	CodeDuplicateHeader = "duplicate_header"

	// missing_view: no `view djb` or `view raw` statement.
	//
	//	t.fp:1:1: error[missing_view]: missing view: expected `view djb` or `view raw`
	CodeMissingView = "missing_view"

	// unknown_view: the view is not djb or raw.
	//
	//	t.fp:2:6: error[unknown_view]: unknown view "seed" (known: djb, raw)
	CodeUnknownView = "unknown_view"

	// bad_regex: the regex is not a valid awk ERE, uses what the matcher
	// does not support, or has a flag other than i; the caret points into
	// the regex or at the flag.
	//
	//	t.fp:7:7: error[bad_regex]: missing closing ")"
	//	t.fp:6:18: error[bad_regex]: unknown regex flag "g" (known: i, for case-insensitive)
	CodeBadRegex = "bad_regex"

	// too_deep: a condition nested more than 64 levels of "(" and "!"
	// (refused by the parser before it recurses), or a regex more than
	// 100 levels of groups and stacked repetitions.
	//
	//	t.fp:4:65: error[too_deep]: condition nested too deeply: more than 64 levels of "(" and "!"
	CodeTooDeep = lang.CodeTooDeep

	// regex_too_large: a regex whose NFA is over MaxPatternInsts
	// instructions, as counted repetitions make it (the caret is on the
	// largest one): the matcher's cost per byte grows with it.
	//
	//	t.fp:4:8: error[regex_too_large]: regex compiles to 1004 NFA instructions (limit 1000): ...
	CodeRegexTooLarge = "regex_too_large"

	// undefined_label: a rule or default names a label never declared.
	//
	//	t.fp:9:14: error[undefined_label]: undefined label "postfx"
	CodeUndefinedLabel = "undefined_label"

	// duplicate_label: a label declared twice; a note points at the first.
	//
	//	t.fp:6:7: error[duplicate_label]: duplicate label "qmail"
	CodeDuplicateLabel = "duplicate_label"

	// unused_label: a label no rule or default gives (warning).
	//
	//	t.fp:6:7: warning[unused_label]: label "qmail" is never used
	CodeUnusedLabel = "unused_label"

	// unknown_os_tag: an OS tag not in the known list.
	//
	//	t.fp:5:22: error[unknown_os_tag]: unknown OS tag "Unix" (known: unix, windows, ...)
	CodeUnknownOSTag = "unknown_os_tag"

	// unknown_scope: a name before ~ that is not a reply of the dialogue.
	//
	//	t.fp:8:1: error[unknown_scope]: unknown reply "ehl" (known: greeting, ehlo, ...)
	CodeUnknownScope = "unknown_scope"

	// bad_capture: version $N names a group the regex does not have, or
	// the rule has no positive regex to take it from.
	//
	//	t.fp:8:40: error[bad_capture]: version $2: the regex has 1 capture group
	CodeBadCapture = "bad_capture"

	// duplicate_default: more than one default statement.
	CodeDuplicateDefault = "duplicate_default"

	// bad_advisory: an advisory names an unknown label or an empty
	// version, or writes a range's bounds the wrong way round.
	//
	//	t.fp:5:30: error[bad_advisory]: range must start with its lower bound (>= or >), found "<"
	CodeBadAdvisory = "bad_advisory"

	// bad_cpe: a CPE that is not CPE 2.3 formatted (warning).
	//
	//	t.fp:5:40: warning[bad_cpe]: CPE should be "cpe:2.3:" followed by 11 fields
	CodeBadCPE = "bad_cpe"

	// dead_rule: every transcript the rule matches is won by earlier rules,
	// alone or together, so it can never win (lint, warning). Decided on
	// the automata by language inclusion; notes name the covering rules.
	//
	//	t.fp:9:1: warning[dead_rule]: rule can never win: every transcript it matches is won by the rule at line 7
	//	    9 | / ESMTP Sendmail 8/ -> sendmail
	//	      | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
	//	t.fp:7:1: note: covered by this rule
	CodeDeadRule = "dead_rule"

	// shadowed_rule: the rule comes after a rule whose pattern matches
	// every transcript (lint, warning).
	//
	//	t.fp:8:1: warning[shadowed_rule]: rule can never win: the rule at line 7 matches every transcript
	CodeShadowedRule = "shadowed_rule"

	// match_all: a pattern that matches every transcript, so no later rule
	// and not the default can apply (lint, warning).
	//
	//	t.fp:7:1: warning[match_all]: /x*/ matches every transcript: no later rule and not the default can apply
	CodeMatchAll = "match_all"

	// duplicate_pattern: a pattern written before, or one that matches
	// exactly the transcripts an earlier one does (lint, warning).
	//
	//	t.fp:8:1: warning[duplicate_pattern]: /a{2}/ matches exactly what /aa/ at line 7 matches
	CodeDuplicatePattern = "duplicate_pattern"

	// slow_pattern: a pattern whose determinized automaton has many
	// states, which the lazy DFA pays for in memory and cache resets, or
	// that keeps many NFA threads alive at once, which the NFA fallback
	// pays for at every byte (lint, warning).
	//
	//	t.fp:7:1: warning[slow_pattern]: /(a|b)*a(a|b){12}/ determinizes to 8193 states (limit 2000): the lazy DFA pays for each in memory and cache resets
	//	t.fp:13:1: warning[slow_pattern]: greeting ~ /[a-z]{100}N/ keeps up to 101 NFA threads alive at once (limit 64): when the lazy DFA gives up, each costs every byte
	CodeSlowPattern = "slow_pattern"

	// awk_unsupported: import-awk met awk it cannot turn into rules.
	//
	//	seed.awk:12:1: error[awk_unsupported]: a rule whose action does not end with "next" falls through to the next rules: it has no .fp form
	CodeAwkUnsupported = "awk_unsupported"
)
