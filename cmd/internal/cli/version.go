package cli

import (
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"runtime/debug"

	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/rules"
)

// PrintVersion writes what --version prints: the program's module
// version, the Go that built it and the VCS revision when the build
// recorded one (go build in a git checkout does; go test does not), then
// each embedded rulebase by file, name, version and hash, since a result
// is only comparable with another of the same rulebase hash.
func PrintVersion(w io.Writer, prog string) error {
	version, vcs := "unknown", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		var rev, at, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = ", modified"
				}
			}
		}
		if rev != "" {
			vcs = fmt.Sprintf("revision %s %s%s", rev, at, modified)
		}
	}
	fmt.Fprintf(w, "%s %s (%s %s/%s)\n", prog, version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if vcs != "" {
		fmt.Fprintln(w, vcs)
	}
	fmt.Fprintln(w, "embedded rulebases:")
	names, err := fs.Glob(rules.FS, "*.fp")
	if err != nil {
		return err
	}
	for _, name := range names {
		rb, err := rulebase.Load("embedded:" + name)
		if err != nil {
			return err
		}
		def := ""
		if name == rules.DefaultName {
			def = " (the default)"
		}
		fmt.Fprintf(w, "  %-12s %s %s %s%s\n", name, rb.Name(), rb.Version(), rb.Hash(), def)
	}
	return nil
}
