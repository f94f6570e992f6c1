// Package transcript owns what a survey records about one address and how
// it is stored and shown to the rules: the Record (address, PTR, outcome,
// the dialogue's commands and the server's exact reply bytes), its
// JSON-lines archive encoding, which round-trips every byte a server sent
// (NUL, bare CR and invalid UTF-8 included), the reader that names the
// record number of a malformed line, and the views (the seed's one-line
// "ADDRESS TRANSCRIPT" view and the raw view) that turn a Record into a
// vm.Input. It does not classify: that is vm's job.
package transcript
