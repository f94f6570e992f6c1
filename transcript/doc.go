// Package transcript owns what a survey records about one address and how
// it is stored and shown to the rules: the Record (address, PTR, outcome,
// the dialogue's commands and the server's exact reply bytes), its
// JSON-lines archive encoding, which round-trips every byte a server sent
// (NUL, bare CR and invalid UTF-8 included), Decoder, which decodes one
// archive line, and RecordError, which names the record number of a
// malformed one. Reading a file of records (splitting it into lines,
// compression, other scanners' formats) is package pipeline's, the one
// record reader. It imports nothing of ours: the archive format does not
// depend on the matcher (the views rules see are package view's).
package transcript
