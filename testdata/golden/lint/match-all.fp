rulebase "lint" version "1"
view raw

label smtp "Some SMTP server"
label qmail "qmail"

/ESMTP/ -> smtp
# Matches the empty string, so every transcript.
/(220)*/ -> smtp
/qmail/ -> qmail
greeting ~ /^220/ -> qmail
default -> smtp
