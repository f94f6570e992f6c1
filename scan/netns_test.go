package scan

import (
	"context"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The outcomes only a router can produce (host and network unreachable,
// protocol not available) come from ICMP errors. As root, with ip(8) and
// nft(8), this test makes a network namespace of its own whose firewall
// rejects SYNs to loopback addresses with each ICMP code, and runs the
// scanner inside it. Elsewhere it skips. It never leaves 127.0.0.0/8,
// and the namespace is deleted at the end.
const netnsRules = `table inet smtpfp {
  chain out {
    type filter hook output priority 0; policy accept;
    ip daddr 127.0.0.2 tcp dport 25 reject with icmp type host-unreachable
    ip daddr 127.0.0.3 tcp dport 25 reject with icmp type net-unreachable
    ip daddr 127.0.0.4 tcp dport 25 reject with icmp type prot-unreachable
    ip daddr 127.0.0.5 tcp dport 25 reject with icmp type admin-prohibited
    ip daddr 127.0.0.6 tcp dport 25 reject with icmp type port-unreachable
    ip daddr 127.0.0.7 tcp dport 25 drop
  }
}
`

func TestNetnsICMP(t *testing.T) {
	if os.Getenv("SCAN_NETNS_CHILD") == "1" {
		netnsChild()
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root for a network namespace")
	}
	for _, tool := range []string{"ip", "nft"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s (Debian packages iproute2 and nftables)", tool)
		}
	}
	ns := fmt.Sprintf("smtpfp-test-%d", os.Getpid())
	if out, err := exec.Command("ip", "netns", "add", ns).CombinedOutput(); err != nil {
		t.Skipf("cannot make a network namespace: %v: %s", err, out)
	}
	defer exec.Command("ip", "netns", "del", ns).Run()
	if out, err := exec.Command("ip", "-n", ns, "link", "set", "lo", "up").CombinedOutput(); err != nil {
		t.Fatalf("lo up: %v: %s", err, out)
	}
	nft := exec.Command("ip", "netns", "exec", ns, "nft", "-f", "-")
	nft.Stdin = strings.NewReader(netnsRules)
	if out, err := nft.CombinedOutput(); err != nil {
		t.Skipf("nft in the namespace: %v: %s", err, out)
	}
	child := exec.Command("ip", "netns", "exec", ns, os.Args[0], "-test.run=^TestNetnsICMP$")
	child.Env = append(os.Environ(), "SCAN_NETNS_CHILD=1")
	out, err := child.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v: %s", err, out)
	}
	want := `127.0.0.2 host-unreachable
127.0.0.3 net-unreachable
127.0.0.4 proto-unavailable
127.0.0.5 host-unreachable
127.0.0.6 refused
127.0.0.7 timeout
127.0.0.8 refused
`
	if g := strings.TrimSuffix(string(out), "PASS\n"); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
}

func netnsChild() {
	s := testScanner()
	s.Limits.Connect = 300 * time.Millisecond // the dropped SYN times out quickly
	for i := 2; i <= 8; i++ {
		ap := netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, byte(i)}), 25)
		rec, err := s.Scan(context.Background(), ap)
		if err != nil {
			fmt.Println(ap.Addr(), err)
			continue
		}
		fmt.Println(ap.Addr(), rec.Outcome)
	}
}
