package scan

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
)

// Target files in the formats users have, read by one function
// (eachTarget) for lists, samples and streams alike. The format is told
// from the content, line by line, so a file needs no flag saying what it
// is:
//
//	192.0.2.1  192.0.2.1:2525  [2001:db8::1]:25  192.0.2.0/24   one a line
//	saddr,...                                ZMap CSV: the saddr column
//	open tcp 25 192.0.2.1 1700000000        masscan -oL
//	{"ip": "192.0.2.1", "ports": [...]},     masscan -oJ (one object a line)
//	Host: 192.0.2.1 ()	Ports: 25/open/tcp//smtp///   Nmap -oG
//	<?xml ...><nmaprun>...                   Nmap -oX (the whole file)
//
// From scanner output only hosts with the survey's port open are taken.
// '#' starts a comment (masscan's and Nmap's headers are comments).

// MaxRange is the most addresses one CIDR range in a target file may
// name: a /8. Bigger ones are random samples' work (-n).
const MaxRange = 1 << 24

// eachTarget calls f with each target of r in order, with its line, until
// f returns false. port is the survey's port: the default of lines
// without one, and the port scanner output must show open.
func eachTarget(name string, r io.Reader, port uint16, f func(t netip.AddrPort, line int) bool) error {
	if err := readTargets(name, r, port, f); err != nil {
		return &InputError{err}
	}
	return nil
}

