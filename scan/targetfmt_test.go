package scan

import (
	"fmt"
	"io"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func listOf(t *testing.T, in string, port uint16) string {
	t.Helper()
	l, err := ReadList("in", strings.NewReader(in), port, &Exclusions{AllowPrivate: true})
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprint(l.Targets)
}

// TestTargetFormats: every format users have, the survey's port open.
func TestTargetFormats(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		port     uint16
		want     string
	}{
		{"plain and ipv6", "127.0.0.1\n127.0.0.2:2525\n[::1]:26\n::1\n", 25, "[127.0.0.1:25 127.0.0.2:2525 [::1]:26 [::1]:25]"},
		{"cidr", "127.0.0.0/30\n127.0.1.7/32\n::ffff:127.0.2.0/127\n", 25, "[127.0.0.0:25 127.0.0.1:25 127.0.0.2:25 127.0.0.3:25 127.0.1.7:25 127.0.2.0:25 127.0.2.1:25]"},
		{"cidr v6", "fd00::/126\n", 25, "[[fd00::]:25 [fd00::1]:25 [fd00::2]:25 [fd00::3]:25]"},
		{"zmap csv saddr not first", "daddr,saddr,sport\n127.0.0.9,127.0.0.1,25\n127.0.0.9,127.0.0.2,25\n", 25, "[127.0.0.1:25 127.0.0.2:25]"},
		{"zmap csv saddr first", "saddr,classification\n127.0.0.1,synack\n", 25, "[127.0.0.1:25]"},
		{"masscan -oL", "#masscan\nopen tcp 25 127.0.0.1 1700000000\nopen tcp 80 127.0.0.2 1700000000\nopen udp 25 127.0.0.3 1\nclosed tcp 25 127.0.0.4 1\nopen tcp 25 127.0.0.5 1700000001\n# end\n", 25,
			"[127.0.0.1:25 127.0.0.5:25]"},
		{"masscan -oJ", `[
{   "ip": "127.0.0.1",   "timestamp": "1700000000", "ports": [ {"port": 25, "proto": "tcp", "status": "open", "reason": "syn-ack", "ttl": 64} ] },
{   "ip": "127.0.0.2",   "timestamp": "1700000000", "ports": [ {"port": 587, "proto": "tcp", "status": "open", "reason": "syn-ack", "ttl": 64} ] }
]
`, 25, "[127.0.0.1:25]"},
		// masscan 1.3's layout: the comma before each record but the
		// first on a line of its own (its format strings "[\n", ",\n",
		// "{ ", ..., as the Debian package's binary holds them).
		{"masscan 1.3 -oJ", "[\n" +
			`{   "ip": "127.0.0.1",   "timestamp": "1700000000", "ports": [ {"port": 25, "proto": "tcp", "status": "open", "reason": "syn-ack", "ttl": 64} ] }` + "\n,\n" +
			`{   "ip": "127.0.0.3",   "timestamp": "1700000000", "ports": [ {"port": 25, "proto": "tcp", "status": "open", "reason": "syn-ack", "ttl": 64} ] }` + "\n]\n",
			25, "[127.0.0.1:25 127.0.0.3:25]"},
		{"nmap -oG", "# Nmap 7.94 scan initiated as: nmap -p 25,80 -oG - 127.0.0.0/30\nHost: 127.0.0.1 (localhost)\tStatus: Up\nHost: 127.0.0.1 (localhost)\tPorts: 25/open/tcp//smtp///, 80/closed/tcp//http///\nHost: 127.0.0.2 ()\tPorts: 25/filtered/tcp//smtp///\tIgnored State: closed (998)\nHost: 127.0.0.3 ()\tPorts: 80/open/tcp//http///, 25/open/tcp//smtp///\n# Nmap done\n", 25,
			"[127.0.0.1:25 127.0.0.3:25]"},
		{"nmap -oX", `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" args="nmap -p 25 -oX - 127.0.0.0/30">
<host><status state="up"/><address addr="127.0.0.1" addrtype="ipv4"/><ports><port protocol="tcp" portid="25"><state state="open" reason="syn-ack"/><service name="smtp"/></port></ports></host>
<host><status state="up"/><address addr="127.0.0.2" addrtype="ipv4"/><ports><port protocol="tcp" portid="25"><state state="closed" reason="reset"/></port></ports></host>
<host><status state="up"/><address addr="00:11:22:33:44:55" addrtype="mac"/><address addr="::1" addrtype="ipv6"/><ports><port protocol="tcp" portid="25"><state state="open"/></port></ports></host>
</nmaprun>
`, 25, "[127.0.0.1:25 [::1]:25]"},
		{"other port", "open tcp 587 127.0.0.1 1\nopen tcp 25 127.0.0.2 1\n", 587, "[127.0.0.1:587]"},
		{"range too big", "10.0.0.0/7\n", 25, "error: in:1: range 10.0.0.0/7 has 2^25 addresses; at most 16777216 (a /8) in a target file"},
		{"bad cidr", "127.0.0.1/33\n", 25, `error: in:1: expected ADDRESS, ADDRESS:PORT or CIDR range, found "127.0.0.1/33"`},
		{"bad masscan", "open tcp x 127.0.0.1 1\n", 25, `error: in:1: expected masscan -oL "open tcp PORT ADDRESS TIME", found "open tcp x 127.0.0.1 1"`},
		{"bad xml", "<?xml version=\"1.0\"?>\n<nmaprun>\n<host><address addr=\"nope\" addrtype=\"ipv4\"/><ports><port protocol=\"tcp\" portid=\"25\"><state state=\"open\"/></port></ports></host>\n", 25, `error: in:3: Nmap XML: bad address "nope"`},
	} {
		if got := listOf(t, tt.in, tt.port); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestStreamStartsAtOnce: a Stream yields its first target while the
// producer is still writing, and reads ahead no further than the scanner
// takes targets.
func TestStreamStartsAtOnce(t *testing.T) {
	pr, pw := io.Pipe()
	s := &Stream{Name: "stdin", R: pr, Exclude: &Exclusions{AllowPrivate: true}}
	got := make(chan netip.AddrPort)
	done := make(chan error, 1)
	go func() {
		done <- s.Each(func(t netip.AddrPort) bool { got <- t; return true })
	}()
	fmt.Fprintln(pw, "127.0.0.1")
	select {
	case tg := <-got:
		if tg.String() != "127.0.0.1:25" {
			t.Errorf("got %v", tg)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no target before the producer closed")
	}
	// The consumer does not take the next target yet: a producer of many
	// lines blocks once the read buffer (64 KiB) is full.
	wrote := make(chan int)
	go func() {
		n := 0
		for range 100000 {
			k, err := fmt.Fprintln(pw, "127.0.0.2")
			if err != nil {
				break
			}
			n += k
		}
		wrote <- n
	}()
	select {
	case n := <-wrote:
		t.Fatalf("the producer wrote %d bytes while nothing was taken", n)
	case <-time.After(100 * time.Millisecond):
	}
	pr.CloseWithError(io.ErrClosedPipe)
	<-got
	<-wrote
}
