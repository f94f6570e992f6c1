module github.com/smtpfp/smtpfp

go 1.26.8
