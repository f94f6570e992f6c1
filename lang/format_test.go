package lang

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFormat(t *testing.T) {
	messy := "# header comment\n\n\nrulebase   \"x\"  version \"1\"   # trailing\nview   djb\nlabel a \"A\"   os unix ,windows  vendor \"V\"\n\n\n\n" +
		"   /a\tb/->a   # tab kept in regex\n(greeting~/x/||!ehlo !~ /y/)&&/z/ -> a version $1\ndefault->a\n\n"
	want := "# header comment\n\nrulebase \"x\" version \"1\" # trailing\nview djb\nlabel a \"A\" os unix, windows vendor \"V\"\n\n" +
		"/a\tb/ -> a # tab kept in regex\n(greeting ~ /x/ || !ehlo !~ /y/) && /z/ -> a version $1\ndefault -> a\n"
	f, ds := Parse("m.fp", messy)
	if len(ds) > 0 {
		t.Fatalf("parse: %v", ds)
	}
	got := Format(f)
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	f2, _ := Parse("m.fp", got)
	if again := Format(f2); again != got {
		t.Errorf("not idempotent:\n%s", again)
	}
}

// TestFormatShippedRules: the shipped rulebases are in canonical form.
func TestFormatShippedRules(t *testing.T) {
	files, _ := filepath.Glob("../rules/*.fp")
	if len(files) == 0 {
		t.Fatal("no rules")
	}
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, ds := Parse(path, string(b))
		if HasErrors(ds) {
			t.Fatalf("%s: %v", path, ds)
		}
		if got := Format(f); got != string(b) {
			t.Errorf("%s is not in canonical form (run make fmt)", path)
		}
	}
}

// An advisory's range keeps both bounds, in the canonical spacing.
func TestFormatAdvisoryRange(t *testing.T) {
	src := "rulebase \"x\" version \"1\"\nadvisory   \"CA-96.20\" sendmail >=\"8.7\"&&<  \"8.7.6\"\nadvisory \"CA-95.08\" sendmail >= \"5\" && < \"6\"\n"
	want := "rulebase \"x\" version \"1\"\nadvisory \"CA-96.20\" sendmail >= \"8.7\" && < \"8.7.6\"\nadvisory \"CA-95.08\" sendmail >= \"5\" && < \"6\"\n"
	f, ds := Parse("a.fp", src)
	if len(ds) > 0 {
		t.Fatalf("parse: %v", ds)
	}
	if got := Format(f); got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	a := f.Lines[1].Stmt.Advisory
	if a.Upper == nil || a.Upper.Op != "<" || a.Upper.Version.Value != "8.7.6" || a.Op != ">=" || a.Version.Value != "8.7" {
		t.Errorf("advisory parsed as %+v upper %+v", a, a.Upper)
	}
}
