rulebase "lint" version "1"
view raw

label b "B"
label c "C"
label either "B or C"

/220 B/ -> b
/220 C/ -> c
# Dead only because of both rules above together.
/220 [BC]/ -> either
# Alive: "220 D" is won by no earlier rule.
/220 [BCD]/ -> either
