// Package rulestest tests the shipped rulebases in rules/ against recorded
// transcripts: rules cannot hold tests itself, since it only embeds the
// .fp files. It has no code of its own.
package rulestest
