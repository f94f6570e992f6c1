package pipeline

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// DialogueNmap marks a record made from Nmap's XML output (-oX, with
// -sV and the banner and smtp-commands scripts). It is partial and
// lossy: the banner is one line as the script printed it, the EHLO reply
// is rebuilt from the keyword list (code 250 assumed), HELP's text comes
// from smtp-commands when the server answered it, and there is no HELO,
// MAIL, VRFY or QUIT reply, so a rule that needs one does not hold.
const DialogueNmap = "nmap/banner+smtp-commands"

type nmapHost struct {
	Start   int64 `xml:"starttime,attr"`
	Address []struct {
		Addr string `xml:"addr,attr"`
		Type string `xml:"addrtype,attr"`
	} `xml:"address"`
	Ports []struct {
		Protocol string `xml:"protocol,attr"`
		Port     int    `xml:"portid,attr"`
		State    struct {
			State string `xml:"state,attr"`
		} `xml:"state"`
		Scripts []struct {
			ID     string `xml:"id,attr"`
			Output string `xml:"output,attr"`
		} `xml:"script"`
	} `xml:"ports>port"`
}

// nmapRecords turns Nmap's XML into archive lines, one per TCP port of
// each host, as the XML arrives.
func nmapRecords(name string, r io.Reader) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		w := transcript.NewWriter(pw)
		dec := xml.NewDecoder(r)
		var start int64
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				pw.Close()
				return
			}
			if err != nil {
				pw.CloseWithError(fmt.Errorf("reading Nmap XML: %v", err))
				return
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			switch se.Name.Local {
			case "nmaprun":
				for _, a := range se.Attr {
					if a.Name.Local == "start" {
						start, _ = strconv.ParseInt(a.Value, 10, 64)
					}
				}
			case "host":
				var h nmapHost
				if err := dec.DecodeElement(&h, &se); err != nil {
					pw.CloseWithError(fmt.Errorf("reading Nmap XML: %v", err))
					return
				}
				for _, rec := range nmapHostRecords(&h, start) {
					if err := w.Write(&rec); err != nil {
						return // the reader has gone
					}
				}
			}
		}
	}()
	return pr
}

func nmapHostRecords(h *nmapHost, start int64) []transcript.Record {
	addr := ""
	for _, a := range h.Address {
		if a.Type == "ipv4" || a.Type == "ipv6" {
			addr = a.Addr
			break
		}
	}
	if addr == "" {
		return nil
	}
	when := h.Start
	if when == 0 {
		when = start
	}
	var out []transcript.Record
	for _, p := range h.Ports {
		if p.Protocol != "tcp" {
			continue
		}
		rec := transcript.Record{Addr: addr, Port: p.Port, Dialogue: DialogueNmap}
		if when > 0 {
			rec.Time = time.Unix(when, 0).UTC()
		}
		if rec.Port == 25 {
			rec.Port = 0
		}
		var banner, commands string
		hasBanner := false
		for _, s := range p.Scripts {
			switch s.ID {
			case "banner":
				banner, hasBanner = s.Output, true
			case "smtp-commands":
				commands = s.Output
			}
		}
		switch p.State.State {
		case "open":
			if !hasBanner {
				rec.Outcome = transcript.NoGreeting
				break
			}
			greeting := nmapUnescape(strings.ReplaceAll(banner, "\n", "")) + "\r\n"
			rec.Steps = append(rec.Steps, transcript.Step{Reply: []byte(greeting)})
			rec.Code = transcript.ReplyCode(rec.Steps[0].Reply)
			rec.Outcome = transcript.Greeted
			if rec.Code/100 != 2 && rec.Code != 554 {
				rec.Outcome = transcript.Rejected
				break
			}
			if commands != "" {
				ehlo, help, _ := strings.Cut(commands, "\n")
				var b strings.Builder
				kws := strings.Split(ehlo, ", ")
				for i, k := range kws {
					sep := "-"
					if i == len(kws)-1 {
						sep = " "
					}
					b.WriteString("250" + sep + k + "\r\n")
				}
				rec.Steps = append(rec.Steps, transcript.Step{Cmd: "EHLO", Reply: []byte(b.String())})
				if help = strings.TrimSpace(help); help != "" {
					rec.Steps = append(rec.Steps, transcript.Step{Cmd: "HELP", Reply: []byte("214 " + help + "\r\n")})
				}
			}
		case "closed":
			rec.Outcome = transcript.Refused
		case "filtered", "open|filtered":
			rec.Outcome = transcript.TimedOut
		default:
			rec.Outcome, rec.Error = transcript.Failed, "nmap: port "+p.State.State
		}
		out = append(out, rec)
	}
	return out
}

// nmapUnescape undoes the \xNN escapes Nmap's scripts print for bytes
// that are not printable.
func nmapUnescape(s string) string {
	if !strings.Contains(s, `\x`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' {
			if v, err := strconv.ParseUint(s[i+2:i+4], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
