package rulestest

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/scan"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/world"
)

// sameProduct maps each product label of rules/djb2001.fp to the labels
// of rules/smtp.fp that name the same software under today's name.
var sameProduct = map[string][]string{
	"qmail":      {"qmail", "netqmail", "notqmail", "sqmail"},
	"ntmail":     {"ntmail"},
	"mercur":     {"mercur"},
	"tfbbs":      {"telefinder"},
	"sims":       {"messagingserver"},
	"stalker":    {"communigate"}, // Stalker Software's server became CommuniGate Pro
	"checkpoint": {"checkpoint"},
	"microsoft":  {"exchange", "iis"}, // the seed's one row is "Exchange or IIS SMTP"
	"mercury":    {"mercury"},
	"imailds":    {"imailds"},
	"letterrip":  {"letterrip"},
	// The post's pattern for its Raptor row is MAILsweeper's banner
	// (" MAILsweeper ESMTP Receiver Version "), so smtp.fp's MAILsweeper
	// is the same software the seed counted there.
	"raptor":          {"raptor", "mailsweeper"},
	"mdaemon":         {"mdaemon"},
	"mailsite":        {"mailsite"},
	"james":           {"james"},
	"vopmail":         {"vopmail"},
	"firstclass":      {"firstclass"},
	"imail":           {"imail"},
	"groupwise":       {"groupwise"},
	"worldmail":       {"worldmail"},
	"pmdf":            {"pmdf"},
	"lotusdomino":     {"domino"},
	"smap":            {"smap"},
	"winroute":        {"winroute"},
	"dmail":           {"dmail"},
	"argosoft":        {"argosoft"},
	"sendmail":        {"sendmail"},
	"postfix":         {"postfix"},
	"netscape":        {"messagingserver"}, // Netscape's server, the Novonyx port included, became iPlanet's, Sun's, Oracle's
	"slmail":          {"slmail"},
	"analogx":         {"analogx"},
	"vpop3":           {"vpop3"},
	"ims":             {"ims"},
	"mailmax":         {"mailmax"},
	"sendmailwindows": {"sendmailnt"},
	"ucx":             {"ucx"},
	"mailshield":      {"mailshield"},
	"postoffice":      {"postoffice"},
	"exim":            {"exim"},
	"norton":          {"norton"},
	"smail":           {"smail"},
	"obtuse":          {"obtuse"},
}

// notProducts are the djb2001 labels that name no software: unknown
// banners the seed quoted, failures, and its default.
var notProducts = map[string]bool{"hines": true, "pleaselogin": true, "howdoareyou": true, "stars": true,
	"http": true, "failed554": true, "notsure": true}

// TestIssue9World2001Agreement surveys the simulated 2001 Internet as
// `smtpscan --simulate djb2001` does (1,000,000 addresses, seed 1, world
// seed 2001) and classifies every greeted record with both rulebases:
// where rules/djb2001.fp names a product, rules/smtp.fp must name the same
// one (by sameProduct) for at least 95% of the records.
func TestIssue9World2001Agreement(t *testing.T) {
	djb, err := rulebase.Load("../rules/djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	smtp := loadSMTP(t)
	w := world.DJB2001(2001)
	s := &scan.Scanner{Dialer: w, Resolver: w, RequirePTR: true, Concurrency: 64, DNSConcurrency: 8,
		Dialogue: scan.Standard("survey.example", "")}
	var out scan.Records
	if _, err := s.Run(context.Background(), &scan.Random{N: 1000000, Seed: 1}, &out); err != nil {
		t.Fatal(err)
	}
	products, agree := 0, 0
	misses := map[string]int{}
	for _, r := range out.All() {
		if r.Outcome != transcript.Greeted {
			continue
		}
		old := classify(djb, *r)
		if notProducts[old.Label] {
			continue
		}
		want, ok := sameProduct[old.Label]
		if !ok {
			t.Fatalf("djb2001 label %q is in neither sameProduct nor notProducts", old.Label)
		}
		products++
		got := classify(smtp, *r)
		hit := false
		for _, l := range want {
			hit = hit || got.Label == l
		}
		if hit {
			agree++
		} else {
			misses[old.Label+" -> "+got.Label]++
		}
	}
	if products < 800 {
		t.Fatalf("only %d records with a djb2001 product; the world has changed", products)
	}
	share := float64(agree) / float64(products)
	t.Logf("2001 world: rules/smtp.fp names the djb2001 product for %d of %d records (%.1f%%)", agree, products, 100*share)
	var ms []string
	for k, n := range misses {
		ms = append(ms, k+" ("+strconv.Itoa(n)+")")
	}
	sort.Strings(ms)
	if len(ms) > 0 {
		t.Logf("differ: %s", strings.Join(ms, ", "))
	}
	if share < 0.95 {
		t.Errorf("agreement %.1f%%, want at least 95%%", 100*share)
	}
}
