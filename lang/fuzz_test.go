package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse: Parse never panics, every diagnostic has a code and a span
// inside the file whose rendering names its line, and a file that parses
// formats to text that parses to the same format. Seeds: the shipped
// rulebases and the golden rule files, line by line and whole, and the
// corpus in testdata/fuzz/FuzzParse. CI runs it briefly:
//
//	go test ./lang -run '^$' -fuzz '^FuzzParse$' -fuzztime 10s
func FuzzParse(f *testing.F) {
	var files []string
	for _, g := range []string{"../rules/*.fp", "../testdata/golden/*/*.fp"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
		for _, line := range strings.Split(string(b), "\n") {
			f.Add(line + "\n")
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		file, diags := Parse("f.fp", src)
		if file == nil {
			t.Fatal("nil file")
		}
		for _, d := range diags {
			if d.Code == "" {
				t.Errorf("diagnostic without a code: %+v", d)
			}
			if d.Span.Start < 0 || d.Span.Start > d.Span.End || d.Span.End > len(src) {
				t.Errorf("span %v outside the file (%d bytes): %s", d.Span, len(src), d.Message)
			}
			out := file.Source.Render(d)
			line, col := file.Source.LineCol(d.Span.Start)
			if !strings.HasPrefix(out, "f.fp:") || line < 1 || col < 1 || line > file.Source.Lines() {
				t.Errorf("rendered at %d:%d:\n%s", line, col, out)
			}
		}
		if HasErrors(diags) {
			return
		}
		once := Format(file)
		f2, diags := Parse("f.fp", once)
		if HasErrors(diags) {
			t.Fatalf("formatted text does not parse: %s\n%q", diags[0].Message, once)
		}
		if twice := Format(f2); twice != once {
			t.Fatalf("format is not idempotent:\n%q\n%q", once, twice)
		}
	})
}
