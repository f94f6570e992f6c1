// Command gosmtp is a minimal SMTP server on github.com/emersion/go-smtp,
// set up as that module's README sets up its example server, minus AUTH:
// it accepts every sender and recipient and drops each message.
//
//	gosmtp -addr 127.0.0.1:2543 -domain mx.example
//
// go-smtp's greeting is always "220 DOMAIN ESMTP Service Ready": -domain is
// the only part an operator can change. It lives in a module of its own so
// that the smtpfp module does not depend on go-smtp.
package main

import (
	"flag"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/emersion/go-smtp"
)

type backend struct{}

func (backend) NewSession(*smtp.Conn) (smtp.Session, error) { return session{}, nil }

type session struct{}

func (session) Mail(string, *smtp.MailOptions) error { return nil }
func (session) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (session) Data(r io.Reader) error {
	_, err := io.Copy(io.Discard, r)
	return err
}
func (session) Reset()        {}
func (session) Logout() error { return nil }

func main() {
	addr := flag.String("addr", "127.0.0.1:2543", "address to listen on")
	host, _ := os.Hostname()
	domain := flag.String("domain", host, "domain in the greeting and EHLO reply")
	flag.Parse()

	s := smtp.NewServer(backend{})
	s.Addr = *addr
	s.Domain = *domain
	s.ReadTimeout = 10 * time.Second
	s.WriteTimeout = 10 * time.Second
	s.MaxMessageBytes = 1024 * 1024
	s.MaxRecipients = 50

	go func() {
		c := make(chan os.Signal, 1)
		signal.Notify(c, syscall.SIGTERM, syscall.SIGINT)
		<-c
		s.Close()
	}()
	log.Printf("gosmtp: listening on %s", s.Addr)
	if err := s.ListenAndServe(); err != nil && err != smtp.ErrServerClosed {
		log.Fatal(err)
	}
}
