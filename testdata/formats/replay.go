//go:build ignore

// replay serves, on a loopback port, the replies of one recorded
// transcript (an archive record) to whoever connects: the greeting, then
// for each command the reply recorded for its verb (502 for a verb the
// record lacks). The ZGrab2 and Nmap samples beside it were captured
// against it (see README.md):
//
//	go run testdata/formats/replay.go -listen 127.0.0.1:2525 testdata/transcripts/real/postfix-default.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"log"
	"net"
	"os"
	"strings"

	"github.com/smtpfp/smtpfp/transcript"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:2525", "loopback address to serve on")
	flag.Parse()
	b, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	var rec transcript.Record
	if err := json.Unmarshal([]byte(strings.SplitN(string(b), "\n", 2)[0]), &rec); err != nil {
		log.Fatal(err)
	}
	replies := map[string][]byte{}
	for _, s := range rec.Steps {
		verb, _, _ := strings.Cut(s.Cmd, " ")
		replies[strings.ToUpper(verb)] = s.Reply
	}
	host, _, _ := net.SplitHostPort(*listen)
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		log.Fatal("loopback only")
	}
	l, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	for {
		c, err := l.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go func() {
			defer c.Close()
			c.Write(replies[""])
			br := bufio.NewReader(c)
			for {
				line, err := br.ReadString('\n')
				if err != nil {
					return
				}
				verb, _, _ := strings.Cut(strings.TrimSpace(line), " ")
				verb = strings.ToUpper(verb)
				r, ok := replies[verb]
				if !ok {
					r = []byte("502 5.5.2 Error: command not recognized\r\n")
				}
				c.Write(r)
				if verb == "QUIT" {
					return
				}
			}
		}()
	}
}
