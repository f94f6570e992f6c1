package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes the report as one indented JSON object: the Report
// type, field for field. Its "summary" reads back with ReadPrevious.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// ReadPrevious reads an earlier survey for comparison: a JSON report
// (WriteJSON's output, whose summary it returns) or an archive, told
// apart by the first key of the first object ("summary" for a report).
func ReadPrevious(name string, r io.Reader, opt Options) (*Summary, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(4096)
	if !isReport(head) {
		return ReadArchive(name, br, opt)
	}
	var rep struct {
		Summary *Summary `json:"summary"`
	}
	if err := json.NewDecoder(br).Decode(&rep); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if rep.Summary == nil {
		return nil, fmt.Errorf("%s: report has no summary", name)
	}
	rep.Summary.Files = []string{name}
	return rep.Summary, nil
}

// isReport reports whether b starts a JSON object whose first key is
// "summary".
func isReport(b []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	t, err := dec.Token()
	return err == nil && t == "summary"
}
