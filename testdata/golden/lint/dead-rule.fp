rulebase "lint" version "1"
view raw

label sendmail "Sendmail"
label sendmail8 "Sendmail 8"

/ ESMTP Sendmail / -> sendmail
# Never wins: every transcript with " ESMTP Sendmail 8." has " ESMTP Sendmail ".
/ ESMTP Sendmail 8\./ -> sendmail8