// InputError is a target input that cannot be used: a line that is no
// target, or a read that failed. It is the input's fault, not the
// survey's, so commands tell it apart (a usage error, however the input
// arrived: a file, or a pipe read as the survey runs).
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func readTargets(name string, r io.Reader, port uint16, f func(t netip.AddrPort, line int) bool) error {
	port = portOr25(port)
	br := bufio.NewReaderSize(r, 64<<10)
	// Look at what the first read brought, without waiting for more: a
	// pipe's first line must be surveyed before its second is written.
	br.Peek(1)
	if head, _ := br.Peek(min(64, br.Buffered())); isXML(head) {
		return eachNmapXML(name, br, port, f)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	p := lineParser{port: port, saddr: -1}
	n := 0
	for sc.Scan() {
		n++
		ts, err := p.parse(sc.Text(), n)
		if err != nil {
			return fmt.Errorf("%s:%d: %v", name, n, err)
		}
		for _, t := range ts {
			if !eachIn(t, func(a netip.AddrPort) bool { return f(a, n) }) {
				return nil
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	return nil
}

// rangeTarget is one line's targets: every address of prefix, at port.
type rangeTarget struct {
	prefix netip.Prefix
	port   uint16
}

func one(a netip.Addr, port uint16) rangeTarget {
	a = a.Unmap()
	return rangeTarget{netip.PrefixFrom(a, a.BitLen()), port}
}

// eachIn calls f with each address of the range, in order.
func eachIn(t rangeTarget, f func(netip.AddrPort) bool) bool {
	for a := t.prefix.Masked().Addr(); a.IsValid() && t.prefix.Contains(a); a = a.Next() {
		if !f(netip.AddrPortFrom(a, t.port)) {
			return false
		}
	}
	return true
}

type lineParser struct {
	port  uint16
	saddr int // ZMap CSV: the column of saddr once a header named it, else -1
}

func (p *lineParser) parse(line string, n int) ([]rangeTarget, error) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	switch {
	case line == "" || line == "[" || line == "]" || line == "]," || line == ",":
		// masscan -oJ's array around its objects, and (masscan 1.3) the
		// comma between them on a line of its own.
		return nil, nil
	case strings.HasPrefix(line, "Host: "):
		return p.nmapGrepable(line)
	case strings.HasPrefix(line, "open ") || strings.HasPrefix(line, "closed "):
		return p.masscanList(line)
	case strings.HasPrefix(line, "{"):
		return p.masscanJSON(line)
	case strings.Contains(line, ","):
		cols := strings.Split(line, ",")
		if p.saddr < 0 {
			for i, c := range cols {
				if c = strings.TrimSpace(c); c == "saddr" || (c == "ip" && n == 1) {
					p.saddr = i // a ZMap CSV header
					return nil, nil
				}
			}
		}
		line = strings.TrimSpace(cols[max(p.saddr, 0)])
	}
	if n == 1 && (line == "saddr" || line == "ip") {
		return nil, nil // a one-column CSV header
	}
	if strings.Contains(line, "/") {
		pf, err := netip.ParsePrefix(line)
		if err != nil || pf.Addr().Zone() != "" {
			return nil, fmt.Errorf("expected ADDRESS, ADDRESS:PORT or CIDR range, found %q", line)
		}
		if bits := pf.Addr().BitLen() - pf.Bits(); bits > 24 {
			return nil, fmt.Errorf("range %s has 2^%d addresses; at most %d (a /8) in a target file", pf, bits, MaxRange)
		}
		if pf.Addr().Is4In6() {
			pf = netip.PrefixFrom(pf.Addr().Unmap(), pf.Bits()-96)
		}
		return []rangeTarget{{pf.Masked(), p.port}}, nil
	}
	t, err := ParseTarget(line, p.port)
	if err != nil {
		return nil, err
	}
	return []rangeTarget{one(t.Addr(), t.Port())}, nil
}

// masscanList reads "open tcp 25 192.0.2.1 1700000000".
func (p *lineParser) masscanList(line string) ([]rangeTarget, error) {
	f := strings.Fields(line)
	if len(f) < 4 {
		return nil, fmt.Errorf("expected masscan -oL \"open tcp PORT ADDRESS TIME\", found %q", line)
	}
	a, err1 := netip.ParseAddr(f[3])
	port, err2 := strconv.ParseUint(f[2], 10, 16)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("expected masscan -oL \"open tcp PORT ADDRESS TIME\", found %q", line)
	}
	if f[0] != "open" || f[1] != "tcp" || uint16(port) != p.port {
		return nil, nil
	}
	return []rangeTarget{one(a, p.port)}, nil
}

// masscanJSON reads one object of masscan -oJ's array.
func (p *lineParser) masscanJSON(line string) ([]rangeTarget, error) {
	var h struct {
		IP    string `json:"ip"`
		Ports []struct {
			Port   int    `json:"port"`
			Proto  string `json:"proto"`
			Status string `json:"status"`
		} `json:"ports"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSuffix(line, ",")), &h); err != nil {
		return nil, fmt.Errorf("expected a masscan -oJ host object: %v", err)
	}
	a, err := netip.ParseAddr(h.IP)
	if err != nil {
		return nil, fmt.Errorf("masscan -oJ host: bad \"ip\" %q", h.IP)
	}
	for _, pt := range h.Ports {
		if pt.Port == int(p.port) && pt.Proto == "tcp" && pt.Status == "open" {
			return []rangeTarget{one(a, p.port)}, nil
		}
	}
	return nil, nil
}

// nmapGrepable reads "Host: 192.0.2.1 (name)\tPorts: 25/open/tcp//smtp///, ...".
func (p *lineParser) nmapGrepable(line string) ([]rangeTarget, error) {
	f := strings.Fields(line)
	a, err := netip.ParseAddr(f[1])
	if err != nil {
		return nil, fmt.Errorf("expected Nmap -oG \"Host: ADDRESS ...\", found %q", line)
	}
	_, ports, ok := strings.Cut(line, "Ports: ")
	if !ok {
		return nil, nil // a "Status: Up" line
	}
	ports, _, _ = strings.Cut(ports, "\t")
	for _, entry := range strings.Split(ports, ",") {
		parts := strings.Split(strings.TrimSpace(entry), "/")
		if len(parts) >= 3 && parts[0] == strconv.Itoa(int(p.port)) && parts[1] == "open" && parts[2] == "tcp" {
			return []rangeTarget{one(a, p.port)}, nil
		}
	}
	return nil, nil
}

func isXML(head []byte) bool {
	head = bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	return bytes.HasPrefix(head, []byte("<?xml")) || bytes.HasPrefix(head, []byte("<nmaprun"))
}

// eachNmapXML reads Nmap -oX host by host, as it arrives.
func eachNmapXML(name string, r io.Reader, port uint16, f func(netip.AddrPort, int) bool) error {
	type host struct {
		Addrs []struct {
			Addr string `xml:"addr,attr"`
			Type string `xml:"addrtype,attr"`
		} `xml:"address"`
		Ports []struct {
			Proto string `xml:"protocol,attr"`
			ID    int    `xml:"portid,attr"`
			State struct {
				State string `xml:"state,attr"`
			} `xml:"state"`
		} `xml:"ports>port"`
	}
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		line, _ := d.InputPos()
		if err != nil {
			return fmt.Errorf("%s:%d: Nmap XML: %v", name, line, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "host" {
			continue
		}
		var h host
		if err := d.DecodeElement(&h, &se); err != nil {
			return fmt.Errorf("%s:%d: Nmap XML: %v", name, line, err)
		}
		open := false
		for _, pt := range h.Ports {
			open = open || (pt.ID == int(port) && pt.Proto == "tcp" && pt.State.State == "open")
		}
		if !open {
			continue
		}
		for _, a := range h.Addrs {
			if a.Type != "ipv4" && a.Type != "ipv6" {
				continue
			}
			ip, err := netip.ParseAddr(a.Addr)
			if err != nil {
				return fmt.Errorf("%s:%d: Nmap XML: bad address %q", name, line, a.Addr)
			}
			if !f(netip.AddrPortFrom(ip.Unmap(), port), line) {
				return nil
			}
			break
		}
	}
}
