rulebase "lint" version "1"
view raw

label exim "Exim"
label exim4 "Exim 4"
label sendmail "Sendmail"

/ ESMTP Exim / || help ~ /Exim/ -> exim
# A conjunction holds only where / ESMTP Exim 4/ matches: dead.
/ ESMTP Exim 4/ && !/Debian/ -> exim4
# Both alternatives are covered: dead.
help ~ /Exim 4/ || (/ ESMTP Exim 4\.[0-9]/) -> exim4
# An earlier conjunction covers nothing: alive.
/Sendmail/ && /8\.12/ -> sendmail
/8\.12/ -> sendmail
# Only negations: lint cannot prove anything.
!/Exim/ && !/Sendmail/ -> sendmail
