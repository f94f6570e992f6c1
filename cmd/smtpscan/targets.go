package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/scan"
)

// runTargets is `smtpscan targets`: a target list built the 1996 way from
// DNS zone files: glue addresses, plus the A records of each delegated
// domain and of its MX hosts, deduplicated, exclusions removed.
func runTargets(args []string, stdin *cli.Stdin, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpscan targets", "usage: smtpscan targets --zone FILE... [flags]",
		"Builds a target list the 1996 way from DNS zone files: glue addresses, plus the A records\n"+
			"of each delegated domain and of its MX hosts, deduplicated, exclusions removed; one\n"+
			"address a line, for smtpscan --targets or --from-list. A zone FILE may be - (stdin).")
	var (
		zones        []string
		origin       string
		resolver     string
		noLookups    bool
		concurrency  int
		timeout      time.Duration
		retries      int
		output       string
		blocklists   []string
		allowPrivate bool
	)
	fs.StringArrayVar(&zones, "zone", nil, "zone `FILE` to read (repeatable; more files may follow the flags)")
	fs.StringVar(&origin, "origin", "", "origin of zone files without $ORIGIN (default: the file name without .zone)")
	fs.StringVar(&resolver, "resolver", "", "resolver `HOST:PORT` for the MX/A lookups (default: from /etc/resolv.conf)")
	fs.BoolVar(&noLookups, "no-lookups", false, "glue addresses only: no MX/A lookups")
	fs.IntVar(&concurrency, "dns-concurrency", 100, "lookups at once")
	fs.DurationVar(&timeout, "dns-timeout", 2*time.Second, "timeout of one DNS try")
	fs.IntVar(&retries, "dns-retries", 2, "DNS tries after a timeout")
	fs.StringVarP(&output, "output", "o", "", "write the list to `FILE` (default and -: stdout)")
	fs.StringArrayVar(&blocklists, "blocklist", nil, "also drop the CIDR ranges in `FILE`")
	fs.BoolVar(&allowPrivate, "allow-private", false, "keep private-use and loopback addresses")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	switch {
	case concurrency < 1:
		return fs.Fail(stderr, "--dns-concurrency %d: want at least 1", concurrency)
	case timeout <= 0:
		return fs.Fail(stderr, "--dns-timeout %v: want a duration above 0 (as 2s)", timeout)
	case retries < 0:
		return fs.Fail(stderr, "--dns-retries %d: want 0 or more", retries)
	}
	zones = append(zones, fs.Args()...)
	if len(zones) == 0 {
		return fs.Fail(stderr, "give at least one --zone FILE")
	}
	ex, code := exclusions(allowPrivate, blocklists, stdin, stderr)
	if ex == nil {
		return code
	}
	var z scan.Zone
	for _, path := range zones {
		f, name, err := stdin.Open(path, "--zone")
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitUsage
		}
		o := origin
		if o == "" && path == "-" {
			f.Close()
			return fs.Fail(stderr, "--zone -: give --origin (a zone from standard input has no file name to take it from)")
		}
		if o == "" {
			o = zoneOrigin(path)
		}
		err = z.ReadZone(name, f, o)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitUsage
		}
	}
	var res *scan.DNSResolver
	if !noLookups {
		if resolver == "" {
			var err error
			if resolver, err = scan.SystemResolver("/etc/resolv.conf"); err != nil {
				fmt.Fprintf(stderr, "smtpscan: %v (use --resolver or --no-lookups)\n", err)
				return exitFail
			}
		}
		res = &scan.DNSResolver{Server: resolver, Timeout: timeout, Retries: retries}
		defer res.Close()
	}
	addrs, look := z.Addresses(context.Background(), res, concurrency, ex)
	if output == "" {
		output = "-"
	}
	out, err := pipeline.Create(output, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "smtpscan: %v\n", err)
		return exitFail
	}
	w := newLineWriter(out)
	for _, a := range addrs {
		w.line(a.String())
	}
	err = w.flush()
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(stderr, "smtpscan: %v\n", err)
		return exitFail
	}
	fmt.Fprintf(stderr, "smtpscan: %d addresses from %d glue records and %d domains\n", len(addrs), len(z.Glue), len(z.Domains))
	if n := look.Failures(); n > 0 {
		// The list is written, but lacks what these would have found.
		fmt.Fprintf(stderr, "smtpscan: %d of %d MX/A lookups through %s failed (%v): the list lacks their addresses\n", n, look.N, resolver, look)
		return exitFail
	}
	return exitOK
}

// zoneOrigin guesses a zone's name from its file name: "com.zone" is com.
func zoneOrigin(path string) string {
	base := path
	for i := len(base) - 1; i >= 0; i-- {
		if base[i] == '/' {
			base = base[i+1:]
			break
		}
	}
	for _, suf := range []string{".zone", ".db", ".txt"} {
		if len(base) > len(suf) && base[len(base)-len(suf):] == suf {
			return base[:len(base)-len(suf)]
		}
	}
	return base
}
