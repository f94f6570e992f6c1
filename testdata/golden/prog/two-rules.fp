rulebase "two" version "1"
view raw
label sendmail "Sendmail" os unix
label nt "Sendmail" os windows
/ Sendmail for NT / -> nt
greeting ~ /^220 .* ESMTP Sendmail ([0-9.]+)/ && !(help ~ /NT/) -> sendmail version $1
