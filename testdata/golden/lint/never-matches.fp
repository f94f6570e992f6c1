rulebase "lint" version "1"
view raw

label odd "Odd"

# ^ after a byte can never hold: no transcript matches.
/220^ / -> odd
/x/ -> odd
