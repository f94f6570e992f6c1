package compiler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"
)

// TestDiagnostics compiles each bad rule file under testdata/golden/diag
// and pins every rendered diagnostic (position, code, message, source
// line and caret) in the .golden beside it. GOLDIE_UPDATE=1 rewrites them.
func TestDiagnostics(t *testing.T) {
	files, err := filepath.Glob("../testdata/golden/diag/*.fp")
	if err != nil || len(files) == 0 {
		t.Fatalf("no diag files: %v", err)
	}
	g := goldie.New(t, goldie.WithFixtureDir("../testdata/golden/diag"), goldie.WithNameSuffix(".golden"))
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".fp")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, f, diags := CompileSource("testdata/golden/diag/"+filepath.Base(path), string(src))
			if len(diags) == 0 {
				t.Fatal("no diagnostics")
			}
			var b strings.Builder
			for _, d := range diags {
				b.WriteString(f.Source.Render(d))
			}
			g.Assert(t, name, []byte(b.String()))
		})
	}
}
