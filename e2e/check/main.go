// Command check is the assertion half of `make e2e`: it reads the archive
// smtpscan wrote while surveying the real servers that e2e/run.sh started,
// and checks that each server was greeted and labelled as the product it
// is, with the version it runs whenever the server shows that version on
// the wire (postfix, courier, opensmtpd, chasquid, smtp-server and go-smtp
// never do; then no version may be claimed).
//
//	check [--tls|--smtps] SERVERS.jsonl ARCHIVE.jsonl
//
// SERVERS.jsonl is e2e/run.sh's $E2E_SERVERS_JSON. It prints one line per
// server and exits 1 if any is wrong or missing. With --tls the archive
// is of smtpscan --starttls, and each record's TLS is checked too; with
// --smtps it is of smtpscan --smtps at chasquid's submission-over-TLS
// ports, and only their TLS is checked (tls.go).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/transcript"
)

type server struct {
	Addr    string `json:"addr"`
	Product string `json:"product"`
	Version string `json:"version"`
	Variant string `json:"variant"`
}

func main() {
	args := os.Args[1:]
	mode := ""
	if len(args) > 0 && (args[0] == "--tls" || args[0] == "--smtps") {
		mode, args = args[0], args[1:]
	}
	if len(args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: check [--tls|--smtps] SERVERS.jsonl ARCHIVE.jsonl")
		os.Exit(2)
	}
	run := run
	if mode == "--smtps" {
		run = runSMTPS
	}
	if err := run(args[0], args[1], mode == "--tls", os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "e2e check:", err)
		os.Exit(1)
	}
}

func run(serversPath, archivePath string, tls bool, w io.Writer) error {
	servers, err := readServers(serversPath)
	if err != nil {
		return err
	}
	recs, err := readArchive(archivePath)
	if err != nil {
		return err
	}
	bad := 0
	for _, s := range servers {
		rec, ok := recs[s.Addr]
		verdict := check(s, rec, ok)
		tlsWords := ""
		if tls && verdict == "" {
			tlsWords, verdict = checkTLS(s, rec)
		}
		if verdict != "" {
			bad++
		}
		got := "-"
		if rec.Class != nil {
			got = fmt.Sprintf("%s %q (%s)", rec.Class.Label, rec.Class.Version, rec.Class.Name)
		}
		status := "ok"
		if verdict != "" {
			status = "FAIL: " + verdict
		}
		fmt.Fprintf(w, "%-22s %-12s %-9s %-10s -> %s%s: %s\n", s.Addr, s.Product, s.Version, s.Variant, got, tlsWords, status)
	}
	if bad > 0 {
		return fmt.Errorf("%d of %d servers wrong", bad, len(servers))
	}
	fmt.Fprintf(w, "all %d servers labelled as the product and version they are\n", len(servers))
	return nil
}

// check returns "" when rec is right for s, else what is wrong.
func check(s server, rec transcript.Record, found bool) string {
	switch {
	case !found:
		return "no record in the archive"
	case rec.Outcome != transcript.Greeted:
		return fmt.Sprintf("outcome %s (%s)", rec.Outcome, rec.Error)
	case rec.Class == nil:
		return "not classified"
	}
	// A label ID is an identifier: the product less its dashes.
	if want := strings.ReplaceAll(s.Product, "-", ""); rec.Class.Label != want {
		return fmt.Sprintf("label %s, want %s", rec.Class.Label, want)
	}
	shown := false
	for _, st := range rec.Steps {
		shown = shown || strings.Contains(string(st.Reply), s.Version)
	}
	switch {
	case shown && rec.Class.Version != s.Version:
		return fmt.Sprintf("version %q, want %q (the server shows it)", rec.Class.Version, s.Version)
	case !shown && rec.Class.Version != "" && rec.Class.Version != s.Version:
		return fmt.Sprintf("version %q claimed, the server runs %q", rec.Class.Version, s.Version)
	}
	return ""
}

func readServers(path string) ([]server, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []server
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var s server
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no servers", path)
	}
	return out, sc.Err()
}

// readArchive reads an smtpscan archive (through the pipeline, as every
// command reads one: compressed too) into its records by ADDRESS:PORT.
// A malformed record is an error: smtpscan must write none.
func readArchive(path string) (map[string]transcript.Record, error) {
	in, err := pipeline.Open(path, nil)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	recs := map[string]transcript.Record{}
	err = pipeline.Each(in, func(n int, rec *transcript.Record) error {
		a, err := netip.ParseAddr(rec.Addr)
		if err != nil {
			return &transcript.RecordError{File: in.Name, N: n, Err: err}
		}
		recs[netip.AddrPortFrom(a, uint16(rec.Port)).String()] = rec.Clone()
		return nil
	})
	return recs, err
}
