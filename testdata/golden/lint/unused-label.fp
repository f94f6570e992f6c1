rulebase "lint" version "1"
view raw

label used "Used"
label unused "Never given"

/220/ -> used
